"""`glossary sync SOURCE DEST`: mirror a published export into a local folder, fetching only what changed.

The first run fetches everything. A later run reads index.json and the change feed from the entry the
mirror holds to the latest. A term file is fetched when its content hash in index.json differs from the
mirror's copy (whose hash is worked out again, so a damaged copy is mended); the feed's entries name the
same terms, and also the redirects and tombstones that changed, which have no hash. When the feed cannot
bridge the gap (the mirror is further behind than the feed keeps, or the source started a new feed), a
redirect or tombstone is fetched unless the mirror's says the same and the export's URLs and format are
unchanged. Every file fetched is checked against index.json (the standards files against the digests its
`formats` lists, and fetched only when the mirror's copy differs), and glossary.json against the feed's digest:
put together from the term files when the export has a base URL (they then spell every URL alike), else
fetched. The new mirror is staged beside DEST and swapped in whole; a file whose bytes did not change is
linked, keeping its time. Anything amiss raises SyncFailed and leaves DEST as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from glossary import atomic
from glossary.config import ConfigError
from glossary.export.published import Published, Unreachable, file_digest, replaceable
from glossary.export.writing import write_bundle
from glossary.sync import SyncFailed
from glossary.sync.state import Export, entry, kind_of, local, remote

SMALL_FILES = ("glossary.jsonld", "changes.json", "export.schema.json")


@dataclass
class SyncResult:
    """How the mirror was brought up to date, and which terms/ files were fetched or dropped."""

    how: str  # "first", "feed", "index" (the feed could not bridge the gap) or "up to date"
    sequence: int
    since: int | None = None
    fetched: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    bundle_fetched: bool = False
    formats_fetched: list[str] = field(default_factory=list)  # standards files (index.json's formats) fetched

    def sentence(self, dest: Path) -> str:
        """One line: where the mirror stands, and what it took."""
        entry = f"entry {self.sequence}" if self.sequence else "the export"
        if self.how == "up to date":
            return f"{dest} is up to date ({entry})"
        way = {"first": "a first download", "feed": f"the change feed from entry {self.since}",
               "index": "index.json's hashes (the change feed could not bridge the gap)"}[self.how]
        return (f"synced {dest} to {entry} by {way}: {_count(len(self.fetched), 'term file')} fetched, "
                f"{len(self.dropped)} dropped" + (", glossary.json fetched" if self.bundle_fetched else "")
                + (f", {_count(len(self.formats_fetched), 'standards file')} fetched" if self.formats_fetched else ""))


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def run_sync(source: Published, dest: Path) -> SyncResult:
    """Bring DEST up to date with SOURCE. Raises ConfigError (DEST is not a mirror), SyncFailed."""
    dest = _checked_dest(dest, source)
    new, old = remote(source), local(dest)
    if old is not None and old.index_bytes == new.index_bytes and old.feed_bytes == new.feed_bytes \
            and old.documents == new.documents:
        return SyncResult("up to date", new.latest, old.latest)
    touched, entries = _bridge(source, old, new)
    how = "first" if old is None else "feed" if touched is not None else "index"
    result = SyncResult(how, new.latest, old.latest if old else None)
    try:
        with atomic.new_folder(dest) as staging:
            _stage(source, dest, staging, old, new, touched, entries, result)
    except Unreachable as error:
        raise SyncFailed(str(error)) from None
    except OSError as error:
        raise SyncFailed(f"cannot write {dest}: {error.strerror or error}") from None
    return result


def _checked_dest(dest: Path, source: Published) -> Path:
    if source.folder is not None and source.folder.resolve() in (dest.resolve(), *dest.resolve().parents):
        raise ConfigError(f"{dest} is inside the export it would mirror; give a folder of its own")
    return replaceable(dest, str(dest), "mirror", "sync")


def _bridge(source: Published, old: Export | None, new: Export) -> tuple[set[str] | None, dict[int, bytes]]:
    """The slugs the feed says changed since the mirror's entry, and those entries' bytes; (None, {}) when
    the feed cannot bridge the gap."""
    if old is None or old.feed is None or new.feed is None or not 0 < old.latest <= new.latest \
            or new.entry_to(old.latest) not in (None, old.feed["to"]):
        return None, {}
    touched: set[str] = set()
    entries: dict[int, bytes] = {}
    after = old.feed["to"]
    for sequence in range(old.latest + 1, new.latest + 1):
        to = new.entry_to(sequence)
        if to is None:
            return None, {}  # the feed no longer keeps this entry
        try:
            data = source.get(f"changes/{sequence}.json")
        except Unreachable as error:
            raise SyncFailed(str(error)) from None
        found = entry(data, sequence, after, to)
        for name in ("added", "removed", "changed"):
            touched.update(found.get(name, []))
        for name in ("redirects", "tombstones"):
            touched.update(found.get(name, {}))
        entries[sequence], after = data or b"", to
    return touched, entries


def _stage(source: Published, dest: Path, staging: Path, old: Export | None, new: Export,
           touched: set[str] | None, entries: dict[int, bytes], result: SyncResult) -> None:
    """Fill the staging folder: every file of the new export, fetched or linked from the mirror."""
    (staging / "terms").mkdir()
    same_settings = old is not None and old.settings == new.settings
    for slug, kind in sorted(new.documents.items()):
        had = old.documents.get(slug) if old else None
        if had == kind and (kind[0] == "term" or same_settings and (touched is None or slug not in touched)):
            _link(dest / "terms" / f"{slug}.json", staging / "terms" / f"{slug}.json")
            continue
        data = source.get(f"terms/{slug}.json")
        if data is None or _kind(data, slug) != kind:
            raise SyncFailed(f"{source.where(f'terms/{slug}.json')} is not what index.json says it is; the source "
                             f"may be being published: try again")
        _place(staging / "terms" / f"{slug}.json", data, dest / "terms" / f"{slug}.json")
        result.fetched.append(slug)
    result.dropped = sorted(set(old.documents) - set(new.documents)) if old else []
    _place(staging / "index.json", new.index_bytes, dest / "index.json")
    if new.feed_bytes is not None:
        _stage_feed(source, dest, staging, new, entries)
    for name in SMALL_FILES:
        data = source.get(name)
        if data is not None:
            _place(staging / name, data, dest / name)
    result.formats_fetched = _stage_formats(source, dest, staging, new)
    result.bundle_fetched = _stage_bundle(source, dest, staging, new)


def _stage_formats(source: Published, dest: Path, staging: Path, new: Export) -> list[str]:
    """The standards files index.json lists in `formats`: linked from the mirror when its copy has the listed
    digest, else fetched and checked against it. Gives back the paths fetched."""
    fetched = []
    for path, digest in new.formats.items():
        (staging / path).parent.mkdir(parents=True, exist_ok=True)
        if file_digest(dest / path) == digest:
            _link(dest / path, staging / path)
            continue
        data = source.get(path)
        if data is None:
            raise SyncFailed(f"{source.where(path)} is listed in index.json's formats but not there")
        if "sha256:" + hashlib.sha256(data).hexdigest() != digest:
            raise SyncFailed(f"{source.where(path)} is not the file index.json's formats names (its digest differs); "
                             "the source may be being published: try again")
        atomic.write_file(staging / path, data)
        fetched.append(path)
    return fetched


def _stage_feed(source: Published, dest: Path, staging: Path, new: Export, entries: dict[int, bytes]) -> None:
    (staging / "changes").mkdir()
    _place(staging / "changes" / "index.json", new.feed_bytes or b"", dest / "changes" / "index.json")
    for listed in (new.feed or {}).get("entries", []):
        name = f"changes/{listed['sequence']}.json"
        data = entries.get(listed["sequence"])
        if data is None and entries and (dest / name).is_file():
            _link(dest / name, staging / name)  # an entry the mirror already held, along an unbroken feed
            continue
        data = data if data is not None else source.get(name)
        if data is None:
            raise SyncFailed(f"{source.where(name)} is listed in changes/index.json but not there")
        _place(staging / name, data, dest / name)


def _stage_bundle(source: Published, dest: Path, staging: Path, new: Export) -> bool:
    """glossary.json, put together from the term files where it can be (else fetched); True if fetched."""
    expected = new.feed["to"] if new.feed else None
    index = new.index
    if expected is not None and index.get("base_url"):
        skeleton = {"format_version": index["format_version"], "count": index["count"], "terms": [],
                    "redirects": index.get("redirects", {}), "removed": index.get("removed", {})}
        terms: list[tuple[str, list[int]]] = [(entry["slug"], []) for entry in index["terms"]]
        if write_bundle(staging, skeleton, terms) == expected:
            _keep_time(staging / "glossary.json", dest / "glossary.json", expected)
            return False
        (staging / "glossary.json").unlink()  # a bundle of another shape: fetch it
    data = source.get("glossary.json")
    if data is None:
        raise SyncFailed(f"{source.where('glossary.json')} is not there")
    _place(staging / "glossary.json", data, dest / "glossary.json")
    if expected is not None and file_digest(staging / "glossary.json") != expected:
        raise SyncFailed(f"{source.where('glossary.json')} is not the one the change feed names; the source may be "
                         "being published: try again")
    return True


def _kind(data: bytes, slug: str) -> Any:
    try:
        return kind_of(orjson.loads(data), slug)
    except ValueError:
        return None


def _place(path: Path, data: bytes, old: Path) -> None:
    """Write a fetched file; when the mirror already held these very bytes, link the old file instead."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        if old.is_file() and os.path.getsize(old) == len(data) and old.read_bytes() == data:
            _link(old, path)
            return
    except OSError:
        pass
    atomic.write_file(path, data)


def _link(old: Path, new: Path) -> None:
    """The mirror's file, unchanged, in the new mirror: a hard link (same bytes, same time), else a copy."""
    try:
        os.link(old, new)
    except OSError:
        shutil.copy2(old, new)


def _keep_time(path: Path, old: Path, digest: str) -> None:
    try:
        if file_digest(old) == digest:
            status = os.stat(old)
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    except OSError:
        pass
