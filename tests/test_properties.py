"""Property-based: whatever text, bytes or YAML a file holds, only diagnostics come out, never an exception."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import SCHEMA, Project
from glossary.check import CHECKS
from glossary.check.schema import check_term
from glossary.check.validators import load_validator
from glossary.diagnostics import CODES, Diagnostic
from glossary.read.corpus import Corpus, parse_source
from glossary.read.files import split_front_matter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export import (
    _Elements,  # imported here: importing a module of tests inside a test nests @given
)

VALIDATOR = load_validator(SCHEMA)
FRAGMENTS = [
    "title", "summary", "related", "status", "updated", "roles", "role", "use", "faq", ": ", "- ", "\n", "  ",
    "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!x ", "? ", "'", '"', "#", "---", "...", "|", ">-",
    "2026-02-30", "2026-11-27", "no", "yes", "1.10", "~", "null", ".nan", "0x1F", "<<", "%YAML 1.1", "\\",
    "\x00", "\x07", "\ufeff", "\u2028", "é", "published", "draft", "deprecated", "superseded_by", "gpu", "TODO",
]
yaml_like = st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30) | st.dates()
data = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=12) | st.integers() | st.booleans(), inner, max_size=5),
                    max_leaves=20)


def check_everything(text: str) -> list[Diagnostic]:
    """Every stage the linter runs on one file's text, without touching disk."""
    read = split_front_matter(text, Path("t.md"), "t.md")
    found = list(read.diagnostics)
    if read.source is None:
        return found
    term, problems = parse_source(read.source)
    found += problems
    corpus = Corpus([term], [], {"t", "gpu"})
    if term.data is not None:
        found += check_term(VALIDATOR, term)
    for check in CHECKS.values():
        found += list(check(corpus))
    return found


def assert_well_formed(found: list[Diagnostic], lines: int) -> None:
    for d in found:
        assert d.code in CODES and d.severity == CODES[d.code].severity
        assert 1 <= d.line <= lines + 1 and d.column >= 1 and d.message


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_any_text_gives_only_diagnostics(text: str) -> None:
    assert_well_formed(check_everything(text), text.count("\n") + text.count("\r") + 1)


@settings(max_examples=600, deadline=None)
@given(yaml_like, st.text(max_size=50))
def test_any_yaml_like_front_matter_gives_only_diagnostics(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}"
    assert_well_formed(check_everything(text), text.count("\n") + text.count("\r") + 1)


@settings(max_examples=300, deadline=None)
@given(data, st.booleans())
def test_any_yaml_document_gives_only_diagnostics(value: object, flow: bool) -> None:
    front = yaml.safe_dump(value, default_flow_style=flow, allow_unicode=True)
    text = f"---\n{front}---\nBody.\n"
    assert_well_formed(check_everything(text), text.count("\n") + 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300))
def test_any_bytes_through_the_whole_linter(project: Project, raw: bytes) -> None:
    for old in project.content.iterdir():
        old.unlink()
    project.write_bytes("any.md", b"---\n" + raw)
    project.write_bytes("raw.md", raw)
    assert_well_formed(project.lint(), raw.count(b"\n") + raw.count(b"\r") + 2)


HTML_FRAGMENTS = [
    "<script>", "</script>", "<img src=x ", "onerror=", "onclick=\"", "javascript:", "JaVaScRiPt:", "data:text/html,",
    "&#106;", "<a href=\"", "\">", "[t](", ")", "![i](", "[[", "]]", "gpu", "|", "<svg ", "onload=", "<iframe ",
    "<style>", "`", "\n", "\n\n", "    ", "<!--", "-->", "alert(1)", " ", "vbscript:", "<object data=", "<", ">",
]
hostile_markdown = st.lists(st.sampled_from(HTML_FRAGMENTS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(hostile_markdown | st.text(max_size=200))
def test_rendered_html_never_holds_executable_parts(markdown: str) -> None:
    from glossary.export.html import Renderer

    html = Renderer({"gpu": "GPU"}, lambda slug: f"terms/{slug}.json").html(markdown)
    parser = _Elements()
    parser.feed(html)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag not in ("script", "iframe", "svg", "style", "object", "embed"), html
        for name, value in attrs:
            assert not name.startswith("on"), html
            if name in ("href", "src"):
                scheme = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", value or "")  # as a browser reads a URL
                assert scheme is None or scheme.group(1).lower() in ("http", "https", "mailto"), html


PLAIN_PROSE = st.text(alphabet="aZéB0Ʃ ,.;:'()?%/-\n", max_size=60)


@settings(max_examples=500, deadline=None)
@given(st.tuples(st.sampled_from("aZéB"), PLAIN_PROSE).map("".join))
def test_the_quick_way_for_plain_prose_renders_what_the_parser_does(text: str) -> None:
    from glossary.export import html as render

    quick = render.Renderer({}, lambda slug: slug).html(text)
    real = render.Renderer({}, lambda slug: slug)
    tokens = real.markdown.parse(text)
    parsed = render.nh3.clean(real.markdown.renderer.render(tokens, real.markdown.options, {}),
                              attributes=render.ATTRIBUTES, url_schemes=set(render.URL_SCHEMES))
    assert quick == parsed


COMMENTED = st.lists(st.sampled_from([*FRAGMENTS, "\n# glossary-disable GL307(gpu): why\n", "\n  # a note\n",
                                      "title: a\n", "summary: |\n  text\n  # in text\n", " #2", "C#",
                                      "aliases", "definition", "\nrelated:\n  - a\n  - [b, c]\n", "\u2028"]),
                     max_size=30).map("".join)


@settings(max_examples=500, deadline=None)
@given(COMMENTED)
def test_the_fast_path_with_comments_reads_what_the_walker_reads(text: str) -> None:
    from glossary.read.fastpath import MARKED, fast_load_with_text_lines, fast_read, mark_in
    from glossary.read.frontmatter import parse_front_matter
    from glossary.read.switches import _lines_inside_text

    data, text_lines = fast_load_with_text_lines(text)
    if data is None:
        return
    walked = parse_front_matter(text, 2, "x.md")
    assert walked.diagnostics == [] and walked.data == data
    assert text_lines == _lines_inside_text(text)
    read = fast_read(text, 2, True)
    assert read is not None
    for path, mark in walked.positions.values.items():
        if path and path[0] in MARKED and len(path) <= 2:
            assert mark_in(read.marks, path) == mark, path
