"""Helpers the content-quality checks share: which terms to judge, words, names and positions."""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.corpus import Corpus, Term
from glossary.parsing import JsonPath

EXPORTED = ("published", "deprecated")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def published(corpus: Corpus) -> Iterator[Term]:
    """The reported terms readers will see: published or deprecated (drafts are being written)."""
    return (term for term in corpus.targets() if term.text_field("status") in EXPORTED)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def normalised(text: str) -> str:
    """Text as compared for sameness: lower case, words only, single spaces."""
    return " ".join(word.lower() for word in words(text))


def names(term: Term) -> list[str]:
    """The term's title and aliases."""
    found = [term.text_field("title") or ""] + [a for a in term.list_field("aliases") if isinstance(a, str)]
    return [name for name in found if name.strip()]


def mark_of(term: Term, path: JsonPath) -> tuple[int, int]:
    mark = term.positions.of_value(path)
    return mark.line, mark.column
