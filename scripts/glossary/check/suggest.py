"""Shared helpers for messages: 'did you mean' suggestions, slugs, and JSON paths a writer can read.

Suggestions among a few choices (the fields of the schema, a list of allowed values) use difflib. A slug
among every term's is suggested through `SlugIndex`, whose cost does not grow with the number of terms: a
name is compared only with the slugs within a few edits of it, found by exact look-ups, once per name.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Iterable

from glossary.read.corpus import Corpus

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789-"
SEGMENTS = 4  # each slug is cut in this many pieces: a name within 3 edits keeps at least one whole
PER_PIECE = 50  # slugs compared per piece found, at most: a piece shared by hundreds (gpu-1, gpu-2, ...)
# is a sign of many near names, and the first 50 of them (in order) are as good as the rest


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word` (ignoring case first), or None if nothing is close enough to be a typo.

    Close enough: at most one edit (a letter added, dropped, changed, or two swapped) for every four
    letters of the word, and at least one; 'inferance' finds 'inference', 'router-network' finds nothing,
    though 'neural-network' shares most of its letters.
    """
    options = list(choices)
    folded = word.casefold()
    for option in options:
        if option.casefold() == folded:
            return option
    allowed = max(1, len(folded) // 4)
    near = [(distance, option) for option in difflib.get_close_matches(word, options, n=10, cutoff=0.5)
            if (distance := edits(folded, option.casefold(), allowed)) <= allowed]
    return min(near)[1] if near else None


def edits(first: str, second: str, limit: int) -> int:
    """The edits from one text to the other (optimal string alignment), or limit + 1 once over `limit`."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, 1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b))
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' when a close choice exists, else ''."""
    return _question(word, closest(word, choices))


def _question(word: str, match: str | None) -> str:
    return f"; did you mean '{match}'?" if match is not None and match != word else ""


def edits_allowed(name: str) -> int:
    """How many edits (a letter added, dropped, changed, or two neighbours swapped) still make a slug close
    to `name`: one for names of up to four letters, two up to seven, three for longer ones."""
    return 1 if len(name) <= 4 else 2 if len(name) <= 7 else 3


class SlugIndex:
    """Every slug, cut into pieces and filed by length, piece number and piece: built once per run.

    If a name is within k ≤ 3 edits of a slug (Levenshtein), at least one of the slug's four pieces is in
    the name whole, shifted by at most k places (the pigeonhole principle, as in Pass-Join). So the slugs
    worth comparing are found by at most 7 × 4 × 7 exact look-ups, however many slugs there are; short
    names are looked up by every one-edit variant instead. `comparisons` counts the slugs compared."""

    def __init__(self, slugs: Collection[str]) -> None:
        self.slugs = slugs
        self.comparisons = 0
        self._pieces: dict[tuple[int, int, str], list[str]] | None = None
        self._folded: dict[str, str] | None = None
        self._answers: dict[str, str | None] = {}

    def did_you_mean(self, name: str) -> str:
        """'; did you mean 'x'?' when a slug is close to `name`, else ''."""
        if name not in self._answers:
            self._answers[name] = self._closest(name)
        return _question(name, self._answers[name])

    def _closest(self, name: str) -> str | None:
        folded = name.casefold()
        if folded in self.slugs:
            return folded
        if self._folded is None:  # slugs that are not in lower case (GL201) are few
            self._folded = {}
            for slug in sorted(self.slugs):
                self._folded.setdefault(slug.casefold(), slug)
        if folded in self._folded:
            return self._folded[folded]
        from rapidfuzz import fuzz, process  # here: most runs suggest nothing, and need not load it
        from rapidfuzz.distance import OSA

        limit = edits_allowed(folded)
        near = self._one_edit_away(folded) if limit == 1 else self._sharing_a_piece(folded, limit)
        self.comparisons += len(near)
        scored = process.extract(folded, near, scorer=OSA.distance, score_cutoff=limit, limit=None)
        if not scored:
            return None
        # the fewest edits; then the most letters in common; then, as difflib, the last in order
        best = max(scored, key=lambda found: (-found[1], fuzz.ratio(folded, found[0]), found[0]))
        return str(best[0])

    def _one_edit_away(self, name: str) -> list[str]:
        """The slugs one edit from a short name, by looking up each variant of it."""
        variants = {name[:i] + name[i + 1:] for i in range(len(name))}
        variants.update(name[:i] + name[i + 1] + name[i] + name[i + 2:] for i in range(len(name) - 1))
        for i in range(len(name) + 1):
            variants.update(name[:i] + letter + name[i:] for letter in SLUG_LETTERS)
            if i < len(name):
                variants.update(name[:i] + letter + name[i + 1:] for letter in SLUG_LETTERS)
        return sorted(variant for variant in variants if variant in self.slugs)

    def _sharing_a_piece(self, name: str, limit: int) -> list[str]:
        """The slugs, of a length within `limit` of the name's, one of whose pieces the name holds near
        the same place (at most PER_PIECE for each piece)."""
        pieces = self._index()
        near: set[str] = set()
        for length in range(max(3, len(name) - limit), len(name) + limit + 1):
            for number, (start, size) in enumerate(_cuts(length)):
                for place in range(max(0, start - limit), min(start + limit, len(name) - size) + 1):
                    near.update(pieces.get((length, number, name[place:place + size]), ()))
        return sorted(near)

    def _index(self) -> dict[tuple[int, int, str], list[str]]:
        if self._pieces is None:
            self._pieces = {}
            for slug in sorted(self.slugs):
                if len(slug) < 3:
                    continue  # only names of up to four letters come this near, and they are looked up whole
                for number, (start, size) in enumerate(_cuts(len(slug))):
                    bucket = self._pieces.setdefault((len(slug), number, slug[start:start + size]), [])
                    if len(bucket) < PER_PIECE:
                        bucket.append(slug)
        return self._pieces


def _cuts(length: int) -> list[tuple[int, int]]:
    """(start, size) of each piece of a slug of this length: up to SEGMENTS nearly equal pieces."""
    count = min(SEGMENTS, length)
    short, longer = divmod(length, count)
    cuts, start = [], 0
    for number in range(count):
        size = short + (1 if number >= count - longer else 0)
        cuts.append((start, size))
        start += size
    return cuts


def slug_index(corpus: Corpus) -> SlugIndex:
    """The corpus's one SlugIndex, made on first use: every check that suggests a slug shares it."""
    index = corpus.shared.get("slug index")
    if not isinstance(index, SlugIndex) or index.slugs is not corpus.slugs:
        index = corpus.shared["slug index"] = SlugIndex(corpus.slugs)
    return index


def as_slug_text(text: str) -> str:
    """What a writer meant by a link written as a path: 'terms/ai-agent.md' -> 'ai-agent'."""
    name = text.strip().rstrip("/").rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by single hyphens: 'AI Factory' -> 'ai-factory'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
