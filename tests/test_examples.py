"""The example folders: every good term lints clean, and every bad file gives exactly the expected codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, SCHEMA
from glossary.lint.job import LintSettings, run_lint

# file -> every (code, line, column) it must produce, and nothing else
EXPECTED: dict[str, list[tuple[str, int, int]]] = {
    "gl004-no-front-matter.md": [("GL004", 1, 1)],
    "gl005-unclosed.md": [("GL005", 1, 1)],
    "gl006-syntax.md": [("GL006", 3, 10)],
    "gl007-not-mapping.md": [("GL007", 2, 1)],
    "gl008-duplicate-key.md": [("GL008", 9, 1)],
    "gl009-non-text-key.md": [("GL009", 9, 1)],
    "gl010-tag.md": [("GL010", 2, 8)],
    "gl011-anchor-alias.md": [("GL011", 2, 8), ("GL011", 9, 11)],
    "gl012-deep.md": [("GL012", 9, 16)],
    "gl013-impossible-date.md": [("GL013", 8, 10)],
    "gl015-trailing-comment.md": [("GL015", 2, 26)],
    "gl101-missing-field.md": [("GL101", 1, 1)],
    "gl102-unknown-field.md": [("GL101", 1, 1), ("GL102", 2, 1)],
    "gl103-wrong-type.md": [("GL103", 3, 10)],
    "gl104-not-allowed.md": [("GL104", 5, 11)],
    "gl105-too-long.md": [("GL105", 3, 10), ("GL303", 3, 10)],  # too long is also too hard to read
    "gl106-bad-form.md": [("GL106", 9, 8)],
    "gl107-repeated-item.md": [("GL107", 9, 19)],
    "Bad_Name.md": [("GL201", 1, 1)],
    "notes.txt": [("GL202", 1, 1)],
    "gl210-missing-link.md": [("GL210", 6, 11)],
    "gl211-self-link.md": [("GL211", 6, 11)],
    "gl212-repeated-link.md": [("GL212", 6, 18)],
    "gl213-links-draft.md": [("GL213", 6, 11)],
    "gl214-shared-name.md": [("GL214", 9, 11)],
    "gl221-deprecated-admitted.md": [("GL221", 11, 11)],
    "gl222-name-twice.md": [("GL222", 9, 11)],
    "gl301-draft-placeholder.md": [("GL301", 10, 1)],
    "gl302-published-placeholder.md": [("GL302", 3, 10)],
    "alpha.md": [("GL214", 2, 8)],  # its title is gl214-shared-name's alias: both ends are reported
    "draft-term.md": [],
}


# Each bad example stands alone: none links to another, so the graph checks are switched off for them
# (the project-wide switch; test_quality.py has their examples). Most are front matter only, so the
# check for a body (GL312, also in test_quality.py) is off for them too.
ISLANDS = frozenset({"GL307", "GL308", "GL312"})


def lint_folder(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    result = run_lint(LintSettings(FIXTURES.parent.parent, folder, SCHEMA, disabled=ISLANDS))
    found: dict[str, list[tuple[str, int, int]]] = {}
    for d in result.diagnostics:
        found.setdefault(Path(d.path).name, []).append((d.code, d.line, d.column))
    return found


def test_every_good_example_is_clean() -> None:
    assert lint_folder(FIXTURES / "good") == {}


def test_bad_folder_holds_exactly_the_expected_files() -> None:
    assert sorted(p.name for p in (FIXTURES / "bad").iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_example_gives_exactly_its_codes(name: str) -> None:
    assert lint_folder(FIXTURES / "bad").get(name, []) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(n for n, codes in EXPECTED.items() if codes))
def test_bad_example_alone_gives_the_same_codes(name: str) -> None:
    """Linting one file resolves its links against the whole folder, and reports only that file."""
    folder = FIXTURES / "bad"
    result = run_lint(LintSettings(FIXTURES.parent.parent, folder, SCHEMA, (folder / name,), disabled=ISLANDS))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == EXPECTED[name]
    assert {Path(d.path).name for d in result.diagnostics} == {name}


# Codes whose example needs bytes, links or schemas a fixture file cannot hold, and the test that has it.
LOCATED_ELSEWHERE = {
    # redirects.yml sits beside a content folder, so it cannot live in the good and bad fixture folders
    "GL215": "check/test_redirects.py::test_a_malformed_file_gives_diagnostics_not_tracebacks",
    "GL216": "check/test_redirects.py::test_a_malformed_file_gives_diagnostics_not_tracebacks",
    "GL217": "check/test_redirects.py::test_each_problem_has_its_code_line_and_column",
    "GL218": "check/test_redirects.py::test_each_problem_has_its_code_line_and_column",
    "GL219": "check/test_redirects.py::test_each_problem_has_its_code_line_and_column",
    # GL220 compares with the export a new one follows, which the fixture folders are not
    "GL220": "export/test_lifecycle.py::test_a_published_term_removed_is_refused_where_its_file_was",
    "GL001": "read/test_files.py::test_unreadable_file_is_a_diagnostic",
    "GL002": "read/test_files.py::test_file_too_large_to_be_a_term",
    "GL003": "read/test_files.py::test_latin1_byte_is_located_at_its_line_and_column",
    "GL014": "read/test_files.py::test_link_out_of_the_content_folder_is_reported_and_not_read",
    "GL100": "check/test_schema.py::test_schema_that_cannot_be_applied_is_a_diagnostic",
    "GL108": "check/test_schema.py::test_other_keyword_is_located",
    "GL203": "check/test_names.py::test_names_that_differ_only_by_case",
    "GL204": "check/test_names.py::test_a_term_in_a_subfolder_is_reported_not_lost",
    # content quality: each needs a passing twin or several terms, so they live beside their checks
    "GL300": "check/test_quality.py::test_malformed_switch",
    "GL304": "check/test_quality.py::test_summary_that_only_repeats_the_title",
    "GL305": "check/test_quality.py::test_definition_that_does_not_name_the_term",
    "GL306": "check/test_quality.py::test_definition_that_repeats_the_summary",
    "GL307": "check/test_quality.py::test_one_way_related_link",
    "GL308": "check/test_quality.py::test_orphan",
    "GL309": "check/test_quality.py::test_unlinked_mention",
    "GL310": "check/test_quality.py::test_repeated_faq_question",
    "GL311": "check/test_quality.py::test_empty_blank_or_repeated_roles",
    "GL312": "check/test_quality.py::test_a_published_term_without_a_body",
    "GL313": "check/test_name_status.py::test_a_body_using_another_terms_deprecated_name_is_gl313",
}


def test_every_code_has_a_located_example() -> None:
    from glossary.diagnostics import CODES

    in_fixtures = {code for found in EXPECTED.values() for code, _, _ in found}
    assert in_fixtures.isdisjoint(LOCATED_ELSEWHERE)
    assert in_fixtures | set(LOCATED_ELSEWHERE) == set(CODES)
    tests = Path(__file__).parent
    for where in LOCATED_ELSEWHERE.values():
        module, name = where.split("::")
        assert f"def {name}(" in (tests / module).read_text(encoding="utf-8"), where


def located(output_format: str, out: str) -> set[tuple[str, int, int]]:
    """(file name, line, column) of every diagnostic in one format's output, read the way a consumer would."""
    if output_format == "json":
        return {(Path(d["path"]).name, d["line"], d["column"]) for d in json.loads(out)["diagnostics"]}
    if output_format == "sarif":
        results = json.loads(out)["runs"][0]["results"]
        places = [r["locations"][0]["physicalLocation"] for r in results]
        return {(Path(p["artifactLocation"]["uri"]).name, p["region"]["startLine"], p["region"]["startColumn"])
                for p in places}
    pattern = r"^(.*):(\d+):(\d+): " if output_format == "text" else r"^::\w+ file=(.*?),line=(\d+),col=(\d+),"
    return {(Path(m[0]).name, int(m[1]), int(m[2])) for m in re.findall(pattern, out, re.M)}


@pytest.mark.parametrize("output_format", ["text", "json", "github", "sarif"])
@pytest.mark.parametrize("name", sorted(n for n, codes in EXPECTED.items() if codes))
def test_every_bad_example_fails_in_every_format_at_its_line(name: str, output_format: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner
    from glossary.cli import main

    (tmp_path / "pyproject.toml").write_text(f"[tool.glossary]\ndisable = {sorted(ISLANDS)}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    folder = FIXTURES / "bad"
    args = ["lint", "--content", str(folder), "--schema", str(SCHEMA), "--format", output_format, str(folder / name)]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    failing = any(CODES_SEVERITY[code] == "error" for code, _, _ in EXPECTED[name])
    assert result.exit_code == (1 if failing else 0)
    assert "Traceback" not in result.output
    assert located(output_format, result.stdout) == {(name, line, column) for _, line, column in EXPECTED[name]}


def _severities() -> dict[str, str]:
    from glossary.diagnostics import CODES

    return {code: c.severity for code, c in CODES.items()}


CODES_SEVERITY = _severities()
