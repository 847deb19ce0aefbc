"""The fast path: plainly clean front matter read by libyaml and PyYAML's constructor, without positions.

Most front matter holds none of what the walker (`frontmatter`) is there to catch, and libyaml with
PyYAML's constructor reads it several times faster. `fast_load` takes that road only when the text
cannot hold an anchor, alias, tag, merge key or a comment after a value (a plain-text test), and the data
it gets has text keys only, no repeats, no dates that do not exist, and no deep nesting; anything else
returns None, and the walker reads the file with every check and position; so does quoted text over
several lines, in which the walker looks for a quote never closed. Positions are then worked out
only when a check needs one (see `corpus.Term`). Any &, * or ! may start an anchor, alias or tag somewhere
in flow or block style: such text, like a merge key or a document marker, goes to the walker; so does a
`#` after other text on its line, which may be a comment that cuts a value short (GL015). Comments on
lines of their own, such as switch comments, take the fast path: `fast_load_with_text_lines` also says
which lines continue a multi-line text, where a `#` is text, not a comment.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from glossary.read.frontmatter import MAX_DEPTH, Loader
from glossary.read.hints import LINE_BREAKS
from glossary.read.positions import JsonPath, Mark


class _Stop(Exception):
    """Raised inside the fast path to hand the text to the walker."""


_NODE_MARKERS = re.compile(r"[&*!]|<<|^\.\.\.|^%", re.MULTILINE)
_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CONSTRUCTOR = SafeConstructor()
# What the resolver gives a plain value besides text: read with PyYAML's own functions for each.
_SCALARS = {tag: SafeConstructor.yaml_constructors[tag] for tag in (
    "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", _TIMESTAMP)}


def fast_load(text: str) -> dict[str, Any] | None:
    """The front matter as data when it is plainly clean; None when the walker must read it."""
    return fast_load_with_text_lines(text, False)[0]


MARKED = ("title", "aliases", "related", "superseded_by", "definition", "abbreviation")  # the values checks across terms place
# Where each MARKED value starts, in MARKED's order (None where there is none): (line, column, then the line
# and column of each item), flat, since a large glossary keeps one for every term; the cache keeps it as lists.
Marks = Sequence[Sequence[int] | None]
_MARKED_AT = {key: number for number, key in enumerate(MARKED)}


@dataclass(frozen=True)
class FastRead:
    """Plainly clean front matter read: its data, the lines (0-based) that continue a multi-line text, and
    where the values that checks across terms place start (MARKED, and their items)."""

    data: dict[str, Any]
    text_lines: frozenset[int]
    marks: Marks


def fast_read(text: str, first_line: int, text_lines: bool) -> FastRead | None:
    """The front matter read on the fast path, or None when the walker must read it."""
    data, lines, node = _fast(text, text_lines)
    if data is None:
        return None
    marks: list[tuple[int, ...] | None] = [None] * len(MARKED)
    mark = _marker(text, first_line)
    for key, value in node.value:
        number = _MARKED_AT.get(key.value)
        if number is not None and marks[number] is None:  # the first of a repeated key, as the walker keeps
            items = value.value if value.__class__ is yaml.SequenceNode else ()
            marks[number] = (*mark(value.start_mark), *(part for item in items for part in mark(item.start_mark)))
    return FastRead(data, lines, tuple(marks))


class _Loader(Loader):  # type: ignore[misc, valid-type]
    """libyaml's composer with PyYAML's rules for plain values, looked up without the general machinery
    (paths, wildcards) that the front matter never uses: the same tags, for a third of the time."""

    _by_first = {first: tuple(found) for first, found in Loader.yaml_implicit_resolvers.items()}

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, pattern in self._by_first.get(value[:1], ()):
                    if pattern.match(value):
                        return tag  # type: ignore[no-any-return]
            return _STR
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


def mark_in(marks: Marks, path: JsonPath) -> Mark | None:
    """The mark of a MARKED value (or one of its items) kept in `marks`, if it is there and well formed
    (they come from the cache too)."""
    number = _MARKED_AT.get(path[0]) if isinstance(path[0], str) else None
    if number is None or len(path) > 2 or len(path) == 2 and (type(path[1]) is not int or path[1] < 0):
        return None
    at = 0 if len(path) == 1 else 2 + 2 * path[1]  # type: ignore[operator]
    try:
        line, column = marks[number][at:at + 2]  # type: ignore[index]
    except (IndexError, TypeError, ValueError):
        return None
    return Mark(line, column) if type(line) is int and type(column) is int else None


def _marker(text: str, first_line: int) -> Callable[[Any], list[int]]:
    """A function from libyaml's marks to the file's [line, column], as the walker counts them."""
    if not any(breaker in text for breaker in LINE_BREAKS):
        return lambda mark: [mark.line + first_line, mark.column + 1]
    # YAML also breaks lines at U+0085, U+2028 and U+2029; editors and Git do not: count only \n.
    return lambda mark: [text.count("\n", 0, mark.index) + first_line, mark.index - text.rfind("\n", 0, mark.index)]


def fast_load_with_text_lines(text: str, text_lines: bool = True) -> tuple[dict[str, Any] | None, frozenset[int]]:
    """fast_load, and (when asked) the lines (0-based) that continue a multi-line text value."""
    data, lines, _ = _fast(text, text_lines)
    return data, lines


def _fast(text: str, text_lines: bool) -> tuple[dict[str, Any] | None, frozenset[int], Any]:
    if any(marker in text for marker in "&*!<%") or "\n..." in text or text.startswith("..."):
        if _NODE_MARKERS.search(text):  # the quick test above only says one might be there
            return None, frozenset(), None
    if "#" in text and _comment_after_text(text):
        return None, frozenset(), None
    loader = _Loader(text)
    try:
        node = loader.get_single_node()  # libyaml's parser and composer, in C
    except Exception:  # any problem at all: the walker will find it and say where
        return None, frozenset(), None
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode):
        return None, frozenset(), None
    try:
        data = _build(node, 1)
    except (_Stop, yaml.YAMLError, ValueError, TypeError, OverflowError):
        return None, frozenset(), None
    return data, _continued_lines(node) if text_lines else frozenset(), node


def _comment_after_text(text: str) -> bool:
    """Whether a '#' follows whitespace after something else on its line: a comment after a value, which
    may cut it short (GL015), or text the walker must place. A comment on a line of its own is fine."""
    at = text.find("#")
    while at >= 0:
        if at > 0 and text[at - 1] in " \t" and text[text.rfind("\n", 0, at) + 1:at].strip():
            return True
        at = text.find("#", at + 1)
    return False


def _build(node: Any, depth: int) -> Any:
    """The data of a node as the walker reads it: text keys only, no key twice, dates as ISO text, no
    deeper than MAX_DEPTH; anything else stops the fast path. Faster than PyYAML's constructor, which
    keeps track of anchors and recursion the fast path never meets."""
    if node.__class__ is yaml.ScalarNode:
        # Text running on over lines may have swallowed the next field (a quote never closed) or list item
        # (a '- ' indented too far): the walker tells these from text meant to be so.
        if node.start_mark.line != node.end_mark.line and (
                node.style in ('"', "'") or (not node.style and " - " in node.value)):
            raise _Stop
        if node.tag == _STR:
            return node.value
        construct = _SCALARS.get(node.tag)
        if construct is None:
            raise _Stop
        value = construct(_CONSTRUCTOR, node)
        return value.isoformat() if node.tag == _TIMESTAMP else value
    if depth > MAX_DEPTH:
        raise _Stop
    if node.__class__ is yaml.SequenceNode:
        return [_build(item, depth + 1) for item in node.value]
    if node.__class__ is not yaml.MappingNode:
        raise _Stop
    mapping: dict[str, Any] = {}
    for key, value in node.value:
        if key.__class__ is not yaml.ScalarNode or key.tag != _STR or key.value in mapping:
            raise _Stop  # a key that is not text, or given twice
        mapping[key.value] = _build(value, depth + 1)
    return mapping


def _continued_lines(root: Any) -> frozenset[int]:
    """The lines after the first of each text value that spans several lines."""
    lines: set[int] = set()
    waiting = [root]
    while waiting:
        node = waiting.pop()
        if isinstance(node, yaml.ScalarNode):
            end = node.end_mark.line - (1 if node.end_mark.column == 0 else 0)
            if end > node.start_mark.line:
                lines.update(range(node.start_mark.line + 1, end + 1))
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                waiting += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            waiting += node.value
    return frozenset(lines)
