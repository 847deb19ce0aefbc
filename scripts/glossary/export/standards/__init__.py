"""Terminology's own formats, written beside the JSON from the same exported term documents: SKOS (Turtle
and JSON-LD), a TBX-Basic termbase, a Vale vocabulary and style, and docs-site glossary files.

Each writer takes the export's `Entry`s (one per exported term, sorted by slug, made from its term
document in the worker that wrote it) and gives back the files it writes, as paths under the export's top
and their bytes. The same entries always give the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Entry:
    """What the standards files need of one exported term; every name as written in its front matter."""

    slug: str
    title: str  # the preferred name
    summary: str
    definition: str  # plain text (the definition's HTML without tags)
    example: str | None
    aliases: tuple[str, ...]  # admitted names
    abbreviation: str | None  # an admitted name of type abbreviation
    deprecated: tuple[tuple[str, str | None], ...]  # names to avoid, each with why (or None)
    related: tuple[str, ...]  # slugs of related terms in this export
    category: str
    category_label: str
    status: str  # "published", "deprecated" (or "draft" when drafts are exported)
    superseded_by: str | None
    updated: str  # ISO date
    page_url: str | None  # where a site shows it (--page-url), or None


def entry_of(document: dict[str, Any], definition_text: str) -> Entry:
    """The entry of an exported term document (see export.documents.term_document)."""
    deprecated = tuple((str(item["name"]), str(item["why"]) if item.get("why") else None)
                       for item in document.get("deprecated_names") or [] if isinstance(item, dict))
    return Entry(
        slug=document["slug"], title=str(document["title"]), summary=str(document.get("summary") or ""),
        definition=definition_text, example=document.get("example"),
        aliases=tuple(str(a) for a in document.get("aliases") or []), abbreviation=document.get("abbreviation"),
        deprecated=deprecated, related=tuple(card["slug"] for card in document.get("related_terms") or []),
        category=str(document.get("category") or ""), category_label=str(document.get("category_label") or ""),
        status=str(document.get("status") or ""), superseded_by=document.get("superseded_by"),
        updated=str(document.get("updated") or ""), page_url=document.get("page_url"))
