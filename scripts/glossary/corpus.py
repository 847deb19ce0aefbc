"""The corpus: every term of a content folder read and parsed, and which of them to report on."""

from __future__ import annotations

import functools
import os
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
    selected: set[str] | None = None  # the shown paths to report on; None: every file
    entries: int = 0  # files looked at: the terms, and the content folder's entries refused as terms

    def wanted(self, path: str) -> bool:
        return self.selected is None or path in self.selected

    def targets(self) -> Iterator[Term]:
        """The parsed terms whose problems are reported."""
        return (term for term in self.terms if term.data is not None and self.wanted(term.path))

    @functools.cached_property
    def _by_path(self) -> dict[str, Term]:
        return {term.path: term for term in self.terms}

    def by_path(self) -> dict[str, Term]:
        """Every read term by its shown path (built once: call it after the corpus is loaded)."""
        return self._by_path

    def by_slug(self) -> dict[str, Term]:
        """Every term that could be read, parsed or not, by slug (`slugs` also holds unreadable files)."""
        return {term.slug: term for term in self.terms}


def load_corpus(content: Path, root: Path, named: Sequence[Path] = ()) -> Corpus:
    """Read and parse every term in `content`, plus any named files outside it.

    A named file is matched to the content folder's entry at the same real place, however it was
    spelled (`a/../terms/x.md`, a linked folder), so that it is neither read twice nor let past a refusal.
    """
    found = discover(content, root)
    paths = {_location(path): path.absolute() for path in found.files}
    refused = {_location(path): path.absolute() for path in found.refused}
    selected: set[str] = set()
    for path in named:
        place = _location(path)
        if place not in refused:
            paths.setdefault(place, path.absolute())
        selected.add(display_path(paths.get(place) or refused[place], root))
    corpus = Corpus([], list(found.diagnostics), {slug_of(p) for p in paths.values()},
                    selected if named else None, len(paths) + len(refused))
    for path in paths.values():
        _add_term(corpus, path, display_path(path, root))
    return corpus


def _location(path: Path) -> Path:
    """Where a directory entry really is: its folder resolved, its own name kept (it may be a link)."""
    return _real_folder(path.absolute().parent) / path.name


@functools.lru_cache(maxsize=64)
def _real_folder(folder: Path) -> Path:
    """A folder with its links resolved, once per run: every term shares the content folder."""
    return Path(os.path.realpath(folder))


def parse_source(source: Source) -> tuple[Term, list[Diagnostic]]:
    """Parse a read source's front matter into a term, with the problems met on the way."""
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
