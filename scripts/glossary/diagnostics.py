"""The diagnostic record every stage yields, and the registry of codes that stamps its severity."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Code:
    """One stable diagnostic code: its default severity and a one-line title for docs and SARIF."""

    code: str
    severity: Severity
    title: str


# The registry: every code the tool can emit. docs/diagnostics.md documents each one (a test checks).
CODES: dict[str, Code] = {
    c.code: c
    for c in [
        # GL0xx: reading the file and its YAML front matter
        Code("GL001", "error", "the file cannot be read"),
        Code("GL002", "error", "the file is too large to be a term"),
        Code("GL003", "error", "the file is not UTF-8 text"),
        Code("GL004", "error", "the file has no front matter"),
        Code("GL005", "error", "the front matter is not closed"),
        Code("GL006", "error", "YAML syntax error"),
        Code("GL007", "error", "the front matter is not a mapping of fields"),
        Code("GL008", "error", "a key appears twice"),
        Code("GL009", "error", "a key is not text"),
        Code("GL010", "error", "YAML tags are not allowed"),
        Code("GL011", "error", "YAML anchors and aliases are not allowed"),
        Code("GL012", "error", "the front matter is nested too deeply"),
        Code("GL013", "error", "an impossible date"),
        Code("GL014", "error", "the file is a link to outside the content folder"),
        Code("GL015", "warning", "text after ' #' was read as a comment"),
        # GL1xx: the JSON Schema
        Code("GL100", "error", "the schema could not check the file"),
        Code("GL101", "error", "a required field is missing"),
        Code("GL102", "error", "an unknown field"),
        Code("GL103", "error", "a value has the wrong type"),
        Code("GL104", "error", "a value is not one of the allowed values"),
        Code("GL105", "error", "a value is too long, too short, too many or too few"),
        Code("GL106", "error", "a value is not in the expected form"),
        Code("GL107", "error", "a list repeats an item"),
        Code("GL108", "error", "the front matter breaks another schema rule"),
        # GL2xx: names and links between terms
        Code("GL201", "error", "the file name is not a valid slug"),
        Code("GL202", "error", "the file is not a Markdown (.md) file"),
        Code("GL203", "error", "two file names differ only by case"),
        Code("GL204", "error", "a term file is in a subfolder of the content folder"),
        Code("GL210", "error", "a linked term does not exist"),
        Code("GL211", "error", "a term links to itself"),
        Code("GL212", "error", "a related term is listed twice"),
        Code("GL213", "error", "a published term links to a draft"),
        Code("GL214", "error", "two terms share a name (title, abbreviation, alias or deprecated name)"),
        Code("GL215", "error", "the redirects file cannot be read as YAML"),
        Code("GL216", "error", "the redirects file is not a mapping of old slug to new slug"),
        Code("GL217", "error", "a redirected slug is still a term"),
        Code("GL218", "error", "a redirect leads to no exported term"),
        Code("GL219", "error", "a redirect leads to another redirect, or loops"),
        Code("GL220", "error", "a term published in the previous export would leave it without being deprecated"),
        Code("GL221", "error", "a deprecated name is also an admitted name"),
        Code("GL222", "error", "a term gives the same name twice"),
        # GL3xx: content quality
        Code("GL300", "warning", "a switch comment is malformed or names a code it cannot switch off"),
        Code("GL301", "warning", "a draft still holds placeholder text"),
        Code("GL302", "error", "a published term still holds placeholder text"),
        Code("GL303", "warning", "the summary is hard to read"),
        Code("GL304", "warning", "the summary only repeats the title"),
        Code("GL305", "warning", "the definition does not name the term"),
        Code("GL306", "warning", "the definition repeats the summary"),
        Code("GL307", "warning", "a related link goes one way only"),
        Code("GL308", "warning", "no other term links to this term"),
        Code("GL309", "warning", "the body mentions another term without linking it"),
        Code("GL310", "warning", "a FAQ question is asked twice"),
        Code("GL311", "warning", "roles are empty, blank or repeated"),
        Code("GL312", "warning", "a published term has no body"),
        Code("GL313", "warning", "the body uses another term's deprecated name"),
    ]
}


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where it is, how bad, which rule, and what to do. Sorts by path, line, column, code."""

    path: str
    line: int
    column: int
    code: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, object]:
        """The record with the JSON keys used in every machine-readable format."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


MAX_MESSAGE = 1000  # a message quotes values; a pathological value must not make it a page long


def problem(code: str, path: str, line: int, column: int, message: str) -> Diagnostic:
    """Stamp a finding with its code's severity; an unknown code is a programming error.

    The message is kept to one line (a record per line in text output) and to a readable length.
    """
    one_line = message.replace("\r", "\\r").replace("\n", "\\n")
    if len(one_line) > MAX_MESSAGE:
        one_line = one_line[: MAX_MESSAGE - 1] + "…"
    return Diagnostic(path, max(line, 1), max(column, 1), code, CODES[code].severity, one_line)


def shorten(value: Any, limit: int = 60) -> str:
    """A value for a message: text quoted, anything else as JSON, cut short if long."""
    if isinstance(value, str):
        text = " ".join(value.split())
        return repr(text if len(text) <= limit else text[: limit - 1] + "…")
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= limit else text[: limit - 1] + "…"
