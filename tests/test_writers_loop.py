"""The writer's whole loop, end to end, on a copy of the repository's own terms: a new term filled in, its
back-links added, lint, fmt, the most-linked term renamed with a new title, a term deprecated, the build,
and the review diff against the starting commit.

This is the one test that reads the repository's terms, and it checks what the tool does to them, not what
state they are in: each step is compared with the copy as it was before the step. The terms it works on
are chosen from whatever the glossary holds, terms with errors are left out of the copy, and where fewer
than six are left it runs on the sample glossary, so that no content change can fail it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, SAMPLE, Project
from glossary.cli import main

GIT_ENV = {"GIT_AUTHOR_NAME": "Writer", "GIT_AUTHOR_EMAIL": "writer@example.org", "GIT_COMMITTER_NAME": "Writer",
           "GIT_COMMITTER_EMAIL": "writer@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
NEW_TERM = """---
title: Zebra Harness Check
summary: A made-up entry that lets the tests walk through every step a writer takes.
definition: >-
  A zebra harness check is a made-up entry, written by the tests, that walks through every step a writer
  takes, from the first draft to the review.
category: {category}
related:
{related}
status: published
updated: 2026-11-27
---
The zebra harness check exists only in a temporary copy. It links {links}.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def git(where: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=where, env={**os.environ, **GIT_ENV}, capture_output=True,
                          text=True, check=True).stdout


def front_matter(path: Path) -> dict[str, object]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n")) or {})


def problems(project: Project, *files: Path) -> Counter[tuple[str, str]]:
    return Counter((d.path, d.code) for d in project.lint(*files))


def without_errors(project: Project) -> list[Path]:
    """Leave only the terms lint finds no error in, however broken the copied glossary is (a writer's branch
    may be mid-edit: the loop checks the tool, not the content); a term linking to one dropped is dropped
    in turn. The redirects go too if they hold an error. Gives the terms left."""
    while True:
        broken = {d.path for d in project.lint() if d.severity == "error"}
        files = [project.root / shown for shown in broken if (project.root / shown).is_file()]
        if not files:  # none left, or errors on no file (a schema's): nothing more to drop
            return [] if broken else sorted(project.content.glob("*.md"))
        for path in files:
            path.unlink()


def published(project: Project) -> dict[str, dict[str, object]]:
    """Every published term that lint reads without a reading or YAML problem, with its front matter."""
    broken = {d.path for d in project.lint() if d.code.startswith("GL0")}
    found = {}
    for path in sorted(project.content.glob("*.md")):
        if f"content/terms/{path.name}" not in broken:
            data = front_matter(path)
            if data.get("status") == "published" and isinstance(data.get("related"), list):
                found[path.stem] = data
    return found


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_the_writers_loop_on_a_copy_of_the_repositorys_terms(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path / "glossary")
    shutil.copy(REPO / "schema" / "export.schema.json", project.root / "schema" / "export.schema.json")
    for path in (REPO / "content" / "terms").glob("*.md"):
        shutil.copy(path, project.content / path.name)
    if (REPO / "content" / "redirects.yml").is_file():
        shutil.copy(REPO / "content" / "redirects.yml", project.root / "content" / "redirects.yml")
    monkeypatch.chdir(project.root)
    if len(without_errors(project)) < 6:  # the glossary is mid-edit: run the loop on the sample instead
        for path in project.content.glob("*.md"):
            path.unlink()
        (project.root / "content" / "redirects.yml").unlink(missing_ok=True)
        for path in SAMPLE.glob("*.md"):
            shutil.copy(path, project.content / path.name)
    terms = published(project)
    assert len(terms) >= 6
    git(project.root, "init", "-q", "-b", "main")
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "the glossary as it is")
    git(project.root, "switch", "-q", "-c", "writer")
    before = problems(project)
    unformatted = set(run("fmt", "--check")[1].split())
    exported = run("export", "--out", str(tmp_path / "before"))[0]

    # 1. A new term, filled in, listing three terms that have room in their related lists.
    linked_to = Counter(target for data in terms.values() for target in data["related"] if isinstance(target, str))
    most_linked = max(sorted(terms), key=lambda slug: linked_to[slug])
    targets = [slug for slug in sorted(terms) if slug != most_linked and len(terms[slug]["related"]) < 19][:3]
    assert run("new", "Zebra Harness Check")[0] == 0
    new_path = project.content / "zebra-harness-check.md"
    category = front_matter(new_path)["category"]
    new_path.write_text(NEW_TERM.format(category=category, related="\n".join(f"  - {slug}" for slug in targets),
                                        links=", ".join(f"[[{slug}]]" for slug in targets)), encoding="utf-8")
    found = problems(project, new_path)
    assert found[("content/terms/zebra-harness-check.md", "GL307")] == 3  # nobody lists it back yet

    # 2. The back-links added by command; nothing else in the glossary changes.
    code, _, err = run("links", "--fix")
    assert code == 0, err
    assert err.endswith(f"added 3 back-links in {len(targets)} files\n")
    after_fix = problems(project)
    mine = {key: count for key, count in after_fix.items() if key[0] == "content/terms/zebra-harness-check.md"}
    assert not {code for _, code in mine} & {"GL307", "GL308"} and not [
        d for d in project.lint(new_path) if d.severity == "error"]
    assert after_fix - Counter(mine) == before  # the other terms: the same problems as before, no more
    for slug in targets:
        assert "zebra-harness-check" in front_matter(project.content / f"{slug}.md")["related"]

    # 3. fmt: the new term takes the canonical form; the terms links --fix wrote are in it already.
    assert run("fmt", "content/terms/zebra-harness-check.md")[0] == 0
    assert set(run("fmt", "--check")[1].split()) <= unformatted

    # 4. The most-linked term renamed, with a new title: every reference follows, no problem is added.
    old_title = str(terms[most_linked]["title"])
    renamed = f"{most_linked}-renamed"
    code, out, err = run("rename", most_linked, renamed, "--title", f"{old_title} Renamed")
    assert code == 0, err
    after_rename = problems(project)
    assert sum(after_rename.values()) <= sum(after_fix.values())
    assert not any(most_linked in d.message.split("'") for d in project.lint() if d.code == "GL210")
    data = front_matter(project.content / f"{renamed}.md")
    assert data["title"] == f"{old_title} Renamed" and old_title in data["aliases"]  # type: ignore[operator]
    assert yaml.safe_load((project.root / "content" / "redirects.yml").read_text(encoding="utf-8"))[most_linked] \
        == renamed
    assert set(run("fmt", "--check")[1].split()) <= unformatted | {f"content/terms/{most_linked}.md"}

    # 5. A term deprecated in favour of the renamed one: no new error.
    retired = next(slug for slug in sorted(terms) if slug not in (most_linked, *targets))
    path = project.content / f"{retired}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "\nstatus: published\n", f"\nstatus: deprecated\nsuperseded_by: {renamed}\n", 1), encoding="utf-8")
    errors = [d for d in project.lint() if d.severity == "error"]
    assert len(errors) <= sum(1 for _, code in before.elements() if code in _error_codes())

    # 6. The build, and the review diff against the starting commit (both sides built by this tool).
    code, _, err = run("build")
    assert code == exported, err  # builds exactly when the glossary built before the loop
    git(project.root, "add", "-A")
    git(project.root, "commit", "-q", "-m", "a writer's change")
    code, out, err = run("diff", "main", "--format", "json")
    if exported != 0:
        assert code == 1 and "does not export" in err
        return
    assert code == 0, err
    review = json.loads(out)
    assert review["added"] == ["zebra-harness-check"]
    assert review["renamed"] == [{"from": most_linked, "to": renamed}] and review["removed"] == []
    assert {"field": "title"} in review["fields"][renamed]
    assert {"field": "status"} in review["fields"][retired]
    for slug in targets:
        [related] = [change for change in review["fields"][slug] if change["field"] == "related"]
        assert "zebra-harness-check" in related["added"]
    redirect = json.loads((project.root / "dist" / "terms" / f"{most_linked}.json").read_bytes())
    assert redirect["redirect_to"] == renamed


def _error_codes() -> set[str]:
    from glossary.diagnostics import CODES

    return {code for code, entry in CODES.items() if entry.severity == "error"}
