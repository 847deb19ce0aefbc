"""Shared helpers for messages: 'did you mean' suggestions, slugs, and JSON paths a writer can read."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice most like `word` (ignoring case first), or None if nothing is close."""
    options = list(choices)
    for option in options:
        if option.casefold() == word.casefold():
            return option
    matches = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return matches[0] if matches else None


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
