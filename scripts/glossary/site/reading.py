"""The export as the site reads it, as any consumer would: glossary.json (every term, the redirects and
the removed terms), index.json (where it is published), and terms/<slug>.json for each redirect and
tombstone. Out comes `Export`: the documents, and where the site's root is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from glossary.site import SiteFailed
from glossary.site.urls import site_root


@dataclass(frozen=True)
class Export:
    """The documents of one export: terms (sorted by slug), redirects and tombstones, and the site's root."""

    terms: list[dict[str, Any]]
    redirects: list[dict[str, Any]]
    tombstones: list[dict[str, Any]]
    root: str  # the address of the folder's top: its base URL, else "/"
    template: str = ""  # the page URL template, holding {slug}

    def page_of(self, slug: str) -> str:
        """The page URL of any slug: a term's, or a renamed or removed term's old page."""
        return self.template.replace("{slug}", slug)

    def by_slug(self) -> dict[str, dict[str, Any]]:
        return {term["slug"]: term for term in self.terms}


def read_export(folder: Path) -> Export:
    """Read the export in `folder`; SiteFailed if it is not one the site can show (format 1.x, with pages)."""
    bundle = _read(folder, "glossary.json")
    index = _read(folder, "index.json")
    version = str(bundle.get("format_version", ""))
    if not version.startswith("1."):
        raise SiteFailed(f"{folder / 'glossary.json'} is format {version or 'unknown'}; the site reads format 1.x")
    terms = bundle.get("terms")
    if not isinstance(terms, list) or not all(isinstance(t, dict) for t in terms):
        raise SiteFailed(f"{folder / 'glossary.json'} holds no list of terms")
    missing = [term.get("slug") for term in terms if not term.get("page_url")]
    if missing:
        raise SiteFailed(f"the export gives no page URL for {missing[0]!r}: export it with --page-url, "
                         "as glossary site and glossary build do")
    redirects = [_read(folder, f"terms/{old}.json") for old in sorted(bundle.get("redirects") or {})]
    tombstones = [_read(folder, f"terms/{slug}.json") for slug in sorted(bundle.get("removed") or {})]
    return Export(terms, redirects, tombstones, site_root(str(index.get("base_url") or "")),
                  str(index.get("page_url_template") or ""))


def _read(folder: Path, name: str) -> dict[str, Any]:
    try:
        document = orjson.loads((folder / name).read_bytes())
    except (OSError, ValueError) as error:
        raise SiteFailed(f"cannot read {name} of the export: {error}") from error
    if not isinstance(document, dict):
        raise SiteFailed(f"{name} of the export is not a JSON object")
    return document
