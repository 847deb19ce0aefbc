"""The example folders: every good term lints clean, and every bad file gives exactly the expected codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.lint import LintSettings, run_lint

from conftest import FIXTURES, SCHEMA

# file -> every (code, line, column) it must produce, and nothing else
EXPECTED: dict[str, list[tuple[str, int, int]]] = {
    "gl004-no-front-matter.md": [("GL004", 1, 1)],
    "gl005-unclosed.md": [("GL005", 1, 1)],
    "gl006-syntax.md": [("GL006", 4, 9)],
    "gl007-not-mapping.md": [("GL007", 2, 1)],
    "gl008-duplicate-key.md": [("GL008", 9, 1)],
    "gl009-non-text-key.md": [("GL009", 9, 1)],
    "gl010-tag.md": [("GL010", 2, 8)],
    "gl011-anchor-alias.md": [("GL011", 2, 8), ("GL011", 9, 11)],
    "gl012-deep.md": [("GL012", 9, 16)],
    "gl013-impossible-date.md": [("GL013", 8, 10)],
    "gl101-missing-field.md": [("GL101", 1, 1)],
    "gl102-unknown-field.md": [("GL101", 1, 1), ("GL102", 2, 1)],
    "gl103-wrong-type.md": [("GL103", 3, 10)],
    "gl104-not-allowed.md": [("GL104", 5, 11)],
    "gl105-too-long.md": [("GL105", 3, 10)],
    "gl106-bad-form.md": [("GL106", 9, 8)],
    "gl107-repeated-item.md": [("GL107", 9, 19)],
    "Bad_Name.md": [("GL201", 1, 1)],
    "notes.txt": [("GL202", 1, 1)],
    "gl210-missing-link.md": [("GL210", 6, 11)],
    "gl211-self-link.md": [("GL211", 6, 11)],
    "gl212-repeated-link.md": [("GL212", 6, 18)],
    "gl213-links-draft.md": [("GL213", 6, 11)],
    "gl214-shared-name.md": [("GL214", 9, 11)],
    "gl301-draft-placeholder.md": [("GL301", 10, 1)],
    "gl302-published-placeholder.md": [("GL302", 3, 10)],
    "alpha.md": [],
    "draft-term.md": [],
}


def lint_folder(folder: Path) -> dict[str, list[tuple[str, int, int]]]:
    result = run_lint(LintSettings(FIXTURES.parent.parent, folder, SCHEMA))
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
    result = run_lint(LintSettings(FIXTURES.parent.parent, folder, SCHEMA, (folder / name,)))
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == EXPECTED[name]
    assert {Path(d.path).name for d in result.diagnostics} == {name}
