"""An open term file as the server reads it: its lines, where its front matter ends, and the YAML tokens of
the front matter with where each ends (libyaml's own marks), for ranges and for finding what is at a place.
"""

from __future__ import annotations

import functools
import re

import yaml

from glossary.lsp.columns import UTF16, Lines

Point = tuple[int, int]  # a 0-based line and code point
_CLOSING = re.compile(r"(?:---|\.\.\.)[ \t]*")


class Document:
    """A term file's text, split where lint splits it: the `---` lines around the front matter."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.lines = Lines(text, encoding)
        self.opened = self.lines.line(0).rstrip(" \t") == "---"
        closing = next((number for number in range(1, len(self.lines.lines))
                        if _CLOSING.fullmatch(self.lines.line(number))), None) if self.opened else None
        self.closing = closing  # the 0-based line of the closing ---; None when there is none
        self.front_matter_end = closing if closing is not None else (len(self.lines.lines) if self.opened else 1)

    def in_front_matter(self, line: int) -> bool:
        return self.opened and 1 <= line < self.front_matter_end

    def in_body(self, line: int) -> bool:
        return self.closing is not None and line > self.closing

    @property
    def front_matter(self) -> str:
        return "\n".join(self.lines.lines[1:self.front_matter_end]) + "\n" if self.opened else ""

    def token_end(self, point: Point) -> Point | None:
        """Where the front matter's YAML token (key, value, anchor, alias or tag) starting at `point` ends."""
        found = _tokens(self.front_matter).get((point[0] - 1, point[1]))
        return None if found is None else (found[0] + 1, found[1])

    def token_at(self, point: Point) -> tuple[Point, Point] | None:
        """The front matter's token holding `point` (its end included), with its start and end."""
        for (line, column), (end_line, end_column) in _tokens(self.front_matter).items():
            start, end = (line + 1, column), (end_line + 1, end_column)
            if start <= point <= end:
                return start, end
        return None


@functools.lru_cache(maxsize=64)
def _tokens(front_matter: str) -> dict[Point, Point]:
    """Every key, value, anchor, alias and tag token by its start, with its end (lines of the front matter);
    as far as the YAML can be read, when it has an error."""
    found: dict[Point, Point] = {}
    lines = front_matter.split("\n")
    try:
        for token in yaml.scan(front_matter, Loader=yaml.CSafeLoader):
            if isinstance(token, (yaml.ScalarToken, yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                end = (token.end_mark.line, token.end_mark.column)
                if end[1] == 0 and end[0] > token.start_mark.line:  # a block text ends at the next line's start
                    end = (end[0] - 1, len(lines[end[0] - 1]))
                found[(token.start_mark.line, token.start_mark.column)] = end
    except yaml.YAMLError:
        pass  # the tokens before the error still have their places
    return found
