"""The language server over stdio (`glossary lsp`), on pygls: the editor's notifications and requests in,
diagnostics, completions, hovers, locations and edits out.

Each project (the nearest folder up with `[tool.glossary]`) is held in memory once (`state.Glossary`). A
change is linted at once when the server is idle; changes that come quicker than `debounce` seconds apart
are linted together. The content folder is watched through the editor (`workspace/didChangeWatchedFiles`)
or, where the editor cannot, by looking at it every `poll` seconds.
"""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from glossary import __version__
from glossary.config import ConfigError, load_project
from glossary.diagnostics import Diagnostic
from glossary.lsp import actions, completion, navigation, renaming
from glossary.lsp.columns import UTF16
from glossary.lsp.document import Document
from glossary.lsp.ranges import extent
from glossary.lsp.state import Glossary

DEBOUNCE = 0.2  # seconds: the least time between two lints while the writer types
POLL = 2.0  # seconds between two looks at the content folder, where the editor cannot watch it
SEVERITY = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning}
T = TypeVar("T")


class GlossaryServer(LanguageServer):
    """The server: the projects in memory, the open documents, and when to lint next."""

    def __init__(self) -> None:
        super().__init__("glossary", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.glossaries: dict[Path, Glossary | None] = {}  # by project root; None: its schema cannot be read
        self.documents: dict[str, tuple[Glossary, str]] = {}  # open term files by URI: their project, shown path
        self.debounce = DEBOUNCE
        self.poll = POLL
        self._edited: set[str] = set()  # URIs whose new text the project has not read yet
        self._dirty: list[Glossary] = []
        self._timer: asyncio.TimerHandle | None = None
        self._last_run = -1e9
        self._said: set[str] = set()
        self.watcher: asyncio.Task[None] | None = None  # the look at the content folders every `poll` seconds

    @property
    def encoding(self) -> str:
        found = self.workspace.position_encoding
        return str(found.value if isinstance(found, types.PositionEncodingKind) else found or UTF16)

    def say(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        """Show a message once (a broken schema is not repeated on every keystroke)."""
        if message not in self._said:
            self._said.add(message)
            self.window_show_message(types.ShowMessageParams(kind, f"glossary: {message}"))

    def track(self, uri: str) -> tuple[Glossary, str] | None:
        """The project and shown path of a term file of a content folder; None for any other file."""
        path = navigation.uri_path(uri)
        if path is None:
            return None
        try:
            project = load_project(path.parent)
        except ConfigError as error:
            self.say(str(error))
            return None
        if os.path.realpath(path.parent) != os.path.realpath(project.content):
            return None
        if project.root not in self.glossaries:
            try:
                self.glossaries[project.root] = Glossary(project)
                # The terms just read live as long as the server: keeping them out of the garbage collector's
                # passes saves a pass over every one of them, which with 10,000 terms is a tenth of a lint.
                gc.collect()
                gc.freeze()
            except ConfigError as error:
                self.glossaries[project.root] = None
                self.say(f"{error}; fix it, then reopen the file")
        glossary = self.glossaries[project.root]
        shown = glossary.shown(path) if glossary else None
        return (glossary, shown) if glossary and shown else None

    def document(self, uri: str) -> Document:
        return Document(self.workspace.get_text_document(uri).source, self.encoding)

    def edited(self, uri: str) -> None:
        """A document's text changed: lint its project, now if idle, else once the burst of changes settles."""
        entry = self.documents.get(uri)
        if entry is not None:
            self._edited.add(uri)
            self.changed(entry[0])

    def changed(self, glossary: Glossary) -> None:
        if glossary not in self._dirty:
            self._dirty.append(glossary)
        if self._timer is None:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_later(max(0.0, self._last_run + self.debounce - loop.time()), self.lint)

    def catch_up(self) -> None:
        """Let each project read the documents' new texts."""
        for uri in sorted(self._edited):
            entry = self.documents.get(uri)
            if entry is not None:
                entry[0].open(entry[1], self.workspace.get_text_document(uri).source)
        self._edited.clear()

    def lint(self) -> None:
        """Lint every project that changed, and publish the diagnostics of its open files."""
        self._timer = None
        self._last_run = asyncio.get_running_loop().time()
        try:
            self.catch_up()
            dirty, self._dirty = self._dirty, []
            for glossary in dirty:
                found = glossary.diagnostics()
                for uri, (owner, shown) in list(self.documents.items()):
                    if owner is glossary and shown in found:
                        self.publish(uri, found[shown])
        except Exception as error:  # a bug must not stop the server: say so, and go on serving
            self.say(f"internal error while linting ({type(error).__name__}: {error}); please report it")

    def publish(self, uri: str, found: list[Diagnostic]) -> None:
        document = self.workspace.get_text_document(uri)
        text = Document(document.source, self.encoding)
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri, [as_lsp(text, diagnostic) for diagnostic in found], document.version))

    def refresh(self) -> None:
        """Read again what changed on disk, in every project."""
        for glossary in [g for g in self.glossaries.values() if g is not None]:
            try:
                if glossary.refresh():
                    self.changed(glossary)
            except ConfigError as error:
                self.say(str(error))

    async def watch(self) -> None:
        """Look at the content folders every `poll` seconds (for editors that do not watch files)."""
        while True:
            await asyncio.sleep(self.poll)
            self.refresh()


def as_lsp(document: Document, diagnostic: Diagnostic) -> types.Diagnostic:
    """A lint diagnostic as the editor receives it: the same code, message and severity, over a range."""
    start, end = extent(document, diagnostic)
    return types.Diagnostic(document.lines.range(start, end), diagnostic.message, SEVERITY[diagnostic.severity],
                            diagnostic.code, source="glossary")


def make_server() -> GlossaryServer:
    """A server with every feature registered."""
    server = GlossaryServer()
    _documents(server)
    _requests(server)
    return server


def _documents(server: GlossaryServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options if isinstance(params.initialization_options, dict) else {}
        for name in ("debounce", "poll"):
            value = options.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 60:
                setattr(server, name, float(value) if name == "debounce" else max(float(value), 0.05))

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        capabilities = server.client_capabilities.workspace
        watching = capabilities.did_change_watched_files if capabilities else None
        if watching is not None and watching.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=pattern) for pattern in ("**/*.md", "**/*.json")]
            try:
                await server.client_register_capability_async(types.RegistrationParams([types.Registration(
                    "glossary-watch", types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    types.DidChangeWatchedFilesRegistrationOptions(watchers))]))
                return
            except JsonRpcException:  # the editor said it could, but cannot: look at the folder ourselves
                pass
        server.watcher = asyncio.get_running_loop().create_task(server.watch())

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        entry = server.track(params.text_document.uri)
        if entry is not None:
            server.documents[params.text_document.uri] = entry
            server.edited(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        server.edited(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        server.refresh()
        server.edited(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        entry = server.documents.pop(params.text_document.uri, None)
        server._edited.discard(params.text_document.uri)
        if entry is not None:
            entry[0].close(entry[1])
            server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(params.text_document.uri, []))
            server.changed(entry[0])

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        server.refresh()


def _requests(server: GlossaryServer) -> None:
    def on_term(uri: str, answer: Callable[[Glossary, Document, str], T]) -> T | None:
        """Answer a request about an open term file; None for any other file."""
        entry = server.documents.get(uri)
        if entry is None:
            return None
        server.catch_up()
        return answer(entry[0], server.document(uri), Path(entry[1]).stem)

    @server.feature(types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=completion.TRIGGERS))
    def complete(params: types.CompletionParams) -> types.CompletionList | None:
        return on_term(params.text_document.uri, lambda glossary, document, slug: completion.complete(
            glossary, document, document.lines.point(params.position), slug))

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(params: types.HoverParams) -> types.Hover | None:
        return on_term(params.text_document.uri, lambda glossary, document, _: navigation.hover(
            glossary, document, document.lines.point(params.position)))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(params: types.DefinitionParams) -> types.Location | None:
        return on_term(params.text_document.uri, lambda glossary, document, _: navigation.definition(
            glossary, document, document.lines.point(params.position)))

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(params: types.ReferenceParams) -> list[types.Location] | None:
        return on_term(params.text_document.uri, lambda glossary, document, slug: navigation.references(
            glossary, document, document.lines.point(params.position), slug, params.context.include_declaration))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(params: types.CodeActionParams) -> list[types.CodeAction] | None:
        return on_term(params.text_document.uri, lambda glossary, document, _: actions.code_actions(
            glossary, document, params.text_document.uri, params.context.diagnostics))

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(params: types.PrepareRenameParams) -> types.Range | None:
        def answer(glossary: Glossary, document: Document, _: str) -> types.Range | None:
            target = navigation.target_at(glossary, document, document.lines.point(params.position))
            if target is None or target.word not in glossary.by_slug():
                return None
            return document.lines.range(target.start, target.end)
        return on_term(params.text_document.uri, answer)

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(params: types.RenameParams) -> types.WorkspaceEdit | None:
        def answer(glossary: Glossary, document: Document, _: str) -> types.WorkspaceEdit | None:
            target = navigation.target_at(glossary, document, document.lines.point(params.position))
            if target is None or target.word not in glossary.by_slug():
                raise _failed("put the cursor on the slug of a term (in related, superseded_by or a term link)")
            _check_client(server)
            try:
                return renaming.rename_edit(glossary, target.word, params.new_name, server.encoding, _version(server))
            except (renaming.CannotRename, ConfigError) as error:
                raise _failed(str(error)) from None
        return on_term(params.text_document.uri, answer)


def _failed(message: str) -> JsonRpcException:
    return JsonRpcException(message, code=types.LSPErrorCodes.RequestFailed.value)


def _check_client(server: GlossaryServer) -> None:
    """Rename moves a file and may create the redirects file: the editor must be able to apply that."""
    workspace = server.client_capabilities.workspace
    edits = workspace.workspace_edit if workspace else None
    operations: Any = edits.resource_operations if edits else None
    if not (edits and edits.document_changes and operations
            and {types.ResourceOperationKind.Rename, types.ResourceOperationKind.Create} <= set(operations)):
        raise _failed("this editor cannot rename files through a language server; run 'glossary rename OLD NEW' "
                      "in a terminal instead")


def _version(server: GlossaryServer) -> Callable[[str], int | None]:
    def version_of(uri: str) -> int | None:
        return server.workspace.get_text_document(uri).version if uri in server.workspace.text_documents else None
    return version_of


def serve() -> None:
    """Run the server on standard input and output until the editor stops it."""
    make_server().start_io()
