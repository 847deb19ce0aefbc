"""The documents of the export: each term as consumers get it, a renamed term's redirect, the JSON-LD.

A term document carries every front-matter field (absent lists as [], absent texts as null, dates as
ISO text), its slug, body, rendered HTML, back-links and a content hash. `encode` is the one JSON
spelling of every document: the same content always gives the same bytes.
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
from glossary.read.corpus import Term

FORMAT_VERSION = "1.1.0"
LISTS = ("aliases", "tags", "related", "roles", "faq", "sources")  # absent lists are exported empty
TEXTS = ("example", "superseded_by")  # absent texts are exported as null
INDEX_FIELDS = ("slug", "title", "summary", "category", "tags", "status", "superseded_by", "content_hash")


@dataclass(frozen=True)
class Place:
    """Where the export is published (`base_url`, '' for relative URLs) and the glossary's name."""

    base_url: str = ""
    name: str = "Glossary"


def redirect_document(old: str, new: str, base_url: str) -> dict[str, Any]:
    """What terms/<old>.json holds once a term is renamed: where it went, for consumers to follow."""
    return {"redirect": True, "slug": old, "redirect_to": new, "url": term_url(base_url, new)}


def term_document(term: Term, renderer: Renderer, related_by: list[str]) -> dict[str, Any]:
    """One term as consumers get it: every front-matter field, the body, the HTML, back-links and a hash."""
    data = term.data or {}
    document: dict[str, Any] = {name: [] for name in LISTS} | {name: None for name in TEXTS}
    document.update({key: _plain(value) for key, value in data.items()})
    body = term.source.body.strip()
    document.update(slug=term.slug, body=body, body_html=_html(renderer, body, term),
                    definition_html=_html(renderer, str(data.get("definition", "")), term), related_by=related_by)
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    document["content_hash"] = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return document


def _html(renderer: Renderer, markdown: str, term: Term) -> str:
    html = renderer.html(markdown)
    if renderer.unresolved:
        slugs = ", ".join(f"'{slug}'" for slug in sorted(renderer.unresolved))
        raise ExportFailed(f"{term.path}: a link to {slugs} leads to no term in this export (lint's quick reading "
                           "of the Markdown did not see it); fix or remove the link; the previous export is untouched")
    return html


def term_url(base_url: str, slug: str) -> str:
    return f"{base_url}terms/{slug}.json"


def json_ld(terms: list[dict[str, Any]], place: Place, descriptions: list[str]) -> dict[str, Any]:
    """The glossary as schema.org: a DefinedTermSet of DefinedTerms, and each term's FAQ as an FAQPage.

    `descriptions`: each term's definition in plain words (see plain_text)."""
    set_id = f"{place.base_url}glossary.json"
    graph: list[dict[str, Any]] = [{
        "@type": "DefinedTermSet", "@id": set_id, "name": place.name, "url": set_id,
        "hasDefinedTerm": [{"@id": term_url(place.base_url, t["slug"])} for t in terms],
    }]
    for term, description in zip(terms, descriptions):
        url = term_url(place.base_url, term["slug"])
        defined: dict[str, Any] = {"@type": "DefinedTerm", "@id": url, "name": term["title"],
                                   "description": description, "termCode": term["slug"],
                                   "url": url,
                                   "inDefinedTermSet": {"@id": set_id}}
        if term["aliases"]:
            defined["alternateName"] = term["aliases"]
        graph.append(defined)
        if term["faq"]:
            graph.append({"@type": "FAQPage", "@id": f"{url}#faq", "about": {"@id": url}, "mainEntity": [
                {"@type": "Question", "name": entry["question"],
                 "acceptedAnswer": {"@type": "Answer", "text": entry["answer"]}} for entry in term["faq"]]})
    return {"@context": "https://schema.org", "@graph": graph}


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
