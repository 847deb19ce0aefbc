"""Where things are: the API URLs of the export's own files, and the page URLs where a site shows a term.

Every URL in a document resolves against that document's own URL, as a browser resolves it. API URLs
are written from a root: with --base-url, the base itself (absolute, or a path from the server's root),
the same in every file; without one, the root is a marker that each file spells its own way when it is
encoded: "" in the files at the top of the export, "../" in terms/<slug>.json. Page URLs come from a
template such as https://example.org/glossary/{slug}/ and are absolute or start at the server's root, so
they read the same from every document.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from glossary.config import ConfigError

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class Place:
    """Where the export is published (`base_url`, '' for relative URLs), where a site shows each term
    (`page_url`, a template holding {slug}, or None), and the glossary's name."""

    base_url: str = ""
    page_url: str | None = None
    name: str = "Glossary"
    marker: str = ""  # the root of relative API URLs, spelled per file by `spell`; '' with a base URL

    @staticmethod
    def of(base_url: str = "", page_url: str | None = None, name: str = "Glossary") -> Place:
        """A place with its URLs checked; relative exports get a marker no text can hold."""
        base = normalised_base_url(base_url)
        template = checked_page_url(page_url) if page_url else None
        return Place(base, template, name, "" if base else f"glossary-root-{secrets.token_hex(8)}/")

    @property
    def root(self) -> str:
        return self.base_url or self.marker

    def api(self, path: str) -> str:
        """The URL of a file of the export, such as 'glossary.json'."""
        return self.root + path

    def term_api(self, slug: str) -> str:
        return self.api(f"terms/{slug}.json")

    def page(self, slug: str) -> str | None:
        """Where a site shows the term, or None without a page URL template."""
        return self.page_url.replace("{slug}", slug) if self.page_url else None

    def link(self, slug: str) -> str:
        """Where a link to the term leads: its page, else its JSON document."""
        return self.page(slug) or self.term_api(slug)

    def spell(self, data: bytes, depth: int) -> bytes:
        """Encoded JSON with the relative root written for a file `depth` folders below the top."""
        if not self.marker:
            return data
        return data.replace(self.marker.encode("ascii"), b"../" * depth)

    def root_offsets(self, data: bytes) -> tuple[bytes, list[int]]:
        """`data` spelled for terms/ (depth 1), and where each '../' was put, so the top-level spelling
        (the bundle's) can be had back from the written file by taking those three bytes out."""
        if not self.marker:
            return data, []
        parts = data.split(self.marker.encode("ascii"))
        offsets, at = [], 0
        for part in parts[:-1]:
            at += len(part)
            offsets.append(at)
            at += 3
        return b"../".join(parts), offsets


def top_spelling(data: bytes, offsets: list[int]) -> bytes:
    """A terms/ file's bytes with the '../' at each offset taken out: the same document, as the top sees it."""
    if not offsets:
        return data
    pieces, start = [], 0
    for at in offsets:
        pieces.append(data[start:at])
        start = at + 3
    pieces.append(data[start:])
    return b"".join(pieces)


def normalised_base_url(url: str) -> str:
    """Where the export is published, ending in '/' so that 'terms/…' can follow; only http(s) or a path."""
    scheme = _SCHEME.match(url)
    if scheme is not None and scheme.group(1).lower() not in ("http", "https") or re.search(r"[?#\s]", url) \
            or url.startswith("//") or url and scheme is None and not url.startswith("/"):
        raise ConfigError(f"--base-url {url!r} must be an http(s) address or a path from the server's root, "
                          "without a query, fragment or spaces, such as https://example.org/g/ or /g/")
    return url if not url or url.endswith("/") else url + "/"


def checked_page_url(template: str) -> str:
    """A page URL template: {slug} once, an http(s) address or a path from the server's root."""
    scheme = _SCHEME.match(template)
    if template.count("{slug}") != 1 or re.search(r"[{}]", template.replace("{slug}", "")) \
            or re.search(r"\s", template) or template.startswith("//") \
            or (scheme.group(1).lower() not in ("http", "https") if scheme else not template.startswith("/")):
        raise ConfigError(f"--page-url {template!r} must be an http(s) address or a path from the server's root "
                          "holding {slug} once, without spaces, such as https://example.org/glossary/{slug}/")
    return template
