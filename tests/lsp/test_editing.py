"""`glossary lsp` end to end, continued: quick fixes, completion of fields and values, closing files, and
changes made outside the editor (a Git checkout), seen through the editor's watcher or by looking."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import pytest_lsp
from conftest import Project, term
from helpers import REGISTERED, SERVER, codes, diagnostics, edit, open_file, span, start
from lsprotocol import types
from pytest_lsp import LanguageClient


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, project: Project):  # type: ignore[no-untyped-def]
    await start(lsp_client, project.root)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=SERVER)
async def looking(lsp_client: LanguageClient, project: Project):  # type: ignore[no-untyped-def]
    await start(lsp_client, project.root, watches=False, poll=0.1)
    yield
    await lsp_client.shutdown_session()


async def _fixes(client: LanguageClient, uri: str, found: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), found[0].range, types.CodeActionContext(list(found))))
    return [action for action in actions or [] if isinstance(action, types.CodeAction)]


def _edits(action: types.CodeAction) -> list[tuple[str, tuple[int, int, int, int], str]]:
    assert action.edit is not None and action.edit.changes is not None
    return [(uri.rsplit("/", 1)[-1], span(e), e.new_text) for uri, edits in action.edit.changes.items() for e in edits]


@pytest.mark.asyncio
async def test_quick_fixes_quote_add_the_back_link_and_remove_a_repeat(client: LanguageClient,
                                                                       project: Project) -> None:
    project.write("beta.md", term("beta", related="[gamma]"))
    project.write("gamma.md", term("gamma", related="[beta]"))
    path = project.write("alpha.md", term("alpha", summary="no", related="\n  - beta\n  - gamma\n  - beta"))
    uri = open_file(client, path)
    found = await diagnostics(client, uri, lambda found: {"GL103", "GL212", "GL307"} <= set(codes(found)))
    by_code = {str(d.code): d for d in found}
    [quote] = await _fixes(client, uri, [by_code["GL103"]])
    assert (quote.title, _edits(quote)) == ("Put the value in quotes", [("alpha.md", (2, 9, 2, 11), '"no"')])
    [repeat] = await _fixes(client, uri, [by_code["GL212"]])
    assert _edits(repeat) == [("alpha.md", (8, 0, 9, 0), "")]  # the line '  - beta', the second time
    back = await _fixes(client, uri, [d for d in found if d.code == "GL307"])
    assert [(a.title, _edits(a)) for a in back] == [
        ("Add 'alpha' to the related terms of 'beta'", [("beta.md", (5, 15, 5, 15), ", alpha")]),
        ("Add 'alpha' to the related terms of 'gamma'", [("gamma.md", (5, 14, 5, 14), ", alpha")])]


@pytest.mark.asyncio
async def test_field_names_and_allowed_values_complete(client: LanguageClient, project: Project) -> None:
    path = project.write("alpha.md", term("alpha", category="inf").replace("updated: 2026-11-27\n", "upd\n"))
    uri = open_file(client, path)

    async def labels(line: int, character: int) -> list[str]:
        found = await client.text_document_completion_async(types.CompletionParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character)))
        assert isinstance(found, types.CompletionList)
        return [item.label for item in found.items]

    assert await labels(4, 13) == ["inference", "infrastructure"]  # category: inf|
    assert await labels(7, 3) == ["updated"]  # a field not written yet, and its name so far
    edit(client, uri, 2, (7, 0), (7, 3), "  - role: Operations l")
    edit(client, uri, 3, (7, 0), (7, 0), "roles:\n")
    assert await labels(8, 24) == ["Operations lead"]


@pytest.mark.asyncio
async def test_closing_a_file_clears_its_diagnostics(client: LanguageClient, project: Project) -> None:
    path = project.write("alpha.md", term("alpha", related="[nothing]"))
    uri = open_file(client, path)
    assert "GL210" in codes(await diagnostics(client, uri, lambda found: bool(found)))
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert list(await diagnostics(client, uri, lambda found: not found)) == []


@pytest.mark.asyncio
async def test_a_term_deleted_outside_the_editor_is_seen_through_its_watcher(client: LanguageClient,
                                                                            project: Project) -> None:
    other = project.write("beta.md", term("beta", related="[alpha]"))
    uri = open_file(client, project.write("alpha.md", term("alpha", related="[beta]")))
    assert list(await diagnostics(client, uri)) == []
    assert [r.method for r in REGISTERED[id(client)]] == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    other.unlink()  # a Git checkout of a branch without it
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(other.as_uri(), types.FileChangeType.Deleted)]))
    assert codes(await diagnostics(client, uri, lambda found: bool(found))) == ["GL210"]


@pytest.mark.asyncio
async def test_without_a_watcher_the_server_looks_at_the_folder(looking: LanguageClient, project: Project) -> None:
    uri = open_file(looking, project.write("alpha.md", term("alpha", related="[beta]")))
    assert codes(await diagnostics(looking, uri, lambda found: bool(found))) == ["GL210"]
    assert REGISTERED[id(looking)] == []
    project.write("beta.md", term("beta", related="[alpha]"))  # no editor tells the server
    assert list(await diagnostics(looking, uri, lambda found: not found)) == []
