"""`glossary diff` for review: between exports or Git revisions (each built with this tool), with renames
as renames and, for each changed term, the fields that changed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project, sample_project
from glossary.cli import main
from glossary.export.review import FieldChange, compare_fields, review

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
GIT_ENV = {"GIT_AUTHOR_NAME": "Writer", "GIT_AUTHOR_EMAIL": "writer@example.org", "GIT_COMMITTER_NAME": "Writer",
           "GIT_COMMITTER_EMAIL": "writer@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def git(where: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=where, env={**os.environ, **GIT_ENV}, capture_output=True, text=True,
                          check=True)
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The sample glossary committed on main, then a writer's change on a branch: a term renamed with a new
    title, a definition edited, a term added (linked back), one deprecated; the working tree as committed."""
    project = sample_project(tmp_path / "repo")
    monkeypatch.chdir(project.root)
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "the glossary")
    git(project.root, "switch", "-q", "-c", "writer")
    assert run("rename", "quantisation", "model-quantisation", "--title", "Model Quantisation")[0] == 0
    gpu = project.content / "gpu.md"
    gpu.write_text(gpu.read_text(encoding="utf-8").replace("very many simple calculations",
                                                           "a great many simple calculations"), encoding="utf-8")
    token = project.content / "token.md"
    token.write_text(token.read_text(encoding="utf-8").replace("status: published",
                                                               "status: deprecated\nsuperseded_by: inference"),
                     encoding="utf-8")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "a writer's change")
    return project


@needs_git
def test_diff_with_a_revision_compares_it_with_the_working_tree(repository: Project) -> None:
    code, out, err = run("diff", "main", "--format", "json")
    assert code == 0, err
    found = json.loads(out)
    assert found["renamed"] == [{"from": "quantisation", "to": "model-quantisation"}]
    assert found["added"] == [] and found["removed"] == []
    assert "model-quantisation" not in found["changed"]  # a rename is not an addition and a removal
    assert {"field": "title"} in found["fields"]["model-quantisation"]
    assert {"field": "aliases", "added": ["Quantisation"], "removed": ["model quantisation"]} \
        in found["fields"]["model-quantisation"]  # the new title was an alias: the old one takes its place
    assert {"field": "definition"} in found["fields"]["gpu"]
    assert {"field": "status"} in found["fields"]["token"] and {"field": "superseded_by"} in found["fields"]["token"]
    linking = {slug for slug, changes in found["fields"].items()
               if {"field": "related", "added": ["model-quantisation"], "removed": ["quantisation"]} in changes}
    assert linking and linking <= set(found["changed"])
    assert run("diff", "main", "HEAD", "--format", "json")[1] == out  # the working tree is HEAD here
    assert git(repository.root, "status", "--porcelain") == ""  # nothing in the checkout was touched


@needs_git
def test_diff_text_and_markdown_name_renames_and_fields(repository: Project) -> None:
    code, text, _ = run("diff", "main", "writer")
    assert code == 0
    assert ("renamed (1):\n  quantisation -> model-quantisation: aliases +Quantisation -model quantisation, "
            "title\n") in text
    assert "\n  gpu: definition" in text
    code, markdown, _ = run("diff", "--format", "markdown", "main", "HEAD")
    assert code == 0 and "| renamed | 1 |" in markdown
    assert ("- renamed: `quantisation` → `model-quantisation`: aliases +`Quantisation` -`model quantisation`, "
            "title\n") in markdown
    assert "- changed: `gpu`: definition" in markdown


@needs_git
def test_diff_of_revisions_inside_a_larger_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample_project(tmp_path / "outer" / "glossary")
    git(tmp_path / "outer", "init", "-q", "-b", "main")
    (tmp_path / "outer" / "other.txt").write_text("not the glossary\n", encoding="utf-8")
    git(tmp_path / "outer", "add", "-A")
    git(tmp_path / "outer", "commit", "-q", "-m", "one")
    (project.content / "latency.md").unlink()
    monkeypatch.chdir(project.content)
    code, out, err = run("diff", "HEAD")
    assert code == 1 and "does not export" in err  # terms linked to latency now break: said, not a traceback
    git(tmp_path / "outer", "checkout", "-q", "--", ".")
    code, out, err = run("diff", "HEAD", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["unchanged"] == 12


@needs_git
def test_a_name_that_is_neither_an_export_nor_a_revision_is_a_usage_error(repository: Project) -> None:
    code, _, err = run("diff", "no-such-branch")
    assert code == 2 and "neither an export" in err
    code, _, err = run("diff", "--", "--output=x")
    assert code == 2 and not (repository.root / "x").exists()


def test_outside_git_a_revision_is_a_usage_error(sample: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample.root)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(sample.root.parent))
    code, _, err = run("diff", "main")
    assert code == 2 and "neither an export" in err


def test_fields_of_lists_of_names_say_what_was_added_and_removed() -> None:
    old = {"slug": "a", "body": "x", "related": ["b", "c"], "aliases": ["A"], "title": "A", "content_hash": "1"}
    new = {"slug": "a", "body": "y", "related": ["c", "d"], "aliases": ["A"], "title": "A", "content_hash": "2",
           "body_html": "<p>y</p>"}
    assert compare_fields(old, new) == [FieldChange("body"), FieldChange("related", ("d",), ("b",))]
    moved = review({"terms": [old]}, {"terms": [{**new, "slug": "z"}], "redirects": {"a": "z"}})
    assert (moved.renamed, moved.added, moved.removed) == ([("a", "z")], [], [])
    gone = review({"terms": [old]}, {"terms": [{**new, "slug": "z"}], "redirects": {}})
    assert (gone.renamed, gone.added, gone.removed) == ([], ["z"], ["a"])
