"""The benchmark corpora are what they claim: the real-shaped one keeps each copy's problems as the
original has them (links resolve in the copy, names stay unique), and the storm breaks links in every copy."""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE
from glossary.lint.job import LintSettings, run_lint

sys.path.insert(0, str(REPO / "benchmarks"))
realshaped = pytest.importorskip("realshaped")

COPY = re.compile(r"^(?P<slug>.+?)(?:-c(?P<copy>\d+))?\.md$")


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample glossary's real-shaped terms, copied: never the folder writers change."""
    folder = tmp_path_factory.mktemp("source") / "terms"
    shutil.copytree(SAMPLE, folder)
    return folder


def by_copy(root: Path, storm: bool, source: Path) -> dict[int, Counter[tuple[str, str, int]]]:
    """Each copy's diagnostics as (original slug, code, line), counted."""
    copies: dict[int, Counter[tuple[str, str, int]]] = {}
    content, _ = realshaped.write_real_project(root, 3 * len(realshaped.read_originals(source)), storm, source)
    found = run_lint(LintSettings(root, content, root / "schema" / "term.schema.json", cache=False)).diagnostics
    for path in content.glob("*.md"):
        copies.setdefault(int(COPY.match(path.name).group("copy") or 0), Counter())  # type: ignore[union-attr]
    for d in found:
        match = COPY.match(Path(d.path).name)
        assert match is not None
        copies[int(match.group("copy") or 0)][(match.group("slug"), d.code, d.line)] += 1
    return copies


def test_every_copy_has_the_problems_of_the_original(tmp_path: Path, source: Path) -> None:
    copies = by_copy(tmp_path / "real", False, source)
    assert sorted(copies) == [0, 1, 2]
    assert copies[1] == copies[0] and copies[2] == copies[0]


def test_the_storm_breaks_the_links_to_two_popular_terms_in_every_copy(tmp_path: Path, source: Path) -> None:
    gone = realshaped.popular(realshaped.read_originals(source))
    copies = by_copy(tmp_path / "storm", True, source)
    assert copies[1] == copies[0] and copies[2] == copies[0]
    broken = sum(count for (_, code, _), count in copies[0].items() if code == "GL210")
    assert broken >= 2 * 2  # each of the two deleted terms was listed by at least two others
    left = {COPY.match(path.name).group("slug") for path in (tmp_path / "storm" / "content" / "terms").glob("*.md")}  # type: ignore[union-attr]
    assert len(gone) == 2 and not left & set(gone)
