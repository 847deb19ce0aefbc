"""The glossary as a SKOS vocabulary: glossary.ttl (Turtle) and glossary.skos.jsonld (JSON-LD).

One skos:ConceptScheme, a skos:Concept per exported term, and a skos:Collection per category. A concept's
IRI is the term's page: its --page-url page when the export has one, else terms/<slug>/ under the base
URL (the site's page, beside the export). Without a base URL every IRI is relative, and resolves against
the file's own URL like every URL of the export: terms/gpu/ in glossary.ttl names the page beside it.
The scheme's IRI is the export's top (the base URL, or ./) and a category's is categories/<category>/.

The names keep SKOS's integrity condition S13 (prefLabel, altLabel and hiddenLabel pairwise disjoint)
whatever the content says: each name once, with its strongest status (`names.names_of`).

The two files are laid out here, subjects, predicates and values sorted, rather than by rdflib's
serialisers: those took twenty seconds for 10,000 terms (this takes about two), and rdflib's JSON-LD
writer follows the order of a Python set, which changes from run to run. So the tool does not import
rdflib at all; the tests parse both files back with it and check they hold the same graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from glossary.export.documents import encode
from glossary.export.standards import Entry
from glossary.export.standards.names import names_of
from glossary.export.urls import Place

LANGUAGE = "en"
TURTLE = "glossary.ttl"
JSON_LD = "glossary.skos.jsonld"
PREFIXES = {"dcterms": "http://purl.org/dc/terms/", "owl": "http://www.w3.org/2002/07/owl#",
            "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "skos": "http://www.w3.org/2004/02/skos/core#",
            "xsd": "http://www.w3.org/2001/XMLSchema#"}
CONTEXT = dict(PREFIXES)
_SKOS = PREFIXES["skos"]


class Value(NamedTuple):
    """A statement's value: an IRI ("iri"), text in LANGUAGE ("text"), a plain string ("plain"), an
    xsd:date ("date") or the xsd:boolean true ("true")."""

    kind: str
    text: str


Statement = tuple[str, Value]  # a predicate's short name (such as "skos:prefLabel", or "a") and its value
Subject = tuple[str, list[Statement]]


class Iris:
    """The IRIs of the vocabulary, its concepts and its collections (see the module's docstring)."""

    def __init__(self, place: Place) -> None:
        self.place, self.root = place, place.base_url

    @property
    def scheme(self) -> str:
        return self.root or "./"

    def concept(self, slug: str) -> Value:
        return Value("iri", self.place.page(slug) or f"{self.root}terms/{slug}/")

    def collection(self, category: str) -> str:
        return f"{self.root}categories/{category}/"


def files(entries: list[Entry], place: Place) -> dict[str, bytes]:
    """glossary.ttl and glossary.skos.jsonld of the entries."""
    subjects = statements(entries, place)
    return {TURTLE: turtle(subjects), JSON_LD: json_ld(subjects)}


def statements(entries: list[Entry], place: Place) -> list[Subject]:
    """Every subject with its statements: the scheme first, then the collections and concepts by IRI."""
    iris = Iris(place)
    scheme: list[Statement] = [("a", Value("iri", _SKOS + "ConceptScheme")),
                               ("dcterms:title", Value("text", place.name))]
    scheme += [("skos:hasTopConcept", iris.concept(entry.slug)) for entry in entries]
    others = [(iris.concept(entry.slug).text, list(_concept(iris, entry))) for entry in entries]
    labels: dict[str, str] = {}
    members: dict[str, list[Statement]] = {}
    for entry in entries:
        if entry.category:
            labels.setdefault(entry.category, entry.category_label or entry.category)
            members.setdefault(entry.category, []).append(("skos:member", iris.concept(entry.slug)))
    for category, label in labels.items():
        others.append((iris.collection(category), [("a", Value("iri", _SKOS + "Collection")),
                                                   ("skos:prefLabel", Value("text", label)), *members[category]]))
    return [(iris.scheme, scheme), *sorted(others, key=lambda subject: subject[0])]


def _concept(iris: Iris, entry: Entry) -> Iterator[Statement]:
    scheme = Value("iri", iris.scheme)
    yield from (("a", Value("iri", _SKOS + "Concept")), ("skos:inScheme", scheme), ("skos:topConceptOf", scheme),
                ("skos:notation", Value("plain", entry.slug)))
    names = names_of(entry)
    yield "skos:prefLabel", Value("text", names.preferred)
    yield from (("skos:altLabel", Value("text", name)) for name in names.admitted)
    yield from (("skos:hiddenLabel", Value("text", name)) for name in names.deprecated)
    yield "skos:definition", Value("text", entry.definition)
    if entry.summary:
        yield "skos:scopeNote", Value("text", entry.summary)
    if entry.example:
        yield "skos:example", Value("text", entry.example)
    yield from (("skos:related", iris.concept(slug)) for slug in entry.related if slug != entry.slug)
    if entry.updated:
        yield "dcterms:modified", Value("date", entry.updated)
    if entry.status == "deprecated":
        yield "owl:deprecated", Value("true", "true")
        if entry.superseded_by:
            yield "dcterms:isReplacedBy", iris.concept(entry.superseded_by)


_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def turtle(subjects: list[Subject]) -> bytes:
    """Turtle: the prefixes, then each subject with its predicates and values sorted, `a` first."""
    lines = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in PREFIXES.items()]
    for subject, said in subjects:
        grouped: dict[str, set[str]] = {}
        for predicate, value in said:
            grouped.setdefault(predicate, set()).add(_turtle_value(value))
        order = sorted(grouped, key=lambda name: (name != "a", name))
        body = " ;\n".join(f"    {name} " + ",\n        ".join(sorted(grouped[name])) for name in order)
        lines.append(f"\n{_iri(subject)}\n{body} .")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _turtle_value(value: Value) -> str:
    """A value as Turtle spells it (a string escapes only what its grammar forbids: \\, ", LF and CR)."""
    if value.kind == "iri":
        return _SHORT.get(value.text) or _iri(value.text)
    if value.kind == "true":
        return "true"
    quoted = '"' + value.text.translate(_ESCAPES) + '"'
    return {"text": f"{quoted}@{LANGUAGE}", "date": f"{quoted}^^xsd:date"}.get(value.kind, quoted)


def _iri(text: str) -> str:
    """<text>, with the few characters an IRI cannot hold percent-encoded (the export's URLs never have them)."""
    return "<" + _NOT_IN_IRI.sub(lambda found: f"%{ord(found.group()):02X}", text) + ">"


def json_ld(subjects: list[Subject]) -> bytes:
    """Compacted JSON-LD under the prefixes' context: a node per subject, in the same order."""
    nodes = []
    for subject, said in subjects:
        node: dict[str, list[Any]] = {}
        for predicate, value in said:
            if predicate == "a":
                node.setdefault("@type", []).append(_SHORT[value.text])
            else:
                node.setdefault(predicate, []).append(_json_value(value))
        nodes.append({"@id": subject, **{key: _one_or_sorted(values) for key, values in node.items()}})
    return encode({"@context": CONTEXT, "@graph": nodes})


def _json_value(value: Value) -> Any:
    if value.kind == "iri":
        return {"@id": value.text}
    if value.kind == "text":
        return {"@language": LANGUAGE, "@value": value.text}
    if value.kind == "date":
        return {"@type": "xsd:date", "@value": value.text}
    return True if value.kind == "true" else value.text


def _one_or_sorted(values: list[Any]) -> Any:
    """One value as itself; several sorted, each once (by IRI, else by text)."""
    if len(values) == 1:
        return values[0]
    unique = {(str(value.get("@id", value.get("@value"))) if isinstance(value, dict) else str(value)): value
              for value in values}
    return [unique[key] for key in sorted(unique)]


_SHORT = {_SKOS + "ConceptScheme": "skos:ConceptScheme", _SKOS + "Concept": "skos:Concept",
          _SKOS + "Collection": "skos:Collection"}
