"""Running every standards writer once, on the export's entries, and describing what they wrote for
index.json's `formats` list.

A writer is a function `files(entries, place) -> {path: bytes}`; adding one is adding it to WRITERS
(and, for a new kind of file, a row to KINDS). Every file a writer gives must be one the export knows as
its own (`export.published.standards_file`), so that a later export or sync replaces it without asking.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from glossary.export import ExportFailed
from glossary.export.published import standards_file
from glossary.export.standards import Entry, docsites, skos, tbx, vale
from glossary.export.urls import Place

Writer = Callable[[list[Entry], Place], dict[str, bytes]]

WRITERS: tuple[Writer, ...] = (skos.files, tbx.files, vale.files, docsites.files)

# path pattern -> (media type, short name of the format), first match wins
KINDS: tuple[tuple[str, str, str], ...] = (
    (r"glossary\.ttl", "text/turtle", "skos-turtle"),
    (r"glossary\.skos\.jsonld", "application/ld+json", "skos-json-ld"),
    (r"glossary\.tbx", "application/x-tbx", "tbx-basic"),
    (r"vale/config/vocabularies/[^/]+/accept\.txt", "text/plain", "vale-accept"),
    (r"vale/config/vocabularies/[^/]+/reject\.txt", "text/plain", "vale-reject"),
    (r"vale/[^/]+/Terms\.yml", "application/yaml", "vale-substitution"),
    (r"docusaurus/glossary\.json", "application/json", "docusaurus-glossary"),
    (r"mkdocs/abbreviations\.md", "text/markdown", "mkdocs-abbreviations"),
)


def standard_files(entries: list[Entry], place: Place) -> dict[str, bytes]:
    """Every file of every writer in WRITERS, by path (sorted). Raises ExportFailed when a writer fails,
    gives a file the export does not know as its own, or gives a path another writer gave."""
    found: dict[str, bytes] = {}
    for writer in WRITERS:
        name = f"{writer.__module__}.{writer.__qualname__}"
        try:
            written = writer(entries, place)
        except Exception as error:  # a writer's bug must not leave a half export: nothing is swapped in
            raise ExportFailed(f"the standards writer {name} failed: {type(error).__name__}: {error}; "
                               "the previous export is untouched") from error
        for path, data in written.items():
            if not standards_file(path) or path in found:
                raise ExportFailed(f"the standards writer {name} gave {path!r}, "
                                   + ("which another writer gave too" if path in found else
                                      "which is not a file the export knows as its own (export/published.py)")
                                   + "; the previous export is untouched")
            found[path] = place.spell(data, path.count("/")) if place.marker else data
    return dict(sorted(found.items()))


def formats(files: dict[str, bytes]) -> list[dict[str, Any]]:
    """index.json's `formats`: each file's path, media type, format and SHA-256, sorted by path."""
    return [{"path": path, **_kind(path), "digest": "sha256:" + hashlib.sha256(data).hexdigest()}
            for path, data in sorted(files.items())]


def _kind(path: str) -> dict[str, str]:
    for pattern, media_type, name in KINDS:
        if re.fullmatch(pattern, path):
            return {"media_type": media_type, "format": name}
    return {"media_type": "application/octet-stream", "format": path.rsplit("/", 1)[-1]}
