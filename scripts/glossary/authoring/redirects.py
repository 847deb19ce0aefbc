"""Writing the redirects file: `glossary rename` records each old slug there, sorted, keeping its comments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

HEADER = ("# Redirects: the old slugs of renamed terms, and the slug each now goes by (old-slug: new-slug).\n"
          "# `glossary rename OLD NEW` keeps this file, sorted. The export writes terms/<old-slug>.json pointing\n"
          "# at the new term, so links to an old slug keep working. Each new slug must be a term.\n")
_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"


@dataclass
class EntryComments:
    """The comments that go with one entry: whole lines just above it, and those at the end of its line."""

    above: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)


def render(mapping: dict[str, str], header: str = HEADER, comments: dict[str, EntryComments] | None = None,
           end: Sequence[str] = ()) -> str:
    """The redirects file's text: the header comment, then one 'old: new' line per entry, sorted, each with
    its comments (by old slug), then the comments that came after the last entry."""
    lines: list[str] = []
    for old, new in sorted(mapping.items()):
        notes = (comments or {}).get(old) or EntryComments()
        lines += notes.above
        lines.append("  ".join([f"{yaml_text(old)}: {yaml_text(new)}", *notes.trailing]))
    return header + "".join(f"{line}\n" for line in [*lines, *end])


def yaml_text(slug: str) -> str:
    """A slug as a YAML scalar that reads back as text: plain, unless YAML would read it as something else."""
    tag = _RESOLVER.resolve(ScalarNode, slug, (True, False))  # type: ignore[no-untyped-call]
    return slug if tag == _STR else f'"{slug}"'


def header_of(text: str) -> str:
    """The comment lines at the top of an existing file, kept when it is rewritten (the standard one if none)."""
    lines: list[str] = []
    for line in text.splitlines(keepends=True):
        if not line.lstrip().startswith("#") and line.strip():
            break
        lines.append(line if line.endswith("\n") else line + "\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return "".join(lines) if lines else HEADER
