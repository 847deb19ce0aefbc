"""Unlinked-mention check (GL309): a body that names another term links it or lists it in `related`.

A mention is another published or deprecated term's title or alias, as whole words separated by spaces,
ignoring case (an all-capitals name such as GPU must match its case, so "rag" is not "RAG"; a
hyphenated word is one word, so "GPU-based" is not a mention of GPU). The longest name wins, so
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


_WORD = re.compile(r"\w+(?:-\w+)*")  # a word, hyphenated words kept whole ("fine-tuning", not "tuning")


class NameIndex:
    """Every linkable term's names as word sequences, looked up word by word: a body is read once."""

    def __init__(self, corpus: Corpus) -> None:
        self.slug_of: dict[tuple[str, ...], str] = {}  # a name's words, in lower case
        self.acronyms: dict[tuple[str, ...], str] = {}  # ...of names that must match as written: GPU, RAG
        self.prefixes: set[tuple[str, ...]] = set()
        for term in sorted((t for t in corpus.terms if t.text_field("status") in EXPORTED), key=lambda t: t.slug):
            for name in names(term):
                words = _WORD.findall(name)
                key = tuple(word.casefold() for word in words)
                if not key or key in self.slug_of:
                    continue
                self.slug_of[key] = term.slug
                if len(words) == 1 and words[0].isupper():
                    self.acronyms[key] = words[0]
                self.prefixes.update(key[:size] for size in range(1, len(key) + 1))

    def mentions(self, text: str) -> list[tuple[int, str, str]]:
        """(offset, slug, words) of every mention, leftmost and longest first, none overlapping."""
        words = list(_WORD.finditer(text))
        folded = [word.group(0).casefold() for word in words]
        found: list[tuple[int, str, str]] = []
        index = 0
        while index < len(words):
            end = self._longest_name_at(text, words, folded, index)
            if end is None:
                index += 1
                continue
            start, stop = words[index].start(), words[end - 1].end()
            found.append((start, self.slug_of[tuple(folded[index:end])], " ".join(text[start:stop].split())))
            index = end
        return found

    def _longest_name_at(self, text: str, words: list[re.Match[str]], folded: list[str], index: int) -> int | None:
        """The end (exclusive word index) of the longest name starting at word `index`, if any."""
        best = None
        for end in range(index + 1, len(words) + 1):
            key = tuple(folded[index:end])
            gap = text[words[end - 2].end():words[end - 1].start()] if end > index + 1 else ""
            if key not in self.prefixes or gap.strip():
                break  # no name goes on like this; a name's words are separated by spaces only
            if key in self.slug_of and self.acronyms.get(key, words[index].group(0)) == words[index].group(0):
                best = end
        return best


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
