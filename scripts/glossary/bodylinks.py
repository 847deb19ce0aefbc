"""Links between terms in a Markdown body: `[text](other-slug.md)` and `[[other-slug]]`, with positions.

Lint checks them like `related` and the export turns them into links. Code is skipped (fenced blocks
and inline code spans), as a Markdown renderer would. A link to a path with a folder or a scheme
(`../docs/x.md`, `https://…`) is not a term link.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# [text](target.md) or [text](./target.md#part), optionally with a "title"; the target has no folder.
_INLINE = re.compile(r"\[(?P<text>[^\]\n]*)\]\(\s*(?:\./)?(?P<target>[^()\s/:#]+?)\.md(?:#[^()\s]*)?"
                     r"(?:\s+\"[^\"\n]*\")?\s*\)", re.IGNORECASE)
# [[target]] or [[target|text]]
_WIKI = re.compile(r"\[\[(?P<target>[^\[\]|\n]+?)(?:\|(?P<text>[^\[\]\n]+?))?\]\]")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.|\n)*?(?<!`)\1(?!`)")


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


def mask_code(body: str) -> str:
    """The body with fenced code blocks and inline code replaced by spaces, line breaks kept."""
    lines = body.split("\n")
    fence: str | None = None
    for number, line in enumerate(lines):
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening.group(1)[0] * len(opening.group(1))
            lines[number] = " " * len(line)
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            lines[number] = " " * len(line)
    masked = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)


def term_links(body: str, first_line: int = 1) -> list[TermLink]:
    """Every term link in `body`, in order; `first_line` is the body's first line in the file."""
    masked = mask_code(body)
    starts = [0] + [index + 1 for index, char in enumerate(masked) if char == "\n"]
    found: list[TermLink] = []
    for pattern, wiki in ((_INLINE, False), (_WIKI, True)):
        for match in pattern.finditer(masked):
            target = match.group("target").strip()
            line = bisect.bisect_right(starts, match.start()) - 1
            column = match.start() - starts[line] + 1
            found.append(TermLink(target, (match.group("text") or "").strip(), first_line + line, column,
                                  match.start(), match.end(), wiki))
    return sorted(found, key=lambda link: link.start)

