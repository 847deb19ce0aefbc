"""Switching content-quality checks off: for the project in `[tool.glossary]`, or for one term inline.

A term switches codes off with a comment line in its front matter, which must say why after a colon.
The checks about another term (GL307 one-way links, GL309 unlinked mentions) can be switched off for
named terms only, in brackets. GL300 reports a switch that is malformed, gives no reason, or names a
code that cannot be switched off: only GL3xx warnings can, since the others keep the export valid and
free of placeholder text.

Passes:  # glossary-disable GL307: a model page need not list every chip that runs it
Passes:  # glossary-disable GL307(gpu, training): broad terms list only their closest neighbours
Fails:   # glossary-disable GL307             ->  GL300 (no reason given)
Fails:   # glossary-disable GL210: it is fine ->  GL300 (a broken link cannot be switched off)
"""

from __future__ import annotations

from collections.abc import Iterator

from glossary.check.suggest import slug_index
from glossary.diagnostics import Diagnostic, problem
from glossary.read.corpus import Corpus
from glossary.read.switches import switches_of


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """GL300 for every malformed switch in the reported terms, and for one naming a term that does not exist."""
    for term in corpus.targets():
        for line, switches, message in switches_of(term):
            missing = sorted(t for s in switches for t in s.targets or () if t not in corpus.slugs)
            if not message and missing:
                message = (f"the switch names {', '.join(map(repr, missing))}, which is no term"
                           f"{slug_index(corpus).did_you_mean(missing[0])}")
            if message:
                yield problem("GL300", term.path, line, 1, message)
