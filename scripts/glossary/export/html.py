"""Markdown to safe HTML for the export: CommonMark and GitHub's tables by markdown-it-py, term links
resolved, cleaned by nh3.

Links to terms (`[text](other-slug.md)` and `[[other-slug]]` or `[[other-slug|text]]`) become links to
the term's page (with a page URL template) or its JSON document, with a `data-term="other-slug"`
attribute, so an app can route them itself. Only those links carry `data-term`: one written by hand in
raw HTML loses it. A link to a term that is not exported keeps its text, loses the link, and is reported
in `unresolved`. Raw HTML is allowed by CommonMark and then sanitised: no script, no event-handler
attributes, no URL schemes but http, https and mailto. A relative URL the export did not make (`foo.html`,
`<a href="gpu.md">`, `![](x.png)`) would resolve to nothing in the export, so it is dropped too: the text
stays, the link goes.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_TERM_HREF = re.compile(r"^(?:\./)?(?P<slug>[^/:#?\s]+)\.md(?:#.*)?$", re.IGNORECASE)
_WIKI = re.compile(r"\[\[(?P<target>[^\[\]|\n]+?)(?:\|(?P<text>[^\[\]\n]+?))?\]\]")
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ALIGN = re.compile(r"^text-align:(left|center|right)$")
URL_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
# One line of plain prose: no character that Markdown or HTML reads as markup, starting with a letter (not
# a list number, heading or indent). Most definitions are such a line, and need no parser.
_PLAIN_PARAGRAPH = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f ,.;:'()?%/-]*")
ATTRIBUTES = {**{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
              "a": {"href", "title", "data-term"}}


class Renderer:
    """Renders Markdown for one export: it knows the exported terms' titles and where a link to a term leads.

    `relative_roots`: the beginnings of the relative URLs the export itself makes (its root, a page URL
    template's path); any other relative URL is dropped."""

    def __init__(self, titles: dict[str, str], term_link: Callable[[str], str],
                 relative_roots: tuple[str, ...] = ()) -> None:
        self.titles = titles
        self.term_link = term_link
        self.relative_roots = tuple(root for root in relative_roots if root)
        self.markdown = MarkdownIt("commonmark").enable("table")
        self.markdown.inline.ruler.before("link", "wikilink", _wikilink)
        self.own = f"glossary-{secrets.token_hex(8)}-"  # marks the data-term values this renderer wrote
        self.unresolved: set[str] = set()  # term links of the last text that lead to no exported term

    def html(self, text: str) -> str:
        """Sanitised HTML for a Markdown text; `unresolved` then holds the term links it had to drop."""
        self.unresolved = set()
        line = text[:-1] if text.endswith("\n") else text
        if _PLAIN_PARAGRAPH.fullmatch(line) and line == line.rstrip():
            return f"<p>{line}</p>\n"  # what the parser and sanitiser give for it (a test compares them)
        tokens = self.markdown.parse(text)
        for token in tokens:
            if token.children:
                self._resolve_term_links(token.children)
            elif token.type in ("th_open", "td_open"):
                _align(token)
        rendered = self.markdown.renderer.render(tokens, self.markdown.options, {})
        return nh3.clean(rendered, attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                         attribute_filter=self._attribute)

    def _attribute(self, tag: str, name: str, value: str) -> str | None:
        """Keep the data-term values this renderer wrote, and only the relative URLs the export made."""
        if name == "data-term":
            return value[len(self.own):] if value.startswith(self.own) else None
        if name in URL_ATTRIBUTES and not _HAS_SCHEME.match(value) and not value.startswith("#") \
                and not value.startswith(self.relative_roots):
            return None
        return value

    def _resolve_term_links(self, tokens: Sequence[Token]) -> None:
        dropped = False
        for token in tokens:
            if token.type == "link_open":
                match = _TERM_HREF.match(str(token.attrGet("href") or ""))
                if match is None:
                    continue
                slug = match.group("slug")
                if slug in self.titles:
                    token.attrSet("href", self.term_link(slug))
                    token.attrSet("data-term", self.own + slug)
                else:
                    self.unresolved.add(slug)
                    dropped = _unlink(token)
            elif token.type == "link_close" and dropped:
                dropped = not _unlink(token)
            elif token.type == "text" and token.meta.get("wiki_title_of") in self.titles:
                token.content = self.titles[token.meta["wiki_title_of"]]


def _align(cell: Token) -> None:
    """A table cell's alignment as the `align` attribute the sanitiser keeps (it drops every `style`)."""
    match = _ALIGN.match(str(cell.attrGet("style") or ""))
    cell.attrs = {"align": match.group(1)} if match else {}


def _unlink(token: Token) -> bool:
    """Render a link tag as nothing (its text stays): the linked term is not in the export."""
    token.type, token.tag, token.content, token.attrs = "text", "", "", {}
    return True


def _wikilink(state: StateInline, silent: bool) -> bool:
    """The inline rule for [[slug]] and [[slug|text]]: a link token whose text is the title if none is given."""
    if not state.src.startswith("[[", state.pos):
        return False
    match = _WIKI.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        slug = match.group("target").strip()
        opening = state.push("link_open", "a", 1)
        opening.attrs = {"href": f"{slug}.md"}
        text = state.push("text", "", 0)
        text.content = (match.group("text") or slug).strip()
        if not match.group("text"):
            text.meta = {"wiki_title_of": slug}
        state.push("link_close", "a", -1)
    state.pos = match.end()
    return True
