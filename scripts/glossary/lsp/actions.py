"""Code actions: the fixes lint's messages name, offered on its diagnostics.

- a "did you mean" suggestion (an unknown field, a value not allowed, a slug that is not a term): replace
  what is underlined with it;
- a value YAML would misread (the messages that say to quote it: `no`, `1.10`, `C# #2`, `&name`): quote it;
- a related link that goes one way (GL307): add the link back in the other term, in its list's own style;
- a repeated item (GL107, GL212): remove the repeat;
- another term's deprecated name in the body (GL313): write the preferred name instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lsprotocol import types

from glossary.authoring.edits import Layout, RenameRefused, append_item
from glossary.authoring.redirects import yaml_text
from glossary.lsp.columns import Lines
from glossary.lsp.context import key_start, value_start
from glossary.lsp.document import Document, Point
from glossary.lsp.ranges import link_at
from glossary.lsp.state import Glossary
from glossary.lsp.vocabulary import avoided_fix
from glossary.read.corpus import parse_source
from glossary.read.files import split_front_matter

_MEANT = re.compile(r"did you mean '([^']+)'\?", re.IGNORECASE)
_QUOTE = re.compile(r"in quotes|quote it\b")
_ONE_WAY = re.compile(r"^'([^']+)' lists '([^']+)' as related, but")
REPEATS = ("GL107", "GL212")


def code_actions(glossary: Glossary, document: Document, uri: str,
                 diagnostics: Sequence[types.Diagnostic]) -> list[types.CodeAction]:
    """The fixes for the diagnostics the editor asks about (those under the cursor or selection)."""
    found: list[types.CodeAction] = []
    for diagnostic in diagnostics:
        if not str(diagnostic.code or "").startswith("GL"):
            continue
        start = document.lines.point(diagnostic.range.start)
        meant = _MEANT.search(diagnostic.message)
        if meant is not None:
            link = link_at(document, start) if document.in_body(start[0]) else None
            where = diagnostic.range if link is None else document.lines.range(link[2], link[3])  # a link's target
            found.append(_fix(f"Replace with '{meant.group(1)}'", diagnostic, uri,
                              types.TextEdit(where, meant.group(1)), preferred=True))
        if _QUOTE.search(diagnostic.message):
            edit = _quoted(document, start)
            if edit is not None:
                found.append(_fix("Put the value in quotes", diagnostic, uri, edit))
        one_way = _ONE_WAY.match(diagnostic.message) if diagnostic.code == "GL307" else None
        if one_way is not None:
            back = _back_link(glossary, one_way.group(2), one_way.group(1), document.lines.encoding)
            if back is not None:
                found.append(_fix(f"Add '{one_way.group(1)}' to the related terms of '{one_way.group(2)}'",
                                  diagnostic, back[0], back[1]))
        avoided = avoided_fix(document, diagnostic) if diagnostic.code == "GL313" else None
        if avoided is not None:
            found.append(_fix(avoided[0], diagnostic, uri, avoided[1], preferred=True))
        if diagnostic.code in REPEATS:
            edit = _removal(document, start)
            if edit is not None:
                found.append(_fix("Remove the repeat", diagnostic, uri, edit, preferred=True))
    return found


def _fix(title: str, diagnostic: types.Diagnostic, uri: str, edit: types.TextEdit,
         preferred: bool = False) -> types.CodeAction:
    return types.CodeAction(title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic],
                            edit=types.WorkspaceEdit(changes={uri: [edit]}), is_preferred=preferred or None)


def _quoted(document: Document, start: Point) -> types.TextEdit | None:
    """The value at `start` in double quotes: the whole value of its line, or one item of a flow list."""
    line = document.lines.line(start[0])
    begin = value_start(line)
    if start[1] == key_start(line) or any(bracket in line[begin:start[1] + 1] for bracket in "[{"):
        end = document.token_end(start)  # a key, or an item of [a, b]
        if end is None or end[0] != start[0]:
            return None
        begin, finish = start[1], end[1]
    else:
        finish = len(line.rstrip())
    written = line[begin:finish]
    if not written or written[0] in "\"'":
        return None
    quoted = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return types.TextEdit(document.lines.range((start[0], begin), (start[0], finish)), quoted)


def _back_link(glossary: Glossary, other: str, slug: str, encoding: str) -> tuple[str, types.TextEdit] | None:
    """The edit that adds `slug` to the related list of the term `other`, where that list is written."""
    path = glossary.path_of(other)
    shown = glossary.shown(path)
    text = glossary.text_of(shown) if shown else None
    if text is None:
        return None
    source = split_front_matter(text.replace("\r\n", "\n").replace("\r", "\n"), path, shown or "").source
    if source is None:
        return None
    term, _ = parse_source(source)
    try:
        edit = append_item(source.front_matter, Layout(source.front_matter, shown or ""), term, "related",
                           yaml_text(slug))
    except RenameRefused:
        return None
    newline = "\r\n" if "\r\n" in text else "\n"
    return path.as_uri(), types.TextEdit(_front_matter_range(Document(text, encoding), source.front_matter,
                                                             edit.start, edit.end), edit.text.replace("\n", newline))


def _removal(document: Document, start: Point) -> types.TextEdit | None:
    """The edit that removes the list item at `start`: its line in a block list, `, item` in a flow list."""
    front_matter = document.front_matter
    try:
        layout = Layout(front_matter, "")
    except RenameRefused:
        return None
    at = Lines(front_matter).offset(start[0] - 1, start[1])
    for path, (begin, end) in layout.spans.items():
        if len(path) != 2 or not isinstance(path[1], int) or path[1] == 0 or begin != at:
            continue
        if path[:1] in layout.flow:
            return types.TextEdit(_front_matter_range(document, front_matter, layout.spans[(path[0], path[1] - 1)][1],
                                                      end), "")
        line_start = front_matter.rfind("\n", 0, begin) + 1
        line_end = front_matter.find("\n", end)
        if front_matter[line_start:begin].strip() == "-" and "\n" not in front_matter[begin:end] and line_end >= 0:
            return types.TextEdit(_front_matter_range(document, front_matter, line_start, line_end + 1), "")
    return None


def _front_matter_range(document: Document, front_matter: str, start: int, end: int) -> types.Range:
    """The client's range of two offsets in the front matter (which starts on the document's second line)."""
    lines = Lines(front_matter)
    (start_line, start_column), (end_line, end_column) = lines.at(start), lines.at(end)
    return document.lines.range((start_line + 1, start_column), (end_line + 1, end_column))
