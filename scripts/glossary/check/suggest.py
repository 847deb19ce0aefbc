"""Shared helpers for messages: 'did you mean' suggestions, slugs, and JSON paths a writer can read."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


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
    match = closest(word, choices)
    return f"; did you mean '{match}'?" if match is not None and match != word else ""


def as_slug_text(text: str) -> str:
    """What a writer meant by a link written as a path: 'terms/ai-agent.md' -> 'ai-agent'."""
    name = text.strip().rstrip("/").rsplit("/", 1)[-1]
    return name[:-3] if name.lower().endswith(".md") else name


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by single hyphens: 'AI Factory' -> 'ai-factory'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
