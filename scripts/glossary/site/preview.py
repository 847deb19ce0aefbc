"""`glossary preview`: the site with drafts, served on 127.0.0.1, built again whenever a term file, the
redirects or the schema is saved, and the open page reloaded (server-sent events).

A save that lints with errors is not exported: the last good site stays, and each term with errors gets
its diagnostics on its own page (a new term gets a page holding only them), so it never disappears. The
site is built into a temporary folder, swapped in whole each time, and removed when the preview stops.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import tempfile
import threading
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from glossary import atomic
from glossary.config import ConfigError
from glossary.diagnostics import Diagnostic
from glossary.export import ExportFailed
from glossary.export.job import ExportSettings, run_export
from glossary.export.published import SITE_MANIFEST
from glossary.site.build import site_page_url, write_site
from glossary.site.pages import Site
from glossary.site.reading import Export, read_export
from glossary.site.urls import file_of

HOST = "127.0.0.1"
_SCRIPT = b'<script src="/__preview/reload.js" defer></script>'


@dataclass(frozen=True)
class PreviewSettings:
    """What to preview (the export's settings: drafts are included, --out is the preview's own folder)."""

    export: ExportSettings
    watched: tuple[Path, ...]  # what a save of rebuilds the site: the content folder, the redirects, the schema
    port: int = 8000


class Preview:
    """The preview's state: its folder, the build number, the problems of the last save."""

    def __init__(self, settings: PreviewSettings) -> None:
        self.workspace = Path(tempfile.mkdtemp(prefix="glossary-preview-"))
        self.folder = self.workspace / "site"
        export = settings.export
        self.settings = replace(settings, export=replace(
            export, out=self.folder, include_drafts=True, base_url="", previous=None,
            page_url=site_page_url("", None)))
        self.generation = 0
        self.problems: list[str] = []
        self.shown: set[str] = set()  # the terms whose pages show their problems
        self.changed = threading.Condition()
        self.stopping = threading.Event()
        self.watching = threading.Event()
        self.server: http.server.ThreadingHTTPServer | None = None

    def build(self) -> None:
        """Build the site again, or put the problems on the broken terms' pages; then tell the open pages."""
        settings = self.settings.export
        try:
            result = run_export(settings, lambda staging, out: write_site(staging, settings.name, out))
            problems = [] if result.written else sorted(result.lint.diagnostics + result.refusals)
            if problems:
                self._show(problems)
            else:
                self.shown = set()
            self.problems = [f"{d.path}:{d.line}:{d.column}: {d.severity} {d.code} {d.message}" for d in problems
                             if d.severity == "error"]
        except (ConfigError, ExportFailed) as error:
            self.problems = [str(error)]
        with self.changed:
            self.generation += 1
            self.changed.notify_all()

    def _show(self, diagnostics: list[Diagnostic]) -> None:
        """Each term file with errors gets its diagnostics on its page, above the last good version of it."""
        try:
            export: Export | None = read_export(self.folder)
        except ExportFailed:
            export = None
        site = Site(export or Export([], [], [], "/"), self.settings.export.name)
        content = self.settings.export.lint.content
        by_slug: dict[str, list[dict[str, Any]]] = {}
        for problem in diagnostics:
            file = self.settings.export.lint.root / problem.path
            if file.parent == content and file.suffix == ".md":
                by_slug.setdefault(file.stem, []).append(problem.as_dict())
        documents = site.export.by_slug()
        written = []
        broken = {slug for slug, found in by_slug.items() if any(p["severity"] == "error" for p in found)}
        for slug in sorted(broken | (self.shown & set(documents))):  # a term fixed since gets its good page back
            found = by_slug[slug] if slug in broken else []
            term = documents.get(slug) or _placeholder(slug, self.settings.export.page_url or "")
            site.files.setdefault(slug, file_of(term["page_url"], "/"))
            path, page = site.term_page(term, found)
            atomic.replace_file(self.folder / path, page.encode("utf-8"))
            written.append(path)
        self.shown = broken
        self._listed(written)

    def _listed(self, written: list[str]) -> None:
        """site.json lists the pages of problems (so that the next build may replace the folder) and no
        longer vouches for them (so that it makes them again)."""
        manifest_path = self.folder / SITE_MANIFEST
        try:
            manifest = orjson.loads(manifest_path.read_bytes())
        except (OSError, ValueError):
            return
        manifest["files"] = sorted(set(manifest.get("files", [])) | set(written))
        manifest["pages"] = {path: value for path, value in manifest.get("pages", {}).items() if path not in written}
        atomic.replace_file(manifest_path, orjson.dumps(manifest))

    def serve(self) -> int:
        """Build, then serve and watch in threads; the port served on."""
        self.build()
        handler = functools.partial(_Handler, self, directory=str(self.folder))
        self.server = http.server.ThreadingHTTPServer((HOST, self.settings.port), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, name="preview-server", daemon=True).start()
        threading.Thread(target=self.watch, name="preview-watcher", daemon=True).start()
        self.watching.wait(timeout=30)  # a save from now on is seen
        return int(self.server.server_address[1])

    def watch(self) -> None:
        """Build again after each save; the first (empty) answer after a quiet spell says the watch is on."""
        import watchfiles

        existing = [str(path) for path in self.settings.watched if path.exists()]
        for changes in watchfiles.watch(*existing, stop_event=self.stopping, debounce=50, step=20, rust_timeout=200,
                                        yield_on_timeout=True, raise_interrupt=False):
            self.watching.set()
            if changes:
                self.build_until_still()

    def build_until_still(self) -> None:
        """Build; again while the files changed during the build (a save the watcher reported meanwhile
        may be lost to it)."""
        while True:
            before = self._signature()
            self.build()
            if self._signature() == before:
                return

    def _signature(self) -> list[tuple[str, int, int]]:
        """The name, time and size of every watched file, to tell whether one changed."""
        found = []
        for watched in self.settings.watched:
            for path in sorted(watched.iterdir()) if watched.is_dir() else [watched]:
                try:
                    status = path.stat()
                except OSError:
                    continue
                found.append((str(path), status.st_mtime_ns, status.st_size))
        return found

    def stop(self) -> None:
        self.stopping.set()
        with self.changed:
            self.changed.notify_all()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
        shutil.rmtree(self.workspace, ignore_errors=True)


def _placeholder(slug: str, template: str) -> dict[str, Any]:
    """A term that has never built: its page holds only its problems."""
    return {"slug": slug, "title": slug, "summary": "", "definition_html": "", "body_html": "", "example": None,
            "roles": [], "faq": [], "sources": [], "aliases": [], "abbreviation": None, "deprecated_names": [],
            "related": [], "related_by": [],
            "related_terms": [], "related_by_terms": [], "status": "draft", "superseded_by": None,
            "superseded_by_term": None, "category": "", "category_label": "", "updated": "",
            "page_url": template.replace("{slug}", slug), "json_ld": {}, "content_hash": None}


class _Handler(http.server.SimpleHTTPRequestHandler):
    """The site's files, with the reload script in every page, and the preview's own few addresses."""

    def __init__(self, preview: Preview, *args: Any, **kwargs: Any) -> None:
        self.preview = preview
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002  (the standard library's name)
        pass

    def do_GET(self) -> None:  # noqa: N802  (the standard library's name)
        route = self.path.split("?", 1)[0]
        if route == "/__preview/events":
            self._events()
        elif route == "/__preview/status":
            import json

            self._send(json.dumps({"generation": self.preview.generation, "problems": self.preview.problems})
                       .encode("utf-8"), "application/json")
        elif route == "/__preview/reload.js":
            self._send(resources.files("glossary.site").joinpath("static", "preview.js").read_bytes(),
                       "text/javascript")
        else:
            self._page(route)

    def _page(self, route: str) -> None:
        path = Path(self.translate_path(route))
        if path.is_dir() and route.endswith("/"):
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            super().do_GET()
            return
        page = path.read_bytes()
        at = page.rfind(b"</body>")
        self._send(page[:at] + _SCRIPT + page[at:] if at >= 0 else page + _SCRIPT, "text/html; charset=utf-8")

    def _send(self, data: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        """Server-sent events: the build number now, then each new one, until the page or preview goes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview, sent = self.preview, -1
        try:
            while not preview.stopping.is_set():
                with preview.changed:
                    if preview.generation == sent:
                        preview.changed.wait(timeout=15)
                    generation = preview.generation
                if generation != sent:
                    self.wfile.write(f"data: {generation}\n\n".encode("ascii"))
                    sent = generation
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
        except OSError:
            return
