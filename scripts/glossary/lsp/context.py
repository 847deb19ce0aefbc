"""What is at a place in a term file: a field's name, a field's value (and which field), or a term link's
target; with the word there and where it starts and ends. Completion, hover, go to definition, references,
code actions and rename all start here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.lsp.document import Document, Point

SLUG_FIELDS = ("related", "superseded_by")  # the fields whose values are other terms' slugs
_KEY = re.compile(r"(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)[ \t]*:(?=[ \t]|$)")
_NAME_SO_FAR = re.compile(r"(?P<indent>[ \t]*)(?P<dash>-[ \t]+)?(?P<key>[A-Za-z_][\w-]*)?")
_VALUE_CHARACTER = re.compile(r"[^\s,\[\]{}\"'#]")
# Term links on a line: the target as far as it is written, [text](target.md), [[target]], [name]: target.md
_LINKS = [
    ("inline", re.compile(r"\]\(\s*<?(?:\./)?(?P<target>[A-Za-z0-9_-]*)")),
    ("wiki", re.compile(r"\[\[\s*(?P<target>[^\[\]|\n]*?)\s*(?=\||\]\]|$)")),
    ("inline", re.compile(r"^ {0,3}\[[^\[\]]+\]:\s*<?(?:\./)?(?P<target>[A-Za-z0-9_-]*)")),
]


@dataclass(frozen=True)
class Place:
    """What is at a point: `kind` is "name" (a field's name), "value" (a field's value), "link" (a term
    link's target), or "text" (anything else); `word` runs from `start` to `end` on the point's line."""

    kind: str
    field: tuple[str, ...]  # ("category",), ("roles", "role"); () for a link or text
    word: str
    start: Point
    end: Point
    link: str = ""  # for a link: "inline" or "wiki"

    def typed(self, point: Point) -> str:
        """The part of the word before the point: what the writer has typed so far."""
        return self.word[:max(0, point[1] - self.start[1])]


def place_at(document: Document, point: Point, mapping_lists: frozenset[str] = frozenset()) -> Place:
    """What is at `point` (a 0-based line and code point) in the document; `mapping_lists` are the fields
    whose items are mappings (roles, faq), where an indented line starts a field's name, not a value."""
    line_number, column = point
    line = document.lines.line(line_number)
    for kind, pattern in _LINKS:
        for match in pattern.finditer(line):
            start, end = match.start("target"), match.end("target")
            after = end + 3 if line[end:end + 3].lower() == ".md" else end
            if start <= column <= after:
                return Place("link", (), match.group("target"), (line_number, start), (line_number, end), kind)
    if not document.in_front_matter(line_number):
        return _word_place("text", (), line, point)
    key = _KEY.match(line)
    if key is not None and column <= key.end("key"):
        return Place("name", _field(document, line_number, key), key.group("key"),
                     (line_number, key.start("key")), (line_number, key.end("key")))
    so_far = _NAME_SO_FAR.fullmatch(line[:column])
    owner = _owner(document, line_number)
    if key is None and so_far is not None and not line[column:].strip():
        nested = bool(so_far.group("indent") or so_far.group("dash"))
        if not nested or owner in mapping_lists:
            start = so_far.start("key") if so_far.group("key") else column
            path = (owner, so_far.group("key") or "") if nested and owner else (so_far.group("key") or "",)
            return Place("name", path, so_far.group("key") or "", (line_number, start), (line_number, column))
    field = _field(document, line_number, key) if key is not None else ((owner,) if owner else ())
    return _word_place("value", field, line, point)


def _word_place(kind: str, field: tuple[str, ...], line: str, point: Point) -> Place:
    """The run of value characters around the point (a slug, a word, an allowed value)."""
    start = point[1]
    while start > 0 and _VALUE_CHARACTER.match(line[start - 1]):
        start -= 1
    end = point[1]
    while end < len(line) and _VALUE_CHARACTER.match(line[end]):
        end += 1
    return Place(kind, field, line[start:end], (point[0], start), (point[0], end))


def _field(document: Document, line_number: int, key: re.Match[str]) -> tuple[str, ...]:
    """The path of the field a key line names: top-level, or inside an item of a list of mappings."""
    if not key.group("indent") and not key.group("dash"):
        return (key.group("key"),)
    owner = _owner(document, line_number)
    return (owner, key.group("key")) if owner else (key.group("key"),)


def _owner(document: Document, line_number: int) -> str:
    """The top-level field a line of the front matter belongs to ('' before the first)."""
    for number in range(line_number, 0, -1):
        key = _KEY.match(document.lines.line(number))
        if key is not None and not key.group("indent") and not key.group("dash"):
            return key.group("key")
    return ""


def present_fields(document: Document) -> set[str]:
    """The top-level fields the front matter already has."""
    found = set()
    for number in range(1, document.front_matter_end):
        key = _KEY.match(document.lines.line(number))
        if key is not None and not key.group("indent") and not key.group("dash"):
            found.add(key.group("key"))
    return found


def whole_value(document: Document, place: Place, point: Point) -> Place:
    """The value typed so far up to the point, spaces and all: from after `key:` or `- ` on a line of its
    own; just the word inside a flow list `[a, b]`."""
    line = document.lines.line(point[0])
    if "[" in line[:point[1]] or "{" in line[:point[1]]:
        return place
    start = min(value_start(line), point[1])
    return Place(place.kind, place.field, line[start:point[1]], (point[0], start), point)


def value_start(line: str) -> int:
    """Where the value starts on a line of the front matter: after `key:` or `- `, and the spaces after."""
    key = _KEY.match(line)
    lead = key.end() if key is not None else len(line) - len(line.lstrip(" \t-"))
    return lead + len(line[lead:]) - len(line[lead:].lstrip())


def key_start(line: str) -> int | None:
    """Where the key of a `key: value` line starts, if the line has one."""
    key = _KEY.match(line)
    return None if key is None else key.start("key")
