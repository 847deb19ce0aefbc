"""Switching content-quality checks off: for the project in `[tool.glossary]`, or for one term inline.

A term switches codes off with a comment line in its front matter, which must say why (GL300 when it
does not, or names a code that cannot be switched off). Only GL3xx codes can be: the others keep the
export valid.

Passes:  # glossary-disable GL307: a model page need not list every chip that runs it
Fails:   # glossary-disable GL307             ->  GL300 (no reason given)
Fails:   # glossary-disable GL210: it is fine ->  GL300 (a broken link cannot be switched off)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from glossary.corpus import Corpus, Term
from glossary.diagnostics import CODES, Diagnostic, problem

_SWITCH = re.compile(r"^\s*#\s*glossary-disable\b(?P<rest>.*)$")
_CODES = re.compile(r"^\s*(?P<codes>[A-Za-z]{2}\d{3}(?:\s*,\s*[A-Za-z]{2}\d{3})*)\s*(?::\s*(?P<reason>.*))?$")


def switchable(code: str) -> bool:
    """Only content-quality codes (GL3xx) may be switched off; GL300 itself may not."""
    return code in CODES and code.startswith("GL3") and code != "GL300"


def unknown_codes(codes: Iterable[str]) -> list[str]:
    return [code for code in codes if not switchable(code)]


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """GL300 for every malformed switch in the reported terms."""
    for term in corpus.targets():
        for line, _, message in _switches(term):
            if message:
                yield problem("GL300", term.path, line, 1, message)


def disabled_codes(term: Term) -> set[str]:
    """The codes a term's well-formed switches turn off."""
    return {code for _, codes, message in _switches(term) if not message for code in codes}


def _switches(term: Term) -> Iterator[tuple[int, list[str], str]]:
    """(line, codes, problem) for each switch comment; problem is '' when the switch is well formed."""
    for number, text in enumerate(term.source.front_matter.split("\n")):
        switch = _SWITCH.match(text)
        if switch is None:
            continue
        line = term.source.front_matter_line + number
        parts = _CODES.match(switch.group("rest"))
        if parts is None:
            yield line, [], "write the switch as '# glossary-disable GL307: why this term is an exception'"
            continue
        codes = [code.strip().upper() for code in parts.group("codes").split(",")]
        wrong = unknown_codes(codes)
        if wrong:
            yield line, codes, (f"{', '.join(wrong)} cannot be switched off here; only content-quality codes "
                                "(GL301-GL311) can")
        elif not (parts.group("reason") or "").strip():
            yield line, codes, "say why after a colon: '# glossary-disable GL307: the reason'"
        else:
            yield line, codes, ""
