"""One glossary project held in memory for the language server: the terms of its content folder, the text the
editor holds for the open ones, and their diagnostics, worked out as `glossary lint FILE...` works them out.

A closed file is kept as lint keeps a file between its two stages (its partial term: the fields other terms'
checks read); an open one is read from the editor's text, whole, with its own checks (lint's first stage).
Each change reads only the file that changed, then runs the checks across terms and lint's last step again.
`refresh` reads again what changed on disk (a save, a Git checkout, a new schema).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from glossary import check as checks
from glossary.check import schema
from glossary.check.validators import load_validator
from glossary.config import Project
from glossary.diagnostics import Diagnostic
from glossary.lint.files import LOCAL_CHECKS
from glossary.lint.job import LintSettings, report_on
from glossary.read.corpus import Corpus, Term, parse_source, partial
from glossary.read.files import (
    BOM,
    TERM_SUFFIX,
    discover,
    display_path,
    read_source,
    slug_of,
    source_of_bytes,
)

CROSS_CHECKS = tuple(name for name in LintSettings.check_names if name not in LOCAL_CHECKS)
Stamp = tuple[int, int, int]


@dataclass
class _File:
    """A term file of the content folder as last read from disk (no stamp: only in the editor so far)."""

    path: Path
    shown: str
    stamp: Stamp | None
    term: Term | None  # partial; None when the file could not be read
    summary: str | None


@dataclass
class _Open:
    """A file the editor has open: its text there, its whole term, and its own problems (lint's first stage)."""

    text: str
    term: Term | None
    problems: list[Diagnostic]


class Glossary:
    """A project's terms, kept up to date per change; raises ConfigError if its schema cannot be loaded."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.content = project.content.absolute()
        self._prefix = display_path(self.content, project.root)
        self._schema_stamp = _stamp(project.schema)
        self.validator = load_validator(project.schema)
        self._schema_check = schema.checker(self.validator)
        self.files: dict[str, _File] = {}
        self.opened: dict[str, _Open] = {}
        self._discovered: list[Diagnostic] = []
        self._refused = 0
        self._order: list[str] | None = None  # the files in lint's order, and their slugs: kept until one comes or goes
        self._slugs: set[str] = set()
        self.refresh()

    def shown(self, path: Path) -> str | None:
        """The path lint shows for a term file of this content folder; None for any other file."""
        if not path.name.endswith(TERM_SUFFIX) or path.name.startswith("."):
            return None
        if os.path.realpath(path.absolute().parent) != os.path.realpath(self.content):
            return None
        return self._shown_name(path.name)

    def _shown_name(self, name: str) -> str:
        """The shown path of the file `name` of the content folder, as lint writes it."""
        return name if self._prefix == "." else f"{self._prefix}/{name}"

    def refresh(self) -> bool:
        """Read again each file that changed on disk since the last look (and the schema); True if any had."""
        changed = self._reload_schema()
        try:
            found = discover(self.content, self.project.root)
        except OSError:  # the folder is gone (a checkout of a branch without it): no terms on disk
            found = None
        on_disk: set[str] = set()
        for path in found.files if found else []:
            shown = self._shown_name(path.name)
            on_disk.add(shown)
            stamp = _stamp(path)
            known = self.files.get(shown)
            if known is None or known.stamp != stamp:
                self.files[shown] = _read(self.content / path.name, shown, stamp)
                changed = True
        for shown in [s for s in self.files if s not in on_disk and s not in self.opened]:
            del self.files[shown]
            changed = True
        discovered = list(found.diagnostics) if found else []
        changed = changed or discovered != self._discovered
        self._discovered, self._refused = discovered, len(found.refused) if found else 0
        if changed:
            self._order = None
        return changed

    def _reload_schema(self) -> bool:
        stamp = _stamp(self.project.schema)
        if stamp == self._schema_stamp:
            return False
        self._schema_stamp = stamp  # a broken schema is said once (ConfigError); the one before stays in use
        self.validator = load_validator(self.project.schema)
        self._schema_check = schema.checker(self.validator)
        for shown, opened in self.opened.items():
            self.opened[shown] = self._read_text(self.files[shown].path, shown, opened.text)
        return True

    def open(self, shown: str, text: str) -> None:
        """The editor opened a file, or changed its text."""
        path = self.content / Path(shown).name
        self.opened[shown] = opened = self._read_text(path, shown, text)
        known = self.files.get(shown)
        self.files[shown] = _File(path, shown, known.stamp if known else None, known.term if known else None,
                                  opened.term.text_field("summary") if opened.term else None)
        if known is None:
            self._order = None

    def close(self, shown: str) -> None:
        """The editor closed a file: from now on it is what the disk holds (or nothing, if it was never saved)."""
        self.opened.pop(shown, None)
        known = self.files.pop(shown, None)
        self._order = None
        if known is not None and os.path.isfile(known.path):
            self.files[shown] = _read(known.path, shown, _stamp(known.path))

    def _read_text(self, path: Path, shown: str, text: str) -> _Open:
        """Lint's first stage on the editor's text: read, parse, and the checks of the one term."""
        read = source_of_bytes(text.encode("utf-8", "surrogatepass"), path, shown)
        problems = list(read.diagnostics)
        if read.source is None:
            return _Open(text, None, problems)
        term, parsed = parse_source(read.source)
        problems += parsed
        alone = Corpus([term])
        for name in LOCAL_CHECKS:
            problems += (self._schema_check if name == "schema" else checks.get(name))(alone)
        return _Open(text, term, problems)

    def terms(self) -> list[Term]:
        """Every term, in lint's order: the open ones as the editor holds them, the others as on disk."""
        if self._order is None:
            self._order = sorted(self.files, key=lambda shown: self.files[shown].path.name)
            self._slugs = {slug_of(self.files[shown].path) for shown in self._order}
        found = []
        for shown in self._order:
            opened = self.opened.get(shown)
            term = opened.term if opened is not None else self.files[shown].term
            if term is not None:
                found.append(term)
        return found

    def diagnostics(self) -> dict[str, list[Diagnostic]]:
        """The diagnostics of every open file, exactly as `glossary lint` gives them for those files."""
        selected = set(self.opened)
        terms = self.terms()
        corpus = Corpus(terms, list(self._discovered), set(self._slugs), selected, len(self.files) + self._refused)
        found = list(corpus.diagnostics)
        for opened in self.opened.values():
            found += opened.problems
        for name in CROSS_CHECKS:
            found.extend(checks.get(name)(corpus))
        by_path: dict[str, list[Diagnostic]] = {shown: [] for shown in selected}
        for diagnostic in report_on(found, corpus, self.project.disabled, strict=False):
            by_path[diagnostic.path].append(diagnostic)
        return by_path

    def by_slug(self) -> dict[str, Term]:
        """Every term that could be read, by slug (the open ones as the editor holds them)."""
        return {term.slug: term for term in self.terms()}

    def summary(self, slug: str) -> str | None:
        known = self.files.get(self._shown_name(f"{slug}{TERM_SUFFIX}"))
        return known.summary if known else None

    def path_of(self, slug: str) -> Path:
        return self.content / f"{slug}{TERM_SUFFIX}"

    def text_of(self, shown: str) -> str | None:
        """A file's text as the editor sees it: the open text, else the file's (without a byte-order mark)."""
        if shown in self.opened:
            return self.opened[shown].text
        known = self.files.get(shown)
        try:
            raw = known.path.read_bytes() if known else None
        except OSError:
            return None
        return None if raw is None else raw.removeprefix(BOM).decode("utf-8", "replace")


def _read(path: Path, shown: str, stamp: Stamp | None) -> _File:
    """A closed file, read as lint's first stage keeps it: its partial term, and its summary for completions."""
    read = read_source(path, shown)
    if read.source is None:
        return _File(path, shown, stamp, None, None)
    term, _ = parse_source(read.source)
    return _File(path, shown, stamp, partial(term), term.text_field("summary"))


def _stamp(path: Path) -> Stamp | None:
    """What tells that a file changed: its modification time, size and inode (None if it is not there)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size, found.st_ino
