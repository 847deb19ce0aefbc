"""The glossary as schema.org JSON-LD: each term's own graph (a DefinedTerm, and its FAQ as an FAQPage),
which a term's page embeds as it is, and glossary.jsonld, the DefinedTermSet with every term.

A term's `@id` and `url` are its page URL when the export has a page URL template, else its JSON
document; the set's `@id` is glossary.json. Both files build the term's nodes here, so they agree.
"""

from __future__ import annotations

from typing import Any

from glossary.export.urls import Place

CONTEXT = "https://schema.org"


def term_graph(term: dict[str, Any], place: Place, description: str) -> dict[str, Any]:
    """The JSON-LD document of one term: its DefinedTerm (naming the set it belongs to) and FAQPage."""
    nodes = term_nodes(term, place, description)
    nodes[0]["inDefinedTermSet"] = {"@type": "DefinedTermSet", "@id": _set_id(place), "name": place.name}
    return {"@context": CONTEXT, "@graph": nodes}


def term_nodes(term: dict[str, Any], place: Place, description: str) -> list[dict[str, Any]]:
    """A DefinedTerm for the term, then an FAQPage if it has questions."""
    url = place.link(term["slug"])
    defined: dict[str, Any] = {"@type": "DefinedTerm", "@id": url, "name": term["title"], "description": description,
                               "termCode": term["slug"], "url": url, "inDefinedTermSet": {"@id": _set_id(place)}}
    alternate = ([term["abbreviation"]] if term.get("abbreviation") else []) + term["aliases"]
    if alternate:
        defined["alternateName"] = alternate
    nodes = [defined]
    if term["faq"]:
        nodes.append({"@type": "FAQPage", "@id": f"{url}#faq", "about": {"@id": url}, "mainEntity": [
            {"@type": "Question", "name": entry["question"],
             "acceptedAnswer": {"@type": "Answer", "text": entry["answer"]}} for entry in term["faq"]]})
    return nodes


def glossary_graph(graphs: list[dict[str, Any]], place: Place) -> dict[str, Any]:
    """glossary.jsonld: the DefinedTermSet, then each term's nodes, from the terms' own graphs (in order)."""
    set_id = _set_id(place)
    terms = [graph["@graph"] for graph in graphs]
    members = [{"@id": nodes[0]["@id"]} for nodes in terms]
    nodes: list[dict[str, Any]] = [{"@type": "DefinedTermSet", "@id": set_id, "name": place.name, "url": set_id,
                                    "hasDefinedTerm": members}]
    for own in terms:
        nodes.append({**own[0], "inDefinedTermSet": {"@id": set_id}})
        nodes.extend(own[1:])
    return {"@context": CONTEXT, "@graph": nodes}


def _set_id(place: Place) -> str:
    return place.api("glossary.json")
