"""Each name of a term once, with its status: the preferred name (the title), the admitted names (aliases,
then the abbreviation) and the deprecated names. A name keeps the strongest status it has, so the three
stay apart (SKOS's S13, and one status per term in TBX) whatever the content says; lint forbids overlaps.
"""

from __future__ import annotations

from dataclasses import dataclass

from glossary.export.standards import Entry


@dataclass(frozen=True)
class Names:
    """A term's names by status; `why` gives a deprecated name's reason, where it has one."""

    preferred: str
    admitted: tuple[str, ...]
    deprecated: tuple[str, ...]
    why: dict[str, str]


def names_of(entry: Entry) -> Names:
    """The entry's names, each once, in the strongest status it has."""
    seen = {entry.title}
    admitted = tuple(name for name in dict.fromkeys([*entry.aliases, *filter(None, [entry.abbreviation])])
                     if name and name not in seen)
    seen.update(admitted)
    deprecated = tuple(name for name in dict.fromkeys(name for name, _why in entry.deprecated)
                       if name and name not in seen)
    why = {name: reason for name, reason in entry.deprecated if reason and name in deprecated}
    return Names(entry.title, admitted, deprecated, why)
