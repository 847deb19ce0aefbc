"""Writing the site into the export's folder (its staging folder, before the swap): the export's documents
in, every page, the search index, robots.txt, sitemap.xml, the assets and site.json (the list of every
file the site wrote, by which the next export knows the folder for its own) out.

A page that would take the place of another file (a page URL template that names an export file, say) is
refused, never written over it.
"""

from __future__ import annotations

import html
import os
import re
from importlib import resources
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import orjson

from glossary import __version__, atomic
from glossary.export.published import SITE_MANIFEST
from glossary.site import SiteFailed
from glossary.site.pages import Site
from glossary.site.reading import read_export
from glossary.site.urls import page_template

ASSETS = ("site.css", "site.js", "icon.svg", "vendor/minisearch.js", "vendor/minisearch.LICENSE.txt")
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"\w+")


def write_site(folder: Path, name: str, previous: Path | None = None) -> int:
    """Write the site for the export in `folder` into it; the number of pages written.

    `previous` is the folder being replaced: a term's page whose inputs did not change since the site
    there was built is taken from it as it is, keeping its modification time, instead of rendered again."""
    site = Site(read_export(folder), name)
    written: list[str] = []
    fingerprints: dict[str, str] = {}
    reused = _Reused(previous)

    def write(path: str, data: str | bytes) -> None:
        target = folder / path
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic.write_file(target, data.encode("utf-8") if isinstance(data, str) else data)
        except (FileExistsError, NotADirectoryError, IsADirectoryError):
            raise SiteFailed(f"the site's {path} would take the place of another file of the export or the site; "
                             f"choose a page URL template under which no term's page meets another file, such as "
                             f"the default, terms/{{slug}}/ under the base URL") from None
        written.append(path)

    for term in site.export.terms:
        path = site.files[term["slug"]]
        fingerprints[path] = site.fingerprint(term)
        if reused.link(path, fingerprints[path], folder / path):
            written.append(path)
        else:
            write(path, site.term_page(term)[1])
    for path, page in [site.home_page(), *site.category_pages(), site.graph_page(), site.not_found_page(),
                       *site.moved_pages()]:
        write(path, page)
    pages = len(written)
    write("assets/search.json", search_index(site))
    write("robots.txt", robots(site))
    write("sitemap.xml", sitemap(site, [path for path in written if path.endswith(".html")]))
    for asset in ASSETS:
        write(f"assets/{asset}", resources.files("glossary.site").joinpath("static", asset).read_bytes())
    write(SITE_MANIFEST, orjson.dumps({"generator": f"glossary {__version__}", "files": sorted(written),
                                       "pages": fingerprints}, option=orjson.OPT_INDENT_2) + b"\n")
    return pages


class _Reused:
    """The pages of the site being replaced, by the fingerprint of what each was made from."""

    def __init__(self, previous: Path | None) -> None:
        self.previous = previous
        self.fingerprints: dict[str, str] = {}
        if previous is None:
            return
        try:
            manifest = orjson.loads((previous / SITE_MANIFEST).read_bytes())
            found = manifest.get("pages") if manifest.get("generator") == f"glossary {__version__}" else None
        except (OSError, ValueError, AttributeError):
            return
        if isinstance(found, dict):
            self.fingerprints = {str(path): str(value) for path, value in found.items()}

    def link(self, path: str, fingerprint: str, new: Path) -> bool:
        """Put the old page at `new` if it was made from the same inputs: a second name for the same file
        (it keeps its bytes and time, and the old folder goes after the swap). False if it cannot be."""
        if self.previous is None or self.fingerprints.get(path) != fingerprint:
            return False
        try:
            new.parent.mkdir(parents=True, exist_ok=True)
            os.link(self.previous / path, new)
        except OSError:  # no old page, or a file system without hard links: render it
            return False
        return True


def search_index(site: Site) -> bytes:
    """What search reads: each term's title, abbreviation, other names, summary and the words of its definition and
    body (each word once), and its page from the site's top."""
    terms = []
    for number, term in enumerate(site.export.terms):
        text = html.unescape(_TAG.sub(" ", (term.get("definition_html") or "") + " " + (term.get("body_html") or "")))
        words = " ".join(dict.fromkeys(word.lower() for word in _WORD.findall(text)))
        page = site.files[term["slug"]]
        terms.append({"id": number, "title": term["title"], "abbreviation": term.get("abbreviation") or "",
                      "aliases": " ".join(term.get("aliases") or []),
                      "summary": term["summary"], "body": words,
                      "url": page[: -len("index.html")] if page.endswith("index.html") else page})
    return orjson.dumps({"terms": terms}) + b"\n"


def robots(site: Site) -> str:
    absolute = site.export.root.startswith(("http://", "https://"))
    return "User-agent: *\nAllow: /\n" + (f"Sitemap: {site.export.root}sitemap.xml\n" if absolute else "")


def sitemap(site: Site, pages: list[str]) -> str:
    """Every page a search engine should list (not the 404 page, nor redirects), with its last change."""
    updated: dict[str, Any] = {site.files[t["slug"]]: t.get("updated") for t in site.export.terms}
    moved = {path for path, _ in site.moved_pages()}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path in sorted(pages):
        if path == "404.html" or path in moved:
            continue
        stamp = f"<lastmod>{escape(str(updated[path]))}</lastmod>" if updated.get(path) else ""
        lines.append(f"<url><loc>{escape(site.url(path))}</loc>{stamp}</url>")
    return "\n".join([*lines, "</urlset>", ""])


def site_page_url(base_url: str, page_url: str | None) -> str:
    """The page URL template to export with, so that each document names the page the site writes."""
    from glossary.export.urls import checked_page_url, normalised_base_url

    return checked_page_url(page_template(normalised_base_url(base_url), page_url))
