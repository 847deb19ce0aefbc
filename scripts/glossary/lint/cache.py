"""The lint cache: each file's own results, kept between runs so that only changed files are read again.

An entry holds what checking one file alone gives (its reading, parsing, schema and content-quality
diagnostics, and the partial term that other terms' checks read), keyed by the SHA-256 of the file's
bytes. Checks across terms (links, names, reciprocity, switches) run again on every run from those
entries, so a renamed, deleted or re-statused term is always seen. Mentions of other terms are kept too,
keyed by the file and by a fingerprint of every term's names. The whole cache is keyed by the tool's
own code, its libraries' versions and the schema: a change to any of them starts afresh.

A file is read again to check its hash unless its size, modification time and inode are those recorded
and it was last changed well before it was checked (as Git does, a file changed in the same instant as
it was checked is never trusted by its timestamp). The cache is JSON (reading it runs no code), lives in
`.glossary-cache/` at the project root, and is written to a new file and renamed over the old: runs at
the same time never see half a cache, and the last to finish wins with entries that are all correct.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from glossary import __version__
from glossary.diagnostics import Diagnostic
from glossary.read.corpus import Term, term_as_json, term_from_json

FOLDER = ".glossary-cache"
FORMAT = 2  # files: {shown path: the entry as JSON text}, so that reading the cache builds one string per file
RACY_NS = 2_000_000_000  # a file changed less than 2 s before it was checked is checked by its bytes
KEEP_READ_ENTRIES = 20_000  # up to this many files, entries keep the JSON they were read from (faster saves)


@dataclass
class FileResult:
    """What checking one file alone gives: diagnostics by the stage that found them, and its partial term.

    Read from the cache, the diagnostics stay as JSON until asked for: a run on one named file needs
    every other file's term, but not its diagnostics."""

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
    stored: str | None = None  # the JSON text it was read from, written back as it was while unchanged


@dataclass
class LintCache:
    """Entries by the file's shown path; `location` None: a cache that is neither read nor written."""

    location: Path | None
    key: str
    entries: dict[str, Entry] = field(default_factory=dict)
    stored: dict[str, str] = field(default_factory=dict)  # each entry's JSON text, turned into an Entry on use
    changed: bool = False

    def lookup(self, path: Path, shown: str) -> tuple[FileResult | None, str | None]:
        """The cached result when the file is unchanged, else None; and the file's digest if it was read."""
        entry = self.entries.get(shown)
        if entry is None and shown in self.stored:
            try:
                text = self.stored.pop(shown)
                entry = self.entries[shown] = _entry_from_json(orjson.loads(text), path)
                if len(self.stored) + len(self.entries) <= KEEP_READ_ENTRIES:
                    entry.stored = text  # written back as it is, unless it changes
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
                entry.stat, entry.checked_ns, self.changed = now, time.time_ns(), True
                entry.stored = None
            return entry.result, digest
        return None, digest

    def store(self, shown: str, checked: Checked) -> None:
        """Record a freshly checked file."""
        if self.location is not None and checked.digest is not None and checked.stat is not None:
            self.entries[shown] = Entry(checked.stat, checked.digest, checked.started_ns, checked.result)
            self.changed = True

    def mentions(self, shown: str, fingerprint: str) -> list[Diagnostic] | None:
        entry = self.entries.get(shown)
        if entry is None or entry.mentions is None or entry.mentions[0] != fingerprint:
            return None
        return entry.mentions[1]

    def store_mentions(self, shown: str, fingerprint: str, found: list[Diagnostic]) -> None:
        entry = self.entries.get(shown)
        if entry is not None and self.location is not None:
            entry.mentions, entry.stored = (fingerprint, found), None
            self.changed = True

    def forget_others(self, shown: set[str]) -> None:
        """Drop entries of files that no longer exist, so that the cache does not grow for ever."""
        for entries in (self.entries, self.stored):
            for gone in set(entries) - shown:
                del entries[gone]
                self.changed = True

    def save(self) -> None:
        """Write the cache atomically; a cache that cannot be written is only a slower next run."""
        if self.location is None or not self.changed:
            return
        staging = None
        try:
            self.location.parent.mkdir(exist_ok=True)
            ignore = self.location.parent / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# the glossary tool's lint cache: safe to delete\n*\n", encoding="utf-8")
            handle, staging = tempfile.mkstemp(prefix=".lint-", suffix=".tmp", dir=self.location.parent)
            with os.fdopen(handle, "wb") as out:  # entry by entry: a large cache is never all in memory twice
                out.write(b'{"format":%d,"key":%s,"files":{' % (FORMAT, orjson.dumps(self.key)))
                pieces = itertools.chain(self.stored.items(), ((shown, entry.stored or _entry_text(entry))
                                                              for shown, entry in self.entries.items()))
                first = True
                for shown, text in pieces:
                    if text is not None:
                        out.write((b"" if first else b",") + orjson.dumps(shown) + b":" + orjson.dumps(text))
                        first = False
                out.write(b"}}")
            os.replace(staging, self.location)
            staging = None
        except (OSError, orjson.JSONEncodeError):
            pass
        finally:  # stopped half-way (an error, SIGTERM, Ctrl-C): no half-written file is left behind
            if staging is not None:
                Path(staging).unlink(missing_ok=True)


def open_cache(root: Path, content: Path, schema: Path, enabled: bool) -> LintCache:
    """The cache for this content folder and schema, read from disk when enabled (else empty, unsaved)."""
    key = _environment_key(schema)
    if not enabled:
        return LintCache(None, key)
    name = hashlib.sha256(str(content.absolute()).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    location = root / FOLDER / f"lint-{name}.json"
    cache = LintCache(location, key)
    try:
        document = orjson.loads(location.read_bytes())
        files = document.get("files")
        if document.get("format") == FORMAT and document.get("key") == key and isinstance(files, dict) \
                and all(isinstance(text, str) for text in files.values()):
            cache.stored = files
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        cache.stored = {}  # missing, unreadable or from another version: start afresh
    return cache


def file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return hashlib.sha256(handle.read()).hexdigest()
    except OSError:
        return None


def _environment_key(schema: Path) -> str:
    """What every entry depends on besides its file: the tool's code, its libraries, and the schema."""
    digest = hashlib.sha256(f"{__version__} {FORMAT} {sys.version}".encode())
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
    for library in ("jsonschema", "jsonschema-rs"):
        try:
            from importlib.metadata import version

            digest.update(f"{library} {version(library)}".encode())
        except Exception:
            digest.update(f"{library} none".encode())
    return digest.hexdigest()


def _entry_text(entry: Entry) -> str | None:
    """An entry as JSON text; None for one that cannot be written (its file is then checked next time)."""
    try:
        value = _entry_as_json(entry)
    except (ValueError, TypeError, AttributeError):  # diagnostics read from a damaged cache
        return None
    try:
        return orjson.dumps(value).decode("utf-8")
    except (orjson.JSONEncodeError, TypeError):  # an integer beyond 64 bits, say: json writes any
        return json.dumps(value, ensure_ascii=False)


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
        "stat": list(entry.stat), "digest": entry.digest, "checked": entry.checked_ns,
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


def _entry_from_json(value: dict[str, Any], path: Path) -> Entry:
    """An entry as save() wrote it; anything else (a damaged or hostile cache) raises, and the file is
    checked afresh."""
    stat, checked, mentions = value["stat"], value["checked"], value["mentions"]
    if not (isinstance(stat, list) and len(stat) == 4 and all(type(part) is int for part in stat)
            and type(checked) is int and isinstance(value["digest"], str) and isinstance(value["diagnostics"], dict)
            and (mentions is None or isinstance(mentions, list) and len(mentions) == 2
                 and isinstance(mentions[0], str) and isinstance(mentions[1], list))):
        raise TypeError("not a cache entry")
    result = FileResult(None, None if value["term"] is None else term_from_json(value["term"], path),
                        value["diagnostics"])
    return Entry(tuple(stat), value["digest"], checked, result,
                 None if mentions is None else (mentions[0], [_diagnostic_from_json(d) for d in mentions[1]]))
