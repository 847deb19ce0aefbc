"""glossary fmt: one canonical front matter, the same data, every comment kept, the body untouched."""

from __future__ import annotations

import datetime
import json
import os
import stat
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import SCHEMA, Project, term
from glossary.authoring.comments import find_comments
from glossary.authoring.emit import WIDTH, format_front_matter, load_data, sort_related
from glossary.authoring.fmt import NOT_PARSEABLE, format_file
from glossary.authoring.safety import same_data
from glossary.cli import main
from glossary.read.frontmatter import parse_front_matter
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

SCHEMA_DATA = json.loads(SCHEMA.read_text(encoding="utf-8"))


def fmt(text: str) -> str:
    """Format a front matter written as an indented triple-quoted string; check it is stable and faithful."""
    before = textwrap.dedent(text).lstrip("\n")
    after = format_front_matter(before, SCHEMA_DATA)
    assert format_front_matter(after, SCHEMA_DATA) == after, "fmt twice must change nothing"
    assert same_data(sort_related(load_data(before)), load_data(after))
    return after


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def front(text: str) -> str:
    return text.split("\n---\n")[0].removeprefix("---\n")


# --- the canonical form --------------------------------------------------------------------------------

def test_keys_follow_the_schema_order_and_unknown_keys_go_after_as_written() -> None:
    assert fmt("""
        zeta: 1
        updated: 2026-11-27
        status: draft
        layout: post
        title: Alpha
        related: []
        summary: A sentence.
    """) == textwrap.dedent("""\
        title: Alpha
        summary: A sentence.
        related: []
        status: draft
        updated: 2026-11-27
        zeta: 1
        layout: post
    """)


def test_nested_keys_follow_the_schema_order_too() -> None:
    assert fmt("""
        faq:
          - answer: Yes.
            question: Is it?
        sources: [{url: https://example.org, title: Example}]
    """) == textwrap.dedent("""\
        faq:
          - question: Is it?
            answer: Yes.
        sources:
          - title: Example
            url: https://example.org
    """)


def test_names_with_a_status_follow_aliases_in_the_schema_order() -> None:
    assert fmt("""
        deprecated_names: [{why: Too vague., name: AI chips}, {name: chips}]
        tags: [hardware]
        abbreviation: AIA
        aliases: [AI accelerators]
        title: AI accelerator
    """) == textwrap.dedent("""\
        title: AI accelerator
        aliases:
          - AI accelerators
        abbreviation: AIA
        deprecated_names:
          - name: AI chips
            why: Too vague.
          - name: chips
        tags:
          - hardware
    """)


def test_flow_lists_become_block_lists_and_empty_ones_stay_flow() -> None:
    assert fmt("aliases: [AI factories, 'AI plant']\ntags: []\nroles: [{role: Executive, use: Plans.}]\n") == (
        "aliases:\n  - AI factories\n  - AI plant\ntags: []\nroles:\n  - role: Executive\n    use: Plans.\n")


def test_related_is_sorted_and_each_comment_moves_with_its_item() -> None:
    assert fmt("""
        related:
          - gamma  # the third
          # why alpha
          - alpha
          - beta
    """) == "related:\n  # why alpha\n  - alpha\n  - beta\n  - gamma  # the third\n"


def test_related_in_flow_style_keeps_item_comments_too() -> None:
    assert fmt("related: [gamma,  # the third\n  alpha, beta]\n") == (
        "related:\n  - alpha\n  - beta\n  - gamma  # the third\n")


def test_related_with_non_text_items_is_left_in_its_order() -> None:
    assert fmt("related: [b, 1, a]\n") == "related:\n  - b\n  - 1\n  - a\n"


LONG = ("A GPU cluster is a set of servers, each holding several GPUs, linked by high-speed networks and "
        "managed as one system for training or running AI models.")


def test_long_text_is_folded_at_the_width() -> None:
    out = fmt(f"definition: '{LONG}'\n")
    lines = out.splitlines()
    assert lines[0] == "definition: >-"
    assert all(len(line) <= WIDTH and line.startswith("  ") and not line.startswith("   ") for line in lines[1:])
    assert len(lines) == 3


def test_folded_text_that_fits_on_one_line_is_unfolded() -> None:
    assert fmt("summary: >-\n  A short\n  sentence.\n") == "summary: A short sentence.\n"


def test_folding_is_the_same_whatever_the_wrapping_was() -> None:
    narrow = "definition: >-\n" + "".join(f"  {word}\n" for word in LONG.split(" "))
    assert fmt(narrow) == fmt(f'definition: "{LONG}"\n')


@pytest.mark.parametrize("value", [
    "  " + LONG,  # leading spaces
    LONG + " ",  # a trailing space
    LONG.replace(" ", "  ", 1),  # two spaces
    LONG.replace(" ", "\n", 1),  # a line break
    LONG.replace(" ", "\t", 1),  # a tab
    LONG + "\u2028",  # a Unicode line separator
])
def test_long_text_a_folded_block_cannot_hold_is_double_quoted_on_one_line(value: str) -> None:
    out = fmt(f"definition: {json.dumps(value)}\n")
    assert out.startswith('definition: "') and out.count("\n") == 1
    assert yaml.safe_load(out)["definition"] == value


def test_a_long_word_is_not_folded() -> None:
    url = "https://example.org/" + "x" * 120
    assert fmt(f"sources:\n  - title: A page\n    url: '{url}'\n") == f"sources:\n  - title: A page\n    url: {url}\n"


@pytest.mark.parametrize("written, canonical", [
    ('"no"', '"no"'),
    ("'yes'", '"yes"'),
    ('"on"', '"on"'),
    ('"Off"', '"Off"'),
    ('"true"', '"true"'),
    ('"null"', '"null"'),
    ('"~"', '"~"'),
    ('""', '""'),
    ("'12'", '"12"'),
    ("'1.10'", '"1.10"'),
    ("'12:30'", '"12:30"'),
    ("'0x1F'", '"0x1F"'),
    ("'.inf'", '".inf"'),
    ("'2026-11-27'", '"2026-11-27"'),
    ("'[not a list]'", '"[not a list]"'),
    ("'{not a map}'", '"{not a map}"'),
    ("'key: value'", '"key: value"'),
    ("'C# and F#'", "C# and F#"),
    ("'text #not a comment'", '"text #not a comment"'),
    ("'#hashtag'", '"#hashtag"'),
    ("'ends with:'", '"ends with:"'),
    ("'- dash'", '"- dash"'),
    ("'@handle'", '"@handle"'),
    ("'&anchor'", '"&anchor"'),
    ("'*star'", '"*star"'),
    ("'!bang'", '"!bang"'),
    ("'%percent'", '"%percent"'),
    ("'|pipe'", '"|pipe"'),
    ("'>greater'", '">greater"'),
    ("'`tick`'", '"`tick`"'),
    ("'It''s'", "It's"),
    ("'say \"hi\"'", 'say "hi"'),
    ('"\\"quoted\\""', '"\\"quoted\\""'),
    ("'back\\slash'", "back\\slash"),
    ("Café «AI» 日本 😀", "Café «AI» 日本 😀"),
    ('"\\u00a0nbsp"', "\u00a0nbsp"),
    ('"bell\\a"', '"bell\\x07"'),
    ('"bom\\uFEFF"', '"bom\\uFEFF"'),
    ('"line\\nbreak"', '"line\\nbreak"'),
    ("yes", "true"),
    ("12", "12"),
    ("0x1F", "31"),
    ("1.50", "1.5"),
    ("1_000", "1000"),
    ("~", "null"),
    ("", "null"),
    ("2026-11-27", "2026-11-27"),
    ("2026-11-27 10:30:00", "2026-11-27 10:30:00"),
    ("[]", "[]"),
    ("{}", "{}"),
])
def test_awkward_scalars_are_plain_where_yaml_allows_and_quoted_where_it_must(written: str, canonical: str) -> None:
    assert fmt(f"example: {written}\n") == f"example: {canonical}\n"


def test_a_date_as_text_stays_text_and_a_date_stays_a_date() -> None:
    out = fmt("updated: 2026-11-27\nexample: '2026-11-27'\n")
    assert yaml.safe_load(out) == {"updated": datetime.date(2026, 11, 27), "example": "2026-11-27"}


def test_awkward_keys_are_quoted() -> None:
    assert fmt('"yes": 1\n"a: b": 2\nplain key: 3\n') == '"yes": 1\n"a: b": 2\nplain key: 3\n'


def test_an_empty_front_matter_mapping_stays_a_mapping() -> None:
    assert fmt("{}  # nothing yet\n") == "{}\n# nothing yet\n"


# --- comments ------------------------------------------------------------------------------------------

def test_a_full_line_comment_moves_with_the_key_below_it() -> None:
    assert fmt("""
        status: draft
        # glossary-disable GL307(gpu): a reason
        related: [gpu]
        title: Alpha
    """) == "title: Alpha\n# glossary-disable GL307(gpu): a reason\nrelated:\n  - gpu\nstatus: draft\n"


def test_trailing_comments_stay_on_their_line() -> None:
    assert fmt("""
        title: Alpha  # the name
        category: models # one of the list
        tags:  # free tags
          - a  # first
        definition: >-  # the card text
          Words.
    """) == textwrap.dedent("""\
        title: Alpha  # the name
        definition: Words.  # the card text
        category: models  # one of the list
        tags:  # free tags
          - a  # first
    """)


def test_text_of_several_words_before_a_comment_is_quoted_so_lint_does_not_warn() -> None:
    assert fmt("summary: >-  # a note\n  Two words\n") == 'summary: "Two words"  # a note\n'


def test_a_comment_after_a_folded_header_stays_on_the_header() -> None:
    out = fmt(f"definition: >-  # the card text\n  {LONG}\n")
    assert out.startswith("definition: >-  # the card text\n  A GPU cluster")


def test_comments_in_list_items_of_mappings_are_kept() -> None:
    assert fmt("""
        roles:
          # the first role
          - use: Plans with it.
            # about the role
            role: Executive  # the boss
          - {role: Engineer, use: Builds.}  # a flow item
    """) == textwrap.dedent("""\
        roles:
          # the first role
          # about the role
          - role: Executive  # the boss
            use: Plans with it.
          - role: Engineer  # a flow item
            use: Builds.
    """)


def test_comments_at_the_end_stay_at_the_end() -> None:
    assert fmt("title: Alpha\n# the end\n") == "title: Alpha\n# the end\n"


def test_a_comment_after_a_dash_stays_a_trailing_comment() -> None:
    assert fmt("related:\n  - # not a switch\n    beta\n") == "related:\n  - beta  # not a switch\n"


def test_hashes_inside_text_are_not_comments() -> None:
    text = 'example: "a # b"\ndefinition: >-\n  # not a comment\n  more\n'
    assert [c.text for c in find_comments(text)] == []
    assert "# not a comment more" in yaml.safe_load(fmt(text))["definition"]


# --- files ---------------------------------------------------------------------------------------------

def _formatted(path: Path) -> bytes:
    """The file formatted; formatting that again must change nothing."""
    outcome = format_file(path, path.name, SCHEMA_DATA)
    assert outcome.data is not None, outcome.problem
    again = path.with_name("again.md")
    again.write_bytes(outcome.data)
    assert format_file(again, again.name, SCHEMA_DATA).data == outcome.data
    return outcome.data


def test_the_body_is_left_byte_for_byte(tmp_path: Path) -> None:
    body = "Line one  \n---\n\n  indented\r\nmixed\rendings\t\n# not front matter\n"
    path = tmp_path / "alpha.md"
    path.write_bytes(f"---\ntitle:   Alpha\n...\n{body}".encode())
    assert _formatted(path) == f"---\ntitle: Alpha\n---\n{body}".encode()


def test_only_a_missing_final_newline_is_added(tmp_path: Path) -> None:
    path = tmp_path / "alpha.md"
    path.write_bytes(b"---\ntitle: Alpha\n---\nNo newline at the end")
    assert _formatted(path) == b"---\ntitle: Alpha\n---\nNo newline at the end\n"
    path.write_bytes(b"---\ntitle: Alpha\n---")
    assert _formatted(path) == b"---\ntitle: Alpha\n---\n"


def test_crlf_stays_crlf_and_a_bom_stays(tmp_path: Path) -> None:
    path = tmp_path / "alpha.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntags: [b, a]  # two\r\ntitle: Alpha\r\n---\r\nBody.\r\n\r\nMore.\r\n")
    assert _formatted(path) == (b"\xef\xbb\xbf---\r\ntitle: Alpha\r\ntags:  # two\r\n  - b\r\n  - a\r\n---\r\n"
                                b"Body.\r\n\r\nMore.\r\n")


@pytest.mark.parametrize("text", [
    "---\ntitle: [unclosed\n---\nBody.\n",  # GL006 syntax
    "---\ntitle: A\ntitle: B\n---\nBody.\n",  # GL008 a repeated key
    "---\ntitle: !!str A\n---\nBody.\n",  # GL010 a tag
    "---\ntitle: &a A\nsummary: *a\n---\nBody.\n",  # GL011 anchors
    "---\nupdated: 2026-02-30\n---\nBody.\n",  # GL013 an impossible date
    "---\nsummary: two words # lost\n---\nBody.\n",  # GL015 text lost to a comment
    "---\n- a list\n---\nBody.\n",  # GL007 not a mapping
    "no front matter\n",  # GL004
    "---\ntitle: never closed\n",  # GL005
])
def test_files_the_reader_or_parser_reports_are_not_touched(in_project: Project, text: str) -> None:
    path = in_project.write("alpha.md", text)
    good = in_project.write("beta.md", "---\nstatus: draft\ntitle: Beta\n---\n")
    code, out, err = run("fmt", "--check")
    assert (code, out, err) == (1, "content/terms/beta.md\n", f"content/terms/alpha.md: {NOT_PARSEABLE}\n"
                                                              "1 of 2 files would change: run glossary fmt to fix\n")
    code, out, err = run("fmt")
    assert (code, out, err) == (1, "", f"content/terms/alpha.md: {NOT_PARSEABLE}\nformatted 1 of 2 files\n")
    assert path.read_text(encoding="utf-8") == text
    assert good.read_text(encoding="utf-8") == "---\ntitle: Beta\nstatus: draft\n---\n"


def test_undecodable_bytes_are_not_touched(in_project: Project) -> None:
    path = in_project.write_bytes("alpha.md", b"---\ntitle: caf\xe9\n---\n")
    assert run("fmt")[0] == 1 and path.read_bytes() == b"---\ntitle: caf\xe9\n---\n"


def test_a_result_that_would_mean_something_else_is_refused(in_project: Project,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.authoring.fmt

    path = in_project.write("alpha.md", "---\ntitle: Alpha\ntags: [a]\n---\n")
    monkeypatch.setattr(glossary.authoring.fmt, "format_front_matter", lambda text, schema, change: "title: Alpha\n")
    code, _, err = run("fmt")
    assert code == 1 and "content/terms/alpha.md: not formatted: the result would load to different data" in err
    assert path.read_text(encoding="utf-8") == "---\ntitle: Alpha\ntags: [a]\n---\n"


def test_a_comment_the_result_would_lose_is_refused(in_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.authoring.fmt

    in_project.write("alpha.md", "---\n# keep me\ntitle: Alpha\n---\n")
    monkeypatch.setattr(glossary.authoring.fmt, "format_front_matter", lambda text, schema, change: "title: Alpha\n")
    code, _, err = run("fmt")
    assert code == 1 and "a full-line comment would be lost or changed" in err


def test_a_file_that_cannot_be_written_is_reported_and_no_temporary_file_is_left(
        in_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    path = in_project.write("alpha.md", "---\ntags: [a]\n---\n")

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = run("fmt")
    assert code == 1 and "content/terms/alpha.md: not formatted: cannot write it (Permission denied)" in err
    assert [p.name for p in in_project.content.iterdir()] == ["alpha.md"]
    assert path.read_text(encoding="utf-8") == "---\ntags: [a]\n---\n"


# --- values YAML read as other than written -------------------------------------------------------------

@pytest.mark.parametrize("written, read_as", [("no", "false"), ("yes", "true"), ("1.10", "the number 1.1"),
                                              ("Off", "false")])
def test_a_word_yaml_reads_as_something_else_where_text_is_wanted_is_left_for_the_writer_to_quote(
        in_project: Project, written: str, read_as: str) -> None:
    text = term(example=written, related="[gamma, beta]")
    path = in_project.write("alpha.md", text)
    good = in_project.write("beta.md", "---\nstatus: draft\ntitle: Beta\n---\n")
    refusal = (f"content/terms/alpha.md:9:10: not formatted: example must be text, but YAML reads {written} as "
               f'{read_as}, and fmt would write that; put it in quotes ("{written}"); the file is left as it was\n')
    assert run("fmt", "--check") == (1, "content/terms/beta.md\n",
                                      refusal + "1 of 2 files would change: run glossary fmt to fix\n")
    assert run("fmt") == (1, "", refusal + "formatted 1 of 2 files\n")
    assert path.read_text(encoding="utf-8") == text
    assert good.read_text(encoding="utf-8") == "---\ntitle: Beta\nstatus: draft\n---\n"
    path.write_text(term(example=f'"{written}"', related="[gamma, beta]"), encoding="utf-8")
    assert run("fmt") == (0, "", "formatted 1 of 2 files\n")
    assert f'example: "{written}"\n' in path.read_text(encoding="utf-8")


def test_each_value_to_quote_is_named_at_its_line(in_project: Project) -> None:
    in_project.write("alpha.md", term(aliases="[on, AI plant, 12]", example="no"))
    code, out, err = run("fmt", "--check")
    assert (code, out) == (1, "")
    assert [line.split(": not formatted: ")[0] for line in err.splitlines()] == [
        "content/terms/alpha.md:9:11", "content/terms/alpha.md:9:25", "content/terms/alpha.md:10:10"]
    assert "aliases[0] must be text, but YAML reads on as true" in err


def test_values_the_schema_wants_as_numbers_or_booleans_are_still_formatted(in_project: Project) -> None:
    schema = {"type": "object", "properties": {"title": {"type": "string"}, "weight": {"type": "number"},
                                               "public": {"type": "boolean"}, "count": {"type": "integer"}}}
    (in_project.root / "schema" / "term.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    path = in_project.write("alpha.md", "---\ncount: 1.10\npublic: yes\nweight: 1.50\ntitle: Alpha\n---\n")
    assert run("fmt") == (0, "", "formatted 1 of 1 files\n")
    assert path.read_text(encoding="utf-8") == "---\ntitle: Alpha\nweight: 1.5\npublic: true\ncount: 1.1\n---\n"


def test_a_value_yaml_reads_as_written_is_formatted_even_where_the_schema_wants_other(in_project: Project) -> None:
    path = in_project.write("alpha.md", term(example="[a, b]", related="[gamma, beta]"))
    assert run("fmt") == (0, "", "formatted 1 of 1 files\n")
    assert "example:\n  - a\n  - b\n" in path.read_text(encoding="utf-8")


# --- the command ---------------------------------------------------------------------------------------

@pytest.fixture
def messy(in_project: Project) -> Project:
    in_project.write("alpha.md", term(related="[gamma, beta]"))
    in_project.write("beta.md", term("beta", related="[alpha]"))
    in_project.write("gamma.md", "---\ntitle: Gamma\n---\nBody.\n")
    return in_project


def test_check_lists_the_files_that_would_change_and_writes_nothing(messy: Project) -> None:
    before = {p.name: p.read_bytes() for p in messy.content.iterdir()}
    code, out, err = run("fmt", "--check")
    assert (code, out, err) == (1, "content/terms/alpha.md\ncontent/terms/beta.md\n",
                                "2 of 3 files would change: run glossary fmt to fix\n")
    assert {p.name: p.read_bytes() for p in messy.content.iterdir()} == before


def test_fmt_writes_then_check_passes(messy: Project) -> None:
    mode = 0o640
    os.chmod(messy.content / "alpha.md", mode)
    code, out, err = run("fmt")
    assert (code, out, err) == (0, "", "formatted 2 of 3 files\n")
    assert stat.S_IMODE((messy.content / "alpha.md").stat().st_mode) == mode
    assert "related:\n  - beta\n  - gamma\n" in (messy.content / "alpha.md").read_text(encoding="utf-8")
    assert sorted(p.name for p in messy.content.iterdir()) == ["alpha.md", "beta.md", "gamma.md"]
    assert run("fmt", "--check") == (0, "", "")
    assert run("fmt") == (0, "", "formatted 0 of 3 files\n")


def test_fmt_takes_named_files_and_another_content_folder(messy: Project) -> None:
    one = "1 of 1 files would change: run glossary fmt to fix\n"
    assert run("fmt", "--check", "content/terms/beta.md") == (1, "content/terms/beta.md\n", one)
    other = messy.root / "other"
    other.mkdir()
    (other / "delta.md").write_text("---\ntags: [b]\n---\n", encoding="utf-8")
    assert run("fmt", "--check", "--content", "other") == (1, "other/delta.md\n", one)


def test_fmt_has_help() -> None:
    code, out, _ = run("fmt", "--help")
    assert code == 0 and "Usage: main fmt [OPTIONS] [FILES]..." in out and "--check" in out


def test_a_missing_content_folder_is_a_usage_error(in_project: Project) -> None:
    code, _, err = run("fmt", "--content", "nowhere")
    assert code == 2 and "cannot read the content folder" in err


def test_fmt_formats_the_real_file_behind_a_link(in_project: Project) -> None:
    (in_project.content / "drafts").mkdir()
    real = in_project.content / "drafts" / "real.md"
    real.write_text("---\ntags: [a]\n---\n", encoding="utf-8")
    link = in_project.content / "alpha.md"
    link.symlink_to(real)
    assert run("fmt")[0] == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "---\ntags:\n  - a\n---\n"


def test_lint_reports_the_same_after_fmt(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[gamma, beta]").replace(
        "related:", "# glossary-disable GL307(beta): alpha is broad\nrelated:"))
    in_project.write("beta.md", term("beta", related="[gamma]"))
    in_project.write("gamma.md", term("gamma", related="[alpha, beta]").replace(
        "related:", "# glossary-disable GL307 without a reason\nrelated:"))

    def findings() -> list[tuple[str, str, str]]:
        return sorted((d.path, d.code, d.message) for d in in_project.lint())

    before = findings()
    assert ("content/terms/gamma.md", "GL300") in {(p, c) for p, c, _ in before}
    assert run("fmt")[0] == 0
    assert findings() == before


def test_new_writes_a_term_already_in_canonical_form(in_project: Project) -> None:
    for title in ["Retrieval-Augmented Generation: RAG", "Yes", "C# for AI", "[Bracketed] Term", "12"]:
        assert run("new", title)[0] == 0, title
    assert run("fmt", "--check") == (0, "", "")


def test_real_shaped_terms_written_in_the_canonical_form_are_left_alone(sample: Project,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample.root)
    before = {path.name: path.read_bytes() for path in sample.content.iterdir()}
    assert run("fmt", "--check") == (0, "", "")
    assert run("fmt")[0] == 0
    assert {path.name: path.read_bytes() for path in sample.content.iterdir()} == before


# --- generated terms -----------------------------------------------------------------------------------

TRICKY = ["no", "yes", "on", "null", "~", "12", "1.10", "12:30", "2026-11-27", "[x]", "{y}", "a: b", "a #b", "#c",
          "it's", '"q"', "-", "- item", "? what", "@", "*", "&", "!", "|", ">", "%", "`", "---", "...", " lead",
          "trail ", "two  spaces", "line\nbreak", "tab\tin", "é", "日本語", "😀", "\u2028", "\x85", "\ufeff",
          "\x07", "\\", "TODO: later", "x" * 130]
TEXT = st.one_of(st.sampled_from(TRICKY), st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
                 st.lists(st.sampled_from(["word", "A", "GPU,", "data-centre", "#", ":", "é", "x" * 30]),
                          min_size=1, max_size=40).map(" ".join))
SCALAR = st.one_of(TEXT, st.booleans(), st.integers(), st.none(), st.dates(), st.floats(allow_nan=False))
SLUGS = st.lists(st.sampled_from(["gpu", "ai-agent", "token", "training", "b", "a"]) | TEXT, max_size=6)


@st.composite
def terms(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": draw(TEXT), "summary": draw(TEXT), "definition": draw(TEXT),
        "category": draw(st.sampled_from(["models", "infrastructure"]) | TEXT), "related": draw(SLUGS),
        "status": draw(st.sampled_from(["draft", "published"])), "updated": draw(st.dates() | TEXT),
    }
    optional = {
        "aliases": st.lists(TEXT, max_size=4), "tags": SLUGS, "example": SCALAR,
        "roles": st.lists(st.fixed_dictionaries({"use": TEXT, "role": TEXT}), max_size=3),
        "faq": st.lists(st.fixed_dictionaries({"answer": TEXT, "question": TEXT}), max_size=2),
        "sources": st.lists(st.fixed_dictionaries({"url": TEXT, "title": TEXT}), max_size=2),
        "x-unknown": SCALAR, "layout": st.lists(SCALAR, max_size=3),
    }
    for key in draw(st.lists(st.sampled_from(sorted(optional)), unique=True)):
        data[key] = draw(optional[key])
    keys = draw(st.permutations(list(data)))
    return {key: data[key] for key in keys}


@st.composite
def written_terms(draw: st.DrawFn) -> tuple[dict[str, Any], str, str]:
    """A term's data, its front matter in a random YAML style, and the key a comment was put above."""
    data = draw(terms())
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=draw(st.booleans()),
                          default_flow_style=draw(st.sampled_from([False, None])),
                          default_style=draw(st.sampled_from([None, '"', "'"])),
                          width=draw(st.integers(20, 200)), indent=draw(st.integers(2, 4)))
    key = draw(st.sampled_from(list(data)))
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith((f"{key}:", f'"{key}":', f"'{key}':")))
    lines.insert(at, "# a note about this key")
    return data, "\n".join(lines), key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(written_terms())
def test_generated_terms_keep_their_data_and_comment_and_fmt_is_idempotent(
        tmp_path_factory: pytest.TempPathFactory, written: tuple[dict[str, Any], str, str]) -> None:
    _, front_matter, key = written
    path = tmp_path_factory.mktemp("generated") / "term.md"
    assume(not parse_front_matter(front_matter, 2, "term.md").diagnostics)  # quoted style tags dates: !!timestamp
    path.write_text(f"---\n{front_matter}---\nThe body.\n", encoding="utf-8")
    once = format_file(path, "term.md", SCHEMA_DATA)
    assert once.data is not None, once.problem
    after = front(once.data.decode("utf-8"))
    assert same_data(load_data(after), sort_related(load_data(front_matter)))  # PyYAML may not round-trip `data`
    lines = after.split("\n")
    note = lines.index("# a note about this key")
    assert lines[note + 1].startswith((f"{key}:", json.dumps(key) + ":"))
    path.write_bytes(once.data)
    again = format_file(path, "term.md", SCHEMA_DATA)
    assert again.data == once.data and not again.changed

