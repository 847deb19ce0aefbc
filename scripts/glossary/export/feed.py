"""The change feed and the tombstones: what a consumer needs to follow the export from one publish to the next.

Each export that changes something is one entry of the feed, numbered from 1: changes/<n>.json says what
changed since entry n-1 (terms added, removed and changed, with their new content hashes; renames;
redirects and tombstones that are new or different), and changes/index.json lists the entries kept (the
last HISTORY). changes.json is the latest entry again, for consumers of format 1.1. Entries already
published are copied byte for byte; an export that changes nothing adds no entry.

A term that leaves the export leaves a tombstone at terms/<slug>.json, kept in every later export: it
says what replaces the term, followed through later renames and removals to a term still exported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from glossary.export.changes import Changes, compare
from glossary.export.documents import FORMAT_VERSION
from glossary.export.previous import Previous, Tombstone

HISTORY = 100  # entries kept in changes/; a consumer further behind compares index.json's hashes instead


@dataclass
class Feed:
    """The feed as this export publishes it: its entry number, what changed, and the files of changes/."""

    sequence: int
    changes: Changes
    renamed: dict[str, str]
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # new files: path -> document
    copied: dict[str, bytes] = field(default_factory=dict)  # files published before: path -> their bytes


def next_sequence(previous: Previous | None) -> int:
    """The number the next entry of the feed would have."""
    return previous.latest + 1 if previous else 1


def tombstones(previous: Previous | None, live: set[str], redirects: dict[str, str],
               sequence: int) -> dict[str, Tombstone]:
    """Every tombstone of this export: those kept from before, and one for each term (or redirect) gone
    since; each replacement followed to a term in this export, or None."""
    if previous is None:
        return {}
    found = {slug: stone for slug, stone in previous.removed.items() if slug not in live and slug not in redirects}
    for slug, was in previous.terms.items():
        if slug not in live and slug not in redirects:
            found[slug] = Tombstone(was.superseded_by, sequence)
    for old, new in previous.redirects.items():  # a redirect taken out of redirects.yml: its URL stays answered
        if old not in live and old not in redirects and old not in found:
            found[old] = Tombstone(new, sequence)
    return {slug: Tombstone(_follow(stone.superseded_by, live, redirects, found), stone.removed_in)
            for slug, stone in sorted(found.items())}


def _follow(slug: str | None, live: set[str], redirects: dict[str, str], found: dict[str, Tombstone]) -> str | None:
    seen: set[str] = set()
    while slug is not None and slug not in live and slug not in seen:
        seen.add(slug)
        slug = redirects.get(slug) or (found[slug].superseded_by if slug in found else None)
    return slug if slug in live else None


def next_feed(previous: Previous | None, digest: str, hashes: dict[str, str], redirects: dict[str, str],
              removed: dict[str, Tombstone], urls: tuple[str, str | None]) -> Feed:
    """The feed after this export, whose glossary.json has `digest` and whose terms have `hashes`."""
    old_hashes = {slug: was.content_hash for slug, was in previous.terms.items()} if previous else {}
    changes = compare(old_hashes, hashes)
    renamed = {old: redirects[old] for old in changes.removed if old in redirects}
    if previous is not None and previous.feed_index is not None and previous.digest == digest:
        return Feed(previous.latest, changes, renamed, copied=_kept(previous, previous.history, everything=True))
    sequence = next_sequence(previous)
    # every redirect and tombstone document is new when the URLs they hold, or the format, are
    moved = previous is None or previous.urls != urls or previous.version != FORMAT_VERSION
    entry = {
        "format_version": FORMAT_VERSION, "sequence": sequence, "from": previous.digest if previous else None,
        "to": digest, "added": changes.added, "removed": changes.removed, "changed": changes.changed,
        "renamed": renamed, "content_hashes": {slug: hashes[slug] for slug in changes.added + changes.changed},
        "redirects": {old: new for old, new in redirects.items()
                      if moved or previous is None or previous.redirects.get(old) != new},
        "tombstones": {slug: stone.superseded_by for slug, stone in removed.items()
                       if moved or previous is None or previous.removed.get(slug) != stone},
    }
    kept = previous.history[-(HISTORY - 1):] if previous else []
    index = {"format_version": FORMAT_VERSION, "latest": sequence, "to": digest,
             "entries": [{"sequence": e.sequence, "from": e.old, "to": e.new} for e in kept]
             + [{"sequence": sequence, "from": entry["from"], "to": digest}]}
    documents = {f"changes/{sequence}.json": entry, "changes/index.json": index, "changes.json": entry}
    return Feed(sequence, changes, renamed, documents, _kept(previous, kept) if previous else {})


def _kept(previous: Previous, entries: list[Any], everything: bool = False) -> dict[str, bytes]:
    """The published entries kept as they are; with `everything`, the feed's index and changes.json too."""
    copied = {f"changes/{entry.sequence}.json": entry.data for entry in entries}
    if everything and previous.feed_index is not None:
        copied["changes/index.json"] = previous.feed_index
        copied["changes.json"] = previous.changes_json or entries[-1].data
    return copied
