"""The corpus: every term of a content folder read and parsed, and which of them to report on."""

from __future__ import annotations

import functools
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.diagnostics import Diagnostic
from glossary.read.bodylinks import TermLink, term_links
from glossary.read.fastpath import MARKED, Marks, fast_read, mark_in
from glossary.read.files import Source, discover, display_path, read_source, slug_of
from glossary.read.frontmatter import parse_front_matter
from glossary.read.positions import JsonPath, Mark, Positions
from glossary.read.switches import Switches, read_switches, switches_in

# The fields of a term that the checks of other terms read. A large run keeps only these (and the links
# found in the body and definition) for every term, the cache stores them, and worker processes send
# them back; anything else is read again from the file when a check needs it. The export reads the summary
# too: each term's document shows its related terms' titles and summaries.
SHARED_FIELDS = ("title", "summary", "aliases", "abbreviation", "deprecated_names", "status", "related",
                 "superseded_by")


@dataclass(slots=True)  # slots: a large glossary keeps one per term
class Term:
    """One term file: its source, and its front matter as data (None when it could not be parsed).

    The positions of the front matter's values are computed on first use: a clean file read on the fast
    path never needs them. A `partial` term holds only the shared fields and its links; its texts are
    read again from the file on demand.
    """

    source: Source
    data: dict[str, Any] | None
    known_positions: Positions | None = field(default=None, repr=False)
    known_links: tuple[TermLink, ...] | None = field(default=None, repr=False)  # the body's term links
    known_definition_links: tuple[str, ...] | None = field(default=None, repr=False)
    known_switches: Switches | None = field(default=None, repr=False)  # see read.switches
    known_marks: Marks | None = field(default=None, repr=False)  # where fastpath.MARKED values start
    partial: bool = False  # data holds only SHARED_FIELDS, and the source no texts
    read_again: Source | None = field(default=None, repr=False)  # a partial term's source, when needed
    known_names: tuple[tuple[JsonPath, str, str], ...] | None = field(default=None, repr=False)  # see check.links

    @property
    def positions(self) -> Positions:
        if self.known_positions is None:
            source = self.whole()
            self.known_positions = parse_front_matter(source.front_matter, source.front_matter_line,
                                                      source.display).positions
        return self.known_positions

    def mark(self, path: JsonPath) -> Mark:
        """Where a value starts: known without reading the file again for those checks across terms place
        (fastpath.MARKED), else from the positions."""
        mark = mark_in(self.known_marks, path) if self.known_marks is not None and path else None
        return mark if mark is not None else self.positions.of_value(path)

    @property
    def slug(self) -> str:
        return self.source.slug

    @property
    def path(self) -> str:
        return self.source.display

    def whole(self) -> Source:
        """The full source: for a partial term, read again from its file (once)."""
        if not self.partial:
            return self.source
        if self.read_again is None:
            self.read_again = read_source(self.source.path, self.source.display).source or self.source
        return self.read_again

    def complete(self) -> Term:
        """The term with every field, read and parsed again from its file (the export needs them all)."""
        if not self.partial:
            return self
        read = read_source(self.source.path, self.source.display)
        if read.source is None:
            return self
        full, _ = parse_source(read.source)
        return full if full.data is not None else self

    def body_links(self) -> tuple[TermLink, ...]:
        """Term links in the body, lines counted from the body's first line."""
        if self.known_links is None:
            self.known_links = term_links(self.whole().body)
        return self.known_links

    def definition_links(self) -> tuple[str, ...]:
        """The slugs the definition links to."""
        if self.known_definition_links is None:
            definition = self.text_field("definition")
            self.known_definition_links = tuple(link.target for link in term_links(definition)) \
                if definition and "[" in definition else ()
        return self.known_definition_links

    def text_field(self, name: str) -> str | None:
        """A front-matter field if it is text: checks skip files whose fields are missing or odd."""
        value = self.data.get(name) if self.data else None
        return value if isinstance(value, str) else None

    def list_field(self, name: str) -> list[Any]:
        """A front-matter field if it is a list, else an empty list."""
        value = self.data.get(name) if self.data else None
        return value if isinstance(value, list) else []


@dataclass
class Corpus:
    """All the terms, the problems met reading and parsing them, and the paths to report on."""

    terms: list[Term]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    slugs: set[str] = field(default_factory=set)  # every term file's slug, even one that failed to read
    selected: set[str] | None = None  # the shown paths to report on; None: every file
    entries: int = 0  # files looked at: the terms, and the content folder's entries refused as terms
    shared: dict[str, Any] = field(default_factory=dict, repr=False)  # what checks build once per run and share

    def wanted(self, path: str) -> bool:
        return self.selected is None or path in self.selected

    def targets(self) -> Iterator[Term]:
        """The parsed terms whose problems are reported, in the corpus's order. A few selected (one file in an
        editor, on every change) are found by their paths, not by a walk over every term each time."""
        if self.selected is not None and len(self.selected) * 32 < len(self.terms):
            positions = self._positions()
            chosen = sorted(number for path in self.selected for number in positions.get(path, ()))
            return (self.terms[number] for number in chosen if self.terms[number].data is not None)
        return (term for term in self.terms if term.data is not None and self.wanted(term.path))

    def _positions(self) -> dict[str, list[int]]:
        """Where each shown path's terms stand in `terms` (made again if terms were added since)."""
        made = self.shared.get("positions")
        if made is None or made[0] != len(self.terms):
            positions: dict[str, list[int]] = {}
            for number, term in enumerate(self.terms):
                positions.setdefault(term.path, []).append(number)
            made = self.shared["positions"] = (len(self.terms), positions)
        found: dict[str, list[int]] = made[1]
        return found

    @functools.cached_property
    def _by_path(self) -> dict[str, Term]:
        return {term.path: term for term in self.terms}

    def by_path(self) -> dict[str, Term]:
        """Every read term by its shown path (built once: call it after the corpus is loaded)."""
        return self._by_path

    def by_slug(self) -> dict[str, Term]:
        """Every term that could be read, parsed or not, by slug (`slugs` also holds unreadable files)."""
        return {term.slug: term for term in self.terms}


def load_corpus(content: Path, root: Path) -> Corpus:
    """Read and parse every term in `content`, all in memory (for rename and new; lint goes file by file,
    see lint/files.py)."""
    found = discover(content, root)
    corpus = Corpus([], list(found.diagnostics), {slug_of(p) for p in found.files}, None,
                    len(found.files) + len(found.refused))
    for path in found.files:
        _add_term(corpus, path.absolute(), display_path(path.absolute(), root))
    return corpus


def parse_source(source: Source) -> tuple[Term, list[Diagnostic]]:
    """Parse a read source's front matter into a term, with the problems met on the way."""
    switched = "glossary-disable" in source.front_matter
    read = fast_read(source.front_matter, source.front_matter_line, switched)
    if read is not None:  # switch comments read now, from what the parser saw: no second parse for them
        switches = switches_in(source.front_matter, source.front_matter_line, read.text_lines) if switched else ()
        return Term(source, read.data, known_switches=switches, known_marks=read.marks), []
    parsed = parse_front_matter(source.front_matter, source.front_matter_line, source.display)
    return Term(source, parsed.data, parsed.positions), parsed.diagnostics


def _add_term(corpus: Corpus, path: Path, shown: str) -> None:
    read = read_source(path, shown)
    corpus.diagnostics.extend(read.diagnostics)
    if read.source is None:
        return
    term, problems = parse_source(read.source)
    corpus.diagnostics.extend(problems)
    corpus.terms.append(term)


def partial(term: Term) -> Term:
    """The term reduced to what other terms' checks read: the shared fields, its links and switches."""

    source = term.source
    data = None if term.data is None else {key: term.data[key] for key in SHARED_FIELDS if key in term.data}
    links = tuple(TermLink(link.target, "", *link[2:]) for link in term.body_links())  # others never read the text
    marks = term.known_marks if term.known_marks is not None else _walker_marks(term)
    return Term(Source(source.path, source.display, source.slug, "", source.front_matter_line, "", source.body_line),
                data, None, links, term.definition_links(),
                term.known_switches if term.known_switches is not None else read_switches(term), marks, partial=True)


def _walker_marks(term: Term) -> Marks | None:
    """The marks (see fastpath.Marks) of a term the walker read, from its positions."""
    if term.known_positions is None or not isinstance(term.data, dict):
        return None
    values = term.known_positions.values
    marks: list[tuple[int, ...] | None] = []
    for key in MARKED:
        if (key,) not in values:
            marks.append(None)
            continue
        flat = [values[(key,)].line, values[(key,)].column]
        items = term.data.get(key)
        for number in range(len(items) if isinstance(items, list) else 0):
            if (key, number) not in values:
                break  # the items after it are placed from the positions, when asked for
            flat += [values[(key, number)].line, values[(key, number)].column]
        marks.append(tuple(flat))
    return tuple(marks)


def share_strings(term: Term) -> None:
    """Make a partial term's slugs and statuses the one copy of each string (sys.intern): across a large
    glossary every slug is written in many terms' related lists."""
    data = term.data
    if data is None:
        return
    for key in ("status", "superseded_by"):
        if isinstance(data.get(key), str):
            data[key] = sys.intern(data[key])
    related = data.get("related")
    if isinstance(related, list):
        data["related"] = [sys.intern(target) if isinstance(target, str) else target for target in related]


def term_as_json(term: Term) -> dict[str, Any]:
    """A partial term as JSON, for the cache (which must never hold anything that runs code when read)."""
    return {
        "shown": term.source.display, "slug": term.source.slug,
        "lines": [term.source.front_matter_line, term.source.body_line], "data": term.data,
        "links": [[link.target, link.text, link.line, link.column, link.start, link.end, link.wiki]
                  for link in term.body_links()],
        "definition_links": list(term.definition_links()),
        "switches": [[line, [[code, None if targets is None else list(targets)] for code, targets in found], message]
                     for line, found, message in term.known_switches or ()],
        "marks": term.known_marks,
    }


def term_from_json(value: dict[str, Any], path: Path) -> Term:
    """The partial term written by term_as_json, for the file at `path`."""
    first_line, body_line = value["lines"]
    if not (type(first_line) is int and type(body_line) is int and isinstance(value["shown"], str)
            and isinstance(value["slug"], str) and (value["data"] is None or isinstance(value["data"], dict))
            and all(type(link) is list and len(link) == 7 and type(link[0]) is str and type(link[1]) is str
                    and type(link[2]) is int and type(link[3]) is int and type(link[4]) is int
                    and type(link[5]) is int and type(link[6]) is bool for link in value["links"])
            and all(isinstance(target, str) for target in value["definition_links"])
            and all(_is_switch(switch) for switch in value["switches"])
            and (value["marks"] is None or isinstance(value["marks"], list))):  # each mark is checked when read
        raise TypeError("not a term written by term_as_json")  # a damaged cache: the file is checked again
    source = Source(path, value["shown"], value["slug"], "", first_line, "", body_line)
    links = tuple(TermLink(*link) for link in value["links"])
    switches = tuple((line, tuple((code, None if targets is None else tuple(targets)) for code, targets in found),
                      message) for line, found, message in value["switches"])
    return Term(source, value["data"], None, links, tuple(value["definition_links"]), switches, value["marks"],
                partial=True)


def _is_switch(value: Any) -> bool:
    """Whether a value is a switch comment as term_as_json writes it: [line, [[code, targets or null]], message]."""
    return (isinstance(value, list) and len(value) == 3 and type(value[0]) is int and isinstance(value[2], str)
            and isinstance(value[1], list) and all(
                isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)
                and (item[1] is None or isinstance(item[1], list) and all(isinstance(t, str) for t in item[1]))
                for item in value[1]))
