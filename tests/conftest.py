"""Shared helpers: small projects built in tmp_path, and a one-call way to lint them."""

from __future__ import annotations

import html
import re
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from glossary.diagnostics import CODES, Diagnostic
from glossary.lint.job import LintSettings, run_lint
from glossary.read.switches import switchable

REPO = Path(__file__).resolve().parents[1]
NODE = shutil.which("node")
NODE_MODULES = REPO / ".ci" / "node" / "node_modules"  # where .ci/run installs Ajv with npm
needs_node = pytest.mark.skipif(NODE is None, reason="Node.js is not installed on this machine")
needs_ajv = pytest.mark.skipif(
    NODE is None or not all((NODE_MODULES / name / "package.json").is_file() for name in ("ajv", "ajv-formats")),
    reason="Node.js, or Ajv and ajv-formats, are not installed: .ci/run installs them with "
           "'npm install --prefix .ci/node ajv@8 ajv-formats@3' where node and npm are")
SCHEMA = REPO / "schema" / "term.schema.json"
EXPORT_SCHEMA = REPO / "schema" / "export.schema.json"
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


def counted_lint(settings: LintSettings) -> tuple[int, list[Diagnostic]]:
    """The number of Python function calls a lint run makes (its work, counted, not timed), and what it found."""
    import sys

    counted = 0

    def count_call(frame: Any, event: str, argument: Any) -> None:
        nonlocal counted
        if event in ("call", "c_call"):
            counted += 1

    sys.setprofile(count_call)
    try:
        found = run_lint(settings).diagnostics
    finally:
        sys.setprofile(None)
    return counted, found


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


@pytest.fixture
def glossary_project(in_project: Project) -> Project:
    """A small, clean glossary: two published terms linking each other, a draft and a deprecated term."""
    (in_project.root / "schema" / "export.schema.json").write_bytes(EXPORT_SCHEMA.read_bytes())
    in_project.write("alpha.md", term(related="[beta]").replace(
        "The body of the term.", "Alpha sits beside [the beta term](beta.md) and [[beta]]."))
    in_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]"))
    in_project.write("gamma.md", term("gamma", status="draft"))
    in_project.write("old-alpha.md", term("old-alpha", status="deprecated", superseded_by="alpha"))
    return in_project


TermFactory = Callable[..., str]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by relative path, with its bytes (the lint cache aside: lint writes it)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".glossary-cache" not in p.relative_to(folder).parts}


URL_KEYS = ("url", "page_url", "@id")
HTML_URL = re.compile(r'\b(href|src|cite)="([^"]*)"')


def urls_in(document: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Every URL a JSON document holds, with where: the values of url, page_url and @id, and each href, src
    and cite in the HTML fields."""
    if isinstance(document, dict):
        for key, value in document.items():
            if key in URL_KEYS and isinstance(value, str):
                yield f"{where}.{key}", value
            elif key.endswith("_html") and isinstance(value, str):
                yield from ((f"{where}.{key}", html.unescape(match.group(2))) for match in HTML_URL.finditer(value))
            else:
                yield from urls_in(value, f"{where}.{key}")
    elif isinstance(document, list):
        for number, value in enumerate(document):
            yield from urls_in(value, f"{where}[{number}]")


def resolved(document: Any, base: str) -> Any:
    """The document with every URL in it resolved against `base`, as a browser resolves it."""
    if isinstance(document, dict):
        return {key: urljoin(base, value) if key in URL_KEYS and isinstance(value, str)
                else HTML_URL.sub(lambda m: f'{m.group(1)}="{urljoin(base, html.unescape(m.group(2)))}"', value)
                if key.endswith("_html") and isinstance(value, str) else resolved(value, base)
                for key, value in document.items()}
    if isinstance(document, list):
        return [resolved(value, base) for value in document]
    return document


class Served:
    """A folder served over HTTP on 127.0.0.1 (a thread of this process), as a static host serves an export.

    `requests` lists the paths asked for (without the query); `status` makes a path answer with an error."""

    def __init__(self, folder: Path) -> None:
        import functools
        import http.server
        import threading

        self.folder = folder
        self.requests: list[str] = []
        self.status: dict[str, int] = {}
        served = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?")[0]
                served.requests.append(path)
                if path in served.status:
                    self.send_error(served.status[path])
                    return
                super().do_GET()

            def log_message(self, format: str, *args: Any) -> None:  # quiet: pytest shows no server log
                pass

        handler = functools.partial(Handler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def serve() -> Iterator[Callable[[Path], Served]]:
    """Serve folders over HTTP on 127.0.0.1 for the test; each server is stopped afterwards."""
    servers: list[Served] = []

    def start(folder: Path) -> Served:
        servers.append(Served(folder))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say where the site's browser tests left their screenshots, when they ran."""
    import sys

    browser_tests = sys.modules.get("test_browser")
    if browser_tests is not None and browser_tests.written:
        terminalreporter.write_line(f"site screenshots ({len(browser_tests.written)}): {browser_tests.ARTIFACTS}")
