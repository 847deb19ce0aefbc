"""Driving `glossary lsp` as an editor does, over stdio with pytest-lsp: open, change, wait for diagnostics."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "glossary", "lsp"])
WAIT = 30.0  # seconds before a test gives up waiting for the server (a hung server, not a slow one)


REGISTERED: dict[int, list[types.Registration]] = {}  # by client: what the server asked the editor to do


async def start(client: LanguageClient, root: Path, editor: str = "visual-studio-code",
                watches: bool = True, **options: float) -> types.InitializeResult:
    """Initialise the session as an editor that opened the folder `root` would."""
    registered = REGISTERED.setdefault(id(client), [])

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        registered.extend(params.registrations)

    capabilities = client_capabilities(editor)
    if not watches and capabilities.workspace and capabilities.workspace.did_change_watched_files:
        capabilities.workspace.did_change_watched_files.dynamic_registration = False
    return await client.initialize_session(types.InitializeParams(
        capabilities=capabilities, root_uri=root.as_uri(),
        workspace_folders=[types.WorkspaceFolder(root.as_uri(), root.name)],
        initialization_options={"debounce": 0, **options}))


def open_file(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(
        uri, "markdown", version, path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def replace_text(client: LanguageClient, uri: str, text: str, version: int) -> None:
    """The editor sends the whole new text (a full-document change)."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version, uri), [types.TextDocumentContentChangeWholeDocument(text)]))


def edit(client: LanguageClient, uri: str, version: int, start: tuple[int, int], end: tuple[int, int],
         text: str) -> None:
    """The editor sends one incremental change, as it does for each keystroke."""
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(version, uri),
        [types.TextDocumentContentChangePartial(types.Range(types.Position(*start), types.Position(*end)), text)]))


async def diagnostics(client: LanguageClient, uri: str,
                      until: Callable[[Sequence[types.Diagnostic]], bool] = lambda found: True,
                      ) -> Sequence[types.Diagnostic]:
    """The diagnostics published for `uri`, once they satisfy `until` (waiting for the server if need be)."""
    async def settled() -> Sequence[types.Diagnostic]:
        while uri not in client.diagnostics or not until(client.diagnostics[uri]):
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        return client.diagnostics[uri]
    return await asyncio.wait_for(settled(), WAIT)


def codes(found: Sequence[types.Diagnostic]) -> list[str]:
    return sorted(str(diagnostic.code) for diagnostic in found)


def span(found: types.Diagnostic | types.Location) -> tuple[int, int, int, int]:
    """A range as (start line, start character, end line, end character)."""
    r = found.range
    return r.start.line, r.start.character, r.end.line, r.end.character
