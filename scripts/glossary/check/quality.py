"""Content-quality checks of one term: placeholders (GL301, GL302), the definition (GL305, GL306), the FAQ
(GL310) and the roles (GL311).

A placeholder is the word TODO, which every blank of the `glossary new` template holds, or a line of advice
that earlier versions of `glossary new` wrote as comments at the top of the file. In a draft it is a
warning (the draft is being written); in a published or deprecated term it is an error, since consumers
would read it. Files without a `status` (front matter of other tools) are skipped.

Passes:  summary: A building that turns electricity and data into AI answers.
Fails:   summary: "TODO: one plain-English sentence..."  ->  GL301 (draft) or GL302 (published)

The others judge published and deprecated terms. The definition must name the term (its title or an
alias, ignoring case and hyphens), and must not be the summary again (GL306 also catches a summary
copied whole into the definition). No FAQ question may be asked twice (ignoring case and punctuation).
A `roles` list must not be empty, name a role twice, or leave a role's `use` blank.

Fails:   title: GPU / definition: A chip that does many sums at once.        ->  GL305
Fails:   faq: [{question: What is it?}, {question: what is it ?}]            ->  GL310 at the second
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from glossary.check.textual import (
    is_english_like,
    mark_of,
    names,
    normalised,
    published,
)
from glossary.diagnostics import Diagnostic, problem
from glossary.read.corpus import Corpus, Term
from glossary.read.positions import JsonPath, json_path

PLACEHOLDER = re.compile(r"\bTODO\b")
# The advice comments `glossary new` used to write into the file, where they outlived the draft.
TEMPLATE_ADVICE = re.compile(r"^#\s*(?:A new term, written by `glossary new`|The schema \(schema/term\.schema\.json\) "
                             r"describes each field|category: one of )", re.MULTILINE)


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every placeholder, then the definition, FAQ and roles problems of the reported terms."""
    yield from _placeholder_problems(corpus)
    for term in published(corpus):
        yield from _definition(term)
        yield from _faq(term)
        yield from _roles(term)
        yield from _body(term)


def _body(term: Term) -> Iterator[Diagnostic]:
    """A published term's body is its full explanation: readers who open the term expect one."""
    source = term.whole()
    if not source.body.strip():
        yield problem("GL312", term.path, source.body_line - 1, 1,  # at the closing ---, which the body follows
                      "the body is empty; below the closing --- write two to four paragraphs: where the term "
                      "comes from, how it works, why it matters, what it is not")


def _placeholder_problems(corpus: Corpus) -> Iterator[Diagnostic]:
    for term in corpus.targets():
        status = term.text_field("status")
        if status is None:
            continue  # not a glossary term (another tool's front matter): no status to judge by
        code = "GL301" if status == "draft" else "GL302"
        for path, _ in _placeholders(term.data, ()) if _may_hold_todo(term) else ():
            mark = term.positions.of_value(path)
            yield problem(code, term.path, mark.line, mark.column, _message(json_path(path), term))
        front_matter = term.source.front_matter
        for advice in TEMPLATE_ADVICE.finditer(front_matter) if "# " in front_matter else ():
            at = term.source.front_matter_line + front_matter.count("\n", 0, advice.start())
            yield problem(code, term.path, at, 1, "this comment is advice from the `glossary new` template, not "
                                                    "part of the term; delete it" +
                          (" before publishing" if status == "draft" else ""))
        body = term.source.body
        for number, line in enumerate(body.split("\n") if PLACEHOLDER.search(body) else ()):
            match = PLACEHOLDER.search(line)
            if match:
                yield problem(code, term.path, term.source.body_line + number, match.start() + 1,
                              _message("the body", term))


def _may_hold_todo(term: Term) -> bool:
    """Whether the front matter's values may hold TODO: as written (no escapes), it is in the text."""
    written = term.source.front_matter
    if written and "\\" not in written:  # without a backslash escape, a value holds only what is written
        return "TODO" in written
    return "TODO" in repr(term.data)


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


def _definition(term: Term) -> Iterator[Diagnostic]:
    definition, summary = term.text_field("definition"), term.text_field("summary")
    if definition is None:
        return
    plain = f" {normalised(definition)} "
    if term.text_field("title") is not None and not any(_names(name, plain) for name in names(term)):
        yield problem("GL305", term.path, *mark_of(term, ("definition",)),
                      f"the definition does not name the term; use its title ({term.text_field('title')!r}) "
                      "or an alias in it, so it reads on its own")
    short = normalised(summary) if summary is not None else ""
    if short and f" {short} " in plain:
        how = "is the summary again" if f" {short} " == plain else "repeats the summary"
        yield problem("GL306", term.path, *mark_of(term, ("definition",)), f"the definition {how}; make the summary the one-line "
                                                        "gist and the definition the precise paragraph")


def _names(name: str, plain: str) -> bool:
    """Whether normalised text names `name`: as whole words, or anywhere for a script written without
    spaces between words (Chinese, Japanese)."""
    return f" {normalised(name)} " in plain if is_english_like(name) else normalised(name) in plain


def _faq(term: Term) -> Iterator[Diagnostic]:
    asked: dict[str, int] = {}
    for index, entry in enumerate(term.list_field("faq")):
        question = entry.get("question") if isinstance(entry, dict) else None
        key = normalised(question) if isinstance(question, str) else ""
        if not key:
            continue
        if key in asked:
            line, column = mark_of(term, ("faq", index, "question"))
            yield problem("GL310", term.path, line, column,
                          f"faq[{index}] asks the same question as faq[{asked[key]}]; merge the answers into one")
        else:
            asked[key] = index


def _roles(term: Term) -> Iterator[Diagnostic]:
    roles = term.data.get("roles") if term.data else None
    if roles == []:
        line, column = mark_of(term, ("roles",))
        yield problem("GL311", term.path, line, column,
                      "roles is empty; say how at least one role uses the term, or remove the field")
        return
    seen: dict[str, int] = {}
    for index, entry in enumerate(term.list_field("roles")):
        if not isinstance(entry, dict):
            continue
        role, use = entry.get("role"), entry.get("use")
        if isinstance(use, str) and not use.strip():
            line, column = mark_of(term, ("roles", index, "use"))
            yield problem("GL311", term.path, line, column,
                          f"roles[{index}].use is blank; say how a {role or 'reader'} uses the term")
        if isinstance(role, str) and role in seen:
            line, column = mark_of(term, ("roles", index, "role"))
            yield problem("GL311", term.path, line, column,
                          f"roles[{index}] names {role!r} again (first at roles[{seen[role]}]); merge the two uses")
        elif isinstance(role, str):
            seen[role] = index
