"""Rename on a slug: `glossary rename`'s own plan, sent to the editor as one workspace edit (each file's
changed lines, the redirects file, then the move of OLD.md to NEW.md), so that the editor applies it and
can undo it. Nothing is written by the server.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from lsprotocol import types

from glossary.authoring.edits import RenameRefused
from glossary.authoring.rename import RenamePlan, RenameRequest, plan_rename
from glossary.lsp.document import Document
from glossary.lsp.state import Glossary

Edit = types.TextEdit | types.AnnotatedTextEdit | types.SnippetTextEdit


class CannotRename(Exception):
    """Why a rename cannot be done here; the editor shows the message."""


def rename_edit(glossary: Glossary, old: str, new: str, encoding: str,
                version_of: Callable[[str], int | None]) -> types.WorkspaceEdit:
    """The workspace edit that renames the term `old` to `new`; `version_of(uri)` is the open version of a file."""
    project = glossary.project
    try:
        plan = plan_rename(RenameRequest(project.root, glossary.content, old, new))
    except RenameRefused as refused:
        raise CannotRename(f"cannot rename: {refused}") from None
    _refuse_unsaved(glossary, plan)
    changes: list[types.TextDocumentEdit | types.CreateFile | types.RenameFile | types.DeleteFile] = []
    for change in plan.changes:
        uri = change.path.as_uri()
        edits: list[Edit]
        if change.before is None:
            changes.append(types.CreateFile(uri=uri, options=types.CreateFileOptions(ignore_if_exists=True)))
            edits = [types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), change.after)]
        else:
            edits = line_edits(change.before, change.after, encoding)
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version_of(uri))
        changes.append(types.TextDocumentEdit(text_document=identifier, edits=list(edits)))
    changes.append(types.RenameFile(old_uri=plan.old_path.as_uri(), new_uri=plan.new_path.as_uri()))
    return types.WorkspaceEdit(document_changes=changes)


def _refuse_unsaved(glossary: Glossary, plan: RenamePlan) -> None:
    """The plan is made from the files on disk: an open file with unsaved changes would lose them."""
    for change in plan.changes:
        shown = glossary.shown(change.path)
        opened = glossary.opened.get(shown) if shown else None
        if opened is not None and change.before is not None and opened.text != change.before:
            raise CannotRename(f"cannot rename: {change.shown} has unsaved changes; save it first")


def line_edits(before: str, after: str, encoding: str) -> list[Edit]:
    """The lines that differ, as edits of the text `before` (whole lines, so columns never need converting,
    except at the end of a last line without a line break)."""
    old, new = _lines(before), _lines(after)
    ends = Document(before, encoding).lines
    edits: list[Edit] = []
    for tag, start, end, new_start, new_end in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        finish = ends.position(*ends.end()) if end == len(old) and not before.endswith(("\n", "\r")) \
            else types.Position(end, 0)
        edits.append(types.TextEdit(types.Range(types.Position(start, 0), finish), "".join(new[new_start:new_end])))
    return edits


def _lines(text: str) -> list[str]:
    """The lines with their breaks, counted as LSP counts them (\n, \r\n, \r)."""
    return re.findall(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$", text)
