"""The export this one follows, as `--previous` (or the folder being replaced) publishes it: what each term
was, the redirects and tombstones, and the change feed to continue.

Only the small files are read: index.json, changes/index.json and the feed's entries (changes.json for an
export made before the feed, format 1.1 and older). What they say is checked before it is trusted: a
previous export that cannot be read, or that does not hang together, stops the export (ExportFailed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import orjson

from glossary.export import ExportFailed
from glossary.export.published import (
    Published,
    Unreachable,
    checked_digest,
    checked_entry,
    checked_slug,
    file_digest,
)

MAX_INDEX = 2**28  # 256 MiB: index.json of 100,000 terms is a few tens of MB
MAX_FEED_FILE = 2**26


@dataclass(frozen=True)
class Was:
    """A term as the previous export had it."""

    status: str
    superseded_by: str | None
    content_hash: str


@dataclass(frozen=True)
class Tombstone:
    """A removed term: what replaces it (if anything), and the feed entry that removed it."""

    superseded_by: str | None
    removed_in: int


@dataclass(frozen=True)
class Entry:
    """One entry of the change feed: changes/<sequence>.json, its bytes kept as published."""

    sequence: int
    old: str | None  # the `from` digest
    new: str  # the `to` digest
    data: bytes


@dataclass
class Previous:
    """What the export being followed published."""

    shown: str
    version: str = ""  # its format_version
    terms: dict[str, Was] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    removed: dict[str, Tombstone] = field(default_factory=dict)
    digest: str | None = None  # SHA-256 of its glossary.json, as its feed says
    history: list[Entry] = field(default_factory=list)  # oldest first
    feed_index: bytes | None = None  # changes/index.json as published
    changes_json: bytes | None = None
    urls: tuple[str, str | None] | None = None  # the base URL and page URL template it was made with

    @property
    def latest(self) -> int:
        return self.history[-1].sequence if self.history else 0


def read_previous(source: Published) -> Previous | None:
    """The previous export at `source`, or None where there is none (no index.json: a first export)."""
    try:
        index_bytes = source.get("index.json", MAX_INDEX)
        if index_bytes is None:
            return None
        previous = Previous(str(source))
        index = _object(index_bytes, "index.json")
        _read_index(previous, index)
        feed_bytes = source.get("changes/index.json", MAX_FEED_FILE)
        if feed_bytes is not None:
            _read_feed(previous, source, feed_bytes, index.get("sequence"))
        previous.changes_json = source.get("changes.json", MAX_FEED_FILE)
        if previous.digest is None and previous.changes_json is not None:
            previous.digest = checked_digest(_object(previous.changes_json, "changes.json").get("to"))
        if previous.digest is None and source.folder is not None:
            previous.digest = file_digest(source.folder / "glossary.json")
    except Unreachable as error:
        raise ExportFailed(f"cannot read the previous export: {error}; the export is not written, so that the "
                           "change feed is not broken; check the address, or start a new feed (leave out "
                           "--previous, and give an empty --out)") from None
    except ValueError as wrong:
        raise ExportFailed(f"the previous export at {source} is not one this tool can follow: {wrong}; the export "
                           "is not written; check the address, or start a new feed (leave out --previous, and "
                           "give an empty --out)") from None
    return previous


class _Wrong(ValueError):
    """What is wrong with a file of the previous export."""


def _read_index(previous: Previous, index: dict[str, Any]) -> None:
    version = index.get("format_version")
    if not (isinstance(version, str) and version.startswith("1.")):
        raise _Wrong(f"index.json is format {version!r}, not 1.x")
    previous.version = version
    terms = index.get("terms")
    if not isinstance(terms, list):
        raise _Wrong("index.json has no list of terms")
    for entry in terms:
        if not isinstance(entry, dict):
            raise _Wrong("index.json lists something that is not a term")
        slug, status, successor, digest = (entry.get(key) for key in ("slug", "status", "superseded_by",
                                                                        "content_hash"))
        previous.terms[checked_slug(slug)] = Was(_text(status, "a status"),
                                                 checked_slug(successor) if successor else None,
                                                 _text(digest, "a content_hash"))
    redirects = _mapping(index.get("redirects", {}))
    previous.redirects = {checked_slug(old): checked_slug(new) for old, new in redirects.items()}
    for slug, tombstone in _mapping(index.get("removed", {})).items():
        tombstone = _mapping(tombstone)
        successor, removed_in = tombstone.get("superseded_by"), tombstone.get("removed_in")
        previous.removed[checked_slug(slug)] = Tombstone(checked_slug(successor) if successor else None,
                                                         checked_entry(removed_in))
    if "base_url" in index:
        page_url = index.get("page_url_template")
        previous.urls = (_text(index["base_url"], "a base URL"), _text(page_url, "a URL") if page_url else None)


def _read_feed(previous: Previous, source: Published, feed_bytes: bytes, sequence: Any) -> None:
    feed = _object(feed_bytes, "changes/index.json")
    entries = feed.get("entries")
    if not isinstance(entries, list) or not entries:
        raise _Wrong("changes/index.json lists no entries")
    for entry in entries:
        entry = _mapping(entry)
        number = checked_entry(entry.get("sequence"))
        old = checked_digest(entry.get("from")) if entry.get("from") is not None else None
        data = source.get(f"changes/{number}.json", MAX_FEED_FILE)
        if data is None:
            raise _Wrong(f"changes/index.json lists changes/{number}.json, which is not there")
        published = _object(data, f"changes/{number}.json")
        if published.get("sequence") != number or published.get("to") != entry.get("to"):
            raise _Wrong(f"changes/{number}.json does not match its entry in changes/index.json")
        previous.history.append(Entry(number, old, checked_digest(entry.get("to")), data))
    numbers = [entry.sequence for entry in previous.history]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        raise _Wrong("changes/index.json does not list its entries in order, one after the other")
    if sequence != previous.latest or feed.get("to") != previous.history[-1].new:
        raise _Wrong(f"index.json is of entry {sequence} and changes/index.json of {previous.latest}: the export "
                     "may be half published, or a cache may still hold older files; try again in a few minutes")
    previous.digest = previous.history[-1].new
    previous.feed_index = feed_bytes


def _object(data: bytes, name: str) -> dict[str, Any]:
    try:
        document = orjson.loads(data)
    except (orjson.JSONDecodeError, RecursionError):
        raise _Wrong(f"{name} is not JSON") from None
    if not isinstance(document, dict):
        raise _Wrong(f"{name} is not a JSON object")
    return document


def _mapping(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Wrong(f"expected an object, found {type(value).__name__}")
    return value


def _text(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise _Wrong(f"{value!r} is not {what}")
    return value
