"""The change feed across exports: entries numbered from 1, each from the glossary.json before to the one
after; continued from --previous (a folder, or a URL served on 127.0.0.1); kept as it is when nothing
changed, with the files' bytes and times; and never broken by a previous export that cannot be read."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import Project, Served, snapshot, term
from glossary.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def load(path: Path) -> Any:
    return json.loads(path.read_bytes())


def digest(path: Path) -> str:
    return "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()


def times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_each_export_that_changes_something_is_one_entry(glossary_project: Project, tmp_path: Path) -> None:
    dist = glossary_project.root / "dist"
    assert run("export")[0] == 0
    first = load(dist / "changes" / "1.json")
    assert (first["sequence"], first["from"], first["to"]) == (1, None, digest(dist / "glossary.json"))
    assert first["added"] == ["alpha", "beta", "old-alpha"] and first["content_hashes"] == {
        t["slug"]: t["content_hash"] for t in load(dist / "index.json")["terms"]}
    shutil.copytree(dist, tmp_path / "one")
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace("The body", "A body"))
    assert run("export")[0] == 0
    second = load(dist / "changes" / "2.json")
    assert (second["sequence"], second["from"], second["to"]) == (2, first["to"], digest(dist / "glossary.json"))
    assert (second["added"], second["changed"], second["removed"]) == ([], ["beta"], [])
    assert second["content_hashes"] == {"beta": load(dist / "terms" / "beta.json")["content_hash"]}
    assert load(dist / "changes.json") == second
    assert (dist / "changes" / "1.json").read_bytes() == (tmp_path / "one" / "changes" / "1.json").read_bytes()
    assert load(dist / "changes" / "index.json") == {"format_version": "1.3.0", "latest": 2, "to": second["to"],
                                                     "entries": [{"sequence": 1, "from": None, "to": first["to"]},
                                                                 {"sequence": 2, "from": first["to"],
                                                                  "to": second["to"]}]}
    assert load(dist / "index.json")["sequence"] == 2


def test_an_export_that_changes_nothing_keeps_every_byte_and_time(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    assert run("export")[0] == 0
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace("The body", "A body"))
    assert run("export")[0] == 0
    before, stamped = snapshot(dist), times(dist)
    for path in dist.rglob("*.json"):  # set the times back, so that a rewrite could not give the same time
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    stamped = times(dist)
    code, _, err = run("export")
    assert code == 0 and "change feed entry 2" in err
    assert snapshot(dist) == before and times(dist) == stamped
    glossary_project.write("alpha.md", term(related="[beta]", aliases="[alphas]"))
    assert run("export")[0] == 0  # alpha changes, and beta (alpha is in its related_by_terms) does not
    changed = {name for name, data in snapshot(dist).items() if before.get(name) != data}
    assert changed == {"terms/alpha.json", "glossary.json", "glossary.jsonld", "index.json", "changes.json",
                       "changes/index.json", "changes/3.json", "glossary.ttl", "glossary.skos.jsonld", "glossary.tbx",
                       "docusaurus/glossary.json", "vale/config/vocabularies/Glossary/accept.txt"}
    assert {name for name, time in times(dist).items() if stamped.get(name) != time} == changed


def test_previous_continues_the_feed_from_a_fresh_checkout(glossary_project: Project, tmp_path: Path) -> None:
    assert run("export", "--out", str(tmp_path / "published"))[0] == 0
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace("The body", "A body"))
    code, _, err = run("export", "--out", str(tmp_path / "fresh"), "--previous", str(tmp_path / "published"))
    assert code == 0, err
    assert f"since {tmp_path / 'published'}; change feed entry 2" in err
    entry = load(tmp_path / "fresh" / "changes.json")
    assert (entry["from"], entry["changed"]) == (digest(tmp_path / "published" / "glossary.json"), ["beta"])
    assert (tmp_path / "fresh" / "changes" / "1.json").read_bytes() == \
        (tmp_path / "published" / "changes" / "1.json").read_bytes()


def test_previous_over_http_and_a_first_publish_that_finds_nothing(glossary_project: Project, tmp_path: Path,
                                                                  serve: Callable[[Path], Served]) -> None:
    site = tmp_path / "site"
    site.mkdir()
    pages = serve(site)
    code, _, err = run("export", "--out", str(tmp_path / "first"), "--previous", pages.url)
    assert code == 0, err  # nothing published yet: index.json answers 404, and this is entry 1
    assert "change feed entry 1" in err and pages.requests == ["/index.json"]
    shutil.rmtree(site)
    shutil.copytree(tmp_path / "first", site)
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace("The body", "A body"))
    code, _, err = run("export", "--out", str(tmp_path / "second"), "--previous", pages.url)
    assert code == 0, err
    assert load(tmp_path / "second" / "changes.json")["from"] == digest(site / "glossary.json")
    assert "/glossary.json" not in pages.requests  # the feed says what the bundle's digest is


@pytest.mark.parametrize("trouble, expected", [
    ({"/index.json": 500}, "the server answered 500"),
    ({"/changes/1.json": 404}, "lists changes/1.json, which is not there"),
])
def test_a_previous_export_that_cannot_be_read_stops_the_export(glossary_project: Project, tmp_path: Path,
                                                               serve: Callable[[Path], Served],
                                                               trouble: dict[str, int], expected: str) -> None:
    assert run("export", "--out", str(tmp_path / "site"))[0] == 0
    pages = serve(tmp_path / "site")
    pages.status.update(trouble)
    code, _, err = run("export", "--out", str(tmp_path / "next"), "--previous", pages.url)
    assert code == 1 and expected in err and "the export is not written" in err
    assert not (tmp_path / "next").exists()


def test_no_server_at_all_stops_the_export(glossary_project: Project, tmp_path: Path) -> None:
    gone = Served(tmp_path)
    gone.close()  # its port is free again: nothing answers there
    code, _, err = run("export", "--out", str(tmp_path / "next"), "--previous", gone.url)
    assert code == 1 and "cannot read the previous export" in err and "Connection refused" in err


def test_a_half_published_previous_export_stops_the_export(glossary_project: Project, tmp_path: Path) -> None:
    assert run("export", "--out", str(tmp_path / "old"))[0] == 0
    assert run("export")[0] == 0
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace("The body", "A body"))
    assert run("export")[0] == 0
    shutil.copy(tmp_path / "old" / "index.json", glossary_project.root / "dist" / "index.json")  # a stale cache
    code, _, err = run("export")
    assert code == 1 and "index.json is of entry 1 and changes/index.json of 2" in err


def test_a_feed_with_a_gap_is_not_followed(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    for number in range(3):
        glossary_project.write("beta.md", term("beta", related="[alpha]").replace("The body", f"Body {number}"))
        assert run("export")[0] == 0
    feed = load(dist / "changes" / "index.json")
    del feed["entries"][1]
    (dist / "changes" / "index.json").write_text(json.dumps(feed), encoding="utf-8")
    code, _, err = run("export")
    assert code == 1 and "does not list its entries in order, one after the other" in err


@pytest.mark.parametrize("where", ["ftp://example.org/g/", "https:///nothing", "https://example.org/g/?v=1",
                                   "no-such-folder"])
def test_previous_must_be_a_folder_or_an_http_address(glossary_project: Project, where: str) -> None:
    code, _, err = run("export", "--previous", where)
    assert code == 2 and where in err


def test_the_feed_keeps_the_last_entries_only(glossary_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.export import feed

    monkeypatch.setattr(feed, "HISTORY", 3)
    dist = glossary_project.root / "dist"
    for number in range(5):
        glossary_project.write("beta.md", term("beta", related="[alpha]").replace("The body", f"Body {number}"))
        assert run("export")[0] == 0
    index = load(dist / "changes" / "index.json")
    assert [entry["sequence"] for entry in index["entries"]] == [3, 4, 5]
    assert sorted(path.name for path in (dist / "changes").iterdir()) == ["3.json", "4.json", "5.json", "index.json"]


def test_a_format_1_1_export_is_followed_from_its_changes_json(glossary_project: Project, tmp_path: Path) -> None:
    old = tmp_path / "old"
    (old / "terms").mkdir(parents=True)
    (old / "index.json").write_text(json.dumps({"format_version": "1.1.0", "count": 1, "redirects": {}, "terms": [
        {"slug": "beta", "title": "Beta", "summary": "s", "category": "concepts", "tags": [], "status": "published",
         "superseded_by": None, "content_hash": "sha256:" + "0" * 64}]}), encoding="utf-8")
    (old / "changes.json").write_text(json.dumps({"format_version": "1.1.0", "from": None, "to": "sha256:" + "1" * 64,
                                                  "added": ["beta"], "removed": [], "changed": []}), encoding="utf-8")
    code, _, err = run("export", "--out", str(tmp_path / "new"), "--previous", str(old))
    assert code == 0, err
    entry = load(tmp_path / "new" / "changes" / "1.json")
    assert (entry["from"], entry["added"], entry["changed"]) == ("sha256:" + "1" * 64, ["alpha", "old-alpha"], ["beta"])


def test_settings_that_move_every_url_list_every_redirect_again(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    assert run("rename", "beta", "beta-prime")[0] == 0
    assert run("export")[0] == 0
    assert run("export", "--base-url", "https://example.org/g/")[0] == 0
    entry = load(dist / "changes.json")
    assert entry["redirects"] == {"beta": "beta-prime"}
    assert set(entry["changed"]) == {"alpha", "beta-prime", "old-alpha"}
