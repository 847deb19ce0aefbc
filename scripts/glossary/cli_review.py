"""The commands that help a writer finish a change and a reviewer read it: `diff` (between exports or Git
revisions), `explain` (a diagnostic code, from docs/diagnostics.md), and the `--fix` of `links`.

Like `cli`, this module only turns options into calls and prints what comes back; `cli` adds its commands
to the `glossary` group.
"""

from __future__ import annotations

import inspect
import json
import re
import tempfile
from pathlib import Path
from typing import Any

import click

from glossary.cli_support import project_here as _project
from glossary.cli_support import stop as _stop
from glossary.config import ConfigError, Project
from glossary.diagnostics import CODES

DIAGNOSTICS_DOC = Path("docs") / "diagnostics.md"
EXAMPLES = {  # one for each command, shown at the end of its --help
    "lint": "glossary lint --strict content/terms/gpu.md",
    "links": "glossary links --fix --dry-run",
    "export": "glossary export --out public/glossary --base-url https://example.org/glossary/",
    "build": "glossary build --strict",
    "site": "glossary site --out public --base-url https://example.org/glossary/",
    "preview": "glossary preview   (then open http://127.0.0.1:8000/ and edit a term)",
    "diff": "glossary diff main",
    "fmt": "glossary fmt --check",
    "rename": 'glossary rename quantisation model-quantisation --title "Model Quantisation"',
    "new": 'glossary new "Edge Inference" --category infrastructure',
    "explain": "glossary explain GL006",
    "schema": "glossary schema --export",
    "editor-config": "glossary editor-config --kind vscode-tasks --out .vscode/tasks.json",
    "sync": "glossary sync https://example.org/glossary/ mirror/",
    "lsp": "glossary lsp   (an editor starts it; see docs/editor.md)",
}


def add_review_commands(group: click.Group) -> None:
    """Add `diff` and `explain` to the group, and an example to the end of every command's help."""
    group.add_command(diff)
    group.add_command(explain)
    for name, command in group.commands.items():
        example = EXAMPLES.get(name)
        if example is not None and command.help is not None:
            command.help = f"{inspect.cleandoc(command.help)}\n\n\b\nExample:\n  {example}"


def fix_links(project: Project, content: Path, dry_run: bool) -> int:
    """`glossary links --fix`: add the missing back-links, or with --dry-run show them; the exit code."""
    from glossary.authoring.backlinks import apply_backlinks, plan_backlinks

    try:
        plan = plan_backlinks(project.root, content, project.schema.absolute(), project.disabled)
    except ConfigError as error:
        _stop(f"glossary: {error}", 2)
    files = len(plan.changes)
    if dry_run:
        click.echo(plan.diff(), nl=False)
        failed: list[str] = []
    else:
        failed = apply_backlinks(plan)
    for line in plan.refused + failed:
        click.echo(line, err=True)
    done = files - len(failed)
    click.echo(f"would add {plan.count()} back-links in {files} files; nothing was written" if dry_run
               else f"added {plan.count()} back-links in {done} files", err=True)
    return 1 if plan.refused or failed else 0


@click.command()
@click.argument("old")
@click.argument("new", required=False)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="How to print the changes (markdown: for a job summary).")
@click.option("--include-drafts", is_flag=True, help="Build Git revisions and the working tree with their drafts.")
def diff(old: str, new: str | None, output_format: str, include_drafts: bool) -> None:
    """Say what changed from OLD to NEW: the terms added, removed and renamed, and each changed term's fields.

    OLD and NEW are each an export (a folder, its glossary.json or its index.json) or a Git revision (a
    branch, tag or commit), which is exported with this tool into a temporary folder. Without NEW, OLD
    is compared with the terms as they are now. Exit 0; 1 if a side's glossary does not export (lint
    finds errors there); 2 if a side is neither an export nor a revision.
    """
    from glossary.export.changes import (
        UnreadableExport,
        bundle_path,
        hashes_of,
        read_bundle,
    )
    from glossary.export.review import review
    from glossary.export.revisions import (
        RevisionError,
        export_folder,
        export_revision,
        is_revision,
    )

    project = _project()
    with tempfile.TemporaryDirectory(prefix="glossary-diff-") as folder:
        bundles: list[Any] = []
        for number, name in enumerate((old, new)):
            where = Path(folder) / str(number)
            try:
                if name is None:
                    built = export_folder(project.root, project.export_schema, where / "dist", include_drafts,
                                          "the working tree")
                elif Path(name).exists():
                    built = Path(name)
                elif is_revision(project.root, name):
                    built = export_revision(project, name, where, include_drafts)
                else:
                    raise click.UsageError(f"{name!r} is neither an export (a folder, or its glossary.json) nor a "
                                           "Git revision of this repository")
                bundles.append(read_bundle(built))
                hashes_of(bundles[-1], bundle_path(built))  # refuses what is not an export
            except UnreadableExport as error:
                raise click.UsageError(str(error)) from None
            except RevisionError as error:
                _stop(f"glossary: {error}", 1)
    changes = review(*bundles)
    if output_format == "json":
        click.echo(json.dumps(changes.as_dict(), indent=2))
    else:
        click.echo(changes.markdown() if output_format == "markdown" else changes.text(), nl=False)


@click.command()
@click.argument("code")
def explain(code: str) -> None:
    """Print what the diagnostic CODE means and how to fix it, from docs/diagnostics.md.
    """
    from glossary.check.suggest import did_you_mean

    wanted = code.strip().upper()
    if wanted not in CODES:
        raise click.UsageError(f"there is no code {code!r}{did_you_mean(wanted, CODES)}; the codes are listed in "
                               f"{DIAGNOSTICS_DOC.as_posix()}")
    entry = CODES[wanted]
    row = _documented(wanted)
    lines = [f"{wanted} ({entry.severity}): {entry.title}"]
    if row is not None:
        lines += [f"What is wrong: {row[0]}", f"How to fix it: {row[1]}"]
    lines.append(f"More: {DIAGNOSTICS_DOC.as_posix()}" + (", docs/quality.md" if wanted.startswith("GL3") else ""))
    click.echo("\n".join(lines))


def _documented(code: str) -> tuple[str, str] | None:
    """The code's row of the diagnostics guide (what is wrong, how to fix it): in the project, or beside the
    tool's own source; None if neither has it."""
    for root in (_project().root, Path(__file__).resolve().parents[2]):
        try:
            text = (root / DIAGNOSTICS_DOC).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for line in text.splitlines():
            if line.startswith(f"| {code} |"):
                cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
                if len(cells) >= 4:
                    return cells[2], cells[3]
    return None
