"""Formatting's safety checks: nothing is written unless it means what the writer wrote.

Before writing, the result must parse cleanly, load to the same data (types included) and keep every
comment (`verify`). A file where YAML read a value as other than written (`no` as false, `1.10` as 1.1)
and the schema wants text there is refused (`values_to_quote`): fmt would write the value YAML read, and
the writer's word would be lost.
"""


from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from glossary.authoring.comments import find_comments
from glossary.authoring.emit import DataChange, NotFormattable, load_data, sort_related
from glossary.read.files import (
    Source,
)
from glossary.read.frontmatter import parse_front_matter
from glossary.read.positions import JsonPath, Mark, describe_yaml_value, json_path

if TYPE_CHECKING:
    from jsonschema.protocols import Validator


def same_data(first: Any, second: Any) -> bool:
    """Equal, and of the same types all the way down (so 1 is not True), NaN equal to NaN."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return first.keys() == second.keys() and all(same_data(first[k], second[k]) for k in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(same_data(a, b) for a, b in zip(first, second))
    if isinstance(first, float) and math.isnan(first):
        return math.isnan(second)
    return bool(first == second)


def verify(before: str, after: str, shown: str, change: DataChange | None = None) -> None:
    """Refuse a result that parses with problems, loads to other data (than the data before, with `change`
    made to it), or has lost or moved a comment."""
    parsed = parse_front_matter(after, 2, shown)
    if parsed.diagnostics or parsed.data is None:
        raise NotFormattable("the result would not parse cleanly: " + "; ".join(d.message for d in parsed.diagnostics))
    wanted = load_data(before)
    if not same_data(sort_related(change(wanted) if change is not None else wanted), load_data(after)):
        raise NotFormattable("the result would load to different data")
    old, new = find_comments(before), find_comments(after)
    if sorted(c.text for c in old if c.full_line) != sorted(c.text for c in new if c.full_line):
        raise NotFormattable("a full-line comment would be lost or changed")
    trailing = "\n".join(c.text for c in new if not c.full_line)
    if any(c.text not in trailing for c in old if not c.full_line):
        raise NotFormattable("a trailing comment would be lost or changed")


def values_to_quote(source: Source, validator: Validator) -> tuple[tuple[Mark, str], ...]:
    """The values YAML read as other than written (`no` as false) where the schema wants text.

    They are the values the schema check reports as GL103 that would be right as the text written: fmt
    would write what YAML read (`false`), so the writer must put the word in quotes first. A value the
    schema wants as a number or true/false is not among them, and is formatted as usual.
    """
    from glossary.check.schema import check_term
    from glossary.read.corpus import Term

    parsed = parse_front_matter(source.front_matter, source.front_matter_line, source.display)
    data, positions = parsed.data, parsed.positions
    if data is None or not positions.raw:
        return ()

    def wrong_type(checked: dict[str, Any]) -> set[Mark]:
        return {Mark(d.line, d.column) for d in check_term(validator, Term(source, checked, positions))
                if d.code == "GL103"}

    at = {positions.values[path]: path for path in positions.raw if path in positions.values}
    suspects = [at[mark] for mark in sorted(wrong_type(data), key=lambda m: (m.line, m.column)) if mark in at]
    if not suspects:
        return ()
    as_written = _with_values(data, {path: positions.raw[path] for path in suspects})
    still_wrong = wrong_type(as_written)
    found: list[tuple[Mark, str]] = []
    for path in suspects:
        mark = positions.values[path]
        if mark in still_wrong:
            continue  # the schema does not want text here either: quoting would not help
        written, value = positions.raw[path], _value_at(data, path)
        found.append((mark, f"not formatted: {json_path(path)} must be text, but YAML reads {written} as "
                            f"{describe_yaml_value(value)}, and fmt would write that; put it in quotes "
                            f"(\"{written}\"); the file is left as it was"))
    return tuple(found)


def _value_at(data: Any, path: JsonPath) -> Any:
    for step in path:
        data = data[step]
    return data


def _with_values(data: Any, replacements: dict[JsonPath, str], path: JsonPath = ()) -> Any:
    """A copy of the data with the values at the given paths replaced."""
    if path in replacements:
        return replacements[path]
    if isinstance(data, dict):
        return {key: _with_values(value, replacements, path + (key,)) for key, value in data.items()}
    if isinstance(data, list):
        return [_with_values(value, replacements, path + (index,)) for index, value in enumerate(data)]
    return data
