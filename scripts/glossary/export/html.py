"""Markdown to safe HTML for the export: CommonMark by markdown-it-py, term links resolved, cleaned by nh3.

Links to terms (`[text](other-slug.md)` and `[[other-slug]]` or `[[other-slug|text]]`) become links to
that term's URL with a `data-term="other-slug"` attribute, so an app can route them itself. A link to a
term that is not exported keeps its text, loses the link, and is reported in `unresolved`. Links written
as raw HTML (`<a href="gpu.md">`) are passed through as written. Raw HTML is allowed by CommonMark and then
sanitised: no script, no event-handler attributes, no URL schemes but http, https and mailto.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

_TERM_HREF = re.compile(r"^(?:\./)?(?P<slug>[^/:#?\s]+)\.md(?:#.*)?$", re.IGNORECASE)
_WIKI = re.compile(r"\[\[(?P<target>[^\[\]|\n]+?)(?:\|(?P<text>[^\[\]\n]+?))?\]\]")
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# One line of plain prose: no character that Markdown or HTML reads as markup, starting with a letter (not
# a list number, heading or indent). Most definitions are such a line, and need no parser.
_PLAIN_PARAGRAPH = re.compile(r"[A-Za-z\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f ,.;:'()?%/-]*")
ATTRIBUTES = {**{tag: set(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
              "a": {"href", "title", "data-term"}}


class Renderer:
    """Renders Markdown for one export: it knows the exported terms' titles and how to address a term."""

    def __init__(self, titles: dict[str, str], term_url: Callable[[str], str]) -> None:
        self.titles = titles
        self.term_url = term_url
        self.markdown = MarkdownIt("commonmark")
        self.markdown.inline.ruler.before("link", "wikilink", _wikilink)
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
        rendered = self.markdown.renderer.render(tokens, self.markdown.options, {})
        return nh3.clean(rendered, attributes=ATTRIBUTES, url_schemes=set(URL_SCHEMES))

    def _resolve_term_links(self, tokens: Sequence[Token]) -> None:
        dropped = False
        for token in tokens:
            if token.type == "link_open":
                match = _TERM_HREF.match(str(token.attrGet("href") or ""))
                if match is None:
                    continue
                slug = match.group("slug")
                if slug in self.titles:
                    token.attrSet("href", self.term_url(slug))
                    token.attrSet("data-term", slug)
                else:
                    self.unresolved.add(slug)
                    dropped = _unlink(token)
            elif token.type == "link_close" and dropped:
                dropped = not _unlink(token)
            elif token.type == "text" and token.meta.get("wiki_title_of") in self.titles:
                token.content = self.titles[token.meta["wiki_title_of"]]


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
