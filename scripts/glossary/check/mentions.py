"""Mention checks: a body that names another term links it or lists it in `related` (GL309), and uses no
other term's deprecated name (GL313).

A mention is another published or deprecated term's title, abbreviation or alias, as whole words separated as in the
name (spaces, or the "/" of "AI/ML"), ignoring case (an all-capitals name such as GPU must match its case, so "rag" is not "RAG"; a
hyphenated word is one word, so "GPU-based" is not a mention of GPU). The longest name wins, so
"GPU cluster" is one mention of gpu-cluster, not of gpu. Text inside code and inside links is not a
mention, nor is a web address. Each unlinked term is reported once, at its first mention. Where a word only looks like a term
("transformers" on an electricity grid), say so: `# glossary-disable GL309(transformer): the reason`.

A deprecated name is matched the same way but whatever its case, and every use of one is reported, with
the term's title as the name to write; `# glossary-disable GL313(slug): the reason` allows one on purpose.

Passes:  related: [gpu]  /  body: Training runs on GPUs.
Passes:  related: []     /  body: Training runs on [GPUs](gpu.md).
Fails:   related: []     /  body: Training runs on GPUs.       ->  GL309 at "GPUs"
Fails:   body: Racks of AI chips.  (ai-accelerator avoids "AI chips")  ->  GL313 write 'AI accelerator' instead
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

import ahocorasick

from glossary.check.textual import EXPORTED, MARKS, deprecated_names_of, fold, names, published
from glossary.diagnostics import Diagnostic, problem
from glossary.read.bodylinks import LINK_TEXT, blank, mask_code
from glossary.read.corpus import Corpus, Term
from glossary.read.switches import exempt
from glossary.read.wording import matching_case, replacement

# Not prose: any link (its text too), an image, a reference definition, a bare web address.
_NOT_PROSE = re.compile(rf"!?\[{LINK_TEXT}\](?:\((?:[^()\n]|\([^()\n]*\))*\)|\[[^\[\]\n]*\])"
                        r"|^ {0,3}\[[^\[\]\n]+\]:.*$|\b[a-z][a-z0-9+.-]*://\S+", re.IGNORECASE | re.MULTILINE)
_PART = rf"[\w{MARKS}]+"  # a letter, digit or underscore in any script, or a combining accent
_WORD = re.compile(rf"{_PART}(?:-{_PART})*\+*")  # hyphenated words kept whole ("fine-tuning", not "tuning"); C++
_MAX_GAP = 3  # the longest separator between a name's words: " ", "/", ". "


Mention = tuple[int, str, str, int]  # where it starts in the text, the term's slug, the words, the name's number


class NameIndex:
    """Every linkable term's names in one Aho-Corasick automaton: a body is read once, in compiled code.

    A name is kept as its folded words joined by what separates them (any run of spaces read as one). A
    body is folded and its spaces squeezed the same way; the automaton finds every name in it at once, and
    those that start and end at word edges are taken leftmost and longest first. Where that could differ
    from reading word by word (case folding that changes the text's length, accents not composed, a name
    over a longer run of spaces), the body is read word by word instead, with the same automaton."""

    def __init__(self, corpus: Corpus, few: FewBodies | None = None) -> None:
        """`few`, when given: index only the names that the few bodies to be read could hold (see FewBodies)."""
        self.automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        self.slugs: list[str] = []  # by name number, the value the automaton keeps
        self.lengths: list[int] = []  # by name number, the length of its marked key
        self.acronyms: dict[int, str] = {}  # one-word names that must match as written: GPU
        self.avoided: dict[int, tuple[str, str | None]] = {}  # deprecated names: (what to write instead, why)
        exported = sorted((t for t in corpus.terms if t.text_field("status") in EXPORTED), key=lambda t: t.slug)
        first_words = few.words if few else None
        avoiding: list[tuple[Term, list[str]]] = []  # the terms with names to avoid, and their admitted names
        for term in exported:  # admitted names first: a name both admitted and to avoid (GL221) is admitted
            admitted = names(term)
            for name in admitted:
                if first_words is not None and name.split(" ", 1)[0].lower() not in first_words \
                        and _PLAIN_NAME.fullmatch(name):
                    continue  # the quick part of _add's first test, without a call for each of many names
                self._add(term.slug, name, few, None)
            if term.list_field("deprecated_names"):
                avoiding.append((term, admitted))
        for term, admitted in avoiding:
            title = term.text_field("title") or term.slug
            avoided = [(name, why) for _, name, why in deprecated_names_of(term)]
            every_name = [*admitted, *(name for name, _ in avoided)]
            for name, why in avoided:
                self._add(term.slug, name, few, (replacement(name, title, every_name), why))
        if self.slugs:
            self.automaton.make_automaton()

    def _add(self, slug: str, name: str, few: FewBodies | None, avoided: tuple[str, str | None] | None) -> None:
        """Index one name of a term (`avoided`: a deprecated name, with what to write instead and why)."""
        first_words, runs = (few.words, few.runs) if few else (None, None)
        if not name.strip() or first_words is not None and _PLAIN_NAME.fullmatch(name) \
                and (name.split(" ", 1)[0].lower() not in first_words
                     or runs is not None and name.lower() not in runs and name.count(" ") < _RUN_WORDS):
            return  # a plain name (its key is name.lower()) that no body holds
        key, gaps, one_word = _key_of(name)
        if first_words is not None and key and key[0] not in first_words:
            return
        marked = _marked(key, gaps)
        if runs is not None and 0 < len(key) < _RUN_WORDS and marked not in runs:
            return  # a name of a few words that is no run of words of these bodies
        if not key or any(len(gap) > _MAX_GAP for gap in gaps) or marked in self.automaton:
            return  # no words, a gap no text can match, or a name given before (the first wins)
        self.automaton.add_word(marked, len(self.slugs))
        if avoided is not None:
            self.avoided[len(self.slugs)] = avoided  # matched whatever its case: "Ai Chips" is still to avoid
        elif one_word is not None and one_word.isupper():
            self.acronyms[len(self.slugs)] = one_word
        self.slugs.append(slug)
        self.lengths.append(len(marked))

    @staticmethod
    def words_of(text: str) -> set[str] | None:
        """Every folded word of a text, as names are matched, to choose which names to index; None for
        text whose accents are not composed (fold() composes them word by word: index every name)."""
        if not unicodedata.is_normalized("NFC", text):
            return None
        return set(_WORD.findall(text.casefold()))

    def mentions(self, text: str) -> list[Mention]:
        """(offset, slug, words, name number) of every mention, leftmost and longest first, none overlapping."""
        if not self.slugs:
            return []
        found = self._all_at_once(text)
        return found if found is not None else self._word_by_word(text)

    def _all_at_once(self, text: str) -> list[Mention] | None:
        """The mentions the automaton finds in the whole folded text; None where only reading word by word
        gives the right answer."""
        folded = text.casefold()
        if len(folded) != len(text) or not text.isascii() and not unicodedata.is_normalized("NFC", text):
            return None
        spaced = folded.translate(_SPACES) if folded.isascii() else _SPACE.sub(" ", folded)  # the length kept
        runs = [(run.start(), run.end()) for run in _RUN.finditer(spaced)]
        squeezed = _RUN.sub(" ", spaced) if runs else spaced
        starts, removed = [0], [0]  # where each run starts in the squeezed text, and how much went before it
        for start, end in runs:
            starts.append(start - removed[-1])
            removed.append(removed[-1] + end - start - 1)
        candidates = []
        for last, number in self.automaton.iter(squeezed):
            start = last + 1 - self.lengths[number]
            if _starts_word(squeezed, start) and _ends_word(squeezed, last + 1):
                candidates.append((start, -last, number))
        found: list[Mention] = []
        done = 0
        for start, minus_last, number in sorted(candidates):  # leftmost, then longest, none overlapping
            if start < done:
                continue
            stop = 1 - minus_last
            raw_start = start + removed[bisect.bisect_right(starts, start) - 1]
            raw_stop = stop + removed[bisect.bisect_right(starts, stop - 1) - 1]
            if raw_stop - raw_start != stop - start:
                return None  # a name over a longer run of spaces: only word by word can tell
            acronym = self.acronyms.get(number)
            if acronym is not None and text[raw_start:raw_stop] != acronym:
                continue  # a shorter name may still start here: it comes next in the order
            found.append((raw_start, self.slugs[number], " ".join(text[raw_start:raw_stop].split()), number))
            done = stop
        return found

    def _word_by_word(self, text: str) -> list[Mention]:
        words = list(_WORD.finditer(text))
        folded = [fold(word.group(0)) for word in words]
        found: list[Mention] = []
        index = 0
        while index < len(words):
            match = self._longest_name_at(text, words, folded, index)
            if match is None:
                index += 1
                continue
            end, number = match
            start, stop = words[index].start(), words[end - 1].end()
            found.append((start, self.slugs[number], " ".join(text[start:stop].split()), number))
            index = end
        return found

    def _longest_name_at(self, text: str, words: list[re.Match[str]], folded: list[str],
                         index: int) -> tuple[int, int] | None:
        """(end, name number) of the longest name starting at word `index` (`end` exclusive), if any."""
        best = None
        key = ""
        for end in range(index + 1, len(words) + 1):
            if end > index + 1:
                gap = text[words[end - 2].end():words[end - 1].start()]
                if len(gap) > _MAX_GAP:
                    break
                key += re.sub(r"\s+", " ", gap)
            key += folded[end - 1]
            if not self.automaton.match(key):
                break  # no name goes on like this
            number = self.automaton.get(key, None)
            if number is not None and self.acronyms.get(number, words[index].group(0)) == words[index].group(0):
                best = (end, number)
        return best


_SPACE = re.compile(r"\s")
_SPACES = str.maketrans("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", " " * 9)  # what \\s holds in ASCII, besides " "
_RUN = re.compile(r"  +")
_ACCENTS = frozenset(chr(c) for low, high in ((0x300, 0x36F), (0x1AB0, 0x1AFF), (0x1DC0, 0x1DFF), (0x20D0, 0x20FF),
                                           (0xFE20, 0xFE2F)) for c in range(low, high + 1))  # MARKS


def _is_part(char: str) -> bool:
    """Whether a character belongs in a word as _WORD reads it: \\w or a combining accent."""
    return char.isalnum() or char == "_" or char in _ACCENTS


def _starts_word(text: str, at: int) -> bool:
    """Whether a word of _WORD starts at `at`: not inside a word, nor after a hyphen that joins it to one."""
    if at == 0:
        return True
    before = text[at - 1]
    return not _is_part(before) and not (before == "-" and at > 1 and _is_part(text[at - 2]))


def _ends_word(text: str, at: int) -> bool:
    """Whether a word of _WORD ends just before `at`: nothing that joins on follows (a letter, a hyphen and a
    letter, or the "+" of "C++")."""
    if at == len(text):
        return True
    after = text[at]
    if text[at - 1] == "+":  # "C++" ends at its last "+", whatever follows
        return after != "+"
    return not _is_part(after) and after != "+" and not (after == "-" and at + 1 < len(text)
                                                         and _is_part(text[at + 1]))


def _marked(key: tuple[str, ...], gaps: tuple[str, ...]) -> str:
    """A name as the automaton keeps it: its folded words joined by the gaps between them."""
    return "".join(f"{gap}{word}" for gap, word in zip(("", *gaps), key))


_PLAIN_NAME = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*")  # most names: ASCII words, single spaces


@functools.lru_cache(maxsize=1 << 16)  # the language server builds the index again on every change
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


FEW_BODIES = 50  # up to this many bodies to read, the names index holds only the names they could mention


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """The first unlinked mention of each other term (GL309), and every use of another term's deprecated name
    (GL313), in the body of every reported published term."""
    reported = list(published(corpus))
    if not reported:
        return
    index = NameIndex(corpus, few_bodies(reported))
    for term in reported:
        yield from mention_problems(term, index)


@dataclass(frozen=True)
class FewBodies:
    """What a few bodies hold, to index only the names they could mention: their folded words (a name must
    start with one), and every run of up to _RUN_WORDS words of their prose, as mention_key gives a name
    (a plain name of fewer words must be one)."""

    words: set[str]
    runs: set[str]


_RUN_WORDS = 8


def few_bodies(bodies: list[Term]) -> FewBodies | None:
    """What these terms' bodies hold, when they are few (the usual edit, or one file in an editor); None
    (index every name) for many bodies, or for one whose accents are not composed."""
    if len(bodies) > FEW_BODIES:
        return None
    words = [NameIndex.words_of(term.whole().body) for term in bodies]
    if None in words:
        return None
    runs = set().union(*(keys_in(prose(term), _RUN_WORDS) for term in bodies))
    return FewBodies(set().union(*words), runs)  # type: ignore[arg-type]


def mention_problems(term: Term, index: NameIndex) -> Iterator[Diagnostic]:
    """GL309 and GL313 in one term's body, from one reading of it."""
    body = term.whole().body
    linked = {target for target in term.list_field("related") if isinstance(target, str)} | exempt(term, "GL309")
    links = term.body_links()
    linked.update(link.target for link in links)
    linked.update(term.definition_links())
    allowed: frozenset[str] | set[str] | None = None  # read once, at the first deprecated name
    for offset, slug, words, number in index.mentions(prose(term)):
        if slug == term.slug:
            continue
        line, column = body.count("\n", 0, offset), offset - body.rfind("\n", 0, offset)
        avoided = index.avoided.get(number)
        if avoided is not None:
            if allowed is None:
                allowed = exempt(term, "GL313")
            if slug not in allowed:
                yield problem("GL313", term.path, term.source.body_line + line, column,
                              avoided_message(words, slug, *avoided))
            continue
        if slug in linked:
            continue
        linked.add(slug)  # once per term
        yield problem("GL309", term.path, term.source.body_line + line, column,
                      f"the body mentions {words!r} ('{slug}') without linking it; write [{words}]({slug}.md) "
                      f"at its first mention, or add '{slug}' to related")


def avoided_message(words: str, slug: str, title: str, why: str | None) -> str:
    """GL313's message: the name used, whose it is, why to avoid it, and the name to write."""
    reason = f" ({why.rstrip('.')})" if why else ""
    write = matching_case(title, words)
    return f"the body uses {words!r}, a deprecated name of '{slug}'{reason}; write {write!r} instead"


def prose(term: Term) -> str:
    """The body as the mentions are looked for in it: code, links, images and web addresses blanked."""
    masked, parts, done = mask_code(term.whole().body), [], 0
    for link in term.body_links():  # in order of start; "[[a]](b.md)" is two links over the same text
        start = max(link.start, done)
        parts += [masked[done:start], blank(masked[start:max(link.end, start)])]
        done = max(link.end, done)
    text = "".join(parts) + masked[done:]
    if "[" in text or "://" in text:  # what _NOT_PROSE matches starts so; most bodies hold none of it
        text = _NOT_PROSE.sub(lambda match: blank(match.group(0)), text)
    return text


def mention_key(name: str) -> tuple[str, int]:
    """A name as the automaton keeps it (its folded words and the gaps between), and how many words it has;
    ("", 0) for a name no body can mention."""
    key, gaps, _ = _key_of(name)
    if not key or any(len(gap) > _MAX_GAP for gap in gaps):
        return "", 0
    return _marked(key, gaps), len(key)


def keys_in(text: str, longest: int) -> set[str]:
    """Every run of up to `longest` words of a text, as mention_key gives a name: the names it could mention
    (what the names index of a few bodies is chosen by)."""
    words = list(_WORD.finditer(text))
    folded = [fold(word.group(0)) for word in words]
    found: set[str] = set()
    for first in range(len(words)):
        key = folded[first]
        found.add(key)
        for last in range(first + 1, min(first + longest, len(words))):
            gap = text[words[last - 1].end():words[last].start()]
            if len(gap) > _MAX_GAP:
                break
            key += re.sub(r"\s+", " ", gap) + folded[last]
            found.add(key)
    return found
