"""Writing front matter as YAML text in the canonical form: scalars, key order, and the emitter.

Keys come in the schema's `properties` order (unknown keys after, as written); lists in block style,
`related` sorted; text plain where YAML reads it back as the same text and double-quoted where it must
be; text that does not fit in WIDTH columns folded as a `>-` block, or double-quoted on one line when a
folded block cannot hold it exactly; dates as YYYY-MM-DD; no blank lines. Comments are placed where
`comments` attached them. The result is a pure function of the data and comments.
"""


from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import yaml
from yaml.nodes import ScalarNode
from yaml.representer import SafeRepresenter
from yaml.resolver import Resolver

from glossary.authoring.comments import Comments, attach_comments
from glossary.read.frontmatter import Loader
from glossary.read.positions import JsonPath

if TYPE_CHECKING:
    pass

WIDTH = 100  # columns; longer text is folded
INDENT = 2
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
_NOT_IN_PLAIN = "\t\n\r\x85\u2028\u2029"
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = Resolver()
_REPRESENTER = SafeRepresenter()


class NotFormattable(Exception):
    """The front matter cannot be formatted safely; the message says why."""


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


def load_data(text: str) -> Any:
    """The front matter as yaml.safe_load reads it (with the C loader where available)."""
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506  # Loader is PyYAML's safe loader
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:
        raise NotFormattable(f"YAML cannot load it ({type(error).__name__})") from None


DataChange = Callable[[dict[str, Any]], dict[str, Any]]  # a change to a term's data, written with the rest


def format_front_matter(text: str, schema: Any, change: DataChange | None = None) -> str:
    """The canonical form of one front matter's text (no fences), with `change` made to its data, or
    NotFormattable."""
    data = load_data(text)
    if not isinstance(data, dict):
        raise NotFormattable("the front matter is not a set of fields")
    data = change(data) if change is not None else data
    lines = _Emitter(attach_comments(text), schema).document(data)
    return "\n".join(lines) + "\n"
