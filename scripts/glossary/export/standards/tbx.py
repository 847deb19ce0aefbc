"""The glossary as a TBX-Basic termbase: glossary.tbx, written with lxml.

TBX-Basic in its TBX v2 form (ISO 30042:2008 core structure, `martif type="TBX-Basic"`, the data
categories of the TBX-Basic specification and its XCS file TBXBasicXCSV02.xcs): the form that memoQ,
Trados MultiTerm, OmegaT and translate-toolkit (so Weblate) import. TBX v3 (ISO 30042:2019, `<tbx>`)
is read by fewer tools so far.

One termEntry per exported term, its id the slug (with "_" in front when the slug starts with a digit,
which an XML id cannot). At the entry's level: the category's label as the subject field, a
crossReference to each related term (and to the term that replaces a deprecated one, with a note saying
so), and the page as an externalCrossReference where the export has page URLs. One English langSet holds
the definition and one tig per name: its administrativeStatus (preferredTerm-admn-sts for the title,
admittedTerm-admn-sts for the aliases and the abbreviation, deprecatedTerm-admn-sts for the names to
avoid, with a note giving why) and its termType (abbreviation for the abbreviation, fullForm otherwise).
"""

from __future__ import annotations

import re

from lxml import etree

from glossary.export.standards import Entry
from glossary.export.standards.names import names_of
from glossary.export.urls import Place

NAME = "glossary.tbx"
LANGUAGE = "en"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">'
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold


def files(entries: list[Entry], place: Place) -> dict[str, bytes]:
    """glossary.tbx of the entries."""
    return {NAME: termbase(entries, place)}


def entry_id(slug: str) -> str:
    """The termEntry's id: the slug, made an XML name where it starts with a digit."""
    return slug if slug[:1].isalpha() else f"_{slug}"


def termbase(entries: list[Entry], place: Place) -> bytes:
    """The whole TBX-Basic document, as bytes (UTF-8, indented, the same for the same entries)."""
    martif = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: LANGUAGE})
    header = _sub(martif, "martifHeader")
    description = _sub(header, "fileDesc")
    _sub(_sub(description, "titleStmt"), "title", place.name)
    _sub(_sub(description, "sourceDesc"), "p", f"{place.name}: every exported term, written by the glossary tool "
                                                "from the same documents as its JSON export.")
    _sub(_sub(header, "encodingDesc"), "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(martif, "text"), "body")
    titles = {entry.slug: entry.title for entry in entries}
    for entry in entries:
        _term_entry(body, entry, titles)
    return bytes(etree.tostring(martif, xml_declaration=True, encoding="UTF-8", pretty_print=True, doctype=DOCTYPE))


def _term_entry(body: etree._Element, entry: Entry, titles: dict[str, str]) -> None:
    concept = _sub(body, "termEntry", id=entry_id(entry.slug))
    if entry.category_label or entry.category:
        _sub(concept, "descrip", entry.category_label or entry.category, type="subjectField")
    if entry.status == "deprecated":
        successor = titles.get(entry.superseded_by or "")
        _sub(concept, "note", f"Deprecated: use {successor!r} instead." if successor else "Deprecated.")
        if successor:
            _cross_reference(concept, str(entry.superseded_by), successor)
    for slug in entry.related:
        if slug in titles and slug not in (entry.slug, entry.superseded_by):
            _cross_reference(concept, slug, titles[slug])
    if entry.page_url:
        _sub(concept, "xref", entry.title, type="externalCrossReference", target=entry.page_url)
    language = _sub(concept, "langSet", **{XML_LANG: LANGUAGE})
    _sub(language, "descrip", entry.definition, type="definition")
    names = names_of(entry)
    _tig(language, names.preferred, "preferredTerm-admn-sts", "fullForm")
    for name in names.admitted:
        _tig(language, name, "admittedTerm-admn-sts", "abbreviation" if name == entry.abbreviation else "fullForm")
    for name in names.deprecated:
        _tig(language, name, "deprecatedTerm-admn-sts", "fullForm", names.why.get(name))


def _cross_reference(concept: etree._Element, slug: str, title: str) -> None:
    _sub(concept, "ref", title, type="crossReference", target=entry_id(slug))


def _tig(language: etree._Element, name: str, status: str, kind: str, note: str | None = None) -> None:
    tig = _sub(language, "tig")
    _sub(tig, "term", name)
    _sub(tig, "termNote", kind, type="termType")
    _sub(tig, "termNote", status, type="administrativeStatus")
    if note:
        _sub(tig, "note", note)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {key: _NOT_IN_XML.sub("", value) for key, value in attributes.items()})
    if text is not None:
        element.text = _NOT_IN_XML.sub("", text)
    return element
