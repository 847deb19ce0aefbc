"""What the site's tests share: a sample glossary with a deprecated term, a renamed one and a draft, built
with `glossary site`, and a way to read the pages back."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from click.testing import CliRunner, Result
from conftest import Project, sample_project
from glossary.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def site_project(root: Path) -> Project:
    """The sample glossary, with 'latency' deprecated in favour of 'inference', 'token' renamed from
    'old-token' (a redirect), and a draft."""
    project = sample_project(root)
    latency = project.content / "latency.md"
    latency.write_text(latency.read_text(encoding="utf-8").replace(
        "status: published", "status: deprecated\nsuperseded_by: inference"), encoding="utf-8")
    (root / "content" / "redirects.yml").write_text("old-token: token\n", encoding="utf-8")
    draft = (project.content / "gpu.md").read_text(encoding="utf-8")
    project.write("draft-term.md", re.sub(r"(?m)^title: GPU$", "title: A Draft Term", draft)
                  .replace("status: published", "status: draft").replace("aliases:\n", "aliases:\n  - drafty\n", 1)
                  .replace("  - GPUs\n", "").replace("  - graphics processing unit\n", "")
                  .replace("  - graphics processing units\n", "")
                  .replace("deprecated_names:\n  - name: graphics chip\n", "deprecated_names:\n  - name: drafty chip\n"))
    return project


class Page(HTMLParser):
    """A page's title, meta tags, links, headings (level and text), landmarks and JSON-LD."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[dict[str, str]] = []
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.json_ld: list[Any] = []
        self.title = ""
        self._in: list[str] = []
        self._text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        self.tags.append(tag)
        if tag == "meta":
            self.meta[values.get("name") or values.get("property") or values.get("http-equiv", "")] = \
                values.get("content", "")
        elif tag in ("a", "link"):
            self.links.append({"tag": tag, **values})
        if tag in ("title", "h1", "h2", "h3", "h4", "script"):
            self._in.append(tag if tag != "script" or values.get("type") != "application/ld+json" else "ld")
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._in:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self._in or (tag != self._in[-1] and not (tag == "script" and self._in[-1] == "ld")):
            return
        kind, text = self._in.pop(), "".join(self._text).strip()
        if kind == "title":
            self.title = text
        elif kind == "ld":
            self.json_ld.append(json.loads(text))
        elif kind.startswith("h"):
            self.headings.append((int(kind[1]), " ".join(text.split())))

    def hrefs(self, **attributes: str) -> list[str]:
        return [link["href"] for link in self.links
                if link["tag"] == "a" and all(link.get(key) == value for key, value in attributes.items())]


def page(folder: Path, path: str) -> Page:
    return Page((folder / path).read_text(encoding="utf-8"))
