"""File-name check: slugs, and names that clash on case-insensitive file systems."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Project, term


@pytest.fixture
def project(plain_project: Project) -> Project:
    """These tests are about file names: their small made-up terms skip the content-quality checks."""
    return plain_project



@pytest.mark.parametrize("name, suggestion", [
    ("AI Factory.md", "ai-factory.md"), ("ai_factory.md", "ai-factory.md"), ("ai--factory.md", "ai-factory.md"),
    ("-ai.md", "ai.md"), ("Café.md", "cafe.md"),
])
def test_bad_slug_suggests_a_good_one(project: Project, name: str, suggestion: str) -> None:
    project.write(name, term())
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL201", 1, 1)
    assert f"rename it to '{suggestion}'" in d.message


@pytest.mark.parametrize("name", ["ai-factory.md", "gpu.md", "tokens-per-second.md", "h100.md", "4-bit.md"])
def test_good_slugs_pass(project: Project, name: str) -> None:
    project.write(name, term(name[:-3]))
    assert project.codes() == []


def test_names_that_differ_only_by_case(project: Project) -> None:
    project.write("gpu.md", term("gpu"))
    project.write("GPU.md", term("gpu-upper", title="Graphics Unit"))
    found = {(d.code, d.path, d.line, d.column) for d in project.lint()}
    assert found == {("GL203", "content/terms/gpu.md", 1, 1), ("GL203", "content/terms/GPU.md", 1, 1),
                     ("GL201", "content/terms/GPU.md", 1, 1)}


@pytest.mark.parametrize("name", ["term.markdown", "term.MD", "term.txt", "README"])
def test_files_that_are_not_markdown(project: Project, name: str) -> None:
    project.write(name, term())
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL202", 1, 1) and "term" in d.message


def test_a_term_in_a_subfolder_is_reported_not_lost(project: Project) -> None:
    (project.content / "models" / "deep").mkdir(parents=True)
    (project.content / "models" / "deep" / "llm.md").write_text(term("llm"), encoding="utf-8")
    (project.content / "images").mkdir()
    (project.content / "images" / "graph.png").write_bytes(b"\x89PNG")
    (project.content / ".git-like").mkdir()
    (project.content / ".git-like" / "x.md").write_text("x", encoding="utf-8")
    (project.content / "everything").symlink_to("/")  # a linked folder is not searched
    [d] = project.lint()
    assert (d.code, d.path, d.line, d.column) == ("GL204", "content/terms/models/deep/llm.md", 1, 1)
    assert "move it to 'llm.md'" in d.message


def test_deep_subfolders_are_searched_without_recursion_limits(project: Project) -> None:
    levels = [str(project.content)]
    for _ in range(1200):  # made one level at a time: mkdir(parents=True) itself recurses
        levels.append(os.path.join(levels[-1], "d"))
        os.mkdir(levels[-1])
    Path(levels[-1], "x.md").write_text(term("x"), encoding="utf-8")
    (project.content / "d" / "y.md").write_text(term("y"), encoding="utf-8")
    try:
        assert [(d.code, d.path) for d in project.lint()] == [("GL204", "content/terms/d/y.md")]
    finally:  # removed bottom-up here, since pytest's own clean-up recurses and would fail on it
        os.remove(os.path.join(levels[-1], "x.md"))
        for level in reversed(levels[2:]):
            os.rmdir(level)


def test_a_named_file_in_a_subfolder_is_not_read_either(project: Project) -> None:
    (project.content / "sub").mkdir()
    nested = project.content / "sub" / "x.md"
    nested.write_text(term("x", summary="no"), encoding="utf-8")
    assert [d.code for d in project.lint(nested)] == ["GL204"]


def test_a_named_file_outside_with_an_existing_slug(project: Project, tmp_path: Path) -> None:
    project.write("gpu.md", term("gpu"))
    outside = tmp_path / "elsewhere" / "gpu.md"
    outside.parent.mkdir()
    outside.write_text(term("gpu", title="GPU Two"), encoding="utf-8")
    [d] = project.lint(outside)
    assert d.code == "GL203" and "a term 'gpu' already exists at 'content/terms/gpu.md'" in d.message
