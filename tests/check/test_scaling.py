"""No check compares every term with every term: on a glossary four times larger, with four times the
broken links, unknown names in switches, one-way links and mentions, lint does about four times the work.

The work is counted, not timed: the number of Python function calls (sys.setprofile), which a check
that compares each term with every other term multiplies by sixteen."""

from __future__ import annotations

from pathlib import Path

from conftest import Project, counted_lint, term
from glossary.lint.job import LintSettings


def storm(project: Project, count: int) -> None:
    """Terms shaped like a glossary whose writers deleted two popular terms: every term still links them
    in related, in its body and in a switch comment; each also names a term of its own that is gone."""
    for number in range(count):
        slug = f"topic-{number}"
        following = f"topic-{(number + 1) % count}"
        body = (f"Compare [the hub](popular-one.md), [[popular-two]] and [[gone-{number}]]. "
                f"Topic {(number + 2) % count} comes later, and Topic {(number + 3) % count} after it.")
        text = term(slug, title=f"Topic {number}", aliases=f"[Subject {number}]",
                    summary=f"A short plain sentence about topic number {number}.",
                    related=f"[{following}, popular-one, popular-two, gone-{number}]\n"
                            f"# glossary-disable GL307(popular-one, gone-{number}): a broad term")
        project.write(f"{slug}.md", text.replace("The body of the term.", body))
    (project.content.parent / "redirects.yml").write_text(
        "".join(f"old-{number}: gone-{number}\n" for number in range(count)), encoding="utf-8")


def calls_to_lint(root: Path, count: int) -> tuple[int, set[str]]:
    project = Project(root)
    storm(project, count)
    settings = LintSettings(project.root, project.content, project.root / "schema" / "term.schema.json", cache=False)
    counted, found = counted_lint(settings)
    return counted, {d.code for d in found}


def test_four_times_the_terms_is_about_four_times_the_work(tmp_path: Path) -> None:
    small, small_codes = calls_to_lint(tmp_path / "small", 60)
    large, large_codes = calls_to_lint(tmp_path / "large", 240)
    assert small_codes == large_codes >= {"GL210", "GL300", "GL307", "GL309", "GL218"}
    assert large / small < 4.6, f"{large / small:.1f} times the calls for 4 times the terms"
