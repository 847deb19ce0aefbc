"""Positions in a term file: a 1-based line and column (`Mark`), and where each front-matter value starts.

A value is named by its JSON path (`("roles", 1, "use")`), the same path the schema's errors carry, so a
check can turn any error into a line and column. `json_path` writes the path as a writer reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JsonPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Mark:
    """A 1-based line and column in the term file."""

    line: int
    column: int

    def shifted(self, offset: int) -> Mark:
        """The mark `offset` characters further along the same line."""
        return Mark(self.line, self.column + offset)


@dataclass
class Positions:
    """Where each value (and each mapping key) of the front matter starts, by JSON path."""

    values: dict[JsonPath, Mark] = field(default_factory=dict)
    keys: dict[JsonPath, Mark] = field(default_factory=dict)
    raw: dict[JsonPath, str] = field(default_factory=dict)  # scalars YAML read as other than written (no, 1.10)
    reported: set[JsonPath] = field(default_factory=set)  # values the parser already reported (bad dates)

    def of_value(self, path: JsonPath) -> Mark:
        """The value's mark, or its nearest located ancestor's, or the top of the file."""
        for end in range(len(path), -1, -1):
            mark = self.values.get(path[:end])
            if mark is not None:
                return mark
        return Mark(1, 1)

    def of_key(self, path: JsonPath) -> Mark:
        """The mark of the key that holds this value, falling back to the value's own mark."""
        return self.keys.get(path) or self.of_value(path)


def json_path(path: JsonPath) -> str:
    """roles[1].use: a path in the front matter as a writer reads it (list items count from 0)."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the front matter"


def describe_yaml_value(value: Any) -> str:
    """How YAML read a plain value, in words: 'true', 'the number 1.1', 'null (nothing)'."""
    if value is None:
        return "null (nothing)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    return f"a {type(value).__name__}"
