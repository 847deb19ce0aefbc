"""`glossary links --fix`: the missing back-links (GL307) added to the other terms, as fmt writes them,
comments and sort order kept; --dry-run shows the diff; exemptions and unreadable files left alone."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import Project
from glossary.cli import main

EDGE = """---
title: Edge Inference
summary: Running a trained AI model on a device near the user, such as a phone or a camera.
definition: >-
  Edge inference is running a trained model on or near the device where data is produced, rather than in
  a distant data centre, to cut latency and keep data local.
category: infrastructure
{switch}related:
  - inference
  - latency
  - quantisation
status: published
updated: 2026-11-27
---
Edge inference moves [inference](inference.md) onto phones and cameras. It matters where [latency](latency.md)
is critical, and [quantisation](quantisation.md) makes models small enough to fit.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def edge(sample: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The sample glossary with a new published term listing three others, none of which lists it back."""
    monkeypatch.chdir(sample.root)
    sample.write("edge-inference.md", EDGE.format(switch=""))
    return sample


def one_way(project: Project) -> list[str]:
    return [d.message.split("'")[3] for d in project.lint() if d.code == "GL307"]


def test_fix_adds_each_back_link_in_order_and_keeps_comments(edge: Project) -> None:
    assert one_way(edge) == ["inference", "latency", "quantisation"]
    latency_before = (edge.content / "latency.md").read_text(encoding="utf-8")
    code, out, err = run("links", "--fix")
    assert (code, out) == (0, "") and err == "added 3 back-links in 3 files\n"
    assert one_way(edge) == []
    assert [d.code for d in edge.lint(strict=True)] == []  # GL308 gone too: others now list the new term
    latency = (edge.content / "latency.md").read_text(encoding="utf-8")
    assert "related:\n  - edge-inference\n  - inference\n" in latency  # sorted, as fmt sorts
    assert latency.replace("  - edge-inference\n", "", 1) == latency_before  # only that line changed
    assert "# glossary-disable GL307(inference, tokens-per-second):" in latency
    assert run("fmt", "--check")[0] == 1  # only the new term, written by hand, is not in the canonical form
    assert run("fmt", "--check")[1] == "content/terms/edge-inference.md\n"
    assert run("links", "--fix") == (0, "", "added 0 back-links in 0 files\n")  # again: nothing left to add


def test_dry_run_prints_the_diff_and_writes_nothing(edge: Project) -> None:
    before = {path.name: path.read_bytes() for path in edge.content.iterdir()}
    code, out, err = run("links", "--fix", "--dry-run")
    assert code == 0 and err == "would add 3 back-links in 3 files; nothing was written\n"
    assert "--- a/content/terms/inference.md\n+++ b/content/terms/inference.md\n" in out
    assert "+  - edge-inference\n" in out and out.count("+  - edge-inference\n") == 3
    assert {path.name: path.read_bytes() for path in edge.content.iterdir()} == before


def test_a_link_a_switch_exempts_is_left_one_way(edge: Project) -> None:
    edge.write("edge-inference.md", EDGE.format(
        switch="# glossary-disable GL307(inference): Inference is broad and lists only its closest neighbours\n"))
    assert run("links", "--fix") == (0, "", "added 2 back-links in 2 files\n")
    assert "edge-inference" not in (edge.content / "inference.md").read_text(encoding="utf-8")
    edge.write("edge-inference.md", EDGE.format(switch="# glossary-disable GL307: a term of its own\n"))
    (edge.content / "inference.md").write_text((edge.content / "inference.md").read_text(encoding="utf-8"),
                                               encoding="utf-8")
    assert run("links", "--fix")[2] == "added 0 back-links in 0 files\n"


def test_a_file_fmt_would_leave_alone_is_not_touched(edge: Project) -> None:
    latency = edge.content / "latency.md"
    broken = latency.read_text(encoding="utf-8").replace("category: inference", "category: inference  # a note",
                                                         1).replace("title: Latency", "title: Latency in AI #1")
    latency.write_text(broken, encoding="utf-8")  # GL015: text lost to a comment, which fmt will not guess at
    code, _, err = run("links", "--fix")
    assert code == 1
    assert "content/terms/latency.md: not formatted" in err and "(so edge-inference could not be added" in err
    assert err.endswith("added 2 back-links in 2 files\n")
    assert latency.read_text(encoding="utf-8") == broken


def test_a_list_already_holding_eight_is_left_alone_with_what_to_do(edge: Project) -> None:
    """The writers' guide keeps related to the 8 closest terms: --fix does not push a list past that."""
    inference = edge.content / "inference.md"
    text = inference.read_text(encoding="utf-8")
    head, tail = text.split("\nrelated:\n", 1)
    listed = [line for line in tail.split("\nexample:", 1)[0].split("\n") if line.startswith("  - ")]
    others = sorted({p.stem for p in edge.content.glob("*.md")} - {"inference", "edge-inference"}
                    - {line[4:] for line in listed})
    eight = sorted([line[4:] for line in listed] + others[:8 - len(listed)])
    inference.write_text(head + "\nrelated:\n" + "".join(f"  - {slug}\n" for slug in eight)
                         + "example:" + tail.split("\nexample:", 1)[1], encoding="utf-8")
    before = inference.read_bytes()
    code, _, err = run("links", "--fix")
    assert code == 1 and "content/terms/inference.md: not changed: related would hold more than the 8 closest" in err
    assert "# glossary-disable GL307(inference): reason" in err
    assert inference.read_bytes() == before
    assert err.endswith("added 2 back-links in 2 files\n")  # the other two terms had room


def test_fix_is_refused_while_a_link_is_broken(edge: Project) -> None:
    """A back-link added beside a misspelt slug would become a repeat once the typo is fixed."""
    edge.write("edge-inference.md", EDGE.format(switch="").replace("  - latency\n", "  - latencyy\n"))
    before = {path.name: path.read_bytes() for path in edge.content.iterdir()}
    code, out, err = run("links", "--fix")
    assert code == 1 and out == ""
    assert "content/terms/edge-inference.md:10:5: error GL210 related term 'latencyy' does not exist; did you mean 'latency'?" in err
    assert err.endswith("links --fix refused: fix the errors above first; nothing was written\n")
    assert {path.name: path.read_bytes() for path in edge.content.iterdir()} == before


def test_with_gl307_switched_off_for_the_project_nothing_is_added(edge: Project) -> None:
    (edge.root / "pyproject.toml").write_text('[tool.glossary]\ncontent = "content/terms"\ndisable = ["GL307"]\n',
                                              encoding="utf-8")
    assert run("links", "--fix") == (0, "", "added 0 back-links in 0 files\n")
