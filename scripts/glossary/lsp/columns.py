"""Positions in the client's units, in one place: the tool counts lines and characters (code points) from 1;
LSP counts lines from 0 and columns in UTF-16 code units, or in UTF-8 bytes or code points when the client
and server agree on that at the start. Every position the server sends or reads goes through here.
"""

from __future__ import annotations

import bisect
import re

from lsprotocol import types

UTF8 = types.PositionEncodingKind.Utf8.value
UTF16 = types.PositionEncodingKind.Utf16.value
UTF32 = types.PositionEncodingKind.Utf32.value
_BREAK = re.compile(r"\r\n|\r|\n")  # the line breaks LSP counts: the tool's reading counts the same ones


def _width(character: str, encoding: str) -> int:
    """How many of the client's units one code point takes."""
    if encoding == UTF32:
        return 1
    if encoding == UTF8:
        return len(character.encode("utf-8", "surrogatepass"))
    return 2 if ord(character) > 0xFFFF else 1


def to_client(line: str, characters: int, encoding: str) -> int:
    """The client's column after the first `characters` code points of a line."""
    head = line[:characters]
    if encoding == UTF32 or head.isascii():
        return len(head)
    return sum(_width(character, encoding) for character in head)


def from_client(line: str, column: int, encoding: str) -> int:
    """The code points before the client's column on a line (a column inside a character, or past the end,
    is taken to that character's start, or the line's end)."""
    if encoding == UTF32 or line.isascii():
        return min(max(column, 0), len(line))
    units = 0
    for index, character in enumerate(line):
        units += _width(character, encoding)
        if units > column:
            return index
    return len(line)


class Lines:
    """A document's text as the client counts it: its lines, and conversions both ways."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0] + [match.end() for match in _BREAK.finditer(text)]
        self.lines = _BREAK.split(text)

    def line(self, number: int) -> str:
        """Line `number` (0-based), or '' past the end."""
        return self.lines[number] if 0 <= number < len(self.lines) else ""

    def position(self, line: int, character: int) -> types.Position:
        """The client's position of a 0-based line and code point."""
        return types.Position(line, to_client(self.line(line), character, self.encoding))

    def mark(self, line: int, column: int) -> types.Position:
        """The client's position of the tool's 1-based line and column."""
        return self.position(line - 1, column - 1)

    def point(self, position: types.Position) -> tuple[int, int]:
        """The 0-based line and code point of a client's position, kept inside the text."""
        line = min(max(position.line, 0), len(self.lines) - 1)
        return line, from_client(self.line(line), position.character, self.encoding)

    def range(self, start: tuple[int, int], end: tuple[int, int]) -> types.Range:
        """The client's range between two (0-based line, code point) points."""
        return types.Range(self.position(*start), self.position(*end))

    def offset(self, line: int, character: int) -> int:
        """The index in the text of a 0-based line and code point."""
        return self.starts[min(line, len(self.starts) - 1)] + character

    def at(self, offset: int) -> tuple[int, int]:
        """The 0-based line and code point of an index in the text."""
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def end(self) -> tuple[int, int]:
        """The point after the last character."""
        return len(self.lines) - 1, len(self.lines[-1])

