"""The lint cache: each file's own results, kept between runs so that only changed files are read again.

An entry holds what checking one file alone gives (its reading, parsing, schema and content-quality
diagnostics, and the partial term that other terms' checks read), keyed by the SHA-256 of the file's
bytes. Checks across terms (links, names, reciprocity, switches) run again on every run from those
entries, so a renamed, deleted or re-statused term is always seen. Mentions of other terms are kept too,
keyed by the file and by a fingerprint of every term's names. The whole cache is keyed by the tool's
own code, its libraries' versions and the schema: a change to any of them starts afresh.

A file is read again to check its hash unless its size, modification time and inode are those recorded
and it was last changed well before it was checked (as Git does, a file changed in the same instant as
it was checked is never trusted by its timestamp). The entries live in an SQLite index (`index.py`) in
`.glossary-cache/` at the project root, as JSON (reading them runs no code); a run on named files reads
only the rows it needs, and every run writes what changed in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from glossary import __version__
from glossary.check.mentions import mention_key
from glossary.check.textual import deprecated_names, deprecated_names_of, fold, names
from glossary.diagnostics import Diagnostic
from glossary.lint.index import FORMAT, Index, Light, Row
from glossary.read.corpus import Term, term_as_json, term_from_json

FOLDER = ".glossary-cache"
RACY_NS = 2_000_000_000  # a file changed less than 2 s before it was checked is checked by its bytes


@dataclass
class FileResult:
    """What checking one file alone gives: diagnostics by the stage that found them, and its partial term.

    Read from the cache, the diagnostics stay as JSON until asked for: a run on one named file needs
    other files' terms, but not their diagnostics."""

    found: dict[str, list[Diagnostic]] | None
    term: Term | None
    stored: dict[str, list[list[Any]]] | None = None

    @property
    def diagnostics(self) -> dict[str, list[Diagnostic]]:
        if self.found is None:
            self.found = {stage: [_diagnostic_from_json(d) for d in found] for stage, found in (self.stored or {}).items()}
        return self.found


@dataclass
class Checked:
    """One file just checked: its stat and the digest of the bytes read, taken before the check began."""

    stat: tuple[int, ...] | None
    digest: str | None
    started_ns: int
    result: FileResult


@dataclass
class Entry:
    stat: tuple[int, ...]
    digest: str
    checked_ns: int
    result: FileResult
    mentions: tuple[str, list[Diagnostic]] | None = None  # (names fingerprint, GL309 diagnostics)


Stored = tuple[str, str, int, str]  # a row as read: stat, digest, checked, the entry's JSON


@dataclass
class LintCache:
    """Entries by the file's shown path; `index` None: a cache that is neither read nor written."""

    index: Index | None
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)
    stored: dict[str, Stored] = field(default_factory=dict)  # rows read, each made an Entry on use
    lights: dict[str, Light] = field(default_factory=dict)  # for a run on named files: every row's light part
    changed: set[str] = field(default_factory=set)  # entries to write
    restat: dict[str, tuple[str, int]] = field(default_factory=dict)  # rows whose stat alone is new
    gone: set[str] = field(default_factory=set)

    def read_all(self) -> None:
        """Read every row: a run on the whole folder needs every file's entry."""
        if self.index is not None:
            with self.index.snapshot():
                self.stored = self.index.rows()

    def read_lights(self) -> None:
        """Read the light part of every row: a run on named files reads whole entries only where needed."""
        if self.index is not None:
            self.lights = self.index.lights()

    def read_entries(self, shown: set[str]) -> None:
        """Read the whole rows of these files, if the index has them and they are not read yet."""
        if self.index is not None:
            self.stored.update(self.index.rows_of(shown - self.stored.keys() - self.entries.keys()))

    def lookup(self, path: Path, shown: str) -> tuple[FileResult | None, str | None]:
        """The cached result when the file is unchanged, else None; and the file's digest if it was read."""
        entry = self.entries.get(shown)
        if entry is None and shown in self.stored:
            try:
                entry = self.entries[shown] = _entry_from_row(self.stored.pop(shown), path)
            except (ValueError, KeyError, TypeError, AttributeError):
                entry = None  # a damaged entry: check the file afresh
        if entry is None:
            return None, None
        try:
            info = path.stat()
        except OSError:
            return None, None
        now = stat_key(info)
        if now == entry.stat and last_change(info) + RACY_NS < entry.checked_ns:
            return entry.result, entry.digest
        digest = file_digest(path)
        if digest is not None and digest == entry.digest:
            if entry.stat != now or entry.checked_ns <= last_change(info) + RACY_NS:
                entry.stat, entry.checked_ns = now, time.time_ns()
                self.restat[shown] = (_stat_text(now), entry.checked_ns)
            return entry.result, digest
        return None, digest

    def unchanged(self, path: Path, shown: str) -> bool:
        """Whether a file is as its light row says (a run on named files), without reading its entry."""
        light = self.lights.get(shown)
        if light is None:
            return False
        try:
            info = os.stat(path)
        except OSError:
            return False
        now = _stat_text(stat_key(info))
        if now == light.stat and last_change(info) + RACY_NS < light.checked:
            return True
        if self.index is None or file_digest(path) != self.index.digest(shown):
            return False
        if now != light.stat or light.checked <= last_change(info) + RACY_NS:
            self.restat[shown] = (now, time.time_ns())
        return True

    def store(self, shown: str, checked: Checked) -> None:
        """Record a freshly checked file."""
        if self.index is not None and checked.digest is not None and checked.stat is not None:
            self.entries[shown] = Entry(checked.stat, checked.digest, checked.started_ns, checked.result)
            self.changed.add(shown)

    def mentions(self, shown: str, fingerprint: str) -> list[Diagnostic] | None:
        entry = self.entries.get(shown)
        if entry is None or entry.mentions is None or entry.mentions[0] != fingerprint:
            return None
        return entry.mentions[1]

    def store_mentions(self, shown: str, fingerprint: str, found: list[Diagnostic]) -> None:
        entry = self.entries.get(shown)
        if entry is not None and self.index is not None:
            entry.mentions = (fingerprint, found)
            self.changed.add(shown)

    def forget_others(self, shown: set[str]) -> None:
        """Drop the rows of files that no longer exist, so that the index does not grow for ever."""
        self.gone = (self.stored.keys() | self.entries.keys() | self.lights.keys()) - shown

    def save(self) -> None:
        """Write what changed in one transaction; an index that cannot be written is only a slower next run."""
        if self.index is None:
            return
        rows = []
        for shown in sorted(self.changed - self.gone):
            row = _row(shown, self.entries[shown])
            if row is not None:
                rows.append(row)
        restat = [(shown, stat, checked) for shown, (stat, checked) in self.restat.items()
                  if shown not in self.changed and shown not in self.gone]
        self.index.write(rows, restat, sorted(self.gone))
        self.index.close()


def open_cache(root: Path, content: Path, schema: Path, enabled: bool) -> LintCache:
    """The cache for this content folder and schema (its index opened, nothing read yet); when not enabled,
    one that is neither read nor written."""
    key = _environment_key(schema)
    if not enabled:
        return LintCache(None, key)
    name = hashlib.sha256(str(content.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return LintCache(Index(root / FOLDER / f"lint-{name}.sqlite", key), key)


def names_digest(term: Term) -> str:
    """A digest of a term's slug, names, title and deprecated names with why (GL313's message quotes them):
    the mentions fingerprint is made of those of the exported terms."""
    avoided = [(name, why) for _, name, why in deprecated_names_of(term)]
    value = (term.slug, names(term), avoided, term.text_field("title")) if avoided else (term.slug, names(term))
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:32]


def names_fingerprint(digests: list[str]) -> str:
    """The fingerprint of every exported term's names, from their names_digest in any order."""
    return hashlib.sha256("\n".join(sorted(digests)).encode()).hexdigest()


def file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _environment_key(schema: Path) -> str:
    """What every entry depends on besides its file: the tool's code, its libraries, and the schema."""
    digest = hashlib.sha256(f"{__version__} {FORMAT} {sys.version}".encode())  # FORMAT: the index's tables
    package = Path(__file__).parent.parent  # the whole glossary package
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    try:
        digest.update(schema.read_bytes())
    except OSError:
        pass
    import yaml

    digest.update(f"yaml {yaml.__version__} {getattr(yaml, '__with_libyaml__', False)}".encode())
    for library in ("jsonschema", "jsonschema_rs", "rapidfuzz", "ahocorasick"):
        digest.update(_installed(library).encode())
    return digest.hexdigest()


def _installed(library: str) -> str:
    """Which copy of a library is installed: where its code is, and that file's size and time (an upgrade
    writes it anew). Found without importing it, or reading every package's metadata."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(library)
        origin = spec.origin if spec is not None else None
        info = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        return f"{library} none"
    return f"{library} {origin} {info.st_size} {info.st_mtime_ns}" if info else f"{library} none"


def _row(shown: str, entry: Entry) -> Row | None:
    """An entry as its index row; None for one that cannot be written (its file is then checked next time)."""
    term = entry.result.term
    try:
        value = _entry_as_json(entry)
    except (ValueError, TypeError, AttributeError):  # diagnostics read from a damaged cache
        return None
    try:
        text = orjson.dumps(value).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):  # an integer beyond 64 bits, say: json writes any
        text = json.dumps(value, ensure_ascii=False)
    status = term.text_field("status") if term is not None else None
    light = Light(_stat_text(entry.stat), entry.checked_ns, status, None if term is None else names_digest(term))
    slug = None if term is None else term.slug
    if term is None:
        return Row(shown, light, entry.digest, slug, text, (), ())
    every_name = [*names(term), *deprecated_names(term)]
    return Row(shown, light, entry.digest, slug, text, tuple((fold(name), *mention_key(name)) for name in every_name),
               tuple(dict.fromkeys(t for t in term.list_field("related") if isinstance(t, str))))


def _stat_text(stat: tuple[int, ...]) -> str:
    return " ".join(map(str, stat))


def _diagnostic_as_json(d: Diagnostic) -> list[Any]:
    return [d.path, d.line, d.column, d.code, d.severity, d.message]


def _diagnostic_from_json(value: list[Any]) -> Diagnostic:
    path, line, column, code, severity, message = value
    if not (isinstance(path, str) and type(line) is int and type(column) is int and isinstance(code, str)
            and severity in ("error", "warning") and isinstance(message, str)):
        raise ValueError("not a diagnostic")
    return Diagnostic(path, line, column, code, severity, message)


def _entry_as_json(entry: Entry) -> dict[str, Any]:
    return {
        "diagnostics": {stage: [_diagnostic_as_json(d) for d in found]
                        for stage, found in entry.result.diagnostics.items()},
        "term": None if entry.result.term is None else term_as_json(entry.result.term),
        "mentions": None if entry.mentions is None
        else [entry.mentions[0], [_diagnostic_as_json(d) for d in entry.mentions[1]]],
    }


def stat_key(info: os.stat_result) -> tuple[int, ...]:
    """What says a file is unchanged without reading it: its size, inode, and modification and change
    times. The change time (ctime) cannot be set back by tools that restore an old modification time
    (cp -p, touch -r, rsync -t), so a rewrite with the same size and an old mtime is still seen."""
    return info.st_size, info.st_mtime_ns, info.st_ino, info.st_ctime_ns


def last_change(info: os.stat_result) -> int:
    return max(info.st_mtime_ns, info.st_ctime_ns)


def _entry_from_row(row: Stored, path: Path) -> Entry:
    """An entry as save() wrote it; anything else (a damaged or hostile index) raises, and the file is
    checked afresh."""
    stat_text, digest, checked, text = row
    value = orjson.loads(text)
    stat = tuple(int(part) for part in stat_text.split(" "))
    mentions = value["mentions"]
    if not (len(stat) == 4 and type(checked) is int and isinstance(digest, str)
            and isinstance(value["diagnostics"], dict)
            and (mentions is None or isinstance(mentions, list) and len(mentions) == 2
                 and isinstance(mentions[0], str) and isinstance(mentions[1], list))):
        raise TypeError("not a cache entry")
    result = FileResult(None, None if value["term"] is None else term_from_json(value["term"], path),
                        value["diagnostics"])
    return Entry(stat, digest, checked, result,
                 None if mentions is None else (mentions[0], [_diagnostic_from_json(d) for d in mentions[1]]))
