"""The TBX export: glossary.tbx is well-formed, follows TBX-Basic's structure (tests/fixtures/tbx-basic.rng,
written from the specification, and the id rules checked here), and an independent reader,
translate-toolkit's, finds every name with its administrative status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from lxml import etree
from standards_support import ODD, entries_of, sample_export  # noqa: F401 (a fixture)
from translate.storage.tbx import tbxfile

from glossary.export.standards import tbx
from glossary.export.standards.names import names_of
from glossary.export.urls import Place

RNG = etree.RelaxNG(etree.parse(str(FIXTURES / "tbx-basic.rng")))
STATUS = {"preferred": "preferredTerm-admn-sts", "admitted": "admittedTerm-admn-sts",
          "deprecated": "deprecatedTerm-admn-sts"}


def structure_problems(data: bytes) -> list[str]:
    """Why a file is not a TBX-Basic termbase: the RELAX NG schema's errors, then ids that repeat and
    cross references that lead to no entry (an empty list when it is one)."""
    document = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    if not RNG.validate(document.getroottree()):
        return [str(error) for error in RNG.error_log]
    ids = [element.get("id") for element in document.iter("termEntry")]
    problems = [f"id {i} repeats" for i in sorted({i for i in ids if ids.count(i) > 1})]
    problems += [f"crossReference to {ref.get('target')} leads to no entry" for ref in document.iter("ref")
                 if ref.get("target") not in ids]
    return problems


def test_the_termbase_follows_tbx_basic(sample_export: Path) -> None:
    data = (sample_export / "glossary.tbx").read_bytes()
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE martif")
    assert structure_problems(data) == []
    count = json.loads((sample_export / "index.json").read_bytes())["count"]
    assert len(etree.fromstring(data).findall("text/body/termEntry")) == count == 12


@pytest.mark.parametrize("broken, expected", [
    (lambda d: d.replace(b"admittedTerm-admn-sts", b"allowedTerm", 1), "Element termNote"),
    (lambda d: d.replace(b'type="termType">fullForm', b'type="termType">longForm', 1), "Element termNote"),
    (lambda d: d.replace(b"<term>GPU</term>", b"", 1), "termNote there"),
    (lambda d: d.replace(b'type="definition"', b'type="explanation"', 1), "Element descrip"),
    (lambda d: d.replace(b'<martif type="TBX-Basic"', b'<martif type="TBX-Default"', 1), "Element martif"),
    (lambda d: d.replace(b'id="compute"', b'id="gpu"', 1), "id gpu repeats"),
    (lambda d: d.replace(b'target="compute"', b'target="nowhere"', 1), "nowhere"),
])
def test_a_broken_termbase_fails_the_structure_check(sample_export: Path, broken: object, expected: str) -> None:
    data = broken((sample_export / "glossary.tbx").read_bytes())  # type: ignore[operator]
    problems = structure_problems(data)
    assert problems and expected in " ".join(problems), problems


def test_translate_toolkit_reads_every_name_and_status(sample_export: Path) -> None:
    entries = entries_of(sample_export) + [ODD]
    store = tbxfile.parsestring(tbx.termbase(entries, Place.of()))
    assert len(store.units) == len(entries)
    for unit, entry in zip(store.units, entries):
        names = names_of(entry)
        expected = [(names.preferred, STATUS["preferred"]), *((n, STATUS["admitted"]) for n in names.admitted),
                    *((n, STATUS["deprecated"]) for n in names.deprecated)]
        found = [(term.text, term.administrative_status) for term in unit.get_source_terms()]
        assert found == expected
        assert [t.deprecated for t in unit.get_source_terms()] == [s == STATUS["deprecated"] for _, s in expected]
        assert unit.getid() == tbx.entry_id(entry.slug)


def test_odd_content_keeps_every_character_and_the_rules() -> None:
    data = tbx.termbase([ODD], Place.of(page_url="https://example.org/glossary/{slug}/"))
    document = etree.fromstring(data)
    concept = document.find("text/body/termEntry")
    assert concept.get("id") == "_3d-chip"  # an XML id cannot start with a digit
    assert concept.findtext("langSet/descrip[@type='definition']") == ODD.definition  # CR too (as &#13;)
    assert concept.findtext("descrip[@type='subjectField']") == "Hardware"
    assert concept.findtext("note") == "Deprecated." and concept.find("ref") is None  # gpu is not in this export
    tigs = {tig.findtext("term"): (tig.findtext("termNote[@type='termType']"),
                                   tig.findtext("termNote[@type='administrativeStatus']"), tig.findtext("note"))
            for tig in concept.iter("tig")}
    assert tigs == {"3D Chip": ("fullForm", STATUS["preferred"], None),
                    "stacked chip": ("fullForm", STATUS["admitted"], None),
                    "SC": ("abbreviation", STATUS["admitted"], None),
                    "3D chip": ("fullForm", STATUS["deprecated"], "lower case"),
                    "tower chip": ("fullForm", STATUS["deprecated"], None)}
    odd_page = ODD.__class__(**{**ODD.__dict__, "page_url": "https://example.org/glossary/3d-chip/"})
    xref = etree.fromstring(tbx.termbase([odd_page], Place.of())).find("text/body/termEntry/xref")
    assert xref.get("target") == "https://example.org/glossary/3d-chip/"
    assert structure_problems(tbx.termbase([odd_page], Place.of())) == []


def test_a_deprecated_term_points_at_its_successor(sample_export: Path) -> None:
    entries = entries_of(sample_export)
    gpu = next(e for e in entries if e.slug == "gpu")
    old = ODD.__class__(**{**ODD.__dict__, "related": ()})
    concept = etree.fromstring(tbx.termbase([old, gpu], Place.of())).find("text/body/termEntry")
    assert concept.findtext("note") == "Deprecated: use 'GPU' instead."
    assert [(r.get("target"), r.text) for r in concept.iter("ref")] == [("gpu", "GPU")]
