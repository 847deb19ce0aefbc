"""The SKOS export: glossary.ttl and glossary.skos.jsonld parse back with rdflib to the same graph, with a
skos:Concept per exported term at the IRIs docs/export.md gives; they conform to schema/skos.shapes.ttl
(pyshacl), and each shape catches a violation made by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, sample_project, snapshot
from pyshacl import validate
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, SH, SKOS, XSD

from glossary.export.standards import skos
from glossary.export.urls import Place

from standards_support import ODD, export, sample_export  # noqa: F401 (a fixture)

# rdflib's own JSON-LD parser builds a ConjunctiveGraph, which rdflib 7 deprecates
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
SHAPES = Graph().parse(REPO / "schema" / "skos.shapes.ttl")
GL = "urn:glossary:shapes#"
HERE = "https://example.org/published/"  # where a consumer downloaded the export from


def parsed(data: bytes, file_url: str, form: str = "turtle") -> Graph:
    return Graph().parse(data=data, format=form, publicID=file_url)


def conforms(graph: Graph) -> tuple[bool, set[str]]:
    """Whether the graph conforms to the project's shapes, and the shapes it breaks."""
    ok, report, _ = validate(graph, shacl_graph=SHAPES)
    broken = {str(shape) for shape in report.objects(None, SH.sourceShape)}
    # a property shape is a blank node: name the node shape holding it
    named = {str(holder) for shape in report.objects(None, SH.sourceShape) if isinstance(shape, BNode)
             for holder in SHAPES.subjects(SH.property, shape)}
    return bool(ok), {name.removeprefix(GL) for name in broken | named if name.startswith(GL)}


def test_the_turtle_has_a_concept_per_term_and_the_json_ld_the_same_graph(sample_export: Path) -> None:
    count = json.loads((sample_export / "index.json").read_bytes())["count"]
    turtle = parsed((sample_export / "glossary.ttl").read_bytes(), HERE + "glossary.ttl")
    assert len(set(turtle.subjects(RDF.type, SKOS.Concept))) == count == 12
    json_ld = parsed((sample_export / "glossary.skos.jsonld").read_bytes(), HERE + "glossary.skos.jsonld", "json-ld")
    assert isomorphic(turtle, json_ld) and len(turtle) == len(json_ld) > 200
    gpu = URIRef(HERE + "terms/gpu/")  # relative IRIs resolve against the file's own URL
    assert (gpu, SKOS.prefLabel, Literal("GPU", lang="en")) in turtle
    assert (gpu, SKOS.altLabel, Literal("graphics processing unit", lang="en")) in turtle
    assert (gpu, SKOS.notation, Literal("gpu")) in turtle
    assert (gpu, SKOS.inScheme, URIRef(HERE)) in turtle and (URIRef(HERE), SKOS.hasTopConcept, gpu) in turtle
    assert (gpu, SKOS.related, URIRef(HERE + "terms/compute/")) in turtle
    assert (gpu, DCTERMS.modified, Literal("2026-11-27", datatype=XSD.date)) in turtle
    assert (URIRef(HERE + "categories/hardware/"), SKOS.member, gpu) in turtle
    assert (URIRef(HERE + "categories/hardware/"), SKOS.prefLabel, Literal("Hardware", lang="en")) in turtle
    assert (URIRef(HERE), DCTERMS.title, Literal("Glossary", lang="en")) in turtle
    assert len(set(turtle.subjects(RDF.type, SKOS.Collection))) == 5


def test_the_export_conforms_to_the_shapes(sample_export: Path) -> None:
    turtle = parsed((sample_export / "glossary.ttl").read_bytes(), HERE + "glossary.ttl")
    assert conforms(turtle) == (True, set())


@pytest.mark.parametrize("options, concept, scheme", [
    (("--base-url", "https://example.org/g/"), "https://example.org/g/terms/gpu/", "https://example.org/g/"),
    (("--base-url", "/g/"), "https://example.org/g/terms/gpu/", "https://example.org/g/"),
    (("--base-url", "https://example.org/g/", "--page-url", "https://example.org/glossary/{slug}.html"),
     "https://example.org/glossary/gpu.html", "https://example.org/g/"),
    (("--page-url", "/glossary/{slug}/"), "https://example.org/glossary/gpu/", HERE),
])
def test_concept_iris_are_the_pages_of_the_terms(tmp_path: Path, options: tuple[str, ...], concept: str,
                                                 scheme: str) -> None:
    dist = export(sample_project(tmp_path).root, *options)
    for name, form in (("glossary.ttl", "turtle"), ("glossary.skos.jsonld", "json-ld")):
        data = (dist / name).read_bytes()
        assert b"glossary-root-" not in data
        graph = parsed(data, HERE + name, form)
        assert (URIRef(concept), RDF.type, SKOS.Concept) in graph
        assert (URIRef(concept), SKOS.inScheme, URIRef(scheme)) in graph


def test_odd_names_still_make_a_valid_graph() -> None:
    entries = [ODD]
    subjects = skos.statements(entries, Place.of())
    graph = parsed(skos.turtle(subjects), HERE + "glossary.ttl")
    chip = URIRef(HERE + "terms/3d-chip/")
    labels = {p: set(graph.objects(chip, p)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)}
    assert labels[SKOS.prefLabel] == {Literal("3D Chip", lang="en")}
    assert labels[SKOS.altLabel] == {Literal("stacked chip", lang="en"), Literal("SC", lang="en")}
    assert labels[SKOS.hiddenLabel] == {Literal("3D chip", lang="en"), Literal("tower chip", lang="en")}
    assert (chip, SKOS.definition, Literal(ODD.definition, lang="en")) in graph  # every character survives
    assert (chip, SKOS.scopeNote, Literal(ODD.summary, lang="en")) in graph
    assert (chip, OWL.deprecated, Literal(True)) in graph
    assert (chip, DCTERMS.isReplacedBy, URIRef(HERE + "terms/gpu/")) in graph
    assert (chip, SKOS.related, chip) not in graph
    json_ld = parsed(skos.json_ld(subjects), HERE + "glossary.skos.jsonld", "json-ld")
    assert isomorphic(graph, json_ld)
    ok, broken = conforms(graph)
    assert broken == {"Concept"}  # only isReplacedBy: gpu is no concept of this one-term graph


def test_the_same_entries_give_the_same_bytes_in_every_process(tmp_path: Path) -> None:
    """rdflib's JSON-LD writer follows a set's order, which Python's hash seed changes: not ours."""
    folders = []
    for seed in ("1", "2"):
        root = sample_project(tmp_path / seed).root
        subprocess.run([sys.executable, "-m", "glossary", "export", "--out", "dist", "--no-cache"], cwd=root,
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        folders.append({name: data for name, data in snapshot(root / "dist").items() if "glossary." in name})
    assert folders[0] == folders[1] and "glossary.skos.jsonld" in folders[0]


def concept_graph(sample_export: Path) -> tuple[Graph, URIRef, URIRef]:
    graph = parsed((sample_export / "glossary.ttl").read_bytes(), HERE + "glossary.ttl")
    return graph, URIRef(HERE + "terms/gpu/"), URIRef(HERE + "terms/compute/")


VIOLATIONS = {
    "OnePrefLabelPerLanguage": lambda g, gpu, compute: g.add((gpu, SKOS.prefLabel, Literal("Graphics chip", lang="en"))),
    "LabelsDisjoint": lambda g, gpu, compute: g.add((gpu, SKOS.hiddenLabel, Literal("GPU", lang="en"))),
    "LabelsDisjoint/alt-hidden": lambda g, gpu, compute: g.add((gpu, SKOS.hiddenLabel,
                                                                Literal("graphics processing unit", lang="en"))),
    "RelatedNotBroader": lambda g, gpu, compute: g.add((gpu, SKOS.broader, compute)),
    "Concept/inScheme": lambda g, gpu, compute: g.remove((gpu, SKOS.inScheme, None)),
    "Concept/prefLabel": lambda g, gpu, compute: g.remove((gpu, SKOS.prefLabel, None)),
    "Concept/definition": lambda g, gpu, compute: g.add((gpu, SKOS.definition, Literal("Another.", lang="en"))),
    "Concept/notation": lambda g, gpu, compute: g.remove((gpu, SKOS.notation, None)),
    "Concept/related": lambda g, gpu, compute: g.add((gpu, SKOS.related, URIRef("urn:nothing"))),
    "Concept/modified": lambda g, gpu, compute: g.add((gpu, DCTERMS.modified, Literal("yesterday"))),
    "ConceptIsNotSchemeOrCollection": lambda g, gpu, compute: g.add((gpu, RDF.type, SKOS.Collection)),
    "TopConceptBothWays": lambda g, gpu, compute: g.remove((None, SKOS.hasTopConcept, gpu)),
    "HasTopConceptBothWays": lambda g, gpu, compute: g.remove((gpu, SKOS.topConceptOf, None)),
    "Deprecated": lambda g, gpu, compute: g.add((gpu, OWL.deprecated, Literal("yes"))),
}


@pytest.mark.parametrize("case", sorted(VIOLATIONS))
def test_each_shape_catches_a_violation_made_by_hand(sample_export: Path, case: str) -> None:
    graph, gpu, compute = concept_graph(sample_export)
    VIOLATIONS[case](graph, gpu, compute)
    ok, broken = conforms(graph)
    assert not ok and case.split("/")[0] in broken, broken


def test_every_shape_has_a_control_case() -> None:
    shapes = {str(s).removeprefix(GL) for s in SHAPES.subjects(RDF.type, SH.NodeShape)}
    assert shapes == {case.split("/")[0] for case in VIOLATIONS}
