"""Shared helpers: small projects built in tmp_path, and a one-call way to lint them."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from glossary.diagnostics import CODES, Diagnostic
from glossary.lint.job import LintSettings, run_lint
from glossary.read.switches import switchable

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schema" / "term.schema.json"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Twelve real-shaped published terms (gpu and its neighbours): a frozen extract of the repository's own
# glossary, closed under its links, lint --strict clean and formatted. Tests that need real-shaped data
# use a copy of it, never content/terms, so that no change to the glossary can fail a test of the tool.
SAMPLE = FIXTURES / "glossary"


def term(slug: str = "alpha", **fields: str) -> str:
    """A valid published term's text; keyword arguments replace or add front-matter lines verbatim."""
    base = {
        "title": slug.replace("-", " ").title(),
        "summary": f"A short plain sentence about {slug} for testing.",
        "definition": f"{slug.replace('-', ' ').title()} is a made-up term used by the tests, defined in one paragraph.",
        "category": "concepts",
        "related": "[]",
        "status": "published",
        "updated": "2026-11-27",
    }
    base.update(fields)
    lines = [f"{key}: {value}" for key, value in base.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\nThe body of the term.\n"


class Project:
    """A throwaway glossary project: pyproject.toml, the real schema, and a content folder."""

    def __init__(self, root: Path, disabled: frozenset[str] = frozenset()) -> None:
        self.root = root
        self.disabled = disabled
        self.content = root / "content" / "terms"
        self.content.mkdir(parents=True)
        (root / "schema").mkdir()
        shutil.copy(SCHEMA, root / "schema" / "term.schema.json")
        (root / "pyproject.toml").write_text('[tool.glossary]\ncontent = "content/terms"\n'
                                             f"disable = {sorted(disabled)}\n", encoding="utf-8")

    def write(self, name: str, text: str) -> Path:
        path = self.content / name
        path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def write_bytes(self, name: str, data: bytes) -> Path:
        path = self.content / name
        path.write_bytes(data)
        return path

    def lint(self, *files: Path, strict: bool = False) -> list[Diagnostic]:
        settings = LintSettings(self.root, self.content, self.root / "schema" / "term.schema.json",
                                tuple(files), strict, disabled=self.disabled)
        return run_lint(settings).diagnostics

    def codes(self, *files: Path) -> list[tuple[str, int, int]]:
        """(code, line, column) of every diagnostic, sorted."""
        return [(d.code, d.line, d.column) for d in self.lint(*files)]


# Every content-quality code: tests of reading, schema, names and links switch these off, so that their
# small made-up terms (islands, with placeholder wording) show only what those tests are about.
QUALITY = frozenset(code for code in CODES if switchable(code))


def sample_project(root: Path) -> Project:
    """A project in `root` holding a copy of the sample glossary (see SAMPLE)."""
    made = Project(root)
    shutil.copy(REPO / "schema" / "export.schema.json", root / "schema" / "export.schema.json")
    for path in sorted(SAMPLE.glob("*.md")):
        shutil.copy(path, made.content / path.name)
    return made


@pytest.fixture
def sample(tmp_path: Path) -> Project:
    """A project holding a copy of the sample glossary."""
    return sample_project(tmp_path)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return Project(tmp_path)


@pytest.fixture
def plain_project(tmp_path: Path) -> Project:
    """A project with the content-quality checks off."""
    return Project(tmp_path, QUALITY)


@pytest.fixture
def in_project(project: Project, monkeypatch: pytest.MonkeyPatch) -> Project:
    """The project, with the current folder set to its root (as a writer runs the CLI)."""
    monkeypatch.chdir(project.root)
    return project


TermFactory = Callable[..., str]
