"""Unlinked-mention check (GL309): a body that names another term links it or lists it in `related`.

A mention is another published or deprecated term's title or alias, as whole words, ignoring case (an
all-capitals name such as GPU must match its case, so "rag" is not "RAG"). The longest name wins, so
"GPU cluster" is one mention of gpu-cluster, not of gpu. Text inside code and inside links is not a
mention. Each unlinked term is reported once, at its first mention. Where a word only looks like a term
("transformers" on an electricity grid), say so: `# glossary-disable GL309(transformer): the reason`.

Passes:  related: [gpu]  /  body: Training runs on GPUs.
Passes:  related: []     /  body: Training runs on [GPUs](gpu.md).
Fails:   related: []     /  body: Training runs on GPUs.       ->  GL309 at "GPUs"
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from glossary.bodylinks import mask_code, term_links
from glossary.checks.switches import exempt
from glossary.checks.textual import EXPORTED, names, published
from glossary.corpus import Corpus, Term
from glossary.diagnostics import Diagnostic, problem


_LINK_TARGET = re.compile(r"\]\([^()\n]*\)|<[a-z]+:[^>\s]*>", re.IGNORECASE)  # (url) of a link, <autolink>


class NameIndex:
    """Every linkable term's names, compiled into two patterns: one ignoring case, one for acronyms."""

    def __init__(self, corpus: Corpus) -> None:
        self.slug_of: dict[str, str] = {}
        by_kind: dict[bool, set[str]] = {True: set(), False: set()}
        for term in sorted((t for t in corpus.terms if t.text_field("status") in EXPORTED), key=lambda t: t.slug):
            for name in names(term):
                self.slug_of.setdefault(_key(name, _is_acronym(name)), term.slug)
                by_kind[_is_acronym(name)].add(name)
        self.patterns = [(acronyms, _pattern(by_kind[acronyms], 0 if acronyms else re.IGNORECASE))
                         for acronyms in (False, True) if by_kind[acronyms]]

    def mentions(self, text: str) -> list[tuple[int, str, str]]:
        """(offset, slug, words) of every mention, longest names first, none overlapping."""
        found: list[tuple[int, int, str, str]] = []
        for acronyms, pattern in self.patterns:
            for match in pattern.finditer(text):
                slug = self.slug_of.get(_key(match.group(0), acronyms))
                if slug is not None:
                    found.append((match.start(), match.end(), slug, match.group(0)))
        kept: list[tuple[int, str, str]] = []
        taken_until = -1
        for start, end, slug, words in sorted(found, key=lambda m: (m[0], m[0] - m[1])):
            if start >= taken_until:
                kept.append((start, slug, " ".join(words.split())))
                taken_until = end
        return kept


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """The first unlinked mention of each other term in the body of every reported published term."""
    index: NameIndex | None = None
    for term in published(corpus):
        index = index or NameIndex(corpus)
        yield from _unlinked(term, index)


def _unlinked(term: Term, index: NameIndex) -> Iterator[Diagnostic]:
    body = term.source.body
    text = _LINK_TARGET.sub(_blank, mask_code(body))
    linked = {target for target in term.list_field("related") if isinstance(target, str)} | exempt(term, "GL309")
    for link in term_links(body):
        linked.add(link.target)
        text = text[:link.start] + _blank(text[link.start:link.end]) + text[link.end:]
    starts = [0] + [offset + 1 for offset, char in enumerate(body) if char == "\n"]
    for offset, slug, words in index.mentions(text):
        if slug == term.slug or slug in linked:
            continue
        linked.add(slug)  # once per term
        line = bisect.bisect_right(starts, offset) - 1
        yield problem("GL309", term.path, term.source.body_line + line, offset - starts[line] + 1,
                      f"the body mentions {words!r} ('{slug}') without linking it; write [{words}]({slug}.md) "
                      f"at its first mention, or add '{slug}' to related")


def _blank(text: str | re.Match[str]) -> str:
    """The same text as spaces, line breaks kept, so offsets still point at the same places."""
    return re.sub(r"[^\n]", " ", text if isinstance(text, str) else text.group(0))


def _key(name: str, acronym: bool) -> str:
    spaced = " ".join(name.split())
    return spaced if acronym else spaced.casefold()


def _is_acronym(name: str) -> bool:
    return name.isupper() and " " not in name.strip()


def _pattern(names: set[str], flags: int) -> re.Pattern[str]:
    alternatives = sorted({re.escape(" ".join(name.split())).replace(r"\ ", r"\s+") for name in names},
                          key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", flags)
