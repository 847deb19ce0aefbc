"""glossary sync: a first download, then only what changed; equal, file for file, to the export it mirrors;
never half-updated. Exports are served over HTTP on 127.0.0.1 (a thread of the test's own process)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import Project, Served, snapshot, term
from glossary.cli import main

BASE = "https://example.org/g/"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def times(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


class Publisher:
    """Exports the project and publishes each export to the served site folder, as the publish job does."""

    def __init__(self, project: Project, site: Path, *options: str) -> None:
        self.project, self.site, self.options = project, site, options

    def publish(self) -> None:
        code, _, err = run("export", "--out", "dist", "--no-cache", *self.options)
        assert code == 0, err
        if self.site.exists():
            shutil.rmtree(self.site)
        shutil.copytree(self.project.root / "dist", self.site)


def edit(project: Project, slug: str, body: str, **fields: str) -> None:
    project.write(f"{slug}.md", term(slug, **fields).replace("The body of the term.", body))


@pytest.fixture
def site(glossary_project: Project, tmp_path: Path, serve: Callable[[Path], Served]) -> tuple[Publisher, Served]:
    folder = tmp_path / "site"
    publisher = Publisher(glossary_project, folder, "--base-url", BASE)
    publisher.publish()
    return publisher, serve(folder)


def term_requests(server: Served) -> list[str]:
    return sorted(path.removeprefix("/terms/").removesuffix(".json") for path in server.requests
                  if path.startswith("/terms/"))


def test_a_first_sync_downloads_everything_and_a_second_nothing(site: tuple[Publisher, Served],
                                                               tmp_path: Path) -> None:
    publisher, server = site
    mirror = tmp_path / "mirror"
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0, err
    assert "by a first download: 3 term files fetched" in err
    assert snapshot(mirror) == snapshot(publisher.site)
    before, server.requests[:] = times(mirror), []
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0 and "is up to date (entry 1)" in err
    assert server.requests == ["/index.json", "/changes/index.json"] and times(mirror) == before


def test_a_sync_that_missed_a_publish_fetches_only_the_terms_that_changed(site: tuple[Publisher, Served],
                                                                         tmp_path: Path) -> None:
    publisher, server = site
    project = publisher.project
    mirror = tmp_path / "mirror"
    assert run("sync", server.url, str(mirror))[0] == 0
    kept = times(mirror)
    edit(project, "old-alpha", "Edited once.", status="deprecated", superseded_by="alpha")
    publisher.publish()  # entry 2, missed
    assert run("rename", "beta", "beta-prime")[0] == 0  # alpha links beta, so alpha changes too
    edit(project, "delta", "New.", related="[alpha]")
    edit(project, "alpha", "Alpha sits beside [the beta term](beta-prime.md).", related="[beta-prime, delta]")
    publisher.publish()  # entry 3
    server.requests[:] = []
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0, err
    assert "by the change feed from entry 1: 5 term files fetched, 0 dropped" in err
    assert term_requests(server) == ["alpha", "beta", "beta-prime", "delta", "old-alpha"]
    assert "/glossary.json" not in server.requests  # put together from the term files, checked by its digest
    assert {"/changes/2.json", "/changes/3.json"} <= set(server.requests) and "/changes/1.json" not in server.requests
    assert snapshot(mirror) == snapshot(publisher.site)
    assert json.loads((mirror / "terms" / "beta.json").read_bytes())["redirect_to"] == "beta-prime"
    assert times(mirror)["changes/1.json"] == kept["changes/1.json"]


def test_a_gap_the_feed_cannot_bridge_falls_back_to_the_hashes(site: tuple[Publisher, Served], tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    from glossary.export import feed

    monkeypatch.setattr(feed, "HISTORY", 2)
    publisher, server = site
    mirror = tmp_path / "mirror"
    assert run("sync", server.url, str(mirror))[0] == 0
    for number in range(3):  # entries 2, 3 and 4: the feed keeps only 3 and 4
        edit(publisher.project, "beta", f"Body {number}.", related="[alpha]")
        publisher.publish()
    (publisher.project.content / "old-alpha.md").unlink()
    publisher.publish()
    server.requests[:] = []
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0, err
    assert "by index.json's hashes (the change feed could not bridge the gap)" in err
    assert term_requests(server) == ["beta", "old-alpha"]  # the tombstone is new; alpha is as it was
    assert snapshot(mirror) == snapshot(publisher.site)


def test_a_source_that_started_a_new_feed_is_mirrored_by_the_hashes(site: tuple[Publisher, Served],
                                                                    tmp_path: Path) -> None:
    publisher, server = site
    mirror = tmp_path / "mirror"
    edit(publisher.project, "beta", "Body.", related="[alpha]")
    publisher.publish()
    assert run("sync", server.url, str(mirror))[0] == 0
    shutil.rmtree(publisher.project.root / "dist")  # published from scratch: the feed starts again at 1
    edit(publisher.project, "beta", "Body again.", related="[alpha]")
    publisher.publish()
    server.requests[:] = []
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0 and "index.json's hashes" in err
    assert term_requests(server) == ["beta"] and snapshot(mirror) == snapshot(publisher.site)


@pytest.mark.parametrize("break_it, expected", [
    (lambda server, site: server.status.update({"/terms/beta.json": 500}), "the server answered 500"),
    (lambda server, site: (site / "terms" / "beta.json").write_text(
        (site / "terms" / "beta.json").read_text(encoding="utf-8").replace("Body", "Tampered"), encoding="utf-8"),
     "is not what index.json says it is"),
    (lambda server, site: (site / "glossary.json").write_text("{}", encoding="utf-8"), "glossary.json"),
    (lambda server, site: (site / "changes" / "2.json").write_text("{}", encoding="utf-8"),
     "changes/2.json cannot be followed"),
])
def test_a_failed_sync_leaves_the_mirror_exactly_as_it_was(glossary_project: Project, tmp_path: Path,
                                                           serve: Callable[[Path], Served],
                                                           break_it: Callable[[Served, Path], object],
                                                           expected: str) -> None:
    publisher = Publisher(glossary_project, tmp_path / "site")  # relative URLs: the bundle is fetched
    publisher.publish()
    server = serve(publisher.site)
    mirror = tmp_path / "mirror"
    assert run("sync", server.url, str(mirror))[0] == 0
    before, stamped = snapshot(mirror), times(mirror)
    edit(glossary_project, "beta", "Body.", related="[alpha]")
    publisher.publish()
    break_it(server, publisher.site)
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 1 and expected in err and "unchanged" in err, err
    assert snapshot(mirror) == before and times(mirror) == stamped
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".mirror")] == []


def test_a_mirror_damaged_locally_is_mended(site: tuple[Publisher, Served], tmp_path: Path) -> None:
    publisher, server = site
    mirror = tmp_path / "mirror"
    assert run("sync", server.url, str(mirror))[0] == 0
    (mirror / "terms" / "alpha.json").write_text("{}", encoding="utf-8")
    (mirror / "terms" / "beta.json").unlink()
    server.requests[:] = []
    code, _, err = run("sync", server.url, str(mirror))
    assert code == 0, err
    assert term_requests(server) == ["alpha", "beta"] and snapshot(mirror) == snapshot(publisher.site)


def test_a_source_made_before_the_feed_is_mirrored_from_its_index(glossary_project: Project, tmp_path: Path) -> None:
    assert run("export", "--out", str(tmp_path / "old"))[0] == 0
    shutil.rmtree(tmp_path / "old" / "changes")  # as format 1.1 published it: changes.json only
    index = json.loads((tmp_path / "old" / "index.json").read_bytes())
    for key in ("sequence", "removed", "base_url", "page_url_template"):
        index.pop(key)
    index["format_version"] = "1.1.0"
    (tmp_path / "old" / "index.json").write_text(json.dumps(index), encoding="utf-8")
    code, _, err = run("sync", str(tmp_path / "old"), str(tmp_path / "mirror"))
    assert code == 0, err
    assert snapshot(tmp_path / "mirror") == snapshot(tmp_path / "old")


def test_a_destination_that_is_not_a_mirror_is_refused(site: tuple[Publisher, Served], tmp_path: Path) -> None:
    _, server = site
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run("sync", server.url, str(mine))
    assert code == 2 and "is not an earlier mirror" in err
    assert (mine / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("index, expected", [
    ({"format_version": "1.2.0", "terms": [{"slug": "../../etc/passwd", "content_hash": "sha256:" + "0" * 64}]},
     "is not a slug"),
    ({"format_version": "2.0.0", "terms": []}, "not 1.x"),
    ({"terms": "no"}, "not 1.x"),
])
def test_a_hostile_or_foreign_source_fails_cleanly(tmp_path: Path, index: dict[str, object], expected: str) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.json").write_text(json.dumps(index), encoding="utf-8")
    code, _, err = run("sync", str(tmp_path / "site"), str(tmp_path / "mirror"))
    assert code == 1 and expected in err
    assert not (tmp_path / "mirror").exists()


def test_nothing_there_is_a_failure_that_says_so(tmp_path: Path, serve: Callable[[Path], Served]) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("sync", serve(tmp_path / "empty").url, str(tmp_path / "mirror"))
    assert code == 1 and "index.json is not there" in err


def test_links_fall_back_to_copies_that_keep_their_times(site: tuple[Publisher, Served], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    publisher, server = site
    mirror = tmp_path / "mirror"
    assert run("sync", server.url, str(mirror))[0] == 0
    stamped = times(mirror)

    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    edit(publisher.project, "beta", "Body.", related="[alpha]")
    publisher.publish()
    assert run("sync", server.url, str(mirror))[0] == 0
    assert snapshot(mirror) == snapshot(publisher.site)
    assert times(mirror)["terms/old-alpha.json"] == stamped["terms/old-alpha.json"]


def test_the_summary_counts_in_the_singular_and_the_plural() -> None:
    from glossary.sync.mirror import SyncResult

    one = SyncResult("feed", 2, since=1, fetched=["gpu"], formats_fetched=["glossary.ttl"])
    assert one.sentence(Path("m")) == ("synced m to entry 2 by the change feed from entry 1: 1 term file fetched, "
                                       "0 dropped, 1 standards file fetched")
    two = SyncResult("first", 1, fetched=["a", "b"], formats_fetched=["x", "y"], bundle_fetched=True)
    assert two.sentence(Path("m")).endswith(": 2 term files fetched, 0 dropped, glossary.json fetched, "
                                            "2 standards files fetched")
