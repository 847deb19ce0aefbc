"""Switch comments: the one reader of `# glossary-disable ...` lines in a term's front matter.

A term switches content-quality codes off with a comment line that says why after a colon; GL307, GL309
and GL313 may be switched off for named other terms only, in brackets. This module reads those lines once
per term (a malformed one comes with the problem GL300 reports) and answers which codes a term turns
off (`disabled_codes`) and for which other terms (`exempt`). `check.switches` reports the problems.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import yaml

from glossary.diagnostics import CODES

if TYPE_CHECKING:
    from glossary.read.corpus import Term

_SWITCH = re.compile(r"^\s*#\s*glossary-disable\b(?P<rest>.*)$")
_ITEM = r"[A-Za-z]{2}\d{3}(?:\s*\([^()]*\))?"
_ITEMS = re.compile(rf"^\s*(?P<items>{_ITEM}(?:\s*,\s*{_ITEM})*)\s*(?::\s*(?P<reason>.*))?$")
_ONE = re.compile(r"(?P<code>[A-Za-z]{2}\d{3})\s*(?:\((?P<targets>[^()]*)\))?")
TARGETED = frozenset({"GL307", "GL309", "GL313"})  # checks whose findings are about one other term


@dataclass(frozen=True)
class Switch:
    """One code switched off by a comment: for the whole term, or only for the named other terms."""

    code: str
    targets: frozenset[str] | None  # None: every finding of the code in this term


def switchable(code: str) -> bool:
    """Only content-quality warnings (GL3xx) may be switched off: not GL300, and not GL302, the placeholder
    text that readers of a published term would see."""
    return code in CODES and code.startswith("GL3") and code != "GL300" and CODES[code].severity == "warning"


def switchable_codes() -> str:
    """The codes that can be switched off, in words: 'GL301, GL303-GL312', read from the registry."""
    numbers = sorted(int(code[2:]) for code in CODES if switchable(code))
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(f"GL{run[0]}" if len(run) == 1 else f"GL{run[0]}-GL{run[-1]}" for run in runs)


def unknown_codes(codes: Iterable[str]) -> list[str]:
    return [code for code in codes if not switchable(code)]


def disabled_codes(term: Term) -> set[str]:
    """The codes a term's well-formed switches turn off for the whole term."""
    return {s.code for _, switches, message in switches_of(term) if not message for s in switches
            if s.targets is None}


def exempt(term: Term, code: str) -> frozenset[str]:
    """The other terms for which a term switches `code` off."""
    return frozenset(target for _, switches, message in switches_of(term) if not message for s in switches
                     if s.code == code and s.targets for target in s.targets)


Switches = tuple[tuple[int, tuple[tuple[str, tuple[str, ...] | None], ...], str], ...]  # as a Term keeps them


def read_switches(term: Term) -> Switches:
    """The term's switch comments as plain values, to keep with a partial term (see `corpus.partial`)."""
    return tuple((line, tuple((s.code, None if s.targets is None else tuple(sorted(s.targets))) for s in found),
                  message) for line, found, message in switches_of(term))


def switches_of(term: Term) -> tuple[tuple[int, tuple[Switch, ...], str], ...]:
    """(line, switches, problem) for each switch comment; problem is '' when the comment is well formed."""
    if term.known_switches is not None:
        return tuple((line, tuple(Switch(code, None if targets is None else frozenset(targets))
                                  for code, targets in found), message)
                     for line, found, message in term.known_switches)
    if "glossary-disable" not in term.source.front_matter:
        return ()
    return _read_switches(term.source.front_matter, term.source.front_matter_line)


def switches_in(front_matter: str, first_line: int, inside_text: frozenset[int]) -> Switches:
    """The switch comments of a front matter as plain values (as `read_switches` gives them), knowing the
    lines (0-based) that continue a multi-line text: the fast path found them while parsing."""
    return tuple((line, tuple((s.code, None if s.targets is None else tuple(sorted(s.targets))) for s in found),
                  message) for line, found, message in _switches_in(front_matter, first_line, inside_text))


@functools.lru_cache(maxsize=4096)  # asked for by the lint filter and by three checks, per term
def _read_switches(front_matter: str, first_line: int) -> tuple[tuple[int, tuple[Switch, ...], str], ...]:
    return _switches_in(front_matter, first_line, _lines_inside_text(front_matter))


def _switches_in(front_matter: str, first_line: int,
                 inside_text: frozenset[int]) -> tuple[tuple[int, tuple[Switch, ...], str], ...]:
    found: list[tuple[int, tuple[Switch, ...], str]] = []
    for number, text in enumerate(front_matter.split("\n")):
        comment = _SWITCH.match(text)
        if comment is None or number in inside_text:
            continue
        parts = _ITEMS.match(comment.group("rest"))
        if parts is None:
            found.append((first_line + number, (), "write the switch as "
                                                    "'# glossary-disable GL307: why this term is an exception'"))
            continue
        switches = tuple(_switch(item) for item in _ONE.finditer(parts.group("items")))
        found.append((first_line + number, switches, _problem(switches, parts.group("reason"))))
    return tuple(found)


def _switch(item: re.Match[str]) -> Switch:
    targets = item.group("targets")
    if targets is None:
        return Switch(item.group("code").upper(), None)
    return Switch(item.group("code").upper(), frozenset(t.strip() for t in targets.split(",") if t.strip()))


def _problem(switches: tuple[Switch, ...], reason: str | None) -> str:
    wrong = unknown_codes(s.code for s in switches)
    if wrong:
        return (f"{', '.join(wrong)} cannot be switched off; only content-quality warnings "
                f"({switchable_codes()}) can")
    untargeted = [s.code for s in switches if s.targets is not None and s.code not in TARGETED]
    if untargeted:
        return (f"{', '.join(untargeted)} cannot be switched off for named terms; only "
                f"{', '.join(sorted(TARGETED)[:-1])} and {sorted(TARGETED)[-1]} can: remove the brackets")
    if any(s.targets == frozenset() for s in switches):
        return "name at least one term in the brackets, or remove them"
    if not (reason or "").strip():
        return "say why after a colon: '# glossary-disable GL307: the reason'"
    return ""


def _lines_inside_text(front_matter: str) -> frozenset[int]:
    """The lines (0-based) that continue a multi-line text value: a '#' there is text, not a comment."""
    inside: set[int] = set()
    try:
        for event in yaml.parse(front_matter, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.ScalarEvent) and event.start_mark and event.end_mark:
                last = event.end_mark.line - (1 if event.end_mark.column == 0 else 0)
                inside.update(range(event.start_mark.line + 1, last + 1))
    except yaml.YAMLError:
        pass  # the parser reports the syntax; switches before the error still count
    return frozenset(inside)
