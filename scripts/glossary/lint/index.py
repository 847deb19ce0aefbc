"""The lint index: each file's cached result, and what other terms' checks need of it, in SQLite.

One database per content folder, in `.glossary-cache/`. A row of `files` is one term file: its stat and
digest, its slug and status, a digest of its names, and its entry (the JSON of cache.Entry: diagnostics,
partial term, mentions). Beside them, what a run on one named file asks of all the others, so that it
need not read them: `names` (each title, abbreviation, alias and deprecated name, folded, with its first word) and `links` (each slug a
term lists as related).

A run reads in one transaction (a consistent view, whatever other runs do) and writes what changed in
one more (the WAL journal): a run stopped half-way, or several at once, leave the index whole. A file
SQLite cannot read is deleted, and the index is built again by the next run that saves.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

FORMAT = 8  # the version of the tables below
BUSY_MS = 5000  # how long a run waits for another one's write to finish

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (shown TEXT PRIMARY KEY, stat TEXT NOT NULL, digest TEXT NOT NULL,
    checked INTEGER NOT NULL, slug TEXT, status TEXT, names TEXT, entry TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS names (shown TEXT NOT NULL, folded TEXT NOT NULL, mention TEXT NOT NULL,
    words INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS links (shown TEXT NOT NULL, target TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_slug ON files (slug);
CREATE INDEX IF NOT EXISTS names_folded ON names (folded);
CREATE INDEX IF NOT EXISTS names_mention ON names (mention);
CREATE INDEX IF NOT EXISTS names_words ON names (words);
CREATE INDEX IF NOT EXISTS names_shown ON names (shown);
CREATE INDEX IF NOT EXISTS links_target ON links (target);
CREATE INDEX IF NOT EXISTS links_shown ON links (shown);
"""


class Light(NamedTuple):
    """What a run on named files reads of every row: enough to tell whether the file changed."""

    stat: str
    checked: int
    status: str | None
    names: str | None  # a digest of the term's names: the mentions fingerprint is made of these


@dataclass(frozen=True)
class Row:
    """One file's row as written: the entry and what the other tables keep of it."""

    shown: str
    light: Light
    digest: str
    slug: str | None
    entry: str
    names: tuple[tuple[str, str, int], ...]  # (folded name, as the mentions automaton keeps it, its words)
    related: tuple[str, ...]


class Index:
    """An open index; every method answers as if the index were empty when SQLite fails."""

    def __init__(self, location: Path, key: str) -> None:
        self.location = location
        self.key = key
        self.connection: sqlite3.Connection | None = None
        try:
            self.connection = self._open()
        except sqlite3.Error:
            self.repair()

    def _open(self) -> sqlite3.Connection:
        self.location.parent.mkdir(parents=True, exist_ok=True)
        ignore = self.location.parent / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# the glossary tool's lint cache: safe to delete\n*\n", encoding="utf-8")
        connection = sqlite3.connect(self.location, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL: a power cut may lose the last run, never the file
            connection.executescript(TABLES)
            found = dict(connection.execute("SELECT key, value FROM meta").fetchall())
            if found.get("format") != str(FORMAT) or found.get("key") != self.key:  # another version: start afresh
                with _transaction(connection):
                    for table in ("files", "names", "links", "meta"):
                        connection.execute(f"DELETE FROM {table}")
                    connection.executemany("INSERT INTO meta VALUES (?, ?)", [("format", str(FORMAT)), ("key", self.key)])
        except BaseException:
            connection.close()
            raise
        return connection

    def repair(self) -> None:
        """Delete a damaged index (and its journal), and open a new one; without one if that fails too."""
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{self.location}{suffix}").unlink()
        try:
            self.connection = self._open()
        except (sqlite3.Error, OSError):
            self.connection = None

    def close(self) -> None:
        if self.connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self.connection.close()
            self.connection = None

    def rows(self) -> dict[str, tuple[str, str, int, str]]:
        """Every file's stat, digest, time checked and entry (JSON text), by shown path."""
        return {shown: tuple(rest) for shown, *rest in self._read(
            "SELECT shown, stat, digest, checked, entry FROM files") if _typed(rest, (str, str, int, str))}

    def lights(self) -> dict[str, Light]:
        """Every file's light row, by shown path (rows of the wrong types left out: their files are checked)."""
        return {row[0]: Light._make(row[1:]) for row in
                self._read("SELECT shown, stat, checked, status, names FROM files")
                if type(row[1]) is str and type(row[2]) is int}  # the rest is only compared

    def digest(self, shown: str) -> str | None:
        """The digest of a file's bytes when it was checked."""
        found = self._read("SELECT digest FROM files WHERE shown = ?", (shown,))
        return found[0][0] if found and isinstance(found[0][0], str) else None

    def rows_of(self, shown: Iterable[str]) -> dict[str, tuple[str, str, int, str]]:
        """The rows (as `rows` gives them) of the named files that the index holds."""
        return {name: tuple(rest) for name, *rest in self._read_in(
            "SELECT shown, stat, digest, checked, entry FROM files WHERE shown IN ({})", shown)
            if _typed(rest, (str, str, int, str))}

    def neighbours(self, slugs: Iterable[str], folded_names: Iterable[str], listed: Iterable[str],
                   mentioned: Iterable[str]) -> set[str]:
        """The files whose slug is one of `slugs`, that use one of `folded_names`, that list one of `listed`
        as related, or that have a name which is one of `mentioned` (as the mentions automaton keeps it)."""
        found: set[str] = set()
        for query, values in (("SELECT shown FROM files WHERE slug IN ({})", slugs),
                              ("SELECT shown FROM names WHERE folded IN ({})", folded_names),
                              ("SELECT shown FROM links WHERE target IN ({})", listed),
                              ("SELECT shown FROM names WHERE mention IN ({})", mentioned)):
            found.update(shown for shown, in self._read_in(query, values))
        return found

    def longest_name(self) -> int:
        """The most words in any name."""
        found = self._read("SELECT max(words) FROM names")
        return found[0][0] if found and isinstance(found[0][0], int) else 0

    def write(self, rows: Iterable[Row], restat: Iterable[tuple[str, str, int]], gone: Iterable[str]) -> None:
        """In one transaction: replace the rows of files checked again (or whose mentions are new), record
        the new stat of files found unchanged by their bytes, and delete the rows of files that are gone."""
        if self.connection is None:
            return
        rows, restat, gone = list(rows), list(restat), list(gone)
        if not (rows or restat or gone):
            return
        try:
            with _transaction(self.connection, "IMMEDIATE"):
                forget = [(shown,) for shown in gone] + [(row.shown,) for row in rows]
                for table in ("files", "names", "links"):
                    self.connection.executemany(f"DELETE FROM {table} WHERE shown = ?", forget)
                self.connection.executemany("INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (
                    (row.shown, row.light.stat, row.digest, row.light.checked, row.slug,
                     row.light.status, row.light.names, row.entry) for row in rows))
                self.connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)", (
                    (row.shown, *name) for row in rows for name in row.names))
                self.connection.executemany("INSERT INTO links VALUES (?, ?)", (
                    (row.shown, target) for row in rows for target in row.related))
                self.connection.executemany("UPDATE files SET stat = ?, checked = ? WHERE shown = ?",
                                            ((stat, checked, shown) for shown, stat, checked in restat))
        except sqlite3.OperationalError:
            pass  # busy past the timeout, or a full disk: the next run checks those files again
        except sqlite3.DatabaseError:
            self.repair()

    def _read(self, query: str, values: tuple[object, ...] = ()) -> list[Any]:
        if self.connection is None:
            return []
        try:
            return self.connection.execute(query, values).fetchall()
        except sqlite3.DatabaseError:
            self.repair()
            return []

    def _read_in(self, query: str, values: Iterable[str]) -> Iterator[Any]:
        chosen = sorted(set(values))
        for start in range(0, len(chosen), 500):  # SQLite takes a limited number of parameters at once
            part = chosen[start:start + 500]
            yield from self._read(query.format(", ".join("?" * len(part))), tuple(part))

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Every read inside sees the index as it was at the first one, whatever other runs write."""
        if self.connection is None:
            yield
            return
        try:
            self.connection.execute("BEGIN")
        except sqlite3.DatabaseError:
            self.repair()
            yield
            return
        try:
            yield
        finally:
            if self.connection is not None:
                with contextlib.suppress(sqlite3.Error):
                    self.connection.execute("COMMIT")


def _typed(values: list[Any], types: tuple[type | tuple[type, ...], ...]) -> bool:
    """Whether each value has its type: a row written by another program, or damaged, is left out."""
    return len(values) == len(types) and all(isinstance(value, kind) for value, kind in zip(values, types))


@contextlib.contextmanager
def _transaction(connection: sqlite3.Connection, kind: str = "") -> Iterator[None]:
    connection.execute(f"BEGIN {kind}")
    try:
        yield
    except BaseException:  # an error, SIGTERM or Ctrl-C: nothing of this run's writing is kept
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
