"""A Git revision's glossary, exported by this tool: what `glossary diff main` compares.

The revision's files are taken with `git archive` (the working tree and the index are never touched) into
a temporary folder, and exported there as `glossary export` would, with the revision's own settings and
term schema but this tool's export schema, so that both sides of a comparison are built the same way.
Only the project's folder is taken when it sits inside a larger repository.
"""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from glossary.config import ConfigError, Project, load_project
from glossary.export import ExportFailed
from glossary.export.job import ExportSettings, run_export
from glossary.lint.job import LintSettings


class RevisionError(Exception):
    """The revision cannot be read, or its glossary cannot be exported; the message says why."""


def git_top(folder: Path) -> Path | None:
    """The top of the Git working tree holding `folder`, or None outside one (or without git)."""
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True, text=True,
                              check=False)
    except OSError:
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def is_revision(folder: Path, name: str) -> bool:
    """Whether `name` names a commit in the repository holding `folder` (a branch, tag, SHA, HEAD~1...)."""
    if name.startswith("-") or git_top(folder) is None:
        return False
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"],
                          cwd=folder, capture_output=True, check=False)
    return done.returncode == 0


def export_revision(project: Project, revision: str, into: Path, include_drafts: bool = False) -> Path:
    """Export the glossary as it is at `revision` into `into`/dist; the export folder."""
    top = git_top(project.root)
    if top is None:
        raise RevisionError(f"{project.root} is not in a Git repository, so {revision!r} cannot be read")
    prefix = project.root.resolve().relative_to(top.resolve()).as_posix()
    checkout = into / "checkout"
    _archive(top, revision, "" if prefix == "." else prefix, checkout)
    return export_folder(checkout / prefix if prefix != "." else checkout, project.export_schema, into / "dist",
                         include_drafts, revision, cache=False)


def export_folder(root: Path, export_schema: Path, out: Path, include_drafts: bool, label: str,
                  cache: bool = True) -> Path:
    """Export the project at `root` (with its own settings, and `export_schema`) to `out`; `out`."""
    try:
        there = load_project(root)
        lint = LintSettings(root=root, content=there.content, schema=there.schema, disabled=there.disabled,
                            cache=cache)
        result = run_export(ExportSettings(lint, out, export_schema, include_drafts, "", there.name))
    except (ConfigError, ExportFailed) as error:
        raise RevisionError(f"{label}: {error}") from None
    if not result.written:
        errors = [d for d in result.lint.diagnostics if d.severity == "error"]
        first = f"; the first: {errors[0].path}:{errors[0].line}:{errors[0].column} {errors[0].code} " \
                f"{errors[0].message}" if errors else ""
        raise RevisionError(f"the glossary in {label} does not export: lint finds {len(errors)} errors there{first}")
    return out


def _archive(top: Path, revision: str, prefix: str, into: Path) -> None:
    """Write the revision's files (under `prefix`) into a folder: regular files only, never outside it."""
    into.mkdir(parents=True)
    command = ["git", "archive", "--format=tar", revision, *(["--", prefix] if prefix else [])]
    with subprocess.Popen(command, cwd=top, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as git:
        assert git.stdout is not None and git.stderr is not None
        try:
            with tarfile.open(fileobj=git.stdout, mode="r|") as archive:
                for member in archive:
                    name = PurePosixPath(member.name)
                    if not member.isfile() or name.is_absolute() or ".." in name.parts:
                        continue  # links and anything odd: a term file that is a link is reported by lint anyway
                    target = into.joinpath(*name.parts)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = archive.extractfile(member)
                    if source is not None:
                        with open(target, "wb") as written:
                            shutil.copyfileobj(source, written)
        except tarfile.TarError:
            pass  # git failed, and says why below
        problem = git.stderr.read().decode("utf-8", errors="replace").strip()
    if git.returncode != 0:
        raise RevisionError(f"git archive {revision} failed: {problem or 'no reason given'}")
