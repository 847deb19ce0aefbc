"""Links between terms in a Markdown body, with positions: `[text](other-slug.md)`, `[[other-slug]]`, and a
reference definition `[name]: other-slug.md`.

Lint checks them like `related`, and the export turns them into links. This is a fast reading of
CommonMark, not a full parser: code (fenced, indented and inline), HTML tags and images are skipped, as a
renderer would. The export renders with a full parser and refuses a term link this reading missed, so
the two cannot disagree silently. A link to a path with a folder or a scheme (`../docs/x.md`,
`https://…`) is not a term link.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

_DEST = r"(?:\./)?(?P<target>[^()\s/:#<>]+?)\.md(?:#[^()\s<>]*)?"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
# Link text: it may wrap onto the next line but not cross a blank one, and may hold brackets in pairs one
# level deep ("[a [b] c]", "[![img](x.png)]"). No text can hold an unpaired "[", so a run of them is
# read in linear time.
_LINE_BREAK = r"\n(?![ \t]*\n)"
LINK_TEXT = rf"(?:[^\[\]\n]|{_LINE_BREAK}|\[(?:[^\[\]\n]|{_LINE_BREAK})*\])*"
# [text](target.md), [text](<target.md>), with an optional title; not an image ![text](…), which
# _matches skips (a pattern that starts with "[" is found far faster than one that looks behind first)
_INLINE = re.compile(rf"\[(?P<text>{LINK_TEXT})\]\(\s*(?:<{_DEST}>|{_DEST.replace('target', 'bare')})"
                     rf"{_TITLE}\s*\)", re.IGNORECASE)
# [name]: target.md, a reference definition at the start of a line
_REFERENCE = re.compile(rf"^ {{0,3}}\[(?P<text>[^\[\]\n]+)\]:\s*(?:<{_DEST}>|{_DEST.replace('target', 'bare')})"
                        rf"{_TITLE}\s*$", re.IGNORECASE | re.MULTILINE)
# [[target]] or [[target|text]]
_WIKI = re.compile(r"\[\[(?P<target>[^\[\]|\n]+?)(?:\|(?P<text>[^\[\]\n]+?))?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A line that may start or be a block _mask_blocks blanks: indented (code), a fence, or HTML.
_MAY_HOLD_BLOCKS = re.compile(r"^(?:    |\t| {0,3}(?:```|~~~|<))", re.MULTILINE)
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_CODE_SPAN = re.compile(r"(`+)(?:[^`]|`(?!\1))*?(?<!`)\1(?!`)")
_ESCAPED = re.compile(r"\\[!-/:-@\[-`{-~]")  # a backslash-escaped character is plain text
_HTML_TAG = re.compile(r"(?<!\]\()</?[A-Za-z][^<>]*>")  # not a link's <destination>
# HTML blocks, whose lines CommonMark leaves as HTML: (how one starts, how it ends)
_HTML_BLOCK_TAGS = ("address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
                    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|"
                    "header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|"
                    "param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul")
_HTML_BLOCKS = [
    (re.compile(r"^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)", re.IGNORECASE),
     re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE)),
    (re.compile(r"^ {0,3}<!--"), re.compile(r"-->")),
    (re.compile(rf"^ {{0,3}}</?(?:{_HTML_BLOCK_TAGS})(?:\s|/?>|$)", re.IGNORECASE), None),  # to a blank line
]


class TermLink(NamedTuple):
    """One link to a term in a body: the slug as written, its text, and where it starts (1-based).

    A named tuple: lint sends every term's links between processes and keeps them in its cache.
    """

    target: str
    text: str
    line: int
    column: int
    start: int  # offset in the body
    end: int
    wiki: bool


def blank(text: str) -> str:
    """The same text as spaces, line breaks kept, so that offsets still point at the same places."""
    return re.sub(r"[^\n]", " ", text)


@functools.lru_cache(maxsize=4096)  # lint's link and mention checks both read each body
def mask_code(body: str) -> str:
    """The body with code (fenced, indented, inline), HTML (blocks, tags, comments) and escaped characters
    replaced by spaces, line breaks kept."""
    masked = "\n".join(_mask_blocks(body.split("\n"))) if _MAY_HOLD_BLOCKS.search(body) else body
    if "`" in masked:
        masked = masked.replace("\\`", "  ")  # an escaped backtick opens no code span
        paragraphs = re.split(r"(\n[ \t]*\n)", masked)  # a code span never crosses a blank line
        masked = "".join(_CODE_SPAN.sub(lambda m: blank(m.group(0)), part) for part in paragraphs)
    if "\\" in masked:
        masked = _ESCAPED.sub("  ", masked)
    if "<" not in masked:
        return masked
    return _HTML_TAG.sub(lambda m: blank(m.group(0)), _mask_comments(masked))


def _mask_comments(text: str) -> str:
    """Blank `<!-- … -->` within a paragraph, in one pass however many comments are left open."""
    parts: list[str] = []
    done = 0
    closing = -1
    start = text.find("<!--")
    while start >= 0:
        if closing < start + 4:
            closing = text.find("-->", start + 4)
        if closing < 0:
            break  # nothing after here closes a comment
        if re.search(r"\n[ \t]*\n", text[start:closing]) is None:
            parts += [text[done:start], blank(text[start:closing + 3])]
            done = closing + 3
        start = text.find("<!--", max(start + 4, done))
    return "".join(parts) + text[done:]


def _mask_blocks(lines: list[str]) -> list[str]:
    """Blank code blocks (fenced, or indented outside a list) and HTML blocks, line by line."""
    fence: str | None = None
    in_html = False
    html_end: re.Pattern[str] | None = None  # what ends the HTML block; None: a blank line
    in_list = indented_code = False
    previous_blank = True
    for number, line in enumerate(lines):
        is_blank = not line.strip()
        if fence is not None:
            if re.match(rf"^ {{0,3}}{re.escape(fence)}{re.escape(fence[0])}*[ \t]*$", line):
                fence = None
            lines[number] = blank(line)
        elif in_html:
            in_html = not (is_blank if html_end is None else html_end.search(line))
            lines[number] = blank(line)
        elif opening := _FENCE.match(line):
            fence = opening.group(1)[0] * len(opening.group(1))
            lines[number] = blank(line)
        elif any(start.match(line) for start, _ in _HTML_BLOCKS):
            html_end = next(end for start, end in _HTML_BLOCKS if start.match(line))
            in_html = html_end is None or not html_end.search(line, line.index("<") + 2)
            lines[number] = blank(line)
        elif not is_blank and line.startswith(("    ", "\t")) and (indented_code or previous_blank) and not in_list:
            indented_code = True
            lines[number] = blank(line)
        elif not is_blank:
            indented_code = False
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and line[:1] in (" ", "\t"))
        previous_blank = is_blank
    return lines


@functools.lru_cache(maxsize=1 << 17)  # every term of a large glossary: read by the link and mention checks
def term_links(body: str, first_line: int = 1) -> tuple[TermLink, ...]:
    """Every term link in `body`, in order; `first_line` is the body's first line in the file."""
    if "[" not in body:
        return ()
    masked = mask_code(body)
    found: list[TermLink] = []
    for pattern, wiki, sign in ((_INLINE, False, "]("), (_REFERENCE, False, "]:"), (_WIKI, True, "[[")):
        if sign not in masked:
            continue  # what each kind of link must hold: most bodies hold one or two kinds
        for match in _matches(pattern, masked):
            target = (match.group("target") or match.groupdict().get("bare") or "").strip()
            line = masked.count("\n", 0, match.start())
            column = match.start() - masked.rfind("\n", 0, match.start()) + \
                (len(match.group(0)) - len(match.group(0).lstrip(" ")))
            found.append(TermLink(target, (match.group("text") or "").strip(), first_line + line, column,
                                  match.start(), match.end(), wiki))
    return tuple(sorted(found, key=lambda link: link.start))


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), except that a match right after "!" (an image) is not one: the search goes
    on from the next character, as a pattern starting with (?<!!) would."""
    at = 0
    while (match := pattern.search(text, at)) is not None:
        if match.start() > 0 and text[match.start() - 1] == "!" and pattern is _INLINE:
            at = match.start() + 1
            continue
        yield match
        at = match.end()
