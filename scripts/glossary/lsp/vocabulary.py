"""The glossary's own vocabulary in the body: what a name under the cursor is (an admitted name of a term, or
a deprecated one, with what to write instead), and the quick fix for GL313 that writes the preferred name.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from lsprotocol import types

from glossary.check.mentions import NameIndex
from glossary.lsp.document import Document, Point
from glossary.lsp.state import Glossary
from glossary.read.corpus import Corpus, Term

_QUOTED = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""  # a text as Python's repr writes it in a message
_AVOIDED = re.compile(rf"^the body uses {_QUOTED}, a deprecated name of .*; write {_QUOTED} instead$")


@dataclass(frozen=True)
class NameAt:
    """A term's name written in the body: where, whose, and, for a deprecated name, the title to write and why."""

    start: Point
    end: Point
    slug: str
    avoided: tuple[str, str | None] | None


def name_at(glossary: Glossary, document: Document, point: Point) -> NameAt | None:
    """The name of a term (admitted or deprecated) written in the body at `point`, if any."""
    if not document.in_body(point[0]):
        return None
    line = document.lines.line(point[0])
    index = _index(glossary)
    for offset, slug, words, number in index.mentions(line):
        match = re.compile(r"\s+".join(map(re.escape, words.split()))).match(line, offset)
        end = match.end() if match is not None else offset + len(words)
        if offset <= point[1] <= end:
            return NameAt((point[0], offset), (point[0], end), slug, index.avoided.get(number))
    return None


def hover_text(found: NameAt, term: Term | None) -> str:
    """What a hover on a name in the body says: whose name it is, and for a deprecated one, what to write."""
    if found.avoided is None:
        title = term.text_field("title") if term is not None else None
        return f"A name of **{title or found.slug}** (`{found.slug}`)."
    title, why = found.avoided
    reason = f" {why}" if why else ""
    return (f"A deprecated name of **{title}** (`{found.slug}`).{reason}\n\n"
            f"Write **{title}** instead.")


def avoided_fix(document: Document, diagnostic: types.Diagnostic) -> tuple[str, types.TextEdit] | None:
    """GL313's fix: the deprecated name the message quotes, where it starts, replaced by the preferred name."""
    said = _AVOIDED.match(diagnostic.message)
    if said is None:
        return None
    words, title = (str(ast.literal_eval(part)) for part in said.groups())
    lines = document.lines
    offset = lines.offset(*lines.point(diagnostic.range.start))
    match = re.compile(r"\s+".join(map(re.escape, words.split()))).match(lines.text, offset)
    if match is None:
        return None
    return f"Write '{title}' instead", types.TextEdit(lines.range(lines.at(match.start()), lines.at(match.end())),
                                                      title)


_cached: list[tuple[list[Term], NameIndex]] = []  # the last index, with the terms it was built from


def _index(glossary: Glossary) -> NameIndex:
    """The names of every exported term, built again only when a term has changed (the terms are kept,
    so that their identities stay theirs)."""
    terms = glossary.terms()
    if _cached and len(_cached[0][0]) == len(terms) and all(a is b for a, b in zip(_cached[0][0], terms)):
        return _cached[0][1]
    index = NameIndex(Corpus(terms))
    _cached[:] = [(terms, index)]
    return index
