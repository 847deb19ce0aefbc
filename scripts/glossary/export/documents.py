"""The documents of the export: each term as consumers get it, a renamed term's redirect, a removed term's
tombstone; and `encode`, the one JSON spelling of every document.

A term document carries every front-matter field (absent lists as [], absent texts as null, dates as
ISO text; each deprecated name with its `why`, null when none is given), its slug, body, rendered HTML, back-links, what its page shows of other terms (the related
and back-linked terms, the superseding term: slug, title, summary and page), its category's label, its
page URL, its own JSON-LD and a content hash. The same content always gives the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import orjson

from glossary.export import ExportFailed
from glossary.export.html import Renderer
from glossary.export.jsonld import term_graph
from glossary.export.urls import Place
from glossary.read.corpus import Term

FORMAT_VERSION = "1.3.0"
LISTS = ("aliases", "deprecated_names", "tags", "related", "roles", "faq", "sources")  # absent lists are exported empty
TEXTS = ("abbreviation", "example", "superseded_by")  # absent texts are exported as null
INDEX_FIELDS = ("slug", "title", "summary", "category", "tags", "status", "superseded_by", "content_hash", "aliases",
                "abbreviation")


@dataclass(frozen=True)
class Catalogue:
    """What one term's document says about the others: their titles and summaries, the back-links, the
    categories' labels, and where each term lives."""

    titles: dict[str, str]
    summaries: dict[str, str]
    related_by: dict[str, list[str]]
    labels: dict[str, str]
    place: Place

    def card(self, slug: str) -> dict[str, Any] | None:
        """What a page shows of another exported term, or None if it is not in this export."""
        if slug not in self.titles:
            return None
        return {"slug": slug, "title": self.titles[slug], "summary": self.summaries.get(slug, ""),
                "url": self.place.term_api(slug), "page_url": self.place.page(slug)}


def term_document(term: Term, renderer: Renderer, catalogue: Catalogue) -> dict[str, Any]:
    """One term as consumers get it: every front-matter field, the body and its HTML, the other terms its
    page shows, its page URL and JSON-LD, and a hash of it all."""
    data = term.data or {}
    document: dict[str, Any] = {name: [] for name in LISTS} | {name: None for name in TEXTS}
    document.update({key: _plain(value) for key, value in data.items()})
    document["deprecated_names"] = [{"name": item["name"], "why": item.get("why")}  # `why` always there
                                    for item in document["deprecated_names"]]
    body = term.source.body.strip()
    related_by = catalogue.related_by.get(term.slug, [])
    category = str(data.get("category", ""))
    document.update(
        format_version=FORMAT_VERSION, slug=term.slug, body=body, body_html=_html(renderer, body, term),
        definition_html=_html(renderer, str(data.get("definition", "")), term), related_by=related_by,
        category_label=catalogue.labels.get(category, category),
        related_terms=_cards(catalogue, document["related"]), related_by_terms=_cards(catalogue, related_by),
        superseded_by_term=catalogue.card(document["superseded_by"]) if document["superseded_by"] else None,
        page_url=catalogue.place.page(term.slug))
    document["json_ld"] = term_graph(document, catalogue.place, plain_text(document["definition_html"]))
    document["content_hash"] = content_hash(document, catalogue.place)
    return document


def _cards(catalogue: Catalogue, slugs: list[Any]) -> list[dict[str, Any]]:
    return [card for card in (catalogue.card(slug) for slug in slugs if isinstance(slug, str)) if card is not None]


def content_hash(document: dict[str, Any], place: Place) -> str:
    """SHA-256 of the term's JSON as terms/<slug>.json spells it, without content_hash: keys sorted, no
    spaces (separators ',' and ':'), non-ASCII characters as themselves (not \\u escapes), UTF-8."""
    fields = {key: value for key, value in document.items() if key != "content_hash"}
    canonical = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return "sha256:" + hashlib.sha256(place.spell(canonical, 1)).hexdigest()


def _html(renderer: Renderer, markdown: str, term: Term) -> str:
    html = renderer.html(markdown)
    if renderer.unresolved:
        slugs = ", ".join(f"'{slug}'" for slug in sorted(renderer.unresolved))
        raise ExportFailed(f"{term.path}: a link to {slugs} leads to no term in this export (lint's quick reading "
                           "of the Markdown did not see it); fix or remove the link; the previous export is untouched")
    return html


def redirect_document(old: str, new: str, place: Place) -> dict[str, Any]:
    """What terms/<old>.json holds once a term is renamed: where it went, for consumers to follow."""
    return {"format_version": FORMAT_VERSION, "redirect": True, "slug": old, "redirect_to": new,
            "url": place.term_api(new), "page_url": place.page(new)}


def tombstone_document(slug: str, superseded_by: str | None, removed_in: int, place: Place) -> dict[str, Any]:
    """What terms/<slug>.json holds once a term is removed: that it was, and what replaces it, if anything."""
    return {"format_version": FORMAT_VERSION, "removed": True, "slug": slug, "removed_in": removed_in,
            "superseded_by": superseded_by, "url": place.term_api(superseded_by) if superseded_by else None,
            "page_url": place.page(superseded_by) if superseded_by else None}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """The words of rendered HTML, for places that take plain text (schema.org's description)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def encode(document: Any) -> bytes:
    """The one JSON spelling of a document: sorted keys, two-space indent, UTF-8, final newline.

    orjson writes exactly what json.dumps(indent=2, sort_keys=True, ensure_ascii=False) does (a test
    compares the two), twenty times faster; json.dumps takes what orjson refuses (huge integers)."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
        return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    """Front-matter data as JSON: dates become ISO text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
