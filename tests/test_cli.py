"""The command line, through Click's runner: exit codes, formats, links, new, and the repository itself."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, Project, term
from glossary.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_a_real_shaped_glossary_lints_clean_from_any_folder_inside_it(sample: Project,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample.content)  # the root is found upward, from any folder inside it
    code, out, err = run("lint", "--strict")
    assert (code, out) == (0, "")
    assert err == f"{len(list(sample.content.glob('*.md')))} files checked: no problems\n"


def test_the_links_report_of_a_real_shaped_glossary(sample: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample.root)
    code, out, _ = run("links", "--format", "json")
    graph = json.loads(out)["graph"]
    assert code == 0 and graph["components"] == 1 and graph["largest_component"] == graph["terms"] == 12
    assert graph["orphans"] == [] and graph["one_way"] == []  # every one-way link says why
    code, out, _ = run("links")
    assert "one connected component" in out


def test_links_as_dot_and_mermaid(in_project: Project) -> None:
    in_project.write("alpha.md", term(title='"Alpha \\"A\\" [x]"', related="[beta, gamma]"))
    in_project.write("beta.md", term("beta", related="[alpha]"))
    in_project.write("gamma.md", term("gamma", related="[beta]"))
    code, dot, _ = run("links", "--format", "dot")
    assert code == 0
    assert dot.startswith("digraph glossary {\n") and dot.endswith("}\n")
    assert '"alpha" [label="Alpha \\"A\\" [x]"];' in dot
    assert '"alpha" -> "beta" [dir=both];' in dot and '"alpha" -> "gamma";' in dot and '"gamma" -> "beta";' in dot
    code, mermaid, _ = run("links", "--format", "mermaid")
    assert mermaid.splitlines() == [
        "graph LR", '  t_alpha["Alpha #34;A#34; #91;x#93;"]', '  t_beta["Beta"]', '  t_gamma["Gamma"]',
        "  t_alpha <--> t_beta", "  t_alpha --> t_gamma", "  t_gamma --> t_beta"]


def test_clean_project_exits_0(in_project: Project) -> None:
    in_project.write("alpha.md", term())
    assert run("lint")[0] == 0


def test_errors_exit_1_in_every_format(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[ai-agnet]"))
    for output_format in ("text", "json", "github", "sarif"):
        code, out, _ = run("lint", "--format", output_format)
        assert code == 1 and "ai-agnet" in out and "Traceback" not in out


def test_warnings_pass_unless_strict(in_project: Project) -> None:
    in_project.write("alpha.md", term(status="draft", summary='"TODO: a sentence to write later on."'))
    assert run("lint")[0] == 0
    assert run("lint", "--strict")[0] == 1


def test_text_output_is_sorted_by_path_and_line(in_project: Project) -> None:
    in_project.write("b.md", term("b", category="x", related="[a, nope]"))
    in_project.write("a.md", term("a", summary="no", related="[b]"))
    _, out, _ = run("lint")
    assert [line.split(": ")[0] for line in out.splitlines()] == [
        "content/terms/a.md:3:10", "content/terms/b.md:5:11", "content/terms/b.md:6:14"]


def test_json_format_is_machine_readable(in_project: Project) -> None:
    in_project.write("alpha.md", term(summary="no"))
    _, out, _ = run("lint", "--format", "json")
    document = json.loads(out)
    assert document["summary"]["errors"] == 1
    assert document["diagnostics"][0]["code"] == "GL103"


def test_one_named_file(in_project: Project) -> None:
    in_project.write("beta.md", term("beta", summary="no", related="[alpha]"))
    in_project.write("alpha.md", term(related="[beta]"))
    code, out, _ = run("lint", "content/terms/alpha.md")
    assert (code, out) == (0, "")
    code, out, _ = run("lint", "content/terms/beta.md")
    assert code == 1 and out.startswith("content/terms/beta.md:3:10: error GL103")


def test_content_and_schema_options_from_anywhere(project: Project, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    project.write("alpha.md", term(summary="no"))
    code, out, _ = run("lint", "--content", str(project.content), "--schema", str(REPO / "schema/term.schema.json"))
    assert code == 1 and "GL103" in out


@pytest.mark.parametrize("args, fragment", [
    (["lint", "--content", "nowhere"], "does not exist"),
    (["lint", "--schema", "nowhere.json"], "cannot read the schema"),
    (["lint", "missing.md"], "does not exist"),
    (["lint", "--format", "xml"], "Invalid value"),
    (["links", "--content", "nowhere"], "does not exist"),
])
def test_usage_and_configuration_errors_exit_2(in_project: Project, args: list[str], fragment: str) -> None:
    code, out, err = run(*args)
    assert code == 2 and fragment in err and out == ""


def test_broken_pyproject_is_a_configuration_error(in_project: Project) -> None:
    (in_project.root / "pyproject.toml").write_text("[tool.glossary\n", encoding="utf-8")
    code, _, err = run("lint")
    assert code == 2 and "TOML" in err


def test_links_reports_one_way_links_and_orphans(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[beta]"))
    in_project.write("beta.md", term("beta"))
    in_project.write("gamma.md", term("gamma", related="[alhpa]"))
    code, out, _ = run("links")
    assert code == 1
    assert out.splitlines()[0].startswith("content/terms/gamma.md:6:11: error GL210")
    assert "  alpha -> beta" in out
    assert out.split("orphans")[1].split() == ["(2):", "no", "other", "term", "lists", "them", "as", "related",
                                               "alpha", "gamma"]


def test_links_json(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[beta]"))
    in_project.write("beta.md", term("beta", related="[alpha]"))
    code, out, _ = run("links", "--format", "json")
    graph = json.loads(out)["graph"]
    assert code == 0 and graph == {"terms": 2, "links": 2, "one_way": [], "one_way_explained": [], "orphans": [],
                                   "components": 1, "largest_component": 2}


def test_links_ignores_schema_problems(in_project: Project) -> None:
    in_project.write("alpha.md", term(summary="no"))
    assert run("links")[0] == 0


def test_new_writes_a_draft_that_lints_with_only_placeholder_warnings(in_project: Project) -> None:
    code, out, _ = run("new", "Retrieval-Augmented Generation: RAG", "--category", "models")
    path = in_project.content / "retrieval-augmented-generation-rag.md"
    assert code == 0 and path.is_file() and "content/terms/retrieval-augmented-generation-rag.md" in out
    found = in_project.lint()
    assert found and {(d.code, d.severity) for d in found} == {("GL301", "warning")}
    assert run("lint")[0] == 0 and run("lint", "--strict")[0] == 1
    assert 'title: "Retrieval-Augmented Generation: RAG"' in path.read_text()


def test_new_refuses_to_overwrite(in_project: Project) -> None:
    existing = in_project.write("gpu.md", term("gpu", title="Graphics Chip"))
    before = existing.read_text()
    code, _, err = run("new", "GPU")
    assert code == 1 and "already exists" in err and existing.read_text() == before


def test_new_writes_no_advice_into_the_file_and_prints_it_instead(in_project: Project) -> None:
    code, out, _ = run("new", "Edge Inference", "--category", "infrastructure")
    text = (in_project.content / "edge-inference.md").read_text(encoding="utf-8")
    assert code == 0 and "\n#" not in text and "# " not in text.split("\n---\n")[0]
    assert "replace each TODO" in out and "infrastructure" in out and "set status: published" in out


@pytest.mark.parametrize("written, chosen", [("Infrastructure", "infrastructure"), (" MODELS ", "models")])
def test_new_takes_a_category_whatever_its_case(in_project: Project, written: str, chosen: str) -> None:
    assert run("new", "Edge Inference", "--category", written)[0] == 0
    assert f"category: {chosen}\n" in (in_project.content / "edge-inference.md").read_text(encoding="utf-8")


def test_new_suggests_a_close_category(in_project: Project) -> None:
    code, _, err = run("new", "Edge Inference", "--category", "inferance")
    assert code == 2 and "did you mean 'inference'?" in err and "choose one of:" in err
    code, _, err = run("new", "Edge Inference", "--category", "zzzz")
    assert code == 2 and "did you mean" not in err
    assert list(in_project.content.iterdir()) == []


@pytest.mark.parametrize("args", [["new", "!!!"], ["new", "Thing", "--category", "nonsense"]])
def test_new_refuses_bad_input_with_usage_error(in_project: Project, args: list[str]) -> None:
    assert run(*args)[0] == 2
    assert list(in_project.content.iterdir()) == []


def test_new_default_category_is_valid(in_project: Project) -> None:
    assert run("new", "Model Card")[0] == 0
    assert "category: concepts" in (in_project.content / "model-card.md").read_text()


@pytest.mark.parametrize("command", [[], ["lint"], ["links"], ["new"]])
def test_every_command_has_help(command: list[str]) -> None:
    code, out, _ = run(*command, "--help")
    assert code == 0 and "Usage:" in out


def test_python_dash_m_runs_the_tool(in_project: Project) -> None:
    in_project.write("alpha.md", term(summary="no"))
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts")}
    done = subprocess.run([sys.executable, "-m", "glossary", "lint", "--format", "github"], cwd=in_project.root,
                          capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 1
    assert done.stdout.startswith("::error file=content/terms/alpha.md,line=3,col=10,title=GL103::")


@pytest.mark.parametrize("title, fragment", [
    ("caf\udce9 Term", "not valid text"),
    ("Bell\x07 Term", "control character"),
    ("日本語", "no ASCII letters or digits"),
    (" ".join(["word"] * 20), "keep it to 80"),
    ("a, " * 27 + "a", "would not pass the schema: GL105 title is 82 characters long"),
])
def test_new_refuses_titles_it_cannot_write_well(in_project: Project, title: str, fragment: str) -> None:
    code, _, err = run("new", title)
    assert code == 2 and fragment in err
    assert list(in_project.content.iterdir()) == []


def test_output_survives_a_terminal_that_cannot_show_the_text(in_project: Project) -> None:
    in_project.write("alpha.md", term(title='"😀 Ünï"'))
    in_project.write("beta.md", term("beta", title='"😀 Ünï"'))
    env = {**os.environ, "PYTHONPATH": str(REPO / "scripts"), "PYTHONIOENCODING": "cp1252"}
    for output_format in ("text", "json", "github", "sarif"):
        done = subprocess.run([sys.executable, "-m", "glossary", "lint", "--format", output_format],
                              cwd=in_project.root, capture_output=True, env=env, check=False)
        assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr
        assert b"GL214" in done.stdout


def test_a_pyproject_with_an_odd_tool_table_is_not_ours(in_project: Project) -> None:
    (in_project.root / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    in_project.write("alpha.md", term())
    code, _, err = run("lint", "--content", "content/terms", "--schema", "schema/term.schema.json")
    assert code == 0, err


def test_new_refuses_a_title_another_term_already_has(in_project: Project) -> None:
    in_project.write("gpu.md", term("gpu", title="GPU", aliases="[Graphics Processing Unit]"))
    code, _, err = run("new", "graphics  processing unit")
    assert code == 1 and "already an alias of 'gpu'" in err
    assert sorted(p.name for p in in_project.content.iterdir()) == ["gpu.md"]


def test_dot_keeps_titles_as_written(in_project: Project) -> None:
    in_project.write("alpha.md", term(title="Café «AI» 日本", related="[beta]",
                                      definition="Café «AI» 日本 is a made-up term, defined in one paragraph here."))
    in_project.write("beta.md", term("beta", related="[alpha]"))
    code, dot, _ = run("links", "--format", "dot")
    assert code == 0 and '"alpha" [label="Café «AI» 日本"];' in dot


def test_links_counts_a_whole_term_switch_as_explained(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[beta, gamma]").replace(
        "related:", "# glossary-disable GL307: alpha is broad\nrelated:"))
    in_project.write("beta.md", term("beta", related="[gamma]"))
    in_project.write("gamma.md", term("gamma", related="[alpha, beta]"))
    graph = json.loads(run("links", "--format", "json")[1])["graph"]
    assert graph["one_way_explained"] == [["alpha", "beta"]] and graph["one_way"] == []


def test_links_judges_the_published_terms_as_lint_does(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[beta]"))
    in_project.write("beta.md", term("beta", related="[alpha]"))
    in_project.write("gamma.md", term("gamma", related="[delta]"))
    in_project.write("delta.md", term("delta", related="[gamma]"))
    in_project.write("bridge.md", term("bridge", status="draft", related="[alpha, gamma]"))
    in_project.write("old.md", term("old", status="deprecated", superseded_by="alpha", related="[epsilon]"))
    in_project.write("epsilon.md", term("epsilon", related="[alpha]"))
    graph = json.loads(run("links", "--format", "json")[1])["graph"]
    assert (graph["terms"], graph["components"], graph["orphans"]) == (5, 2, ["epsilon"])
    assert graph["one_way"] == [["epsilon", "alpha"]]
    codes = {(d.code, Path(d.path).stem) for d in in_project.lint()}
    assert codes == {("GL307", "epsilon"), ("GL308", "epsilon")}


def test_every_command_has_an_example_in_its_help() -> None:
    for name in main.commands:
        code, out, _ = run(name, "--help")
        assert code == 0 and "  Example:\n    glossary " + name in out, name
    assert "docs/diagnostics.md" in run("lint", "--help")[1]


@pytest.mark.parametrize("code", ["GL006", "gl006", " GL006 "])
def test_explain_prints_the_codes_entry_from_the_guide(code: str) -> None:
    status, out, _ = run("explain", code)
    row = next(line for line in (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| GL006 |"))
    assert status == 0 and out.startswith("GL006 (error): YAML syntax error\nWhat is wrong: A YAML syntax error")
    assert f"How to fix it: {row.split(' | ')[3].strip(' |')}\n" in out  # as the guide says
    assert out.endswith("More: docs/diagnostics.md\n")


def test_explain_of_a_quality_code_points_to_the_quality_guide_too() -> None:
    assert run("explain", "GL307")[1].endswith("More: docs/diagnostics.md, docs/quality.md\n")


def test_explain_of_an_unknown_code_suggests_a_close_one() -> None:
    code, _, err = run("explain", "GL06")
    assert code == 2 and "there is no code 'GL06'" in err
    code, _, err = run("explain", "GL3O7")
    assert code == 2 and "did you mean 'GL307'?" in err


def test_explain_without_the_guide_gives_the_registry_entry(in_project: Project,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import glossary.cli_review

    monkeypatch.setattr(glossary.cli_review, "DIAGNOSTICS_DOC", Path("docs") / "no-such-guide.md")
    code, out, _ = run("explain", "GL210")
    assert code == 0 and out == ("GL210 (error): a linked term does not exist\n"
                                 "More: docs/no-such-guide.md\n")
