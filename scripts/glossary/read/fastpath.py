"""The fast path: plainly clean front matter read by libyaml and PyYAML's constructor, without positions.

Most front matter holds none of what the walker (`frontmatter`) is there to catch, and libyaml with
PyYAML's constructor reads it several times faster. `fast_load` takes that road only when the text
cannot hold an anchor, alias, tag, merge key or comment (a plain-text test), and the data it gets has
text keys only, no repeats, no dates that do not exist, and no deep nesting; anything else returns
None, and the walker reads the file with every check and position; so does quoted text over several
lines, in which the walker looks for a quote never closed. Positions are then worked out only
when a check needs one (see `corpus.Term`). Any &, * or ! may start an anchor, alias or tag somewhere
in flow or block style: such text, like a comment, a merge key or a document marker, goes to the walker.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import yaml

from glossary.read.frontmatter import MAX_DEPTH, Loader


class _Stop(Exception):
    """Raised inside the fast path to hand the text to the walker."""


_NODE_MARKERS = re.compile(r"[&*!]|(?:^|\s)#|<<|^\.\.\.|^%", re.MULTILINE)


class _FastLoader(Loader):  # type: ignore[misc, valid-type]
    """libyaml's parser with the safe constructor, refusing repeated keys instead of keeping the last."""

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        if len(mapping) != len(node.value):  # a key given twice (merge keys never reach here)
            raise _Stop
        return mapping

    def construct_scalar(self, node: Any) -> Any:
        # Text running on over lines may have swallowed the next field (a quote never closed) or list item
        # (a '- ' indented too far): the walker tells these from text meant to be so.
        if node.start_mark.line != node.end_mark.line and (
                node.style in ('"', "'") or (not node.style and " - " in node.value)):
            raise _Stop
        return super().construct_scalar(node)


def fast_load(text: str) -> dict[str, Any] | None:
    """The front matter as data when it is plainly clean; None when the walker must read it."""
    if any(marker in text for marker in "&*!#<%") or "\n..." in text or text.startswith("..."):
        if _NODE_MARKERS.search(text):  # the quick test above only says one might be there
            return None
    try:
        data = yaml.load(text, Loader=_FastLoader)
    except Exception:  # any problem at all: the walker will find it and say where
        return None
    if not isinstance(data, dict):
        return None
    try:
        return _plain(data, 1)  # type: ignore[no-any-return]
    except _Stop:
        return None


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
