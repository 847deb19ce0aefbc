"""Format 1.3.0 (names with a status) after a 1.2.0 export: `--previous` follows the older export, its feed
lists every term as changed (each document's format_version and new fields changed it), and a consumer's
mirror made from the 1.2.0 export syncs across to the 1.3.0 one, equal to it file for file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, Project, Served, snapshot, term
from glossary.cli import main
from glossary.export import documents, feed, writing

BASE = "https://example.org/g/"
NEW_FIELDS = ("abbreviation", "deprecated_names")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stderr


def as_1_2(monkeypatch: pytest.MonkeyPatch, project: Project) -> None:
    """Make the tool write format 1.2.0, as the version before this one did, checked by the 1.2.0 schema."""
    real = writing.term_document

    def old_document(*args: Any) -> dict[str, Any]:
        document = real(*args)
        for name in NEW_FIELDS:
            document.pop(name)
        document["format_version"] = "1.2.0"
        document["content_hash"] = documents.content_hash(document, args[2].place)
        return document

    for module in (documents, writing, feed):
        monkeypatch.setattr(module, "FORMAT_VERSION", "1.2.0")
    monkeypatch.setattr(writing, "INDEX_FIELDS", documents.INDEX_FIELDS[:-1])
    monkeypatch.setattr(writing, "term_document", old_document)
    real_rest = writing._write_the_rest

    def old_rest(files: Any, feed: Any, summaries: Any, more: dict[str, Any]) -> None:
        real_rest(files, feed, summaries, {key: value for key, value in more.items() if key != "formats"})

    monkeypatch.setattr(writing, "standard_files", lambda entries, place: {})  # 1.3.0 added them
    monkeypatch.setattr(writing, "_write_the_rest", old_rest)
    shutil.copy(FIXTURES / "export" / "export-1.2.0.schema.json", project.root / "schema" / "export.schema.json")


def publish(project: Project, site: Path) -> None:
    code, err = run("export", "--out", "dist", "--no-cache", "--base-url", BASE)
    assert code == 0, err
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(project.root / "dist", site)


def test_a_1_2_export_then_a_1_3_one_and_a_consumer_syncing_across(
        glossary_project: Project, tmp_path: Path, serve: Callable[[Path], Served],
        monkeypatch: pytest.MonkeyPatch) -> None:
    site, mirror = tmp_path / "site", tmp_path / "mirror"
    export_schema = (glossary_project.root / "schema" / "export.schema.json").read_bytes()
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]", abbreviation="BT",
                                           deprecated_names="[{name: old beta, why: Retired in 2025.}]"))
    with monkeypatch.context() as patched:
        as_1_2(patched, glossary_project)
        publish(glossary_project, site)
    old = json.loads((site / "terms" / "beta.json").read_bytes())
    assert old["format_version"] == "1.2.0" and not set(NEW_FIELDS) & old.keys()
    server = serve(site)
    code, err = run("sync", server.url, str(mirror))
    assert code == 0, err

    (glossary_project.root / "schema" / "export.schema.json").write_bytes(export_schema)
    publish(glossary_project, site)  # dist/ holds the 1.2.0 export: it is the previous one
    index = json.loads((site / "index.json").read_bytes())
    assert index["format_version"] == "1.3.0"
    assert {entry["slug"]: entry["abbreviation"] for entry in index["terms"]} == {
        "alpha": None, "beta": "BT", "old-alpha": None}
    beta = json.loads((site / "terms" / "beta.json").read_bytes())
    assert (beta["abbreviation"], beta["deprecated_names"]) == ("BT", [{"name": "old beta", "why": "Retired in 2025."}])
    alpha = json.loads((site / "terms" / "alpha.json").read_bytes())
    assert (alpha["abbreviation"], alpha["deprecated_names"]) == (None, [])
    change = json.loads((site / "changes.json").read_bytes())
    assert change["sequence"] == 2 and sorted(change["changed"]) == ["alpha", "beta", "old-alpha"]

    server.requests[:] = []
    code, err = run("sync", server.url, str(mirror))
    assert code == 0, err
    assert "by the change feed from entry 1: 3 term files fetched" in err
    assert snapshot(mirror) == snapshot(site)


def test_the_entry_of_the_standards_writers_sees_the_new_fields(glossary_project: Project) -> None:
    from glossary.export.standards import entry_of

    glossary_project.write("beta.md", term("beta", related="[alpha]", abbreviation="BT",
                                           deprecated_names="[{name: old beta}, {name: Beta One, why: Renamed.}]"))
    assert run("export", "--out", "dist", "--no-cache")[0] == 0
    document = json.loads((glossary_project.root / "dist" / "terms" / "beta.json").read_bytes())
    entry = entry_of(document, "Beta is a made-up term.")
    assert entry.abbreviation == "BT" and entry.deprecated == (("old beta", None), ("Beta One", "Renamed."))
    assert document["json_ld"]["@graph"][0]["alternateName"] == ["BT"]
