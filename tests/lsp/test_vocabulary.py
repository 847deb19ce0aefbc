"""The language server and names with a status: GL313's quick fix writes the preferred name; a hover on a
deprecated name says whose it is and what to write; the abbreviation completes and shows like the title."""

from __future__ import annotations

from conftest import Project, term
from glossary.config import load_project
from glossary.lsp.actions import code_actions
from glossary.lsp.completion import complete
from glossary.lsp.document import Document
from glossary.lsp.navigation import hover
from glossary.lsp.server import as_lsp
from glossary.lsp.state import Glossary

BODY = "Racks of AI\n  Chips, and more ai chips."


def opened(project: Project) -> tuple[Glossary, Document, str]:
    project.write("ai-accelerator.md", term("ai-accelerator", title="AI accelerator", abbreviation="AIA",
                                            deprecated_names="[{name: AI chips, why: Too vague.}]"))
    text = term("alpha").replace("The body of the term.", BODY)
    project.write("alpha.md", text)
    glossary = Glossary(load_project(project.root))
    glossary.open("content/terms/alpha.md", text)
    return glossary, Document(text), text


def test_the_gl313_fix_writes_the_preferred_name_over_the_words_used(project: Project) -> None:
    glossary, document, text = opened(project)
    found = [as_lsp(document, d) for d in glossary.diagnostics()["content/terms/alpha.md"] if d.code == "GL313"]
    assert len(found) == 2  # every use, even over a line break
    edits = []
    for diagnostic in found:
        [action] = code_actions(glossary, document, "file:///alpha.md", [diagnostic])
        assert action.title == "Write 'AI accelerator' instead" and action.is_preferred
        assert action.edit is not None and action.edit.changes is not None
        [change] = action.edit.changes["file:///alpha.md"]
        edits.append(((change.range.start.line, change.range.start.character),
                      (change.range.end.line, change.range.end.character), change.new_text))
    assert edits == [((9, 9), (10, 7), "AI accelerator"), ((10, 18), (10, 26), "AI accelerator")]


def test_a_hover_on_a_deprecated_name_says_what_to_write(project: Project) -> None:
    glossary, document, _ = opened(project)
    found = hover(glossary, document, (10, 21))
    assert found is not None and isinstance(found.contents, object)
    text = found.contents.value  # type: ignore[union-attr]
    assert text == ("A deprecated name of **AI accelerator** (`ai-accelerator`). Too vague.\n\n"
                    "Write **AI accelerator** instead.")
    assert found.range is not None and (found.range.start.character, found.range.end.character) == (18, 26)


def test_the_abbreviation_completes_a_slug_and_shows_in_the_hover(project: Project) -> None:
    glossary, _, _ = opened(project)
    text = term("beta", related="[aia]")
    project.write("beta.md", text)
    glossary.open("content/terms/beta.md", text)
    document = Document(text)
    listed = complete(glossary, document, (5, 13), "beta")
    assert [item.label for item in listed.items] == ["ai-accelerator"]
    linked = term("beta", related="[ai-accelerator]")
    shown = hover(glossary, Document(linked), (5, 12))
    assert shown is not None and shown.contents.value.startswith(  # type: ignore[union-attr]
        "**AI accelerator** (AIA) (`ai-accelerator`, published)")
