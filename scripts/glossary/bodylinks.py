"""Links between terms in a Markdown body, with positions: `[text](other-slug.md)`, `[[other-slug]]`, and a
reference definition `[name]: other-slug.md`.

Lint checks them like `related`, and the export turns them into links. This is a fast reading of
CommonMark, not a full parser: code (fenced, indented and inline), HTML tags and images are skipped, as a
renderer would. The export renders with a full parser and refuses a term link this reading missed, so
the two cannot disagree silently. A link to a path with a folder or a scheme (`../docs/x.md`,
`https://…`) is not a term link.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_DEST = r"(?:\./)?(?P<target>[^()\s/:#<>]+?)\.md(?:#[^()\s<>]*)?"
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"
# [text](target.md), [text](<target.md>), with an optional title; not an image ![text](…)
_INLINE = re.compile(rf"(?<!!)\[(?P<text>[^\]\n]*)\]\(\s*(?:<{_DEST}>|{_DEST.replace('target', 'bare')})"
                     rf"{_TITLE}\s*\)", re.IGNORECASE)
# [name]: target.md, a reference definition at the start of a line
_REFERENCE = re.compile(rf"^ {{0,3}}\[(?P<text>[^\]\n]+)\]:\s*(?:<{_DEST}>|{_DEST.replace('target', 'bare')})"
                        rf"{_TITLE}\s*$", re.IGNORECASE | re.MULTILINE)
# [[target]] or [[target|text]]
_WIKI = re.compile(r"\[\[(?P<target>[^\[\]|\n]+?)(?:\|(?P<text>[^\[\]\n]+?))?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
_CODE_SPAN = re.compile(r"(`+)(?:[^`]|`(?!\1))*?(?<!`)\1(?!`)")
_HTML_TAG = re.compile(r"(?<!\]\()</?[A-Za-z][^<>]*>|<!--.*?-->", re.DOTALL)  # not a link's <destination>


@dataclass(frozen=True)
class TermLink:
    """One link to a term in a body: the slug as written, its text, and where it starts (1-based)."""

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


def mask_code(body: str) -> str:
    """The body with code (fenced, indented and inline) and HTML tags replaced by spaces, line breaks kept."""
    masked = "\n".join(_mask_code_blocks(body.split("\n")))
    masked = masked.replace("\\`", "  ")  # an escaped backtick opens no code span
    paragraphs = re.split(r"(\n[ \t]*\n)", masked)  # a code span never crosses a blank line
    masked = "".join(_CODE_SPAN.sub(lambda m: blank(m.group(0)), part) for part in paragraphs)
    return _HTML_TAG.sub(lambda m: blank(m.group(0)), masked)


def _mask_code_blocks(lines: list[str]) -> list[str]:
    fence: str | None = None
    in_list = False
    previous_blank = True
    indented_code = False
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        is_blank = not line.strip()
        if fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[number] = blank(line)
        elif opening:
            fence = opening.group(1)[0] * len(opening.group(1))
            lines[number] = blank(line)
        elif not is_blank and line.startswith(("    ", "\t")) and (indented_code or previous_blank) and not in_list:
            indented_code = True
            lines[number] = blank(line)
        elif not is_blank:
            indented_code = False
            in_list = bool(_LIST_ITEM.match(line)) or (in_list and line[:1] in (" ", "\t"))
        previous_blank = is_blank
    return lines


def term_links(body: str, first_line: int = 1) -> list[TermLink]:
    """Every term link in `body`, in order; `first_line` is the body's first line in the file."""
    masked = mask_code(body)
    starts = [0] + [index + 1 for index, char in enumerate(masked) if char == "\n"]
    found: list[TermLink] = []
    for pattern, wiki in ((_INLINE, False), (_REFERENCE, False), (_WIKI, True)):
        for match in pattern.finditer(masked):
            target = (match.group("target") or match.groupdict().get("bare") or "").strip()
            line = bisect.bisect_right(starts, match.start()) - 1
            column = match.start() - starts[line] + 1 + (len(match.group(0)) - len(match.group(0).lstrip(" ")))
            found.append(TermLink(target, (match.group("text") or "").strip(), first_line + line, column,
                                  match.start(), match.end(), wiki))
    return sorted(found, key=lambda link: link.start)
