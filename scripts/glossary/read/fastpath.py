"""The fast path: plainly clean front matter read by libyaml and PyYAML's constructor, without positions.

Most front matter holds none of what the walker (`frontmatter`) is there to catch, and libyaml with
PyYAML's constructor reads it several times faster. `fast_load` takes that road only when the text
cannot hold an anchor, alias, tag, merge key or a comment after a value (a plain-text test), and the data
it gets has text keys only, no repeats, no dates that do not exist, and no deep nesting; anything else
returns None, and the walker reads the file with every check and position. Positions are then worked out
only when a check needs one (see `corpus.Term`). Any &, * or ! may start an anchor, alias or tag somewhere
in flow or block style: such text, like a merge key or a document marker, goes to the walker; so does a
`#` after other text on its line, which may be a comment that cuts a value short (GL015). Comments on
lines of their own, such as switch comments, take the fast path: `fast_load_with_text_lines` also says
which lines continue a multi-line text, where a `#` is text, not a comment.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from glossary.read.frontmatter import MAX_DEPTH, Loader


class _Stop(Exception):
    """Raised inside the fast path to hand the text to the walker."""


_NODE_MARKERS = re.compile(r"[&*!]|<<|^\.\.\.|^%", re.MULTILINE)
_COMMENT_AFTER_TEXT = re.compile(r"^[ \t]*[^\s#][^\n]*?[ \t]#", re.MULTILINE)  # '#' after a value: maybe GL015


class _FastLoader(Loader):  # type: ignore[misc, valid-type]
    """libyaml's parser with the safe constructor, refusing repeated keys instead of keeping the last."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):  # a key given twice (merge keys never reach here)
            raise _Stop
        return mapping


def fast_load(text: str) -> dict[str, Any] | None:
    """The front matter as data when it is plainly clean; None when the walker must read it."""
    return fast_load_with_text_lines(text, False)[0]


def fast_load_with_text_lines(text: str, text_lines: bool = True) -> tuple[dict[str, Any] | None, frozenset[int]]:
    """fast_load, and (when asked) the lines (0-based) that continue a multi-line text value."""
    if any(marker in text for marker in "&*!<%") or "\n..." in text or text.startswith("..."):
        if _NODE_MARKERS.search(text):  # the quick test above only says one might be there
            return None, frozenset()
    if "#" in text and _COMMENT_AFTER_TEXT.search(text):
        return None, frozenset()
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except Exception:  # any problem at all: the walker will find it and say where
        return None, frozenset()
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        return None, frozenset()
    try:
        data = _plain(data, 1)
    except _Stop:
        return None, frozenset()
    return data, _continued_lines(node) if text_lines else frozenset()


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


def _plain(value: Any, depth: int) -> Any:
    """Dates as ISO text, as the walker gives them; stops at a non-text key or deep nesting."""
    if isinstance(value, dict):
        if depth > MAX_DEPTH:
            raise _Stop
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Stop
            if isinstance(item, (dict, list, datetime.date)):
                value[key] = _plain(item, depth + 1)
        return value
    if isinstance(value, list):
        if depth > MAX_DEPTH:
            raise _Stop
        for index, item in enumerate(value):
            if isinstance(item, (dict, list, datetime.date)):
                value[index] = _plain(item, depth + 1)
        return value
    return value.isoformat()
