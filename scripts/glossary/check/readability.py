"""Plain-English check (GL303, GL304): the summary is easy to read and says more than the title.

GL303 scores the summary with Flesch reading ease (206.835 - 1.015 words per sentence - 84.6 syllables
per word) and warns below 30, the band Flesch called "very difficult" (graduate reading), or when a
sentence runs over 25 words. docs/quality.md says why these bounds. A summary with no Latin letters
is not judged: both measures are for English. GL304 warns when, leaving out the
title's own words and little words such as "a" and "the", fewer than three words remain.

Passes:  summary: A chip with thousands of small processors working in parallel.
Fails:   summary: Heterogeneous accelerator infrastructure operationalisation methodology.  ->  GL303
Fails:   summary: The GPU, a GPU.                                                             ->  GL304
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from glossary.check.textual import is_english_like, mark_of, published, words
from glossary.diagnostics import Diagnostic, problem
from glossary.read.corpus import Corpus, Term

MIN_READING_EASE = 30.0
MAX_SENTENCE_WORDS = 25
MIN_NEW_WORDS = 3

_SENTENCE_END = re.compile(r"[.!?;:]+(?:\s+|$)")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
LITTLE_WORDS = frozenset("""a an the and or of to in on for by with at from as is are was be that this it its
    into than then so but not no what which who how when where used use uses""".split())


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Score the summary of every published or deprecated term reported on."""
    for term in published(corpus):
        summary = term.text_field("summary")
        if summary is None or not is_english_like(summary):
            continue  # Flesch's measure and the little words are English
        ease, longest = reading_ease(summary), longest_sentence(summary)
        hard = ([f"its Flesch reading ease is {ease:.0f}, under {MIN_READING_EASE:.0f}"] if ease < MIN_READING_EASE
                else []) + ([f"a sentence runs to {longest} words, over {MAX_SENTENCE_WORDS}"]
                            if longest > MAX_SENTENCE_WORDS else [])
        if hard:
            yield problem("GL303", term.path, *mark_of(term, ("summary",)),
                          f"the summary is hard to read: {' and '.join(hard)}; use shorter words and sentences")
        if len(new_words(summary, term)) < MIN_NEW_WORDS:
            yield problem("GL304", term.path, *mark_of(term, ("summary",)),
                          "the summary only repeats the title; say in other, everyday words what it is")


def sentences(text: str) -> list[list[str]]:
    """The words of each sentence (a colon or semicolon also ends one, as readers pause there)."""
    return [found for part in _SENTENCE_END.split(text) if (found := words(part))]


def longest_sentence(text: str) -> int:
    return max((len(sentence) for sentence in sentences(text)), default=0)


def syllables(word: str) -> int:
    """An estimate: vowel groups, less a silent final e; an acronym is read letter by letter."""
    if word.isupper() and len(word) <= 5:
        return len(word)
    lower = word.lower()
    count = len(_VOWEL_GROUP.findall(lower))
    if lower.endswith("e") and not lower.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def reading_ease(text: str) -> float:
    """Flesch reading ease of `text`: higher is easier; 60-70 is plain English."""
    parts = sentences(text)
    all_words = [word for sentence in parts for word in sentence]
    if not all_words:
        return 100.0
    per_sentence = len(all_words) / len(parts)
    per_word = sum(syllables(word) for word in all_words) / len(all_words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


def new_words(summary: str, term: Term) -> set[str]:
    """The summary's words that are neither the title's or an alias's nor little words."""
    named = {word.lower() for name in (term.text_field("title") or "", *term.list_field("aliases"))
             if isinstance(name, str) for word in words(name)}
    return {word.lower() for word in words(summary)} - named - LITTLE_WORDS
