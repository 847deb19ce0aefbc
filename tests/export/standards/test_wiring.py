"""The standards files in the export: written with the rest (atomically, the same bytes twice, old times
kept), listed with their digests in index.json's `formats`, known as the export's own when it replaces an
earlier export, and mirrored (checked against those digests) by `glossary sync`."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project, Served, sample_project, snapshot, term
from standards_support import export

from glossary.cli import main
from glossary.export.standards import Entry, writing
from glossary.export.urls import Place

FORMATS = ["docusaurus/glossary.json", "glossary.skos.jsonld", "glossary.tbx", "glossary.ttl", "mkdocs/abbreviations.md",
           "vale/Glossary/Terms.yml", "vale/config/vocabularies/Glossary/accept.txt",
           "vale/config/vocabularies/Glossary/reject.txt"]
# the Vale and docs-site files (task C's writers), where an export puts them
OTHER_WRITERS = {"vale/config/vocabularies/Glossary/accept.txt": b"GPU\n",
                 "vale/config/vocabularies/Glossary/reject.txt": b"AI chips\n",
                 "vale/Glossary/Terms.yml": b"extends: substitution\n",
                 "docusaurus/glossary.json": b"{}\n", "mkdocs/abbreviations.md": b"*[GPU]: Graphics processing unit\n"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_index_lists_every_standards_file_with_its_digest(tmp_path: Path) -> None:
    dist = export(sample_project(tmp_path).root)
    listed = json.loads((dist / "index.json").read_bytes())["formats"]
    assert [entry["path"] for entry in listed] == FORMATS
    for entry in listed:
        assert entry["digest"] == "sha256:" + hashlib.sha256((dist / entry["path"]).read_bytes()).hexdigest()
    assert {entry["format"]: entry["media_type"] for entry in listed} == {
        "skos-json-ld": "application/ld+json", "tbx-basic": "application/x-tbx", "skos-turtle": "text/turtle",
        "docusaurus-glossary": "application/json", "mkdocs-abbreviations": "text/markdown",
        "vale-substitution": "application/yaml", "vale-accept": "text/plain", "vale-reject": "text/plain"}


def test_an_export_run_twice_keeps_the_bytes_and_times_of_the_standards_files(tmp_path: Path) -> None:
    root = sample_project(tmp_path).root
    dist = export(root)
    for name in FORMATS:
        os.utime(dist / name, ns=(1_000_000_000, 1_000_000_000))
    before = snapshot(dist)
    export(root)
    assert snapshot(dist) == before
    assert all((dist / name).stat().st_mtime_ns == 1_000_000_000 for name in FORMATS)


def test_a_failed_writer_leaves_the_previous_export_untouched(glossary_project: Project,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("export")[0] == 0
    before = snapshot(glossary_project.root / "dist")

    def broken(entries: list[Entry], place: Place) -> dict[str, bytes]:
        raise ValueError("no room on the page")

    monkeypatch.setattr(writing, "WRITERS", (*writing.WRITERS, broken))
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas, b-terms]"))
    code, _, err = run("export")
    assert code == 1 and "standards writer" in err and "no room on the page" in err and "untouched" in err
    assert snapshot(glossary_project.root / "dist") == before


@pytest.mark.parametrize("files, expected", [
    ({"notes/mine.txt": b"x"}, "not a file the export knows as its own"),
    ({"glossary.ttl": b"again"}, "which another writer gave too"),
])
def test_a_writer_may_write_only_the_export_s_own_files(glossary_project: Project, monkeypatch: pytest.MonkeyPatch,
                                                        files: dict[str, bytes], expected: str) -> None:
    monkeypatch.setattr(writing, "WRITERS", (*writing.WRITERS, lambda entries, place: files))
    code, _, err = run("export")
    assert code == 1 and expected in err
    assert not (glossary_project.root / "dist").exists()


def test_an_export_replaces_its_own_earlier_folder_with_every_writer_s_files(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"

    def with_other_writers_files() -> None:
        for path, data in OTHER_WRITERS.items():
            (dist / path).parent.mkdir(parents=True, exist_ok=True)
            (dist / path).write_bytes(data)

    assert run("export")[0] == 0
    with_other_writers_files()
    code, _, err = run("export")
    assert code == 0, err
    with_other_writers_files()
    (dist / "vale" / "Glossary" / "mine.txt").write_text("a writer's own notes", encoding="utf-8")
    code, _, err = run("export")
    assert code == 2 and "holds vale/Glossary/mine.txt" in err


def test_sync_mirrors_the_standards_files_and_checks_their_digests(glossary_project: Project, tmp_path: Path,
                                                                   serve: Callable[[Path], Served]) -> None:
    site = tmp_path / "site"
    assert run("export", "--out", str(site), "--base-url", "https://example.org/g/")[0] == 0
    server = serve(site)
    mirror = tmp_path / "mirror"
    assert run("sync", server.url, str(mirror))[0] == 0
    assert snapshot(mirror) == snapshot(site)
    before = snapshot(site)
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas, b-terms]"))
    assert run("export", "--out", str(site), "--base-url", "https://example.org/g/")[0] == 0
    server.requests[:] = []
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0
    changed = {name for name, data in snapshot(site).items() if before.get(name) != data}
    fetched = len(set(FORMATS) & changed)
    assert f", {fetched} standards file{'' if fetched == 1 else 's'} fetched" in err
    assert snapshot(mirror) == snapshot(site)
    assert {f"/{name}" for name in FORMATS if name in changed} <= set(server.requests)  # fetched when changed
    assert not {f"/{name}" for name in FORMATS if name not in changed} & set(server.requests)  # else kept
    assert {"glossary.ttl", "vale/config/vocabularies/Glossary/accept.txt"} <= changed  # a new alias
    assert "vale/Glossary/Terms.yml" not in changed
    kept = snapshot(mirror)
    (site / "glossary.tbx").write_bytes(b"<martif/>")  # not the file index.json lists
    code, _, err = run("sync", server.url, str(tmp_path / "fresh"))
    assert code == 1 and "glossary.tbx" in err and "digest" in err
    assert snapshot(mirror) == kept and not (tmp_path / "fresh").exists()
