"""How a term's name reads inside a sentence: what a writer should write in place of a deprecated name.

Titles are written as headings ("AI Accelerator"); in a sentence the same name reads "AI accelerator".
A deprecated name that is the plural of another of the term's names ("AI chips" beside "AI chip") is
replaced by the plural ("AI accelerators"), so that the fix keeps the sentence grammatical.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[^\W_]+")


def in_sentence(title: str) -> str:
    """The title as it reads inside a sentence: each capitalised word (a capital, then small letters) in
    small letters; acronyms and mixed-case words (GPU, PyTorch, Agent2Agent) as written."""
    def lowered(found: re.Match[str]) -> str:
        word = found.group()
        return word.lower() if len(word) > 1 and word[0].isupper() and word[1:].islower() else word

    return _WORD.sub(lowered, title)


def plural(name: str) -> str:
    """A name in the plural, the common English way: -es after s, x, z, ch and sh, else -s."""
    return name + ("es" if name.lower().endswith(("s", "x", "z", "ch", "sh")) else "s")


def replacement(deprecated: str, title: str, siblings: Iterable[str]) -> str:
    """What to write in place of `deprecated`, one of a term's deprecated names (`siblings`: all the term's
    names): the title as it reads in a sentence, in the plural when `deprecated` is the plural of a sibling."""
    folded = deprecated.casefold()
    singular = {sibling.casefold() for sibling in siblings}
    is_plural = any(folded in (one + "s", one + "es") for one in singular if one != folded)
    return plural(in_sentence(title)) if is_plural else in_sentence(title)


def matching_case(replacing: str, used: str) -> str:
    """`replacing` capitalised when the words it replaces begin with a capital (as at a sentence start)."""
    if used[:1].isupper() and replacing[:1].islower():
        return replacing[:1].upper() + replacing[1:]
    return replacing
