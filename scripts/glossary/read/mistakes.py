"""The YAML mistakes writers make most, found where they are made and said in plain words.

libyaml stops where it gives up, which is often far from the mistake: a quote never closed makes it
read on to the next quote in the file, maybe twenty lines down. These functions take the front matter's
text (and, for a syntax error, the line where YAML gave up) and return where the mistake is, with a
message that says what to do: an unclosed quote (at the quote), a tab in the indentation (at the tab),
': ' inside an unquoted value (at the colon), a line indented further than its field (at the line), and
a list item indented one space too far (at its '- '). Each returns None when it is not that mistake.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

import yaml

_ENTRY = re.compile(r"^(?P<lead>[ ]*(?:-[ ]+)*)(?:- |-$|[^\s#'\"\[\]{},:-][^:#]*:(?:[ \t]|$))")
_KEY_PREFIX = re.compile(r"[ ]*(?:-[ ]+)*[^\s#:'\"\[\]{}][^:#]*")  # a line's text up to its first key's colon
_QUOTES = ('"', "'")
_TYPOGRAPHIC = "“”‘’„«»"
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # as read.frontmatter reads


class Mistake(NamedTuple):
    """Where a mistake is (a character index into the front matter) and what to say about it."""

    at: int  # a character index into the front matter
    message: str


def quote_message(quote: str) -> str:
    apostrophes = "; write an apostrophe inside it as ''" if quote == "'" else ""
    return (f"this quote is never closed; close it on the same line, at the end of the value, or remove it "
            f"(YAML reads on to the next {quote} and takes the lines between as text){apostrophes}")


def unclosed_quote(text: str, failed_line: int | None) -> Mistake | None:
    """The first quote that opens a value and is not closed on its own line, when that broke the YAML.

    It broke it when a line that the quoted text swallowed looks like a field or list item of its own,
    or (given `failed_line`, the 0-based line where YAML gave up) when closing the quote at the end of
    its line makes the YAML read, or fail only further down.
    """
    lines = text.split("\n")
    for start, end_line, quote in _quoted_spans(text):
        first = text.count("\n", 0, start)
        if end_line <= first:
            continue
        if failed_line is not None and first > failed_line:
            break
        if _swallows_an_entry(lines, first, end_line) or (
                failed_line is not None and _closing_helps(lines, first, quote, failed_line)):
            return Mistake(start, quote_message(quote))
    return None


def _quoted_spans(text: str) -> list[tuple[int, int, str]]:
    """(start index, 0-based end line, quote) of each quoted value, as libyaml's scanner reads them; one
    still open when the scanner fails runs to the end. Lines are counted at \\n only, as editors do."""
    spans: list[tuple[int, int, str]] = []
    try:
        for token in yaml.scan(text, Loader=_LOADER):
            if isinstance(token, yaml.ScalarToken) and token.style in _QUOTES:
                start, end = int(token.start_mark.index), int(token.end_mark.index)
                spans.append((start, text.count("\n", 0, end), str(token.style)))
    except yaml.MarkedYAMLError as error:
        mark = error.context_mark
        if (error.context or "").startswith("while scanning a quoted scalar") and mark is not None:
            quote = text[mark.index] if 0 <= mark.index < len(text) else '"'
            spans.append((int(mark.index), text.count("\n"), quote if quote in _QUOTES else '"'))
    except yaml.YAMLError:
        pass
    return spans


def _swallows_an_entry(lines: list[str], first: int, last: int) -> bool:
    """Whether a line after the quote's, up to `last`, starts a field or list item no deeper than it."""
    opening = _ENTRY.match(lines[first])
    depth = len(opening.group("lead")) if opening else len(lines[first]) - len(lines[first].lstrip(" "))
    for line in lines[first + 1:last + 1]:
        entry = _ENTRY.match(line)
        if entry and len(line) - len(line.lstrip(" ")) <= depth:
            return True
    return False


def _closing_helps(lines: list[str], first: int, quote: str, failed_line: int) -> bool:
    fixed = list(lines)
    fixed[first] = fixed[first].rstrip() + quote
    try:
        for _ in yaml.parse("\n".join(fixed), Loader=_LOADER):
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return mark is not None and int(mark.line) > failed_line
    except yaml.YAMLError:
        return False
    return True


def tab_mistake(text: str, line: int, column: int) -> Mistake | None:
    """A tab in the indentation of the line where YAML gave up (or at the place it gave up)."""
    lines = text.split("\n")
    written = lines[line] if 0 <= line < len(lines) else ""
    lead = written[:len(written) - len(written.lstrip(" \t"))]
    line_start = sum(len(each) + 1 for each in lines[:line])
    if "\t" in lead:
        return Mistake(line_start + lead.index("\t"), "this line is indented with a tab; YAML needs spaces: "
                                                      "replace the tab with spaces, lined up with the lines around it")
    if written[column:column + 1] == "\t":
        return Mistake(line_start + column, "a tab here, which YAML does not allow between the parts of a line; "
                                            "replace it with a space")
    return None


def colon_mistake(text: str, line: int, column: int) -> Mistake | None:
    """libyaml's "mapping values are not allowed here": ': ' inside an unquoted value, or a line indented
    further than the field above it (so that YAML reads it as more of that field's value)."""
    lines = text.split("\n")
    written = lines[line] if 0 <= line < len(lines) else ""
    line_start = sum(len(each) + 1 for each in lines[:line])
    if written[column:column + 1] != ":":
        return None
    if not _KEY_PREFIX.fullmatch(written[:column]):  # the colon is inside the value of the line's own field
        field = written.split(":", 1)[0].strip().lstrip("- ").strip()
        sketch = _value_sketch(written)
        if sketch[:1] in _TYPOGRAPHIC:
            return Mistake(line_start + column, "this ': ' is inside typographic quotes (“ ” or ‘ ’), which YAML "
                                                "reads as text, not as quotes; use straight quotes, as in "
                                                f"{field}: \"{sketch.strip(_TYPOGRAPHIC)}\"")
        return Mistake(line_start + column, f"this ': ' inside the value of '{field}' reads to YAML as the start of "
                                            "another field; put the whole value in quotes, as in "
                                            f"{field}: \"{sketch}\"")
    above = next((i for i in range(line - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                 None)
    entry = _ENTRY.match(lines[above]) if above is not None else None
    indent = len(written) - len(written.lstrip(" "))
    if above is None or entry is None or indent <= len(entry.group("lead")):
        return None
    depth = len(entry.group("lead"))
    shown = written.strip()[:40]
    return Mistake(line_start + indent, f"line '{shown}' is indented {indent} spaces, more than the field above it "
                                        f"({depth}), so YAML reads it as more of that field's value: indent it "
                                        f"{depth} spaces if it is a field of its own; if it is more of the text "
                                        "above, put that whole value in quotes")


def _value_sketch(written: str) -> str:
    value = written.split(":", 1)[1].strip()
    return value if len(value) <= 30 else f"{value[:12]} … {value[-12:]}"


def stray_list_item(text: str, start: int, end: int) -> Mistake | None:
    """A list item whose unquoted text runs on to a line starting with '- ': that line's item was indented
    further than the item above, so YAML made one item of the two ('gpu - inference')."""
    line_start = text.rfind("\n", 0, start) + 1
    prefix = text[line_start:start]
    item_column = prefix.rfind("-") if "-" in prefix else len(prefix) - len(prefix.lstrip(" "))
    lines = text[start:end].split("\n")
    offset = start + len(lines[0]) + 1
    for line in lines[1:]:
        if line.lstrip(" ").startswith("- "):
            indent = len(line) - len(line.lstrip(" "))
            return Mistake(offset + indent, f"this '- ' is indented {indent} spaces, more than the item above it "
                                            f"({item_column}), so YAML reads it as more of that item's text: write "
                                            "every '- ' of a list at the same indentation")
        offset += len(line) + 1
    return None
