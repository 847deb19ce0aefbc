"""Unlinked-mention check (GL309): a body that names another term links it or lists it in `related`.

A mention is another published or deprecated term's title or alias, as whole words separated as in the
name (spaces, or the "/" of "AI/ML"), ignoring case (an all-capitals name such as GPU must match its case, so "rag" is not "RAG"; a
hyphenated word is one word, so "GPU-based" is not a mention of GPU). The longest name wins, so
"GPU cluster" is one mention of gpu-cluster, not of gpu. Text inside code and inside links is not a
mention, nor is a web address. Each unlinked term is reported once, at its first mention. Where a word only looks like a term
("transformers" on an electricity grid), say so: `# glossary-disable GL309(transformer): the reason`.

Passes:  related: [gpu]  /  body: Training runs on GPUs.
Passes:  related: []     /  body: Training runs on [GPUs](gpu.md).
Fails:   related: []     /  body: Training runs on GPUs.       ->  GL309 at "GPUs"
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from glossary.check.textual import EXPORTED, MARKS, fold, names, published
from glossary.diagnostics import Diagnostic, problem
from glossary.read.bodylinks import LINK_TEXT, blank, mask_code
from glossary.read.corpus import Corpus, Term
from glossary.read.switches import exempt

# Not prose: any link (its text too), an image, a reference definition, a bare web address.
_NOT_PROSE = re.compile(rf"!?\[{LINK_TEXT}\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\[\]\n]*\])"
                        r"|^ {0,3}\[[^\[\]\n]+\]:.*$|\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE | re.MULTILINE)
_PART = rf"[\w{MARKS}]+"  # a letter, digit or underscore in any script, or a combining accent
_WORD = re.compile(rf"{_PART}(?:-{_PART})*\+*")  # hyphenated words kept whole ("fine-tuning", not "tuning"); C++
_MAX_GAP = 3  # the longest separator between a name's words: " ", "/", ". "


class NameIndex:
    """Every linkable term's names as word sequences, looked up word by word: a body is read once."""

    def __init__(self, corpus: Corpus, first_words: set[str] | None = None) -> None:
        """`first_words`, when given: index only the names starting with one of these (folded) words,
        as when only a few bodies, holding only these words, are to be read."""
        self.slug_of: dict[tuple[tuple[str, ...], tuple[str, ...]], str] = {}  # (words in lower case, gaps)
        self.acronyms: dict[tuple[str, ...], str] = {}  # one-word names that must match as written: GPU
        self.prefixes: set[tuple[str, ...]] = set()
        for term in sorted((t for t in corpus.terms if t.text_field("status") in EXPORTED), key=lambda t: t.slug):
            for name in names(term):
                if first_words is not None and _PLAIN_NAME.fullmatch(name) \
                        and name.split(" ", 1)[0].lower() not in first_words:
                    continue  # a plain name whose first word none of the bodies holds
                key, gaps, one_word = _key_of(name)
                if first_words is not None and key and key[0] not in first_words:
                    continue
                if not key or (key, gaps) in self.slug_of:
                    continue
                self.slug_of[(key, gaps)] = term.slug
                if one_word is not None and one_word.isupper():
                    self.acronyms[key] = one_word
                self.prefixes.update(key[:size] for size in range(1, len(key) + 1))
        self.first_words = {key[0] for key in self.prefixes if len(key) == 1}

    @staticmethod
    def words_of(text: str) -> set[str] | None:
        """Every folded word of a text, as names are matched, to choose which names to index; None for
        text whose accents are not composed (fold() composes them word by word: index every name)."""
        if not unicodedata.is_normalized("NFC", text):
            return None
        return set(_WORD.findall(text.casefold()))

    def may_mention(self, text: str) -> bool:
        """False when no word of the text starts a name: most bodies are ruled out here, in C speed."""
        if not unicodedata.is_normalized("NFC", text):
            return True  # fold() composes accents word by word; let the full reading judge
        return not self.first_words.isdisjoint(_WORD.findall(text.casefold()))

    def mentions(self, text: str) -> list[tuple[int, str, str]]:
        """(offset, slug, words) of every mention, leftmost and longest first, none overlapping."""
        words = list(_WORD.finditer(text))
        folded = [fold(word.group(0)) for word in words]
        found: list[tuple[int, str, str]] = []
        index = 0
        while index < len(words):
            match = self._longest_name_at(text, words, folded, index)
            if match is None:
                index += 1
                continue
            end, slug = match
            start, stop = words[index].start(), words[end - 1].end()
            found.append((start, slug, " ".join(text[start:stop].split())))
            index = end
        return found

    def _longest_name_at(self, text: str, words: list[re.Match[str]], folded: list[str],
                         index: int) -> tuple[int, str] | None:
        """(end, slug) of the longest name starting at word `index` (`end` exclusive), if any."""
        best = None
        for end in range(index + 1, len(words) + 1):
            key = tuple(folded[index:end])
            gap = words[end - 1].start() - words[end - 2].end() if end > index + 1 else 0
            if key not in self.prefixes or gap > _MAX_GAP:
                break  # no name goes on like this
            slug = self.slug_of.get((key, _gaps(text, words[index:end])))
            if slug is not None and self.acronyms.get(key, words[index].group(0)) == words[index].group(0):
                best = (end, slug)
        return best


_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")  # most names: ASCII words, single spaces


def _key_of(name: str) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    """A name's folded words, the gaps between them, and the word itself if it is one word."""
    if _PLAIN_NAME.fullmatch(name):  # the quick way, giving what the full reading below would
        parts = name.split(" ")
        return tuple(part.lower() for part in parts), (" ",) * (len(parts) - 1), name if len(parts) == 1 else None
    words = list(_WORD.finditer(name))
    key = tuple(fold(word.group(0)) for word in words)
    return key, _gaps(name, words), words[0].group(0) if len(words) == 1 else None


def _gaps(text: str, words: list[re.Match[str]]) -> tuple[str, ...]:
    """What separates a run of words, any run of spaces or line breaks read as one space."""
    return tuple(re.sub(r"\s+", " ", text[a.end():b.start()]) for a, b in zip(words, words[1:]))


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """The first unlinked mention of each other term in the body of every reported published term."""
    index: NameIndex | None = None
    for term in published(corpus):
        index = index or NameIndex(corpus)
        yield from unlinked(term, index)


def unlinked(term: Term, index: NameIndex) -> Iterator[Diagnostic]:
    body = term.whole().body
    linked = {target for target in term.list_field("related") if isinstance(target, str)} | exempt(term, "GL309")
    links = term.body_links()
    linked.update(link.target for link in links)
    linked.update(term.definition_links())
    masked, parts, done = mask_code(body), [], 0
    for link in links:  # in order of start; "[[a]](b.md)" is two links over the same text
        start = max(link.start, done)
        parts += [masked[done:start], blank(masked[start:max(link.end, start)])]
        done = max(link.end, done)
    text = "".join(parts) + masked[done:]
    if "[" in text or "://" in text:  # what _NOT_PROSE matches starts so; most bodies hold none of it
        text = _NOT_PROSE.sub(lambda match: blank(match.group(0)), text)
    if not index.may_mention(text):
        return
    for offset, slug, words in index.mentions(text):
        if slug == term.slug or slug in linked:
            continue
        linked.add(slug)  # once per term
        line, column = body.count("\n", 0, offset), offset - body.rfind("\n", 0, offset)
        yield problem("GL309", term.path, term.source.body_line + line, column,
                      f"the body mentions {words!r} ('{slug}') without linking it; write [{words}]({slug}.md) "
                      f"at its first mention, or add '{slug}' to related")
