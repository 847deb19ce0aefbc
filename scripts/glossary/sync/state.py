"""What a sync compares: the published export's index and feed, and what the local mirror holds.

Everything read from the source is checked before it is used (slugs that could name a path, entry
numbers, digests); a source that is not an export, or is caught half published, fails the sync.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from glossary.export.published import (
    Published,
    Unreachable,
    checked_digest,
    checked_entry,
    checked_format_path,
    checked_slug,
)
from glossary.sync import SyncFailed

Kind = tuple[str, Any]  # ("term", content_hash), ("redirect", new slug) or ("tombstone", (successor, entry))


@dataclass
class Export:
    """An export's index.json and changes/index.json (None before format 1.2), read and checked."""

    index_bytes: bytes
    feed_bytes: bytes | None
    index: dict[str, Any]
    feed: dict[str, Any] | None
    documents: dict[str, Kind] = field(default_factory=dict)  # what terms/<slug>.json holds, by slug
    formats: dict[str, str] = field(default_factory=dict)  # the standards files' paths and digests (1.3.0)

    @property
    def latest(self) -> int:
        return int(self.feed["latest"]) if self.feed else 0

    @property
    def settings(self) -> tuple[Any, Any, Any]:
        """What every redirect and tombstone document depends on besides its own facts."""
        return self.index.get("format_version"), self.index.get("base_url"), self.index.get("page_url_template")

    def entry_to(self, sequence: int) -> str | None:
        """The `to` digest of a feed entry still listed, or None."""
        for entry in (self.feed or {}).get("entries", []):
            if entry.get("sequence") == sequence:
                return str(entry.get("to"))
        return None


def remote(source: Published) -> Export:
    """The published export's index and feed; SyncFailed if there is none, or it does not hang together."""
    try:
        index_bytes = source.get("index.json")
        feed_bytes = source.get("changes/index.json") if index_bytes is not None else None
    except Unreachable as error:
        raise SyncFailed(str(error)) from None
    if index_bytes is None:
        raise SyncFailed(f"{source.where('index.json')} is not there: give the address of a published export")
    try:
        export = _export(index_bytes, feed_bytes)
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        raise SyncFailed(f"{source} is not an export this tool can mirror: {error}") from None
    if export.feed is not None and export.index.get("sequence") != export.latest:
        raise SyncFailed(f"{source}: index.json is of entry {export.index.get('sequence')} and changes/index.json of "
                         f"{export.latest}: the export is being published, or a cache still holds older files; "
                         "try again in a few minutes")
    return export


def local(dest: Path) -> Export | None:
    """What the mirror holds, or None for a new (or unreadable) mirror: then everything is fetched."""
    try:
        export = _export((dest / "index.json").read_bytes(), _bytes(dest / "changes" / "index.json"))
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    export.documents = {}
    for path in sorted((dest / "terms").glob("*.json")) if (dest / "terms").is_dir() else []:
        try:
            export.documents[path.stem] = kind_of(orjson.loads(path.read_bytes()), path.stem)
        except (OSError, ValueError, TypeError):
            continue  # unreadable: fetched again
    return export


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _export(index_bytes: bytes, feed_bytes: bytes | None) -> Export:
    index = orjson.loads(index_bytes)
    version = index.get("format_version")
    if not (isinstance(version, str) and version.startswith("1.")):
        raise ValueError(f"index.json is format {version!r}, not 1.x")
    feed = orjson.loads(feed_bytes) if feed_bytes is not None else None
    export = Export(index_bytes, feed_bytes, index, feed)
    for entry in index["terms"]:
        export.documents[checked_slug(entry["slug"])] = ("term", checked_digest(entry["content_hash"]))
    for listed in index.get("formats", []):
        export.formats[checked_format_path(listed["path"])] = checked_digest(listed["digest"])
    for old, new in index.get("redirects", {}).items():
        export.documents[checked_slug(old)] = ("redirect", checked_slug(new))
    for slug, stone in index.get("removed", {}).items():
        export.documents[checked_slug(slug)] = ("tombstone", (stone["superseded_by"], stone["removed_in"]))
    if feed is not None:
        numbers = [checked_entry(entry["sequence"]) for entry in feed["entries"]]
        if not numbers or numbers != list(range(numbers[0], numbers[0] + len(numbers))) \
                or feed["latest"] != numbers[-1] or feed["to"] != feed["entries"][-1]["to"]:
            raise ValueError("changes/index.json does not list its entries in order, ending with the latest")
        for entry in feed["entries"]:
            checked_digest(entry["to"])
    return export


def kind_of(document: Any, slug: str) -> Kind:
    """What a terms/<slug>.json document is, with the facts index.json holds about it. A term's content_hash
    is worked out again from the document (the recipe in docs/consuming.md): a term whose text does not
    match its hash is not taken for what it says."""
    if not isinstance(document, dict) or document.get("slug") != slug:
        raise ValueError(f"terms/{slug}.json is not the document of '{slug}'")
    if document.get("redirect") is True:
        return "redirect", document.get("redirect_to")
    if document.get("removed") is True:
        return "tombstone", (document.get("superseded_by"), document.get("removed_in"))
    fields = {key: value for key, value in document.items() if key != "content_hash"}
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    worked_out = "sha256:" + hashlib.sha256(canonical).hexdigest()
    return "term", worked_out if worked_out == document.get("content_hash") else None


def entry(data: bytes | None, sequence: int, after: str | None, to: str | None) -> dict[str, Any]:
    """changes/<sequence>.json, checked: its number, and the digests it leads from and to."""
    try:
        found = orjson.loads(data) if data is not None else None
    except ValueError:
        found = None
    try:
        if not isinstance(found, dict) or found.get("sequence") != sequence or found.get("from") != after \
                or found.get("to") != to:
            raise ValueError("it does not follow from the entry before it")
        for name in ("added", "removed", "changed", "redirects", "tombstones"):
            [checked_slug(slug) for slug in found.get(name, [])]
    except (ValueError, TypeError) as error:
        raise SyncFailed(f"changes/{sequence}.json cannot be followed: {error}") from None
    return found
