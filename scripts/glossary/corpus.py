"""The corpus: every term of a content folder read and parsed, and which of them to report on."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.diagnostics import Diagnostic
from glossary.parsing import Positions, parse_front_matter
from glossary.reading import Source, discover, display_path, read_source, slug_of


@dataclass
class Term:
    """One term file: its source, and its front matter as data (None when it could not be parsed)."""

    source: Source
    data: dict[str, Any] | None
    positions: Positions

    @property
    def slug(self) -> str:
        return self.source.slug

    @property
    def path(self) -> str:
        return self.source.display

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
    reported: set[str] | None = None  # None: report on everything

    def wanted(self, path: str) -> bool:
        return self.reported is None or path in self.reported

    def targets(self) -> Iterator[Term]:
        """The parsed terms whose problems are reported."""
        return (term for term in self.terms if term.data is not None and self.wanted(term.path))

    def by_slug(self) -> dict[str, Term]:
        """Every term, parsed or not, by slug: a term that fails to parse still exists as a link target."""
        return {term.slug: term for term in self.terms}


def load_corpus(content: Path, root: Path, named: Sequence[Path] = ()) -> Corpus:
    """Read and parse every term in `content`, plus any named files outside it."""
    found = discover(content, root)
    paths = [path.absolute() for path in found.files]
    refused = {diagnostic.path for diagnostic in found.diagnostics}
    for path in (p.absolute() for p in named):
        if path not in paths and display_path(path, root) not in refused:
            paths.append(path)
    shown = [display_path(path, root) for path in paths]
    reported = {display_path(p.absolute(), root) for p in named} if named else None
    corpus = Corpus([], list(found.diagnostics), {slug_of(p) for p in paths}, reported)
    for path, path_shown in zip(paths, shown):
        _add_term(corpus, path, path_shown)
    return corpus


def _add_term(corpus: Corpus, path: Path, shown: str) -> None:
    read = read_source(path, shown)
    corpus.diagnostics.extend(read.diagnostics)
    if read.source is None:
        return
    parsed = parse_front_matter(read.source.front_matter, read.source.front_matter_line, shown)
    corpus.diagnostics.extend(parsed.diagnostics)
    corpus.terms.append(Term(read.source, parsed.data, parsed.positions))
