"""The redirects file (GL215-GL219): lint reads it as a mapping of old slug to new slug, says where each
problem is, and never crashes on a malformed file; the export refuses while it has errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Project, term
from glossary.cli import main
from glossary.config import load_project
from glossary.read.redirects import read_redirects
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REDIRECTS = "content/redirects.yml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def terms(plain_project: Project) -> Project:
    """Three published terms and a draft, linked so that nothing else is reported."""
    plain_project.write("alpha.md", term("alpha", related="[beta]"))
    plain_project.write("beta.md", term("beta", related="[alpha]"))
    plain_project.write("gamma.md", term("gamma", related="[alpha]"))
    plain_project.write("delta.md", term("delta", status="draft"))
    return plain_project


def write_redirects(project: Project, data: str | bytes) -> Path:
    path = project.root / REDIRECTS
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def redirect_codes(project: Project) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in project.lint() if d.path == REDIRECTS]


def test_a_good_file_or_none_is_clean(terms: Project) -> None:
    assert terms.lint() == []
    write_redirects(terms, "# renamed terms\nold-alpha: alpha\n'2024': beta\n")
    assert terms.lint() == []
    write_redirects(terms, "# nothing renamed yet\n")
    assert terms.lint() == []


def test_each_problem_has_its_code_line_and_column(terms: Project) -> None:
    write_redirects(terms, "# header\n"
                           "alpha: beta\n"          # 2: old slug still a term
                           "old-one: alpah\n"       # 3: no such term (did you mean alpha?)
                           "old-two: delta\n"       # 4: a draft
                           "chain-a: chain-b\n"     # 5: a chain
                           "chain-b: gamma\n"
                           "loop-x: loop-y\n"       # 7, 8: a loop
                           "loop-y: loop-x\n")
    diagnostics = {(d.code, d.line, d.column): d.message for d in terms.lint() if d.path == REDIRECTS}
    assert sorted(diagnostics) == [("GL217", 2, 1), ("GL218", 3, 10), ("GL218", 4, 10), ("GL219", 5, 10),
                                   ("GL219", 7, 9), ("GL219", 8, 9)]
    assert "did you mean 'alpha'?" in diagnostics[("GL218", 3, 10)]
    assert "a draft" in diagnostics[("GL218", 4, 10)]
    assert "point 'chain-a' straight at 'gamma'" in diagnostics[("GL219", 5, 10)]
    assert "loop-x -> loop-y -> loop-x" in diagnostics[("GL219", 7, 9)]
    assert "glossary rename alpha" in diagnostics[("GL217", 2, 1)]


@pytest.mark.parametrize(("data", "expected"), [
    ("- alpha\n- beta\n", [("GL216", 1, 1)]),
    ("just text\n", [("GL216", 1, 1)]),
    ("old: [alpha]\n", [("GL216", 1, 6)]),
    ("1: alpha\nyes: beta\n", [("GL216", 1, 1), ("GL216", 2, 1)]),
    ("old: null\n", [("GL216", 1, 6)]),
    ("? [a, b]\n: alpha\n", [("GL216", 1, 3)]),
    ("Old_One: alpha\n", [("GL216", 1, 1)]),
    ("old: alpha\nold: beta\n", [("GL216", 2, 1)]),
    ("old: &x alpha\nnew: *x\n", [("GL215", 1, 6), ("GL215", 2, 6)]),
    ("old: !!str alpha\n", [("GL215", 1, 6)]),
    ("old: alpha\n  bad: indent\n", [("GL215", 2, 6)]),
    ("old: 'unclosed\n", [("GL215", 1, 6)]),
    ("old: alpha\n---\nnew: beta\n", [("GL215", 2, 1)]),
    ("old: al\x07pha\n", [("GL215", 1, 1)]),
    (b"\x00\x01\x02binary", [("GL215", 1, 1)]),
    (b"old: \xff\xfe\n", [("GL215", 1, 1)]),
    (b"\xef\xbb\xbfold-one: alpha\r\nold-two: beta\r\n", []),
])
def test_a_malformed_file_gives_diagnostics_not_tracebacks(terms: Project, data: str | bytes,
                                                           expected: list[tuple[str, int, int]]) -> None:
    write_redirects(terms, data)
    assert redirect_codes(terms) == expected


def test_a_folder_in_its_place_is_a_diagnostic(terms: Project) -> None:
    (terms.root / REDIRECTS).mkdir()
    assert redirect_codes(terms) == [("GL215", 1, 1)]


def test_every_output_format_carries_redirect_problems(terms: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(terms.root)
    write_redirects(terms, "old: [alpha]\nx: ~\n")
    code, out, _ = run("lint", "--format", "json")
    assert code == 1
    found = [d for d in json.loads(out)["diagnostics"] if d["path"] == REDIRECTS]
    assert [(d["code"], d["line"], d["column"]) for d in found] == [("GL216", 1, 6), ("GL216", 2, 4)]
    code, out, _ = run("lint", "--format", "github")
    assert code == 1 and f"file={REDIRECTS},line=1,col=6,title=GL216" in out


def test_linting_named_files_leaves_the_redirects_alone(terms: Project) -> None:
    write_redirects(terms, "alpha: beta\n")
    assert terms.lint(terms.content / "alpha.md") == []
    assert redirect_codes(terms) == [("GL217", 1, 1)]


def test_the_export_refuses_while_the_redirects_have_errors(terms: Project, monkeypatch: pytest.MonkeyPatch,
                                                            tmp_path: Path) -> None:
    monkeypatch.chdir(terms.root)
    (terms.root / "schema" / "export.schema.json").write_bytes((REPO / "schema" / "export.schema.json").read_bytes())
    write_redirects(terms, "old: missing\n")
    code, out, err = run("export", "--out", str(tmp_path / "dist"))
    assert code == 1 and "GL218" in out and "export refused" in err
    assert not (tmp_path / "dist").exists()
    write_redirects(terms, "old: alpha\n")
    code, _, err = run("export", "--out", str(tmp_path / "dist"))
    assert code == 0, err
    assert json.loads((tmp_path / "dist" / "terms" / "old.json").read_bytes())["redirect_to"] == "alpha"


def test_the_redirects_path_is_configurable(terms: Project) -> None:
    assert load_project(terms.root).redirects == terms.root / "content" / "redirects.yml"
    (terms.root / "pyproject.toml").write_text('[tool.glossary]\ncontent = "content/terms"\n'
                                               'redirects = "moved.yml"\n', encoding="utf-8")
    assert load_project(terms.root).redirects == terms.root / "moved.yml"
    (terms.root / "moved.yml").write_text("old: missing\n", encoding="utf-8")
    write_redirects(terms, "this file: is no longer read\n")
    assert [(d.path, d.code) for d in terms.lint()] == [("moved.yml", "GL218")]


def test_reading_a_missing_file_gives_no_redirects(tmp_path: Path) -> None:
    found = read_redirects(tmp_path / "redirects.yml", tmp_path)
    assert (found.exists, found.mapping(), found.diagnostics) == (False, {}, [])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=200), st.text(alphabet="ab-: \n[]{}&*!|>'\"#?,~%\t\r\x85\u2028é1",
                                                       max_size=80).map(lambda t: t.encode("utf-8"))))
def test_no_file_crashes_the_reader(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "redirects.yml"
    path.write_bytes(data)
    found = read_redirects(path, tmp_path)
    assert all(d.code in ("GL215", "GL216") and d.line >= 1 and d.column >= 1 for d in found.diagnostics)
    assert all(isinstance(old, str) and isinstance(new, str) for old, new in found.mapping().items())
