"""Glossary files for docs sites: a `glossary.json` for Docusaurus and an abbreviations snippet for MkDocs.

`docusaurus/glossary.json` is the file docusaurus-plugin-glossary reads: `{"title", "terms": [...]}`,
each term `{term, definition, abbreviation, aliases, relatedTerms, id, documentation}`. The plugin
refuses the whole file when a term has no definition, when two terms or aliases are the same ignoring
case, or when `relatedTerms` names a term it lacks, so each is made impossible here. The plugin
documents `abbreviation` as the full form of an abbreviated term and shows it in brackets after the
term; our term is the full (preferred) name, so its short form goes there and reads the same way in a
tooltip: "Large Language Model (LLM)". The short form is an alias too, so the plugin links it in text.
`documentation.path`, the term's page where its page URL is a path on the same server (starting with
'/'), is where the plugin's term component links to (instead of the plugin's own glossary page); the
plugin refuses any other address, so an absolute page URL (another site's) is left out.

`mkdocs/abbreviations.md` is a snippet of `*[LLM]: Large Language Model` lines for Python-Markdown's
`abbr` extension, appended to every page by pymdownx.snippets (as Material for MkDocs documents).
"""

from __future__ import annotations

import json
import re
from typing import Any

from glossary.export.standards import Entry
from glossary.export.urls import Place

# What docusaurus-plugin-glossary accepts as an `id` (its validation refuses the file otherwise).
_PLUGIN_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")
# An abbreviation the `abbr` extension cannot define: its pattern stops at a backslash or line break,
# and a bracket would end the `*[...]` early or read as a link.
_UNSAFE_ABBREVIATION = re.compile(r"[\\\[\]\n\r]")


def _plain(text: str | None) -> str:
    return " ".join((text or "").split())


def _docusaurus_term(entry: Entry, titles: dict[str, str], taken: set[str], place: Place) -> dict[str, Any]:
    """One term of the plugin's file; `taken` holds the names (ignoring case) already used."""
    title = _plain(entry.title)
    item: dict[str, Any] = {"term": title,
                            "definition": _plain(entry.definition) or _plain(entry.summary) or title}
    abbreviation = _plain(entry.abbreviation)
    if abbreviation and abbreviation.casefold() != title.casefold():
        item["abbreviation"] = abbreviation
    aliases = []
    for alias in (abbreviation, *map(_plain, entry.aliases)):  # the abbreviation first: it is the short form
        if alias and alias.casefold() not in taken:
            taken.add(alias.casefold())
            aliases.append(alias)
    if aliases:
        item["aliases"] = aliases
    related = [titles[slug] for slug in entry.related if slug in titles and slug != entry.slug]
    if related:
        item["relatedTerms"] = related
    if _PLUGIN_ID.fullmatch(entry.slug):
        item["id"] = entry.slug
    page = entry.page_url or place.page(entry.slug)
    if page and page.startswith("/") and not page.startswith("//"):
        item["documentation"] = {"path": page}  # the plugin takes only a path on the docs site itself
    return item


def docusaurus_glossary(entries: list[Entry], place: Place) -> bytes:
    """The glossary.json of docusaurus-plugin-glossary, one term per entry in slug order."""
    titles = {entry.slug: _plain(entry.title) for entry in entries}
    # Titles first: an alias never takes the name of another term.
    taken = {title.casefold() for title in titles.values()}
    terms = [_docusaurus_term(entry, titles, taken, place) for entry in entries]
    document = {"title": place.name, "terms": terms}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def mkdocs_abbreviations(entries: list[Entry]) -> bytes:
    """`*[ABBR]: Title` lines, sorted, one per abbreviation (the first term in slug order keeps it)."""
    lines: dict[str, str] = {}
    for entry in entries:
        abbreviation, title = _plain(entry.abbreviation), _plain(entry.title)
        if not abbreviation or not title or abbreviation == title or _UNSAFE_ABBREVIATION.search(abbreviation):
            continue
        lines.setdefault(abbreviation, f"*[{abbreviation}]: {title}\n")
    return "".join(lines[key] for key in sorted(lines)).encode("utf-8")


def files(entries: list[Entry], place: Place) -> dict[str, bytes]:
    """The docs-site files of the export."""
    return {"docusaurus/glossary.json": docusaurus_glossary(entries, place),
            "mkdocs/abbreviations.md": mkdocs_abbreviations(entries)}
