"""Each page of the site, rendered from the export's documents with Jinja2 (autoescaped; only the term HTML
the export sanitised, and the SVG graph drawn here, are marked safe): a term's page, the home page with
the A-Z list, the categories, the graph, the 404 page, and the pages at renamed and removed terms' URLs.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import orjson
from markupsafe import Markup

from glossary.site import SiteFailed
from glossary.site.graph import draw
from glossary.site.reading import Export
from glossary.site.urls import file_of, link, root_link

_TERM_LINK = re.compile(r'data-term="([a-z0-9-]+)"')


def _json_script(value: Any) -> Markup:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could end it or be read as markup."""
    text = orjson.dumps(value).decode("utf-8")
    for character, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                               ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(character, escaped)
    return Markup(text)  # noqa: S704  (escaped above for a script element)


def environment() -> jinja2.Environment:
    """The templates in glossary/site/templates, autoescaped."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("glossary.site", "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters["json_script"] = _json_script
    env.filters["by_reason"] = _by_reason
    return env


def _by_reason(avoided: list[dict[str, Any]]) -> list[tuple[list[str], str | None]]:
    """Names to avoid, those given one after another for the same reason together ("AI chip, AI chips
    (too vague)"), the reason without its closing full stop."""
    groups: list[tuple[list[str], str | None]] = []
    for item in avoided:
        why = str(item["why"]).rstrip(".") if item.get("why") else None
        if groups and groups[-1][1] == why:
            groups[-1][0].append(str(item["name"]))
        else:
            groups.append(([str(item["name"])], why))
    return groups


@dataclass
class Site:
    """The export, and what every page needs from it: where each term's page lies, the cards, the categories."""

    export: Export
    name: str
    env: jinja2.Environment = field(default_factory=environment)
    files: dict[str, str] = field(init=False)  # slug -> the file its page is written to
    cards: dict[str, list[str]] = field(init=False)  # slug -> [title, summary], for hover cards
    categories: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.files = {}
        for term in self.export.terms:
            try:
                self.files[term["slug"]] = file_of(term["page_url"], self.export.root)
            except ValueError:
                raise SiteFailed(f"the page of {term['slug']!r}, {term['page_url']}, is not under {self.export.root}, "
                                 "where the site is written") from None
        self.cards = {t["slug"]: [t["title"], t["summary"]] for t in self.export.terms}
        counts: dict[str, list[Any]] = {}
        for term in self.export.terms:
            counts.setdefault(term["category"], [term.get("category_label") or term["category"], 0])[1] += 1
        self.categories = [{"slug": slug, "label": label, "count": count, "colour": number % 12,
                            "file": f"categories/{slug}/index.html"}
                           for number, (slug, (label, count)) in enumerate(sorted(counts.items(), key=lambda i: i[1][0]))]

    def render(self, template: str, path: str, **context: Any) -> str:
        """A page written to `path` (relative to the site's folder)."""
        root = context.pop("root", None)
        return self.env.get_template(template).render(
            name=self.name, count=len(self.export.terms), root=root_link(path) if root is None else root,
            description=context.pop("description", ""), canonical=context.pop("canonical", ""),
            robots=context.pop("robots", ""), og_type=context.pop("og_type", ""), here=context.pop("here", ""),
            cards=context.pop("cards", {}), **context)

    def item(self, path: str, slug: str, title: str, summary: str, url: str | None = None) -> dict[str, Any]:
        """A term in a list on the page at `path`: its link, title and summary."""
        target = self.files.get(slug)
        return {"slug": slug, "title": title, "summary": summary,
                "href": link(path, target) if target else (url or ""), "category": ""}

    def url(self, path: str) -> str:
        """The published address of a file of the site."""
        return self.export.root + (path[: -len("index.html")] if path.endswith("index.html") else path)

    def fingerprint(self, term: dict[str, Any]) -> str:
        """What a term's page is made from, as a digest: its document (by its hash), the cards of the terms
        it links to, and what every page shows. The same fingerprint gives the same page."""
        parts = [term.get("content_hash"), _code_digest(), self.name, len(self.export.terms), self.export.root,
                 {slug: self.cards.get(slug) for slug in sorted(set(self.linked(term)))}]
        return "sha256:" + hashlib.sha256(orjson.dumps(parts)).hexdigest()

    def linked(self, term: dict[str, Any]) -> list[str]:
        """Every term a term's page links to."""
        return [*_TERM_LINK.findall(term.get("definition_html") or ""), *_TERM_LINK.findall(term.get("body_html") or ""),
                *(term.get("related") or []), *(term.get("related_by") or []), *([term["superseded_by"]]
                                                                                  if term.get("superseded_by") else [])]

    def term_page(self, term: dict[str, Any], problems: list[dict[str, Any]] | None = None) -> tuple[str, str]:
        """A term's page: every section of its document, in the order a reader wants them."""
        path = self.files[term["slug"]]
        linked = self.linked(term)
        successor = term.get("superseded_by_term")
        html = self.render(
            "term.html", path, term=term, description=term["summary"], canonical=term["page_url"], og_type="article",
            cards={slug: self.cards[slug] for slug in linked if slug in self.cards}, problems=problems or [],
            category_link=link(path, f"categories/{term['category']}/index.html"), updated=_date(term.get("updated")),
            api=link(path, f"terms/{term['slug']}.json"),
            successor=self.item(path, successor["slug"], successor["title"], successor["summary"],
                                successor.get("page_url")) if successor else None,
            related=[self.item(path, c["slug"], c["title"], c["summary"], c.get("page_url"))
                     for c in term.get("related_terms") or []],
            related_by=[self.item(path, c["slug"], c["title"], c["summary"], c.get("page_url"))
                        for c in term.get("related_by_terms") or [] if c["slug"] not in (term.get("related") or [])])
        return path, html

    def home_page(self) -> tuple[str, str]:
        """The A-Z list of every term with its summary, a filter by category, and search."""
        path = "index.html"
        letters: dict[str, list[dict[str, Any]]] = {}
        for term in sorted(self.export.terms, key=lambda t: (t["title"].casefold(), t["slug"])):
            first = term["title"][:1].upper()
            item = self.item(path, term["slug"], term["title"], term["summary"])
            item["category"] = term["category"]
            letters.setdefault(first if "A" <= first <= "Z" else "#", []).append(item)
        groups = [{"letter": "0–9 and others" if letter == "#" else letter,
                   "anchor": "other" if letter == "#" else letter.lower(), "terms": items}
                  for letter, items in sorted(letters.items(), key=lambda i: (i[0] == "#", i[0]))]
        return path, self.render("home.html", path, letters=groups, categories=self.categories, here="home",
                                 description=f"{self.name}: every term with a plain-English summary.",
                                 canonical=self.url(path))

    def category_pages(self) -> list[tuple[str, str]]:
        """The list of categories, and a page for each with its terms."""
        path = "categories/index.html"
        listed = [{**category, "href": link(path, category["file"])} for category in self.categories]
        pages = [(path, self.render("categories.html", path, categories=listed, here="categories",
                                    description=f"The categories of the {self.name}.", canonical=self.url(path)))]
        for category in self.categories:
            at = category["file"]
            items = [self.item(at, t["slug"], t["title"], t["summary"])
                     for t in sorted(self.export.terms, key=lambda t: t["title"].casefold())
                     if t["category"] == category["slug"]]
            pages.append((at, self.render("category.html", at, category=category, items=items, here="categories",
                                          description=f"{category['label']}: {category['count']} terms of the "
                                                      f"{self.name}.", canonical=self.url(at))))
        return pages

    def graph_page(self) -> tuple[str, str]:
        path = "graph/index.html"
        colours = {category["slug"]: category["colour"] for category in self.categories}
        svg = draw(self.export.terms, lambda slug: link(path, self.files[slug]), colours)
        return path, self.render("graph.html", path, svg=svg, categories=self.categories, here="graph",
                                 cards=self.cards, description=f"How the terms of the {self.name} relate.",
                                 canonical=self.url(path))

    def not_found_page(self) -> tuple[str, str]:
        """404.html: served at any address, so its links start from the site's root, not from where it lies."""
        return "404.html", self.render("notfound.html", "404.html", root=self.export.root, robots="noindex")

    def moved_pages(self) -> list[tuple[str, str]]:
        """At a renamed term's old page, a redirect to the new one; at a removed term's, what replaces it."""
        pages = []
        for document, renamed in [(d, True) for d in self.export.redirects] + [(d, False) for d in self.export.tombstones]:
            if not self.export.template:
                continue
            path = file_of(self.export.page_of(document["slug"]), self.export.root)
            slug = str(document.get("redirect_to") if renamed else document.get("superseded_by"))
            target = self.item(path, slug, *self.cards[slug]) if slug in self.cards else None
            title = f"“{document['slug']}” has moved" if renamed else f"“{document['slug']}” was removed"
            message = "This term is now" if renamed else "This term was removed from the glossary."
            if not renamed and target:
                message += " See instead"
            canonical = self.url(self.files[slug]) if target else ""
            pages.append((path, self.render("moved.html", path, title=title, message=message, target=target,
                                            refresh=renamed, robots="noindex", canonical=canonical)))
        return pages


@functools.cache
def _code_digest() -> str:
    """The templates and the code that fill them: a page made by other code is made again."""
    digest = hashlib.sha256()
    for part in sorted(resources.files("glossary.site").joinpath("templates").iterdir(), key=lambda p: p.name):
        digest.update(part.read_bytes())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _date(value: Any) -> str:
    try:
        day = datetime.date.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    return f"{day.day} {day:%B %Y}"
