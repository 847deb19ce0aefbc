"""Docs-site glossary files: the glossary.json docusaurus-plugin-glossary reads (checked as its validation
checks it), and the MkDocs abbreviations snippet as Python-Markdown's `abbr` extension renders it."""

from __future__ import annotations

import json
from typing import Any

import markdown
import pytest
from glossary.export.standards import Entry
from glossary.export.standards.docsites import files
from glossary.export.urls import Place


def entry(slug: str, title: str, *, aliases: tuple[str, ...] = (), abbreviation: str | None = None,
          related: tuple[str, ...] = (), definition: str = "A definition.", page_url: str | None = None) -> Entry:
    return Entry(slug=slug, title=title, summary="A summary.", definition=definition, example=None,
                 aliases=aliases, abbreviation=abbreviation, deprecated=(("old name", None),), related=related,
                 category="models", category_label="Models", status="published", superseded_by=None,
                 updated="2025-01-01", page_url=page_url)


ENTRIES = [
    entry("gpu", "GPU", aliases=("graphics card", "Graphics Card"), related=("large-language-model", "gone")),
    entry("large-language-model", "Large Language Model", abbreviation="LLM", aliases=("LLMs", "gpu"),
          related=("gpu",), definition="A model\ntrained on text."),
    entry("retrieval-augmented-generation", "Retrieval-Augmented Generation", abbreviation="RAG",
          aliases=("rag",)),
    entry("3d-parallelism", "3D Parallelism", abbreviation="3DP", definition=""),
    entry("odd", "Odd <Name> & \"quotes\"", abbreviation="A]B"),
    entry("eu-ai-act", "EU AI Act", abbreviation="AI Act"),
    entry("same", "Same", abbreviation="Same"),
    entry("unicode", "Modèle de langage étendu", abbreviation="MLÉ"),
]
PLACE = Place.of(name="AI Glossary")
PAGES = Place.of(name="AI Glossary", page_url="https://example.org/glossary/{slug}/")


def plugin_problems(data: dict[str, Any]) -> list[str]:
    """What docusaurus-plugin-glossary's validateGlossaryData (src/validation.ts) reports; it refuses the
    whole file on any of them."""
    problems = []
    if not isinstance(data.get("terms"), list):
        return ["terms is not an array"]
    for key in ("title", "description"):
        if key in data and not isinstance(data[key], str):
            problems.append(f"{key} is not a string")
    phrases: set[str] = set()
    ids: set[str] = set()
    names = {term["term"].lower() for term in data["terms"]}
    for index, term in enumerate(data["terms"]):
        for key in ("term", "definition"):
            if not isinstance(term.get(key), str) or not term[key].strip():
                problems.append(f"terms[{index}].{key} missing or empty")
        if "abbreviation" in term and (not isinstance(term["abbreviation"], str) or not term["abbreviation"].strip()):
            problems.append(f"terms[{index}].abbreviation empty")
        for key in ("aliases", "relatedTerms"):
            if key in term and not all(isinstance(each, str) and each.strip() for each in term[key]):
                problems.append(f"terms[{index}].{key} has an empty or non-string item")
        term_id = (term.get("id") or "-".join(term["term"].lower().split())).lower()
        if term_id in ids:
            problems.append(f"duplicate id {term_id}")
        ids.add(term_id)
        if "id" in term and not (term["id"][:1].isascii() and term["id"][:1].isalpha()):
            problems.append(f"terms[{index}].id does not start with a letter")
        for phrase in (term["term"], *term.get("aliases", [])):
            if phrase.lower() in phrases:
                problems.append(f"duplicate phrase {phrase}")
            phrases.add(phrase.lower())
        problems += [f"unknown related term {name}" for name in term.get("relatedTerms", [])
                     if name.lower() not in names]
        path = term.get("documentation", {}).get("path", "/")
        if not (isinstance(path, str) and path.startswith("/") and not path.startswith("//")):
            problems.append(f"terms[{index}].documentation.path must be a site-relative path starting with '/'")
    return problems


def glossary_json(entries: list[Entry], place: Place = PLACE) -> dict[str, Any]:
    data = json.loads(files(entries, place)["docusaurus/glossary.json"])
    assert isinstance(data, dict)
    return data


def test_the_docusaurus_file_is_what_the_plugin_reads() -> None:
    data = glossary_json(ENTRIES)
    assert plugin_problems(data) == []
    assert data["title"] == "AI Glossary" and set(data) == {"title", "terms"}
    by_term = {term["term"]: term for term in data["terms"]}
    assert [term["term"] for term in data["terms"]][:3] == ["GPU", "Large Language Model",
                                                             "Retrieval-Augmented Generation"]
    assert by_term["Large Language Model"] == {
        "term": "Large Language Model", "definition": "A model trained on text.", "abbreviation": "LLM",
        "aliases": ["LLM", "LLMs"], "relatedTerms": ["GPU"], "id": "large-language-model"}
    # an alias the same as another term's name, or a case variant of one already given, is left out
    assert by_term["GPU"]["aliases"] == ["graphics card"]
    assert by_term["GPU"]["relatedTerms"] == ["Large Language Model"]  # "gone" is not in the export
    assert by_term["Retrieval-Augmented Generation"]["aliases"] == ["RAG"]
    # a definition is required: the summary stands in; an id must start with a letter
    assert by_term["3D Parallelism"]["definition"] == "A summary." and "id" not in by_term["3D Parallelism"]
    assert "abbreviation" not in by_term["Same"]
    assert by_term["Modèle de langage étendu"]["abbreviation"] == "MLÉ"


def test_the_check_finds_what_the_plugin_refuses() -> None:
    """The stand-in for the plugin's validation is not a rubber stamp."""
    good = {"terms": [{"term": "A", "definition": "d"}, {"term": "B", "definition": "d", "relatedTerms": ["A"]}]}
    assert plugin_problems(good) == []
    assert plugin_problems({"terms": [{"term": "A", "definition": ""}]})
    assert plugin_problems({"terms": [{"term": "A", "definition": "d"}, {"term": "a", "definition": "d"}]})
    assert plugin_problems({"terms": [{"term": "A", "definition": "d", "aliases": ["b"]},
                                      {"term": "B", "definition": "d"}]})
    assert plugin_problems({"terms": [{"term": "A", "definition": "d", "relatedTerms": ["Z"]}]})
    assert plugin_problems({"terms": [{"term": "A", "definition": "d", "id": "3a"}]})


def test_page_urls_become_the_terms_link() -> None:
    assert all("documentation" not in term for term in glossary_json(ENTRIES)["terms"])
    paged = {term["term"]: term for term in glossary_json(ENTRIES, PAGES)["terms"]}
    assert all("documentation" not in term for term in paged.values()), "the plugin refuses another site's address"
    assert not plugin_problems(glossary_json(ENTRIES, PAGES))
    on_site_place = Place.of(name="AI Glossary", page_url="/glossary/{slug}/")
    assert not plugin_problems(glossary_json(ENTRIES, on_site_place))
    on_site = {term["term"]: term for term in glossary_json(ENTRIES, on_site_place)["terms"]}
    assert on_site["GPU"]["documentation"] == {"path": "/glossary/gpu/"}
    own = glossary_json([entry("gpu", "GPU", page_url="/docs/gpu/")], PAGES)["terms"][0]
    assert own["documentation"] == {"path": "/docs/gpu/"}, "the entry's own page URL comes first"


def test_the_mkdocs_snippet_defines_each_abbreviation_once() -> None:
    snippet = files(ENTRIES, PLACE)["mkdocs/abbreviations.md"].decode("utf-8")
    assert snippet.splitlines() == [
        "*[3DP]: 3D Parallelism", "*[AI Act]: EU AI Act", "*[LLM]: Large Language Model",
        "*[MLÉ]: Modèle de langage étendu", "*[RAG]: Retrieval-Augmented Generation"]
    # "A]B" would end the definition's brackets early; "Same" explains nothing
    assert "A]B" not in snippet and "*[Same]" not in snippet


@pytest.mark.parametrize("text, abbreviation, title", [
    ("We run an LLM on a GPU.", "LLM", "Large Language Model"),
    ("RAG helps.", "RAG", "Retrieval-Augmented Generation"),
    ("The AI Act applies.", "AI Act", "EU AI Act"),
    ("Le MLÉ répond.", "MLÉ", "Modèle de langage étendu"),
])
def test_python_markdown_renders_the_snippet_as_abbr_tooltips(text: str, abbreviation: str, title: str) -> None:
    """As pymdownx.snippets' auto_append does: the snippet appended to a page, rendered with `abbr`."""
    snippet = files(ENTRIES, PLACE)["mkdocs/abbreviations.md"].decode("utf-8")
    html = markdown.markdown(text + "\n\n" + snippet, extensions=["abbr"])
    assert f'<abbr title="{title}">{abbreviation}</abbr>' in html
    assert "*[" not in html, "every definition line is read as one and leaves no text behind"


def test_a_title_with_markup_characters_is_escaped_in_the_tooltip() -> None:
    snippet = files([entry("odd", "Odd <Name> & \"quotes\"", abbreviation="ONQ")], PLACE)["mkdocs/abbreviations.md"]
    html = markdown.markdown("ONQ here\n\n" + snippet.decode("utf-8"), extensions=["abbr"])
    assert '<abbr title="Odd &lt;Name&gt; &amp; &quot;quotes&quot;">ONQ</abbr>' in html


def test_same_entries_give_the_same_bytes_and_no_entries_give_empty_files() -> None:
    assert files(ENTRIES, PAGES) == files(list(ENTRIES), PAGES)
    empty = files([], PLACE)
    assert json.loads(empty["docusaurus/glossary.json"]) == {"title": "AI Glossary", "terms": []}
    assert empty["mkdocs/abbreviations.md"] == b""
