"""Reporting: one renderer per output format, all from the same diagnostic records.

`text` for people, `json` for programs, `github` for workflow annotations on a pull request's lines,
`sarif` (2.1.0) for code-scanning tools, `markdown` for a workflow's job summary. `get` fails loudly on an
unknown format name.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from glossary import __version__
from glossary.diagnostics import CODES, Diagnostic

DOCS_URL = "docs/diagnostics.md"


@dataclass(frozen=True)
class Summary:
    """Counts for the end of a report."""

    files: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, diagnostics: Sequence[Diagnostic], files: int) -> Summary:
        errors = sum(1 for d in diagnostics if d.severity == "error")
        return cls(files, errors, len(diagnostics) - errors)

    def as_dict(self) -> dict[str, int]:
        return {"files": self.files, "errors": self.errors, "warnings": self.warnings}

    def sentence(self) -> str:
        if not self.errors and not self.warnings:
            return f"{_count(self.files, 'file')} checked: no problems"
        return (f"{_count(self.files, 'file')} checked: {_count(self.errors, 'error')}, "
                f"{_count(self.warnings, 'warning')}")


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


Renderer = Callable[[Sequence[Diagnostic], Summary], str]


def render_text(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """`path:line:column: severity code message`, one per line."""
    return "".join(f"{d.path}:{d.line}:{d.column}: {d.severity} {d.code} {d.message}\n" for d in diagnostics)


def render_json(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """`{"diagnostics": [...], "summary": {...}}`."""
    document = {"diagnostics": [d.as_dict() for d in diagnostics], "summary": summary.as_dict()}
    return json.dumps(document, indent=2) + "\n"  # ASCII with \u escapes: safe in any encoding


def render_github(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """GitHub Actions workflow commands, which annotate the lines of a pull request."""
    lines = []
    for d in diagnostics:
        properties = ",".join(f"{key}={_escape_property(str(value))}" for key, value in
                              (("file", d.path), ("line", d.line), ("col", d.column), ("title", d.code)))
        lines.append(f"::{d.severity} {properties}::{_escape_data(d.message)}\n")
    return "".join(lines)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_sarif(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """A SARIF 2.1.0 log with one run, every code as a rule, and one result per diagnostic."""
    rules = list(CODES.values())
    index = {rule.code: number for number, rule in enumerate(rules)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "glossary",
                "version": __version__,
                "rules": [_sarif_rule(rule.code) for rule in rules],
            }},
            "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The project root."}}},
            "columnKind": "unicodeCodePoints",
            "results": [_sarif_result(d, index[d.code]) for d in diagnostics],
        }],
    }
    return json.dumps(document, indent=2) + "\n"


def _sarif_rule(code: str) -> dict[str, object]:
    rule = CODES[code]
    return {
        "id": rule.code,
        "name": rule.code,
        "shortDescription": {"text": rule.title},
        "help": {"text": f"{rule.code}: {rule.title}. See {DOCS_URL} in the glossary repository for the fix."},
        "defaultConfiguration": {"level": rule.severity},
    }


def _sarif_result(d: Diagnostic, rule_index: int) -> dict[str, object]:
    path = PurePosixPath(d.path)
    location: dict[str, object] = (
        {"uri": "file://" + quote(d.path)} if path.is_absolute() else {"uri": quote(d.path), "uriBaseId": "%SRCROOT%"}
    )
    return {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": d.severity,
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": {"startLine": d.line, "startColumn": d.column},
        }}],
    }


MARKDOWN_ROWS = 500  # a job summary holds at most 1 MiB; the full list is in the log


def render_markdown(diagnostics: Sequence[Diagnostic], summary: Summary) -> str:
    """A sentence with the counts, then a Markdown table of the problems, for a workflow's job summary."""
    lines = [f"**{escape_markdown(summary.sentence())}**"]
    if diagnostics:
        lines += ["", "| file | line | column | severity | code | message |",
                  "| --- | ---: | ---: | --- | --- | --- |"]
        lines += [f"| {escape_markdown(d.path)} | {d.line} | {d.column} | {d.severity} | {d.code} | "
                  f"{escape_markdown(d.message)} |" for d in diagnostics[:MARKDOWN_ROWS]]
        if len(diagnostics) > MARKDOWN_ROWS:
            lines += ["", f"The first {MARKDOWN_ROWS} are shown; `glossary lint` lists all "
                          f"{len(diagnostics)}."]
    return "\n".join(lines) + "\n"


# What could start emphasis, code, a link, HTML, an entity, maths (on GitHub) or end a table cell
_MARKDOWN_SPECIAL = frozenset("\\`*_[]<>|~&$")


def escape_markdown(text: str) -> str:
    """Text that Markdown (and a table cell) shows exactly as written, on one line."""
    return "".join("\\" + char if char in _MARKDOWN_SPECIAL else char for char in " ".join(text.splitlines()))


FORMATS: dict[str, Renderer] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
    "markdown": render_markdown,
}


def get(name: str) -> Renderer:
    """The renderer for a format name; an unknown name is a programming error."""
    try:
        return FORMATS[name]
    except KeyError:
        raise KeyError(f"no output format called {name!r}; known: {', '.join(FORMATS)}") from None
