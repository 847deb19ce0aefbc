"""`glossary preview`, served on 127.0.0.1 in this process: a saved term's page is built again and the
open page told to reload; a term with errors keeps its page, with its problems on it. Every wait is a
bounded loop of requests to 127.0.0.1 only."""

from __future__ import annotations

import http.client
import json
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import EXPORT_SCHEMA, Project
from glossary.export.job import ExportSettings
from glossary.lint.job import LintSettings
from glossary.site.preview import Preview, PreviewSettings
from site_helpers import run, site_project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return site_project(tmp_path / "project")


@pytest.fixture
def preview(project: Project) -> Iterator[tuple[Preview, int]]:
    lint = LintSettings(project.root, project.content, project.root / "schema" / "term.schema.json")
    settings = PreviewSettings(ExportSettings(lint, project.root / "dist", EXPORT_SCHEMA, name="Test glossary"),
                               (project.content, project.root / "content" / "redirects.yml"), port=0)
    running = Preview(settings)
    port = running.serve()
    yield running, port
    running.stop()
    assert not running.workspace.exists()


def get(port: int, path: str) -> str:
    """The page's text; '' while it is not there (404)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            text: str = response.read().decode("utf-8")
            return text
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == 404:
            return ""
        raise


def wait_for(check: Callable[[], bool], what: str) -> None:
    """Ask again every 0.05 s, at most 400 times (20 s: the machine may be busy)."""
    for _ in range(400):
        if check():
            return
        time.sleep(0.05)
    raise AssertionError(f"the preview never showed {what}")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_term_is_built_again_and_the_open_page_told(project: Project, preview: tuple[Preview, int]) -> None:
    running, port = preview
    page = get(port, "/terms/gpu/")
    assert "<h1>GPU</h1>" in page and '<script src="/__preview/reload.js" defer></script></body>' in page
    assert "A Draft Term" in get(port, "/terms/draft-term/")  # drafts are shown
    events = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    events.request("GET", "/__preview/events")
    stream = events.getresponse()
    assert stream.headers["Content-Type"] == "text/event-stream"
    first = stream.readline().decode().strip()
    assert first == f"data: {running.generation}"
    edit(project.content / "gpu.md", "title: GPU\n", "title: Graphics Processor\n")
    wait_for(lambda: "<h1>Graphics Processor</h1>" in get(port, "/terms/gpu/"), "the new title")
    assert stream.readline() == b"\n" and stream.readline().decode().startswith("data: ")  # the reload
    events.close()
    assert "Graphics Processor" in get(port, "/terms/compute/")  # its neighbours show the new title too
    assert "reload" in get(port, "/__preview/reload.js")


def test_a_term_with_errors_shows_them_on_its_page_and_keeps_its_last_good_version(
        project: Project, preview: tuple[Preview, int]) -> None:
    _, port = preview
    edit(project.content / "gpu.md", "related:\n", "related:\n  - no-such-term\n")
    wait_for(lambda: 'class="problems"' in get(port, "/terms/gpu/"), "the problems on the page")
    page = get(port, "/terms/gpu/")
    assert "GL210" in page and "content/terms/gpu.md:" in page and "<h1>GPU</h1>" in page
    status = json.loads(get(port, "/__preview/status"))
    assert any("no-such-term" in problem for problem in status["problems"])
    (project.content / "brand-new.md").write_text("---\ntitle: Brand New\n---\n", encoding="utf-8")
    wait_for(lambda: "GL1" in get(port, "/terms/brand-new/"), "a new broken term's problems")
    edit(project.content / "gpu.md", "  - no-such-term\n", "")  # gpu is fixed, brand-new still broken
    wait_for(lambda: 'class="problems"' not in get(port, "/terms/gpu/"), "the good page back")
    assert "GL1" in get(port, "/terms/brand-new/")
    (project.content / "brand-new.md").unlink()
    wait_for(lambda: json.loads(get(port, "/__preview/status"))["problems"] == [], "a clean build")
    wait_for(lambda: get(port, "/terms/brand-new/") == "", "the page of a removed draft gone")


def test_a_port_in_use_is_a_usage_error(project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project.root)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = run("preview", "--port", str(taken.getsockname()[1]))
    assert result.exit_code == 2 and "give another --port" in result.output
