"""`glossary fmt`: rewrite each term's front matter into one canonical form, without changing what it means.

The flow: read (the tool's own reader, then the exact bytes, so the body, BOM and line endings are kept),
parse (the tool's own parser: a file with any reading or YAML problem is left alone), emit (a hand-written
emitter over the loaded data, with every comment attached to the key or list item it annotates), verify
(the result must load to the same data, keep every comment, and parse cleanly), write (atomically).
A file where YAML read a value as other than written (`no` as false, `1.10` as 1.1) and the schema wants
text there is left alone too: fmt would write the value YAML read, and the writer's word would be lost.

The canonical form: keys in the schema's `properties` order (unknown keys after, as written); lists in
block style, `related` sorted; text plain where YAML reads it back as the same text and double-quoted
where it must be; text that does not fit in WIDTH columns folded as a `>-` block wrapped at WIDTH, or
double-quoted on one line when a folded block cannot hold it exactly; dates as YYYY-MM-DD; no blank lines.
A full-line comment stays on its own line just above what follows it; a trailing comment stays at the end
of its line. The whole job is a pure function of the data and comments, so running it twice changes nothing.
"""

from __future__ import annotations

import bisect
import datetime
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import ScalarNode
from yaml.representer import SafeRepresenter
from yaml.resolver import Resolver

from glossary import atomic
from glossary.config import ConfigError
from glossary.read.files import (
    BOM,
    Source,
    discover,
    display_path,
    read_source,
    split_front_matter,
)
from glossary.read.frontmatter import Loader, parse_front_matter
from glossary.read.positions import JsonPath, Mark, describe_yaml_value, json_path

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

WIDTH = 100  # columns; longer text is folded
INDENT = 2
NOT_PARSEABLE = "not formatted: fix the errors `glossary lint` reports first"
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_NOT_IN_PLAIN = "\t\n\r\x85\u2028\u2029"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_BREAK = re.compile(r"\r\n|\r|\n")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
_REPRESENTER = SafeRepresenter()


class NotFormattable(Exception):
    """The front matter cannot be formatted safely; the message says why."""


# --- scalars -------------------------------------------------------------------------------------------

def _printable(char: str) -> bool:
    """Characters YAML (libyaml) lets stand as written; anything else is escaped in double quotes."""
    return (" " <= char <= "~" or "\xa0" <= char <= "\ud7ff" or ("\ue000" <= char <= "\ufffd" and char != "\ufeff")
            or char >= "\U00010000")


def plain_safe(text: str) -> bool:
    """True when `text` written unquoted on one line reads back as exactly this text."""
    if not text or text[0] in _INDICATORS or text[0] == " " or text[-1] in " :":
        return False
    if ": " in text or " #" in text or any(c in _NOT_IN_PLAIN or not _printable(c) for c in text):
        return False
    return bool(_RESOLVER.resolve(ScalarNode, text, (True, False)) == _STR_TAG)  # type: ignore[no-untyped-call]


def double_quoted(text: str) -> str:
    """`text` as a one-line YAML double-quoted string, escaping only what must be escaped."""
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif _printable(char) and char not in _NOT_IN_PLAIN:  # a literal U+2028 would be folded as a break
            out.append(char)
        else:
            code = ord(char)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}" if code <= 0xFFFF else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


def foldable(text: str) -> bool:
    """True when a `>-` block wrapped at spaces holds `text` exactly: single spaces, no breaks or tabs."""
    return (text == text.strip(" ") and "  " not in text
            and all(_printable(c) and c not in _NOT_IN_PLAIN for c in text))


def wrap(text: str, indent: int) -> list[str]:
    """Lines of a folded block at `indent`, each within WIDTH columns where the words allow."""
    room = max(WIDTH - indent, 1)
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return [*lines, current]


def text_form(text: str, column: int, commented: bool = False) -> str | None:
    """The one-line form of text starting at `column`, or None when it is to be a folded block.

    Text of several words is quoted when a comment follows it, or YAML's reader would warn (GL015).
    Long text is folded; long text a folded block cannot hold exactly is quoted; one long word (a URL)
    stays as it is, since nothing could wrap it.
    """
    plain = plain_safe(text) and not (commented and " " in text)
    one_line = text if plain else double_quoted(text)
    if column + len(one_line) <= WIDTH or " " not in text:
        return one_line
    return None if foldable(text) else double_quoted(text)


def scalar_text(value: str, column: int, indent: int) -> str:
    """A text value as fmt writes it after a key ending at `column`: one line, or `>-` and indented lines."""
    form = text_form(value, column)
    if form is not None:
        return form
    return ">-" + "".join("\n" + " " * indent + line for line in wrap(value, indent))


def _represent(value: Any) -> str:
    """Non-text scalars as YAML writes them plainly: null, true, 12, 1.5, 2026-11-27."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(_REPRESENTER.represent_float(value).value)
    if isinstance(value, datetime.datetime):
        return str(_REPRESENTER.represent_datetime(value).value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise NotFormattable(f"a value of type {type(value).__name__} cannot be written back")


def _key_text(key: Any) -> str:
    if not isinstance(key, str):
        raise NotFormattable("a key is not text")
    return key if plain_safe(key) else double_quoted(key)


# --- comments ------------------------------------------------------------------------------------------

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


# --- key order -----------------------------------------------------------------------------------------

def _resolve(schema: Any, root: Any) -> Any:
    for _ in range(16):  # local references only, and not forever
        ref = schema.get("$ref") if isinstance(schema, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#"):
            return schema
        schema = root
        for part in (p.replace("~1", "/").replace("~0", "~") for p in ref[1:].split("/") if p):
            schema = schema.get(part) if isinstance(schema, dict) else None
    return schema


def _sub_schema(schema: Any, root: Any, step: str | int) -> Any:
    schema = _resolve(schema, root)
    if not isinstance(schema, dict):
        return None
    if isinstance(step, int):
        return schema.get("items")
    properties = schema.get("properties")
    return properties.get(step) if isinstance(properties, dict) else None


def ordered_keys(mapping: dict[str, Any], schema: Any, root: Any) -> list[str]:
    """The schema's property order first, then keys it does not know, in their written order."""
    resolved = _resolve(schema, root)
    properties = resolved.get("properties") if isinstance(resolved, dict) else None
    known = [key for key in properties if key in mapping] if isinstance(properties, dict) else []
    return known + [key for key in mapping if key not in known]


def sort_related(data: dict[str, Any]) -> dict[str, Any]:
    """The data with `related` sorted, as fmt writes it (only when every item is text)."""
    related = data.get("related")
    if isinstance(related, list) and all(isinstance(item, str) for item in related):
        return {**data, "related": sorted(related)}
    return data


# --- emitting ------------------------------------------------------------------------------------------

class _Emitter:
    """Writes loaded front-matter data back as canonical YAML lines, with its comments."""

    def __init__(self, comments: Comments, schema: Any) -> None:
        self.comments = comments
        self.root = schema
        self.lines: list[str] = []

    def document(self, data: dict[str, Any]) -> list[str]:
        if data:
            self.mapping(data, (), 0, self.root)
        else:
            self.lines.append("{}")
        self.lines += self.comments.end
        return self.lines

    def line(self, text: str, trailing: Sequence[str]) -> None:
        self.lines.append("  ".join([text, *trailing]))

    def notes(self, texts: Iterable[str], indent: int) -> None:
        self.lines += [" " * indent + text for text in texts]

    def mapping(self, mapping: dict[str, Any], path: JsonPath, indent: int, schema: Any,
                item: tuple[str, list[str]] | None = None) -> None:
        """Entries at `indent`; `item` gives the '- ' lead and trailing notes when the mapping is a list item."""
        for number, key in enumerate(ordered_keys(mapping, schema, self.root)):
            notes = self.comments.of(path + (key,))
            lead, trailing = " " * indent, notes.after
            if number == 0 and item is not None:  # its comments above were written before the '- ' line
                lead, trailing = item[0], item[1] + notes.after
            else:
                self.notes(notes.before, indent)
            self.entry(lead + _key_text(key) + ":", mapping[key], path + (key,), indent,
                       _sub_schema(schema, self.root, key), trailing)

    def entry(self, head: str, value: Any, path: JsonPath, indent: int, schema: Any, trailing: list[str]) -> None:
        if isinstance(value, dict) and value:
            self.line(head, trailing)
            self.mapping(value, path, indent + INDENT, schema)
        elif isinstance(value, list) and value:
            self.line(head, trailing)
            self.sequence(value, path, indent + INDENT, schema)
        else:
            self.scalar(head + " ", value, indent + INDENT, trailing)

    def scalar(self, prefix: str, value: Any, indent: int, trailing: list[str]) -> None:
        if isinstance(value, (list, dict)):
            self.line(prefix + ("[]" if isinstance(value, list) else "{}"), trailing)
            return
        if not isinstance(value, str):
            self.line(prefix + _represent(value), trailing)
            return
        form = text_form(value, len(prefix), bool(trailing))
        if form is not None:
            self.line(prefix + form, trailing)
            return
        self.line(prefix + ">-", trailing)
        self.lines += [" " * indent + text for text in wrap(value, indent)]

    def sequence(self, items: list[Any], path: JsonPath, indent: int, schema: Any) -> None:
        order = list(range(len(items)))
        if path == ("related",) and all(isinstance(item, str) for item in items):
            order.sort(key=lambda index: str(items[index]))
        item_schema = _sub_schema(schema, self.root, 0)
        dash = " " * indent + "-"
        for index in order:
            value, notes = items[index], self.comments.of(path + (index,))
            if isinstance(value, dict) and value:
                first = ordered_keys(value, item_schema, self.root)[0]
                self.notes(notes.before + self.comments.of(path + (index, first)).before, indent)
                self.mapping(value, path + (index,), indent + INDENT, item_schema, (dash + " ", notes.after))
            elif isinstance(value, list) and value:
                self.notes(notes.before, indent)
                self.line(dash, notes.after)
                self.sequence(value, path + (index,), indent + INDENT, item_schema)
            else:
                self.notes(notes.before, indent)
                self.scalar(dash + " ", value, indent + INDENT, notes.after)


# --- the job on one text -------------------------------------------------------------------------------

def load_data(text: str) -> Any:
    """The front matter as yaml.safe_load reads it (with the C loader where available)."""
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506  # Loader is PyYAML's safe loader
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
        raise NotFormattable(f"YAML cannot load it ({type(error).__name__})") from None


def format_front_matter(text: str, schema: Any) -> str:
    """The canonical form of one front matter's text (no fences), or NotFormattable."""
    data = load_data(text)
    if not isinstance(data, dict):
        raise NotFormattable("the front matter is not a set of fields")
    lines = _Emitter(attach_comments(text), schema).document(data)
    return "\n".join(lines) + "\n"


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


def verify(before: str, after: str, shown: str) -> None:
    """Refuse a result that parses with problems, loads to other data, or has lost or moved a comment."""
    parsed = parse_front_matter(after, 2, shown)
    if parsed.diagnostics or parsed.data is None:
        raise NotFormattable("the result would not parse cleanly: " + "; ".join(d.message for d in parsed.diagnostics))
    if not same_data(sort_related(load_data(before)), load_data(after)):
        raise NotFormattable("the result would load to different data")
    old, new = find_comments(before), find_comments(after)
    if sorted(c.text for c in old if c.full_line) != sorted(c.text for c in new if c.full_line):
        raise NotFormattable("a full-line comment would be lost or changed")
    trailing = "\n".join(c.text for c in new if not c.full_line)
    if any(c.text not in trailing for c in old if not c.full_line):
        raise NotFormattable("a trailing comment would be lost or changed")


# --- files ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What formatting one file gives: the new bytes (None if refused), whether they differ, or why not."""

    shown: str
    data: bytes | None
    changed: bool
    problem: str = ""
    to_quote: tuple[tuple[Mark, str], ...] = ()  # values to put in quotes first, each with its message

    def refusals(self) -> list[str]:
        """The lines telling why the file was left alone, each starting with the file's name."""
        if self.to_quote:
            return [f"{self.shown}:{mark.line}:{mark.column}: {message}" for mark, message in self.to_quote]
        return [f"{self.shown}: {self.problem}"]


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_offset(text: str, line: int) -> int:
    """The character index where 1-based `line` starts, counting CRLF, CR and LF as one break each."""
    count = 1
    for match in _BREAK.finditer(text) if line > 1 else ():
        count += 1
        if count == line:
            return match.end()
    return 0 if line <= 1 else len(text)


def format_file(path: Path, shown: str, schema: Any, validator: Validator | None = None) -> Outcome:
    """Format one term file in memory; the file itself is not touched.

    With a validator, a file is refused when it holds a value to quote first (see `values_to_quote`).
    """
    read = read_source(path, shown)
    if read.source is None or parse_front_matter(read.source.front_matter, 2, shown).diagnostics:
        return Outcome(shown, None, False, NOT_PARSEABLE)
    to_quote = values_to_quote(read.source, validator) if validator is not None else ()
    if to_quote:
        return Outcome(shown, None, False, to_quote[0][1], to_quote)
    try:
        raw = path.read_bytes()
        original = raw[len(BOM):] if raw.startswith(BOM) else raw
        text = original.decode("utf-8")
        new = _format_text(text, path, shown, read.source, schema)
    except (OSError, UnicodeDecodeError):
        return Outcome(shown, None, False, NOT_PARSEABLE)
    except NotFormattable as error:
        return Outcome(shown, None, False, f"not formatted: {error}; the file is left as it was")
    data = (BOM if raw.startswith(BOM) else b"") + new.encode("utf-8")
    return Outcome(shown, data, data != raw)


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


def _format_text(text: str, path: Path, shown: str, source: Source, schema: Any) -> str:
    again = split_front_matter(_normalise(text), path, shown).source
    if again != source:
        raise NotFormattable("the file changed while it was read")
    body = text[_line_offset(text, source.body_line):]
    if _normalise(body) != source.body:
        raise NotFormattable("the body could not be told apart from the front matter")
    front_matter = format_front_matter(source.front_matter, schema)
    verify(source.front_matter, front_matter, shown)
    first_break = _BREAK.search(text)
    newline = first_break.group() if first_break else "\n"
    if body and not body.endswith(("\n", "\r")):
        body += newline
    return newline.join(["---", *front_matter.split("\n")[:-1], "---", ""]) + body


# --- the job on many files -----------------------------------------------------------------------------

@dataclass(frozen=True)
class FormatSettings:
    """What `glossary fmt` was asked to do."""

    root: Path
    content: Path
    schema: Path
    files: tuple[Path, ...] = ()
    check: bool = False


@dataclass
class FormatResult:
    """The files looked at, those changed (or that would change, with --check), and the refusals."""

    files: int = 0
    changed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def exit_code(self, check: bool) -> int:
        return 1 if self.refused or (check and self.changed) else 0


def _term_files(settings: FormatSettings) -> list[Path]:
    if settings.files:
        named = [path.absolute() for path in settings.files]
    else:
        try:
            named = discover(settings.content, settings.root).files
        except OSError as error:
            raise ConfigError(f"cannot read the content folder {settings.content}: "
                              f"{error.strerror or error}") from error
    unique: dict[str, Path] = {}
    for path in named:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def run_format(settings: FormatSettings) -> FormatResult:
    """Format every named file (default: the content folder's terms); write changes unless checking."""
    from glossary.check.schema import load_validator

    validator = load_validator(settings.schema)
    result = FormatResult()
    for path in _term_files(settings):
        outcome = format_file(path, display_path(path, settings.root), validator.schema, validator)
        result.files += 1
        if outcome.data is None:
            result.refused += outcome.refusals()
            continue
        if not outcome.changed:
            continue
        if not settings.check:
            try:
                atomic.replace_file(path, outcome.data)
            except OSError as error:
                result.refused.append(f"{outcome.shown}: not formatted: cannot write it "
                                      f"({error.strerror or error})")
                continue
        result.changed.append(outcome.shown)
    return result
