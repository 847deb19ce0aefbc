"""The consumer's loop, end to end: three publishes in a row, each from a fresh clone with the publish
workflow's own command (the export and the site) and --previous at the site the one before was published
to (served over HTTP on 127.0.0.1); then a sync that missed the second publish.

The site is a folder this test serves; "deploying" replaces it with the clone's dist/, as GitHub Pages
does. The tool is the one installed for the tests (the workflow's `pip install .` step is not repeated).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from click.testing import CliRunner
from conftest import REPO, SAMPLE, Served, snapshot
from glossary.cli import main

NEW_TERM = """---
title: Zz {title}
summary: A made-up term the publishing test adds, so that the real terms stay as the writers left them.
definition: >-
  Zz {title} is a made-up term that the publishing test adds and, in time, retires.
category: concepts
# glossary-disable GL308: a made-up term of the publishing test, which no real term lists
related: []
status: {status}
updated: 2026-11-27
---
A body for the test.
"""


def export_step() -> tuple[dict[str, str], str]:
    """The publish workflow's export step: its environment and its command."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    [found] = [step for step in workflow["jobs"]["build"]["steps"] if "glossary site" in step.get("run", "")]
    return dict(found.get("env", {})), str(found["run"])


class Repository:
    """A Git repository holding the glossary, published from fresh clones to a served site."""

    def __init__(self, root: Path, site: Served) -> None:
        self.root, self.site, self.origin = root, site, root / "origin"
        self.clones = 0
        shutil.copytree(SAMPLE, self.origin / "content" / "terms")
        shutil.copytree(REPO / "schema", self.origin / "schema")
        shutil.copy(REPO / "pyproject.toml", self.origin / "pyproject.toml")
        self.git("init", "-q", "-b", "main")
        self.commit("the glossary as it is")

    def git(self, *args: str, cwd: Path | None = None) -> None:
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                       cwd=cwd or self.origin, check=True, capture_output=True, timeout=60)

    def commit(self, message: str) -> None:
        self.git("add", "-A")
        self.git("commit", "-q", "-m", message)

    def term(self, slug: str) -> Path:
        return self.origin / "content" / "terms" / f"{slug}.md"

    def glossary(self, *args: str) -> None:
        here = Path.cwd()
        os.chdir(self.origin)
        try:
            result = CliRunner().invoke(main, list(args), catch_exceptions=False)
        finally:
            os.chdir(here)
        assert result.exit_code == 0, result.output

    def publish(self) -> subprocess.CompletedProcess[str]:
        """Clone afresh, run the workflow's export command there, and deploy dist/ if it succeeds."""
        self.clones += 1
        clone = self.root / f"clone-{self.clones}"
        self.git("clone", "-q", str(self.origin), str(clone), cwd=self.root)
        env, command = export_step()
        variables = {name: self.site.url if "github" in value else value for name, value in env.items()}
        scripts = sysconfig.get_path("scripts")
        done = subprocess.run(["bash", "-e", "-c", command], cwd=clone, capture_output=True, text=True, timeout=300,
                              env={**os.environ, **variables, "PATH": scripts + os.pathsep + os.environ["PATH"]},
                              check=False)
        if done.returncode == 0:
            shutil.rmtree(self.site.folder)
            shutil.copytree(clone / "dist", self.site.folder)
        return done


def load(path: Path) -> Any:
    return json.loads(path.read_bytes())


def exported(files: dict[str, bytes]) -> dict[str, bytes]:
    """The export's files among those published (the site's pages and assets left out): the JSON, and the
    standards files index.json lists in `formats`."""
    listed = {entry["path"] for entry in json.loads(files["index.json"]).get("formats", [])}
    return {name: data for name, data in files.items() if name in listed
            or name.endswith((".json", ".jsonld")) and name != "site.json" and not name.startswith("assets/")}


def test_three_publishes_then_a_sync_that_missed_one(tmp_path: Path, serve: Callable[[Path], Served]) -> None:
    (tmp_path / "site").mkdir()
    site = serve(tmp_path / "site")
    repo = Repository(tmp_path, site)
    slugs = sorted(path.stem for path in (repo.origin / "content" / "terms").glob("*.md"))
    edited, renamed = slugs[0], slugs[1]

    repo.term("zz-sunset").write_text(NEW_TERM.format(title="Sunset", status="published"), encoding="utf-8")
    repo.term("zz-steady").write_text(NEW_TERM.format(title="Steady", status="published"), encoding="utf-8")
    repo.commit("add two terms: one to retire later, one to stay")
    first = repo.publish()  # nothing is published yet: the site answers 404, and the feed starts
    assert first.returncode == 0, first.stderr
    assert "change feed entry 1" in first.stderr
    published_first = snapshot(site.folder)
    mirror = tmp_path / "mirror"
    sync = subprocess.run([sys.executable, "-m", "glossary", "sync", site.url, str(mirror)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert sync.returncode == 0, sync.stderr
    assert snapshot(mirror) == exported(published_first)
    assert (site.folder / "terms" / "zz-sunset" / "index.html").is_file()  # the site is published with it

    text = repo.term(edited).read_text(encoding="utf-8")
    repo.term(edited).write_text(text.rstrip("\n") + "\n\nA sentence added by the publishing test.\n", encoding="utf-8")
    repo.glossary("rename", renamed, f"{renamed}-renamed")
    repo.term("zz-sunset").write_text(NEW_TERM.format(title="Sunset", status=f"deprecated\nsuperseded_by: {edited}"),
                                      encoding="utf-8")
    repo.commit("an edit, a rename and a deprecation")
    second = repo.publish()
    assert second.returncode == 0, second.stderr
    assert f"since {site.url}; change feed entry 2" in second.stderr
    published_second = snapshot(site.folder)

    repo.term("zz-steady").unlink()  # a published term cannot simply go
    repo.commit("remove a published term")
    refused = repo.publish()
    assert refused.returncode == 1 and "content/terms/zz-steady.md:1:1: error GL220" in refused.stdout
    assert snapshot(site.folder) == published_second  # nothing was deployed
    repo.git("revert", "--no-edit", "HEAD")

    repo.term("zz-sunset").unlink()
    repo.term("zz-sunrise").write_text(NEW_TERM.format(title="Sunrise", status="published"), encoding="utf-8")
    repo.commit("a removal and an addition")
    third = repo.publish()
    assert third.returncode == 0, third.stderr
    assert f"(1 added, 0 changed, 1 removed since {site.url}; change feed entry 3)" in third.stderr

    dist = site.folder
    entries = [load(dist / "changes" / f"{n}.json") for n in (1, 2, 3)]
    assert [e["from"] for e in entries[1:]] == [e["to"] for e in entries[:-1]]
    assert entries[1]["renamed"] == {renamed: f"{renamed}-renamed"} and edited in entries[1]["changed"]
    assert (entries[2]["added"], entries[2]["removed"]) == (["zz-sunrise"], ["zz-sunset"])
    assert load(dist / "terms" / "zz-sunset.json") == {  # the tombstone, where the guide says
        "format_version": "1.3.0", "removed": True, "slug": "zz-sunset", "removed_in": 3, "superseded_by": edited,
        "url": f"{site.url}terms/{edited}.json", "page_url": f"{site.url}terms/{edited}/"}
    assert f'<a href="../{edited}/" data-term="{edited}">' in (dist / "terms/zz-sunset/index.html").read_text("utf-8")
    assert f'url=../{renamed}-renamed/"' in (dist / "terms" / renamed / "index.html").read_text(encoding="utf-8")
    assert load(dist / "terms" / f"{renamed}.json")["redirect_to"] == f"{renamed}-renamed"  # and the redirect
    assert load(dist / "index.json")["redirects"] == {renamed: f"{renamed}-renamed"}

    site.requests[:] = []
    sync = subprocess.run([sys.executable, "-m", "glossary", "sync", site.url, str(mirror)], capture_output=True,
                          text=True, timeout=300, check=False)
    assert sync.returncode == 0, sync.stderr
    assert "by the change feed from entry 1" in sync.stderr
    assert snapshot(mirror) == exported(snapshot(dist))
    changed = {name.removeprefix("terms/").removesuffix(".json") for name, data in exported(snapshot(dist)).items()
               if name.startswith("terms/") and published_first.get(name) != data}
    fetched = {path.removeprefix("/terms/").removesuffix(".json") for path in site.requests
               if path.startswith("/terms/")}
    assert fetched == changed and {edited, renamed, f"{renamed}-renamed", "zz-sunset", "zz-sunrise"} <= changed
    kept = {name.removeprefix("terms/").removesuffix(".json") for name in exported(snapshot(dist))
            if name.startswith("terms/")} - changed
    assert kept and not kept & fetched  # the terms whose files did not change were not downloaded again
