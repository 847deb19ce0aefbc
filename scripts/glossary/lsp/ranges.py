"""Where a diagnostic ends. Lint says where a problem starts (its line and column); an editor underlines a
range, which covers what starts there:

- a problem with the whole file (line 1, column 1): the first line;
- in the front matter, the YAML token that starts there: a key, a value (a quoted or block text whole),
  an anchor, an alias or a tag;
- in the body, a term link whole (`[text](target.md)`, `[[target]]`), or the words the message quotes
  from there (a mention);
- else the rest of the line (an unclosed quote: from the quote to the end of the line).
"""

from __future__ import annotations

import re

from glossary.diagnostics import Diagnostic
from glossary.lsp.document import Document, Point

_QUOTED = re.compile(r"'([^']+)'")
_TITLE = r"""(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?"""
_LINKS = [  # each a whole term link, from its "[" on, with its target
    re.compile(r"\[\[\s*(?P<target>[^\[\]|\n]+?)\s*(?:\|[^\[\]\n]*)?\]\]"),
    re.compile(r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?:\./)?(?P<target>[^()\s<>/:#]+?)\.md(?:#[^()\s<>]*)?>?"
               rf"{_TITLE}\s*\)", re.IGNORECASE),
    re.compile(r"\[[^\[\]\n]+\]:\s*<?(?:\./)?(?P<target>[^()\s<>/:#]+?)\.md[^\n]*", re.IGNORECASE),
]


def extent(document: Document, diagnostic: Diagnostic) -> tuple[Point, Point]:
    """The start and end (0-based lines and code points) a diagnostic covers in the document."""
    return extent_at(document, diagnostic.line, diagnostic.column, diagnostic.message)


def extent_at(document: Document, line_number: int, column: int, message: str = "") -> tuple[Point, Point]:
    """What starts at the tool's 1-based line and column: its start and end (0-based lines and code points)."""
    start = (line_number - 1, column - 1)
    line = document.lines.line(start[0])
    if (line_number, column) == (1, 1):
        return (0, 0), (0, len(line.rstrip()))
    if document.in_front_matter(start[0]):
        end = document.token_end(start)
        if end is not None:
            return start, end
    elif document.in_body(start[0]):
        found = _link_target(document, start) or _quoted_words(document, start, message)
        if found is not None:
            return found
    return start, (start[0], max(len(line.rstrip()), start[1]))


def _link_target(document: Document, start: Point) -> tuple[Point, Point] | None:
    """The term link that starts at `start`, whole."""
    found = link_at(document, start)
    return None if found is None else (found[0], found[1])


def link_at(document: Document, start: Point) -> tuple[Point, Point, Point, Point] | None:
    """The term link that starts at `start`: its start and end, and its target's."""
    lines = document.lines
    offset = lines.offset(*start)
    for pattern in _LINKS:
        match = pattern.match(lines.text, offset)
        if match is not None:
            return (lines.at(match.start()), lines.at(match.end()),
                    lines.at(match.start("target")), lines.at(match.end("target")))
    return None


def _quoted_words(document: Document, start: Point, message: str) -> tuple[Point, Point] | None:
    """The words a message quotes, where the document holds them at `start` (however they wrap)."""
    lines = document.lines
    offset = lines.offset(*start)
    for quoted in _QUOTED.findall(message):
        words = quoted.split()
        if not words:
            continue
        match = re.compile(r"\s+".join(map(re.escape, words))).match(lines.text, offset)
        if match is not None:
            return start, lines.at(match.end())
    return None
