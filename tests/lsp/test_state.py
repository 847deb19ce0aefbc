"""The server's diagnostics are lint's: the same records as `run_lint` on the same files, before and after
edits, including edits that change what other open files get (a title that now clashes, a deleted term)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, Project, SAMPLE, term
from glossary.config import load_project
from glossary.diagnostics import Diagnostic
from glossary.lsp.state import Glossary


def _lint(project: Project, *names: str) -> list[Diagnostic]:
    """What `glossary lint` says about the named files, as they are on disk."""
    return project.lint(*(project.content / name for name in names))


def _served(glossary: Glossary) -> list[Diagnostic]:
    return sorted(d for found in glossary.diagnostics().values() for d in found)


def _open_all(glossary: Glossary, project: Project, *names: str) -> None:
    for name in names:
        glossary.open(f"content/terms/{name}", (project.content / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("folder", ["bad", "good"])
def test_every_fixture_gets_what_lint_gives(project: Project, folder: str) -> None:
    for path in (FIXTURES / folder).iterdir():
        shutil.copy(path, project.content / path.name)
    names = sorted(path.name for path in project.content.glob("*.md"))
    glossary = Glossary(load_project(project.root))
    _open_all(glossary, project, *names)
    assert _served(glossary) == _lint(project, *names)
    assert len(_served(glossary)) > (20 if folder == "bad" else -1)


def test_real_shaped_terms_get_what_lint_gives(project: Project) -> None:
    for path in SAMPLE.glob("*.md"):
        shutil.copy(path, project.content / path.name)
    names = sorted(path.name for path in project.content.glob("*.md"))[:12]
    glossary = Glossary(load_project(project.root))
    _open_all(glossary, project, *names)
    assert _served(glossary) == _lint(project, *names)


def test_edits_that_reach_other_open_files_give_what_lint_gives_after_saving(project: Project) -> None:
    project.write("alpha.md", term("alpha", related="[beta, gamma]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    project.write("gamma.md", term("gamma", related="[alpha]"))
    glossary = Glossary(load_project(project.root))
    _open_all(glossary, project, "alpha.md", "beta.md")
    assert _served(glossary) == _lint(project, "alpha.md", "beta.md") == []
    edits = [("alpha.md", "title: Alpha", "title: Beta"),  # now clashes with beta's title
             ("beta.md", "related: [alpha]", "related: [alpha, gama]"),  # a typo
             ("alpha.md", "status: published", "status: draft"),  # beta links to a draft now
             ("beta.md", "title: Beta", "title: Bêta"),
             ("alpha.md", "\n---\n", "\n")]  # the front matter is never closed
    for name, old, new in edits:
        text = (project.content / name).read_text(encoding="utf-8").replace(old, new)
        glossary.open(f"content/terms/{name}", text)
        (project.content / name).write_text(text, encoding="utf-8")
        assert _served(glossary) == _lint(project, "alpha.md", "beta.md"), (old, new)
    assert {d.code for d in _served(glossary)} >= {"GL005", "GL210"}


def test_a_term_deleted_on_disk_breaks_the_links_to_it(project: Project) -> None:
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    glossary = Glossary(load_project(project.root))
    _open_all(glossary, project, "alpha.md")
    assert _served(glossary) == []
    (project.content / "beta.md").unlink()
    assert glossary.refresh() is True and glossary.refresh() is False  # once, then nothing more changed
    assert _served(glossary) == _lint(project, "alpha.md")
    assert [d.code for d in _served(glossary)] == ["GL210"]


def test_closing_a_file_goes_back_to_what_the_disk_holds(project: Project) -> None:
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    glossary = Glossary(load_project(project.root))
    glossary.open("content/terms/beta.md", term("beta", related="[alpha]", title="Alpha"))
    glossary.open("content/terms/alpha.md", (project.content / "alpha.md").read_text(encoding="utf-8"))
    assert [d.code for d in glossary.diagnostics()["content/terms/alpha.md"]] == ["GL214"]
    glossary.close("content/terms/beta.md")  # the unsaved title is gone with the editor's text
    assert glossary.diagnostics() == {"content/terms/alpha.md": []}


def test_a_new_file_not_yet_saved_counts_as_a_term(project: Project) -> None:
    project.write("alpha.md", term("alpha", related="[beta]"))
    glossary = Glossary(load_project(project.root))
    _open_all(glossary, project, "alpha.md")
    assert [d.code for d in _served(glossary)] == ["GL210"]
    glossary.open("content/terms/beta.md", term("beta", related="[alpha]"))
    assert _served(glossary) == []
    glossary.close("content/terms/beta.md")
    assert [d.code for d in _served(glossary)] == ["GL210"]


def test_only_term_files_of_the_content_folder_belong_to_it(project: Project, tmp_path: Path) -> None:
    glossary = Glossary(load_project(project.root))
    assert glossary.shown(project.content / "alpha.md") == "content/terms/alpha.md"
    assert glossary.shown(project.root / "README.md") is None
    assert glossary.shown(project.content / "notes.txt") is None
    assert glossary.shown(project.content / "sub" / "alpha.md") is None
