"""Helpers the content-quality checks share: which terms to judge, words, names and positions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from glossary.read.corpus import Corpus, Term
from glossary.read.positions import JsonPath

EXPORTED = ("published", "deprecated")
# A letter or digit in any script, with the combining accents of decomposed text ("e" + U+0301).
MARKS = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # combining accents
LETTER = rf"(?:[^\W_]|[{MARKS}])"
# "don't" and "C++" are one word each. Read with underscores made spaces, a word is [\w{MARKS}]+: one
# character class, far quicker than LETTER's alternation.
_WORD = re.compile(rf"[\w{MARKS}]+(?:['’][\w{MARKS}]+)*\+*")
_LATIN = re.compile(r"[A-Za-z]")


def published(corpus: Corpus) -> Iterator[Term]:
    """The reported terms readers will see: published or deprecated (drafts are being written)."""
    return (term for term in corpus.targets() if term.text_field("status") in EXPORTED)


def words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFC", text).replace("_", " "))


def normalised(text: str) -> str:
    """Text as compared for sameness: composed accents, lower case, words only, single spaces."""
    return " ".join(word.casefold() for word in words(text))


def is_english_like(text: str) -> bool:
    """Whether the English readability measures can judge `text`: it is written in Latin letters."""
    return _LATIN.search(text) is not None


def names_of(term: Term) -> Iterator[tuple[JsonPath, str]]:
    """The term's admitted names (title, abbreviation, aliases), each with its place in the front matter."""
    title = term.text_field("title")
    if title is not None:
        yield ("title",), title
    abbreviation = term.text_field("abbreviation")
    if abbreviation is not None:
        yield ("abbreviation",), abbreviation
    for index, alias in enumerate(term.list_field("aliases")):
        if isinstance(alias, str):
            yield ("aliases", index), alias


def names(term: Term) -> list[str]:
    """The term's admitted names (title, abbreviation, aliases) that hold more than spaces."""
    return [name for _, name in names_of(term) if name.strip()]


def deprecated_names_of(term: Term) -> Iterator[tuple[JsonPath, str, str | None]]:
    """The term's names to avoid, each with its place (at the name) and why (None if not given)."""
    for index, item in enumerate(term.list_field("deprecated_names")):
        name = item.get("name") if isinstance(item, dict) else None
        if isinstance(name, str):
            why = item.get("why")
            yield ("deprecated_names", index, "name"), name, why if isinstance(why, str) and why.strip() else None


def deprecated_names(term: Term) -> list[str]:
    """The term's names to avoid that hold more than spaces."""
    return [name for _, name, _ in deprecated_names_of(term) if name.strip()]


def fold(name: str) -> str:
    """A name as the clash check compares it: accents composed (NFC), case and repeated spaces ignored."""
    if name.isascii():  # already composed; lower() is casefold() for ASCII
        return " ".join(name.lower().split())
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def mark_of(term: Term, path: JsonPath) -> tuple[int, int]:
    mark = term.mark(path)
    return mark.line, mark.column
