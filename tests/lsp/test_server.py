"""`glossary lsp` end to end, over stdio, as an editor drives it (pytest-lsp): diagnostics with exact ranges,
completion, hover, go to definition, references, code actions, rename, and updates across open files."""

from __future__ import annotations

import pytest
import pytest_lsp
from conftest import Project, SAMPLE, term
from helpers import SERVER, codes, diagnostics, open_file, span, start
from lsprotocol import types
from pytest_lsp import LanguageClient


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, project: Project):  # type: ignore[no-untyped-def]
    await start(lsp_client, project.root)
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_a_broken_related_slug_is_underlined_exactly_and_fixed(client: LanguageClient,
                                                                     project: Project) -> None:
    project.write("ai-agent.md", term("ai-agent"))
    path = project.write("gamma.md", term("gamma", related="[ai-agent, ai-agnet]"))
    uri = open_file(client, path)
    found = await diagnostics(client, uri, lambda found: "GL210" in {d.code for d in found})
    broken = next(d for d in found if d.code == "GL210")
    assert span(broken) == (5, 20, 5, 28)  # related: [ai-agent, ai-agnet], on the sixth line
    assert broken.message == "related term 'ai-agnet' does not exist; did you mean 'ai-agent'?"
    assert broken.severity == types.DiagnosticSeverity.Error and broken.source == "glossary"
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), broken.range, types.CodeActionContext([broken])))
    [action] = [a for a in actions or [] if isinstance(a, types.CodeAction)]
    assert action.title == "Replace with 'ai-agent'" and action.edit is not None and action.edit.changes
    assert [(span(e), e.new_text) for e in action.edit.changes[uri]] == [((5, 20, 5, 28), "ai-agent")]


@pytest.mark.asyncio
async def test_a_duplicate_key_and_an_unclosed_quote_are_underlined_exactly(client: LanguageClient,
                                                                            project: Project) -> None:
    duplicate = project.write("alpha.md", term("alpha").replace("status: published", "status: published\ntitle: Again"))
    unclosed = project.write("beta.md", term("beta", summary='"A summary whose quote is never closed.'))
    found = await diagnostics(client, open_file(client, duplicate), lambda found: bool(found))
    assert [(d.code, span(d)) for d in found if d.code == "GL008"] == [("GL008", (7, 0, 7, 5))]  # the second key "title"
    found = await diagnostics(client, open_file(client, unclosed), lambda found: bool(found))
    assert [(d.code, span(d)) for d in found] == [("GL006", (2, 9, 2, 48))]  # from the quote to the line's end


@pytest.mark.asyncio
async def test_columns_are_counted_in_utf16_code_units(client: LanguageClient, project: Project) -> None:
    project.write("delta.md", term("delta", related="[gamma]"))
    path = project.write("gamma.md", term("gamma", related="[delta]").replace(
        "The body of the term.", "Emoji 😀 take two units before [[zeta]] in UTF-16."))
    found = await diagnostics(client, open_file(client, path), lambda found: "GL210" in {d.code for d in found})
    assert [span(d) for d in found if d.code == "GL210"] == [(9, 31, 9, 39)]  # '[[zeta]]': from code point 30, one more unit each


@pytest.mark.asyncio
async def test_a_title_change_updates_the_other_open_file(client: LanguageClient, project: Project) -> None:
    first = project.write("alpha.md", term("alpha", related="[beta]"))
    second = project.write("beta.md", term("beta", related="[alpha]"))
    first_uri, second_uri = open_file(client, first), open_file(client, second)
    assert list(await diagnostics(client, second_uri)) == []
    from helpers import replace_text
    replace_text(client, first_uri, first.read_text().replace("title: Alpha", "title: Beta"), 2)
    clash = await diagnostics(client, second_uri, lambda found: bool(found))
    assert [(d.code, d.message) for d in clash] == [
        ("GL214", "title 'Beta' is also the title of 'alpha'; each name must lead to one term: change one of them")]
    replace_text(client, first_uri, first.read_text(), 3)
    assert list(await diagnostics(client, second_uri, lambda found: not found)) == []


@pytest.mark.asyncio
async def test_slugs_complete_in_related_with_title_and_summary(client: LanguageClient, project: Project) -> None:
    project.write("reinforcement-learning-from-human-feedback.md", term(
        "reinforcement-learning-from-human-feedback", aliases="[RLHF]"))
    project.write("retrieval.md", term("retrieval"))
    path = project.write("alpha.md", term("alpha", related="[rei]"))
    uri = open_file(client, path)
    result = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(5, 13)))  # after 'rei' in related: [rei]
    assert isinstance(result, types.CompletionList)
    [item] = result.items
    assert item.label == "reinforcement-learning-from-human-feedback"
    assert item.detail == "Reinforcement Learning From Human Feedback"
    assert isinstance(item.documentation, types.MarkupContent)
    assert item.documentation.value == "A short plain sentence about reinforcement-learning-from-human-feedback for testing."
    assert isinstance(item.text_edit, types.TextEdit) and span(item.text_edit) == (5, 10, 5, 13)
    by_alias = await client.text_document_completion_async(types.CompletionParams(
        types.TextDocumentIdentifier(uri), types.Position(5, 10)))  # nothing typed yet: every other term
    assert isinstance(by_alias, types.CompletionList)
    assert [i.label for i in by_alias.items] == ["reinforcement-learning-from-human-feedback", "retrieval"]


@pytest.mark.asyncio
async def test_hover_shows_the_term_and_definition_opens_its_file(client: LanguageClient, project: Project) -> None:
    target = project.write("beta.md", term("beta"))
    path = project.write("alpha.md", term("alpha", related="[beta]").replace(
        "The body of the term.", "See [the other one](beta.md)."))
    uri = open_file(client, path)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri),
                                                                     types.Position(5, 12)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == ("**Beta** (`beta`, published)\n\nA short plain sentence about beta for testing."
                                    "\n\nBeta is a made-up term used by the tests, defined in one paragraph.")
    assert hover.range is not None and span(hover) == (5, 10, 5, 14)
    for position in (types.Position(5, 11), types.Position(9, 22)):  # in related, and in the body's link
        found = await client.text_document_definition_async(types.DefinitionParams(
            types.TextDocumentIdentifier(uri), position))
        assert isinstance(found, types.Location) and found.uri == target.as_uri()
    field = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri),
                                                                     types.Position(4, 3)))
    assert field is not None and isinstance(field.contents, types.MarkupContent)
    assert field.contents.value.startswith("Where the term sits in the glossary.")
    assert "Allowed: `concepts`, `models`" in field.contents.value


@pytest.mark.asyncio
async def test_references_list_the_terms_that_link_to_a_term(client: LanguageClient, project: Project) -> None:
    project.write("beta.md", term("beta", related="[alpha]"))
    project.write("gamma.md", term("gamma").replace("The body of the term.", "Read [[alpha]] first."))
    path = project.write("alpha.md", term("alpha", related="[beta]"))
    uri = open_file(client, path)
    found = await client.text_document_references_async(types.ReferenceParams(
        context=types.ReferenceContext(include_declaration=False), text_document=types.TextDocumentIdentifier(uri),
        position=types.Position(1, 3)))
    assert found is not None
    assert sorted((location.uri.rsplit("/", 1)[-1], span(location)) for location in found) == [
        ("beta.md", (5, 10, 5, 15)), ("gamma.md", (9, 5, 9, 14))]


@pytest.mark.asyncio
async def test_rename_is_a_workspace_edit(client: LanguageClient, project: Project) -> None:
    project.write("beta.md", term("beta", related="[alpha]"))
    path = project.write("alpha.md", term("alpha", related="[beta]"))
    uri = open_file(client, path)
    prepared = await client.text_document_prepare_rename_async(types.PrepareRenameParams(
        types.TextDocumentIdentifier(uri), types.Position(5, 11)))
    assert isinstance(prepared, types.Range) and (prepared.start.character, prepared.end.character) == (10, 14)
    edit = await client.text_document_rename_async(types.RenameParams(
        types.TextDocumentIdentifier(uri), types.Position(5, 11), "beta-two"))
    assert edit is not None and edit.document_changes is not None
    beta, redirects = project.content / "beta.md", project.root / "content" / "redirects.yml"
    steps = [(type(change).__name__, getattr(change, "text_document", None) and change.text_document.uri)
             for change in edit.document_changes]  # type: ignore[union-attr]
    # beta.md itself is only moved: its title, Beta, already names the old slug, so no alias is added
    assert steps == [("TextDocumentEdit", path.as_uri()), ("CreateFile", None),
                     ("TextDocumentEdit", redirects.as_uri()), ("RenameFile", None)]
    rename = edit.document_changes[-1]
    assert isinstance(rename, types.RenameFile)
    assert (rename.old_uri, rename.new_uri) == (beta.as_uri(), (project.content / "beta-two.md").as_uri())
    first = edit.document_changes[0]
    assert isinstance(first, types.TextDocumentEdit) and first.text_document.version == 1
    assert [(span(e), e.new_text) for e in first.edits] == [((5, 0, 6, 0), "related: [beta-two]\n")]
    assert not (project.content / "beta-two.md").exists()  # the editor applies the edit, not the server


def _as_records(project: Project, found: dict[str, list[types.Diagnostic]]) -> list[tuple[str, int, int, str, str, str]]:
    """LSP diagnostics back as lint's records: path, 1-based line and column (in characters), and the rest."""
    from glossary.lsp.columns import UTF16, from_client

    records = []
    for uri, diagnostics_of_file in found.items():
        name = uri.rsplit("/", 1)[-1]
        lines = (project.content / name).read_text(encoding="utf-8").split("\n")
        for d in diagnostics_of_file:
            column = from_client(lines[d.range.start.line], d.range.start.character, UTF16) + 1
            severity = "error" if d.severity == types.DiagnosticSeverity.Error else "warning"
            records.append((f"content/terms/{name}", d.range.start.line + 1, column, str(d.code), severity, d.message))
    return sorted(records)


@pytest.mark.asyncio
async def test_diagnostics_over_stdio_are_lints_before_and_after_an_edit(client: LanguageClient,
                                                                        project: Project) -> None:
    import shutil

    from conftest import FIXTURES
    from helpers import replace_text

    for path in [*sorted(SAMPLE.glob("*.md"))[:8], *sorted((FIXTURES / "bad").glob("gl*.md"))]:
        shutil.copy(path, project.content / path.name)
    names = sorted(path.name for path in project.content.glob("*.md"))
    uris = {name: open_file(client, project.content / name) for name in names}

    async def compare() -> None:
        found = {uri: list(await diagnostics(client, uri)) for uri in uris.values()}
        lint = [(d.path, d.line, d.column, d.code, d.severity, d.message)
                for d in project.lint(*(project.content / name for name in names))]
        assert _as_records(project, found) == lint

    await compare()
    first, second = names[0], names[1]  # the second's title becomes the first's: both now clash
    title = next(line for line in (project.content / first).read_text(encoding="utf-8").split("\n")
                 if line.startswith("title:"))
    text = "\n".join(title if line.startswith("title:") else line
                     for line in (project.content / second).read_text(encoding="utf-8").split("\n"))
    (project.content / second).write_text(text, encoding="utf-8")
    replace_text(client, uris[second], text, 2)
    await diagnostics(client, uris[first], lambda found: "GL214" in codes(found))
    await diagnostics(client, uris[second], lambda found: "GL214" in codes(found))
    await compare()
