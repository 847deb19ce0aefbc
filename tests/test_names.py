"""File-name check: slugs, and names that clash on case-insensitive file systems."""

from __future__ import annotations

import pytest

from conftest import Project, term


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
