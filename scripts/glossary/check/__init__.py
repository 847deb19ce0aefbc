"""The checks: a corpus in, diagnostics out; each module is one concern, a function from corpus to diagnostics.

The registry below is filled by plain imports; `get` fails loudly on an unknown name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from glossary.check import (
    links,
    mentions,
    names,
    quality,
    readability,
    reciprocity,
    switches,
)
from glossary.diagnostics import Diagnostic
from glossary.read.corpus import Corpus

Check = Callable[[Corpus], Iterable[Diagnostic]]

# The schema check is not here: it needs the loaded schema, so the lint job builds it (see checks.schema).
CHECKS: dict[str, Check] = {
    "names": names.check,
    "links": links.check,
    "quality": quality.check,
    "readability": readability.check,
    "reciprocity": reciprocity.check,
    "mentions": mentions.check,
    "switches": switches.check,
}


def get(name: str) -> Check:
    """The check called `name`; an unknown name is a programming error."""
    try:
        return CHECKS[name]
    except KeyError:
        raise KeyError(f"no check called {name!r}; known: {', '.join(CHECKS)}") from None
