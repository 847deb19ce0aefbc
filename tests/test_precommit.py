"""The pre-commit hooks, run for real: a good commit passes, a bad one is refused with file:line:column.

pre-commit installs the hook repository with `pip install .` into a virtualenv of its own, so this needs
PyPI (for setuptools and the tool's dependencies) once per test session; PRE_COMMIT_HOME is a temporary
folder, so nothing outside it is touched. The hook repository is a snapshot of this working tree (the
files `pip install .` needs, and .pre-commit-hooks.yaml) committed to a temporary Git repository, so the
hooks tested are the ones in this tree, not the last tagged ones.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, Project, term
from glossary.cli import main

HOOKS = REPO / ".pre-commit-hooks.yaml"
CONFIG = REPO / ".pre-commit-config.yaml"
HAS_PRE_COMMIT = importlib.util.find_spec("pre_commit") is not None
needs_pre_commit = pytest.mark.skipif(not HAS_PRE_COMMIT,
                                      reason="pre-commit is not installed: pip install -e '.[test]'")


def manifest() -> dict[str, dict[str, Any]]:
    hooks: list[dict[str, Any]] = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in hooks}


def test_hooks_run_real_commands_on_term_files() -> None:
    hooks = manifest()
    assert sorted(hooks) == ["glossary-fmt", "glossary-lint", "glossary-lint-all"]
    for hook in hooks.values():
        program, command = hook["entry"].split()
        assert program == "glossary" and command in main.commands, hook["id"]
        assert hook["language"] == "python"  # pre-commit then installs this repository itself
    for changed_only in ("glossary-lint", "glossary-fmt"):
        assert hooks[changed_only].get("pass_filenames", True), "only the changed files are passed"
        assert not hooks[changed_only].get("always_run", False)
    # Every term, on every commit: a commit that only deletes a term passes pre-commit no file at all.
    assert hooks["glossary-lint-all"]["pass_filenames"] is False and hooks["glossary-lint-all"]["always_run"] is True
    for lint in ("glossary-lint", "glossary-lint-all"):
        assert hooks[lint]["require_serial"] is True  # each run reads the whole content folder


def test_lint_is_passed_any_changed_file_in_the_content_folder() -> None:
    """A term saved as `.MD` or `.markdown` reaches lint, which reports it (GL202); fmt takes only `.md`."""
    lint_files = re.compile(manifest()["glossary-lint"]["files"])
    fmt_files = re.compile(manifest()["glossary-fmt"]["files"])
    for name in ("content/terms/edge.md", "content/terms/edge.MD", "content/terms/edge.markdown"):
        assert lint_files.search(name), name
    assert not lint_files.search("content/notes.md") and not lint_files.search("README.md")
    assert fmt_files.search("content/terms/edge.md") and not fmt_files.search("content/terms/edge.MD")


def test_this_repositorys_commit_runs_the_pull_requests_check_before_fmt() -> None:
    """Every term, warnings as errors (as the pull request), and fmt only once lint has passed."""
    config = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))
    [local] = config["repos"]
    lint, fmt = local["hooks"]
    assert (lint["id"], fmt["id"]) == ("glossary-lint-all", "glossary-fmt")
    assert lint["args"] == ["--strict"] and lint["fail_fast"] is True
    assert "--strict" in (REPO / ".github" / "workflows" / "lint.yml").read_text(encoding="utf-8")
    major, minor, *_ = (int(part) for part in config["minimum_pre_commit_version"].split("."))
    assert (major, minor) >= (3, 7)  # a hook's own fail_fast stops only on that hook's failure from 3.7


def test_this_repositorys_config_runs_the_same_hooks() -> None:
    [local] = yaml.safe_load(CONFIG.read_text(encoding="utf-8"))["repos"]
    assert local["repo"] == "local"
    published = manifest()
    for hook in local["hooks"]:
        for key in ("entry", "files", "name"):
            assert hook[key] == published[hook["id"]][key], (hook["id"], key)


@dataclass
class Sandbox:
    """Where the hook repository, the pre-commit cache and the Git settings of these tests live."""

    hooks: Path
    rev: str
    env: dict[str, str]


def git(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
                          check=False)


def snapshot_of_this_tree(target: Path) -> None:
    """What `pip install .` and pre-commit need from this working tree, and nothing else."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy(REPO / name, target / name)
    shutil.copytree(REPO / "scripts" / "glossary", target / "scripts" / "glossary",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    if not HAS_PRE_COMMIT:
        pytest.skip("pre-commit is not installed: pip install -e '.[test]'")
    root = tmp_path_factory.mktemp("pre-commit")
    (root / "gitconfig").write_text("[user]\n\tname = Test Writer\n\temail = writer@example.com\n"
                                    "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(root / "cache"), "GIT_CONFIG_GLOBAL": str(root / "gitconfig"),
           "GIT_CONFIG_NOSYSTEM": "1", "PRE_COMMIT_COLOR": "never"}
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "PRE_COMMIT"):  # as when pytest runs in a hook
        env.pop(name, None)
    hooks = root / "hooks"
    snapshot_of_this_tree(hooks)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hooks"]):
        assert git(hooks, env, *args).returncode == 0
    yield Sandbox(hooks, git(hooks, env, "rev-parse", "HEAD").stdout.strip(), env)


def glossary_repository(where: Path, sandbox: Sandbox, *hooks: str) -> Project:
    """A tiny glossary project in a new Git repository, with the hooks installed (glossary-lint by default)."""
    project = Project(where)
    chosen = [{"id": hook} for hook in hooks or ("glossary-lint",)]
    config = {"repos": [{"repo": str(sandbox.hooks), "rev": sandbox.rev, "hooks": chosen}]}
    (where / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    assert git(where, sandbox.env, "init", "-q").returncode == 0
    done = subprocess.run([sys.executable, "-m", "pre_commit", "install", "--install-hooks"], cwd=where,
                          env=sandbox.env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return project


def commit(project: Project, sandbox: Sandbox, message: str) -> tuple[int, str]:
    """Stage everything and commit: Git's exit code, and what Git and the hooks printed."""
    assert git(project.root, sandbox.env, "add", "-A").returncode == 0
    done = git(project.root, sandbox.env, "commit", "-m", message)
    return done.returncode, done.stdout + done.stderr


@needs_pre_commit
def test_a_good_commit_passes_and_a_bad_one_is_refused(tmp_path: Path, sandbox: Sandbox) -> None:
    project = glossary_repository(tmp_path, sandbox)
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    code, output = commit(project, sandbox, "two terms")
    assert code == 0, output
    assert "glossary lint" in output and "Passed" in output

    project.write("gamma.md", term("gamma", related="[alpha, betta]"))
    code, output = commit(project, sandbox, "a term with a broken link")
    assert code != 0
    assert "glossary lint" in output and "Failed" in output
    assert "content/terms/gamma.md:6:18: error GL210 related term 'betta' does not exist" in output
    assert "did you mean 'beta'?" in output
    log = git(project.root, sandbox.env, "log", "--format=%s").stdout.splitlines()
    assert log == ["two terms"]  # the bad commit was not made


@needs_pre_commit
def test_only_changed_term_files_are_passed(tmp_path: Path, sandbox: Sandbox) -> None:
    project = glossary_repository(tmp_path, sandbox)
    project.write("alpha.md", term("alpha"))
    (tmp_path / "notes.md").write_text("---\nnot: a term\n---\n", encoding="utf-8")  # outside content/terms
    code, output = commit(project, sandbox, "a term and notes")
    assert code == 0 and "Passed" in output, output
    (tmp_path / "notes.md").write_text("---\nstill: not a term\n---\n", encoding="utf-8")
    code, output = commit(project, sandbox, "notes only")
    assert code == 0, output
    assert "(no files to check)Skipped" in output.replace(".", "")


@needs_pre_commit
def test_fmt_rewrites_the_front_matter_and_the_next_commit_passes(tmp_path: Path, sandbox: Sandbox) -> None:
    project = glossary_repository(tmp_path, sandbox, "glossary-fmt", "glossary-lint")
    project.write("alpha.md", term("alpha", related="[gamma, beta]"))  # flow style, not sorted
    project.write("beta.md", term("beta", related="[alpha]"))
    project.write("gamma.md", term("gamma", related="[alpha]"))
    before = (project.content / "alpha.md").read_text(encoding="utf-8")
    code, output = commit(project, sandbox, "unformatted terms")
    assert code != 0 and "files were modified by this hook" in output, output
    assert (project.content / "alpha.md").read_text(encoding="utf-8") != before
    code, output = commit(project, sandbox, "formatted terms")  # what a writer does next: add, commit again
    assert code == 0, output
    assert output.count("Passed") == 2


@needs_pre_commit
def test_lint_all_refuses_a_commit_that_only_deletes_a_linked_term(tmp_path: Path, sandbox: Sandbox) -> None:
    project = glossary_repository(tmp_path, sandbox, "glossary-lint-all")
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    code, output = commit(project, sandbox, "two terms")
    assert code == 0, output
    (project.content / "beta.md").unlink()  # the commit holds no term file, only a deletion
    code, output = commit(project, sandbox, "delete beta")
    assert code != 0, output
    assert "content/terms/alpha.md:6:11: error GL210 related term 'beta' does not exist" in output


needs_glossary = pytest.mark.skipif(shutil.which("glossary") is None,
                                    reason="this repository's hooks run the installed glossary command")


def this_repositorys_hooks(where: Path, sandbox: Sandbox) -> Project:
    """A tiny glossary project in a new Git repository, with this repository's own .pre-commit-config.yaml."""
    project = Project(where)
    shutil.copy(CONFIG, where / ".pre-commit-config.yaml")
    assert git(where, sandbox.env, "init", "-q").returncode == 0
    done = subprocess.run([sys.executable, "-m", "pre_commit", "install"], cwd=where, env=sandbox.env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    code, output = commit(project, sandbox, "two terms")
    assert code != 0 and "files were modified by this hook" in output, output  # fmt: lists one item a line
    code, output = commit(project, sandbox, "two terms, formatted")
    assert code == 0, output
    return project


@needs_pre_commit
@needs_glossary
def test_this_repositorys_hooks_report_a_mistake_as_written(tmp_path: Path, sandbox: Sandbox) -> None:
    """lint runs first and stops the commit, so fmt cannot rewrite `no` to `false` before the writer sees it."""
    project = this_repositorys_hooks(tmp_path, sandbox)
    written = project.write("alpha.md", term("alpha", related="[beta]", example="no"))
    before = written.read_text(encoding="utf-8")
    code, output = commit(project, sandbox, "example: no")
    assert code != 0, output
    assert ('content/terms/alpha.md:9:10: error GL103 example must be text, but YAML read no as false; '
            'put it in quotes: "no"') in output
    assert written.read_text(encoding="utf-8") == before  # fmt did not run
    assert "glossary fmt" not in output


@needs_pre_commit
@needs_glossary
@pytest.mark.parametrize("change, expected", [
    # a warning: the pull request's checks count it as an error, so the commit does too
    ("one-way", "content/terms/gamma.md:6:11: error GL307 'gamma' lists 'alpha' as related, but 'alpha'"),
    # a term set back to draft breaks the links of a term the commit does not touch
    ("unpublish", "content/terms/alpha.md:7:5: error GL213 related term 'beta' is a draft"),
    # a term renamed by hand, not with glossary rename
    ("rename", "content/terms/alpha.md:7:5: error GL210 related term 'beta' does not exist"),
    # a term saved with the wrong extension is not read as a term
    ("extension", "content/terms/gamma.MD:1:1: error GL202 'gamma.MD' is not a Markdown term file"),
])
def test_this_repositorys_hooks_refuse_what_the_pull_request_would(tmp_path: Path, sandbox: Sandbox, change: str,
                                                                    expected: str) -> None:
    project = this_repositorys_hooks(tmp_path, sandbox)
    beta = project.content / "beta.md"
    if change == "one-way":
        project.write("gamma.md", term("gamma", related="[alpha, beta]"))
        beta.write_text(term("beta", related="[alpha, gamma]"), encoding="utf-8")
    elif change == "unpublish":
        beta.write_text(term("beta", related="[alpha]", status="draft"), encoding="utf-8")
    elif change == "rename":
        beta.rename(project.content / "bravo.md")
    else:
        project.write("gamma.MD", term("gamma", related="[alpha]"))
    code, output = commit(project, sandbox, change)
    assert code != 0, output
    assert expected in output, output
