"""Keeping comments: every comment of a front matter found, and attached to the field or list item it
annotates, so that the emitter can put it back. A full-line comment stays just above what follows it; a
trailing comment stays at the end of its line.
"""


from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from glossary.read.frontmatter import Loader
from glossary.read.positions import JsonPath

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class _Comment:
    start: int
    text: str
    full_line: bool


@dataclass
class _Notes:
    before: list[str] = field(default_factory=list)  # full-line comments above the key or item
    after: list[str] = field(default_factory=list)  # trailing comments on its line


@dataclass
class Comments:
    """Each comment of a front matter, attached to a mapping entry or list item by its JSON path."""

    notes: dict[JsonPath, _Notes] = field(default_factory=dict)
    end: list[str] = field(default_factory=list)  # full-line comments after the last field

    def of(self, path: JsonPath) -> _Notes:
        return self.notes.get(path) or _Notes()

    def at(self, path: JsonPath) -> _Notes:
        return self.notes.setdefault(path, _Notes())


def find_comments(text: str) -> list[_Comment]:
    """Every comment, found in the gaps between YAML tokens (and in block scalar headers), in order."""
    found: list[_Comment] = []
    previous = 0
    for token in yaml.scan(text, Loader=Loader):
        start, end = token.start_mark.index, token.end_mark.index
        if start > previous:
            found += _comments_between(text, previous, start)
        if isinstance(token, yaml.ScalarToken) and token.style in (">", "|"):
            header_end = text.find("\n", start)
            found += _comments_between(text, start, header_end if header_end >= 0 else len(text))
        previous = max(previous, end)
    return found + _comments_between(text, previous, len(text))


def _comments_between(text: str, start: int, end: int) -> list[_Comment]:
    found: list[_Comment] = []
    hash_at = text.find("#", start, end)
    while hash_at >= 0:
        line_end = text.find("\n", hash_at)
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, hash_at) + 1
        found.append(_Comment(hash_at, text[hash_at:line_end].rstrip(), not text[line_start:hash_at].strip(" \t")))
        hash_at = text.find("#", line_end, end)
    return found


@dataclass
class _Layout:
    """Where each entry and item starts, and where each key and value ends, as character indexes."""

    starts: list[tuple[int, int, JsonPath]] = field(default_factory=list)  # (start, depth, path)
    ends: list[tuple[int, int, JsonPath]] = field(default_factory=list)  # (end, -depth, path)


@dataclass
class _Open:
    """A mapping or list being walked: its path, and its pending key or its count of items so far."""

    path: JsonPath
    key: str | None = None
    count: int | None = None  # None for a mapping


def _index(mark: Any) -> int:
    return int(mark.index) if mark is not None else 0


def _layout(text: str) -> _Layout:
    layout = _Layout()
    stack: list[_Open] = []
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            closed = stack.pop().path
            if closed:
                layout.ends.append((_index(event.end_mark), -len(closed), closed))
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            continue
        start, end = _index(event.start_mark), _index(event.end_mark)
        path: JsonPath = ()
        if stack:
            parent = stack[-1]
            if parent.count is None and parent.key is None:  # a key: the parser allows only text keys
                parent.key = str(getattr(event, "value", ""))
                entry = parent.path + (parent.key,)
                layout.starts.append((start, len(entry), entry))
                layout.ends.append((end, -len(entry), entry))
                continue
            if parent.count is None:
                path, parent.key = parent.path + (str(parent.key),), None
            else:
                path, parent.count = parent.path + (parent.count,), parent.count + 1
                layout.starts.append((start, len(path), path))
        if isinstance(event, yaml.ScalarEvent):
            if path:
                layout.ends.append((end, -len(path), path))
        else:
            stack.append(_Open(path, count=None if isinstance(event, yaml.MappingStartEvent) else 0))
    return layout


def attach_comments(text: str) -> Comments:
    """Attach each comment: a full-line one to the entry or item after it, a trailing one to its line's."""
    layout = _layout(text)
    starts = sorted(layout.starts, key=lambda item: (item[0], item[1]))
    indexes = [start for start, _, _ in starts]
    comments = Comments()
    for comment in find_comments(text):
        following = bisect.bisect_right(indexes, comment.start)
        after = starts[following][2] if following < len(starts) else None
        if comment.full_line:
            if after is None:
                comments.end.append(comment.text)
            else:
                comments.at(after).before.append(comment.text)
            continue
        owner = _line_owner(text, comment.start, layout) or after
        if owner is None:
            comments.end.append(comment.text)
        else:
            comments.at(owner).after.append(comment.text)
    return comments


def _line_owner(text: str, at: int, layout: _Layout) -> JsonPath | None:
    """The node that ends last before a trailing comment on its line (the outermost, on a tie)."""
    line_start = text.rfind("\n", 0, at) + 1
    first = line_start + len(text[line_start:at]) - len(text[line_start:at].lstrip(" \t"))
    ending = [(end, depth, path) for end, depth, path in layout.ends if first < end <= at]
    return max(ending, key=lambda item: (item[0], item[1]))[2] if ending else None
