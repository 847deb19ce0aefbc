"""Content-quality check (GL301, GL302): placeholder text left from `glossary new`.

A placeholder is the word TODO, which every blank of the `glossary new` template holds. In a draft it is a
warning (the draft is being written); in a published or deprecated term it is an error, since consumers
would read it. Files without a `status` (front matter of other tools) are skipped.

Passes:  summary: A building that turns electricity and data into AI answers.
Fails:   summary: "TODO: one plain-English sentence..."  ->  GL301 (draft) or GL302 (published)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from glossary.corpus import Corpus, Term
from glossary.diagnostics import Diagnostic, problem
from glossary.parsing import JsonPath, json_path

PLACEHOLDER = re.compile(r"\bTODO\b")


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Report every placeholder in the front matter and the body of the reported terms."""
    for term in corpus.targets():
        status = term.text_field("status")
        if status is None:
            continue  # not a glossary term (another tool's front matter): no status to judge by
        code = "GL301" if status == "draft" else "GL302"
        for path, _ in _placeholders(term.data, ()):
            mark = term.positions.of_value(path)
            yield problem(code, term.path, mark.line, mark.column, _message(json_path(path), term))
        for number, line in enumerate(term.source.body.split("\n")):
            match = PLACEHOLDER.search(line)
            if match:
                yield problem(code, term.path, term.source.body_line + number, match.start() + 1,
                              _message("the body", term))


def _placeholders(value: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(value, str):
        if PLACEHOLDER.search(value):
            yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _placeholders(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _placeholders(item, path + (index,))


def _message(where: str, term: Term) -> str:
    status = term.text_field("status")
    if status == "draft":
        return f"{where} still holds placeholder text (TODO); replace it before publishing"
    return f"{where} still holds placeholder text (TODO) in a {status} term, which readers would see; replace it"
