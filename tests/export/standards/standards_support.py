"""Helpers for the standards files' tests: the sample glossary exported, its entries, and odd entries."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import sample_project
from glossary.cli import main
from glossary.export.documents import plain_text
from glossary.export.standards import Entry, entry_of


def export(root: Path, *options: str) -> Path:
    """Export the project at `root` to root/dist (the CLI, run from the project's root); the folder."""
    here = Path.cwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, ["export", "--out", "dist", "--no-cache", *options], catch_exceptions=False)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.stderr
    return root / "dist"


def entries_of(dist: Path) -> list[Entry]:
    """The entries of an export, made from its term documents as the export makes them."""
    documents = [json.loads(path.read_bytes()) for path in sorted((dist / "terms").glob("*.json"))]
    return [entry_of(d, plain_text(d["definition_html"])) for d in documents if "definition_html" in d]


@pytest.fixture
def sample_export(tmp_path: Path) -> Path:
    """The sample glossary exported without a base URL."""
    return export(sample_project(tmp_path / "sample").root)


ODD = Entry(
    slug="3d-chip", title="3D Chip", summary='A "chip" with layers\\ and\nlines.',
    definition='A 3D chip stacks dies: "quoted", back\\slash, tab\there,\r\nCRLF, and ünïcödé — “typographic”.',
    example=None, aliases=("3D Chip", "stacked chip", "SC"), abbreviation="SC",
    deprecated=(("stacked chip", "an alias too"), ("3D chip", "lower case"), ("tower chip", None)),
    related=("3d-chip",), category="hardware", category_label="Hardware", status="deprecated",
    superseded_by="gpu", updated="2026-01-02", page_url=None)
