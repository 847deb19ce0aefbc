"""The edits a rename makes in one term file's text, each where the reference is written.

`related` items, `superseded_by`, term links in the body and definition, switch comments naming the old
slug, and (in the renamed term, given a new title) the title and the old title as an alias: each found by
the marks of libyaml's events or by the link reader, replaced in place, and the result read back to check
its data is what was meant.
"""


from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from glossary.authoring.emit import double_quoted, plain_safe
from glossary.authoring.redirects import yaml_text
from glossary.check.textual import fold
from glossary.read import switches
from glossary.read.bodylinks import TermLink, term_links
from glossary.read.corpus import Term, parse_source
from glossary.read.files import (
    BOM,
    split_front_matter,
)
from glossary.read.frontmatter import Loader
from glossary.read.positions import JsonPath

MAX_ALIASES = 20  # the schema's limit
_SWITCH = re.compile(r"^\s*#\s*glossary-disable\b")
_BRACKETS = re.compile(r"\(([^()]*)\)")
_TITLE = r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|\([^()\n]*\)))?"


class RenameRefused(Exception):
    """The rename cannot be done safely; nothing was changed."""


@dataclass
class FileChange:
    """One file's new text (and its text before, None for a new file), ready to write."""

    path: Path
    shown: str
    before: str | None
    after: str
    bom: bool = False


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] (offsets in the text with \\n line breaks) with `text`."""

    start: int
    end: int
    text: str


class TermText:
    """A file's text as written (any line endings), and positions in it by offsets in its \\n-only form."""

    def __init__(self, raw: bytes) -> None:
        self.bom = raw.startswith(BOM)
        self.written = raw[len(BOM):].decode("utf-8") if self.bom else raw.decode("utf-8")
        self.normal = self.written.replace("\r\n", "\n").replace("\r", "\n")
        self.newline = "\r\n" if "\r\n" in self.written else "\r" if "\r" in self.written else "\n"
        self.normal_starts = [0] + [m.end() for m in re.finditer("\n", self.normal)]
        self.written_starts = [0] + [m.end() for m in re.finditer("\r\n|\r|\n", self.written)]

    def offset(self, normal: int) -> int:
        line = bisect.bisect_right(self.normal_starts, normal) - 1
        return self.written_starts[line] + normal - self.normal_starts[line]

    def edited(self, edits: list[Edit]) -> str:
        """The written text with the edits made, new line breaks in the file's own style."""
        parts: list[str] = []
        done = 0
        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            start, end = self.offset(edit.start), self.offset(edit.end)
            if start < done:
                raise RenameRefused("two rewrites overlap; rename by hand")
            parts += [self.written[done:start], edit.text.replace("\n", self.newline)]
            done = end
        return "".join(parts) + self.written[done:]


class Retitle(NamedTuple):
    """The renamed term's new title; its old title, to keep as an alias ('' for none); and the alias that
    the new title already is, which the old title takes the place of (None if none)."""

    title: str
    old_title: str
    in_place_of: int | None


def retitle(term: Term, title: str | None) -> Retitle | None:
    """What giving the renamed term `title` changes: its title, and the old title becomes an alias unless it
    is one already, or differs from the new only by case. When the new title was an alias, the old title
    takes its place in the list."""
    old_title = term.text_field("title")
    if title is None or old_title is None or title == old_title:
        return None
    aliases = [fold(alias) if isinstance(alias, str) else None for alias in term.list_field("aliases")]
    keep = fold(old_title) != fold(title) and fold(old_title) not in aliases
    was_alias = aliases.index(fold(title)) if fold(title) in aliases and keep else None
    return Retitle(title, old_title if keep else "", was_alias)


def term_change(term: Term, old: str, new: str, is_renamed: bool,
                new_title: Retitle | None = None) -> FileChange | None:
    """The term's new text, or None when it does not refer to OLD (and is not the renamed term)."""
    if not _refers_to(term, old) and not is_renamed:
        return None
    try:
        text = TermText(term.source.path.read_bytes())
    except (OSError, UnicodeDecodeError) as error:
        raise RenameRefused(f"{term.path} cannot be read again ({error}); nothing was changed") from error
    front_matter_at, body_at = _offsets(text, term)
    layout = Layout(term.source.front_matter, term.path)
    edits = [Edit(front_matter_at + e.start, front_matter_at + e.end, e.text)
             for e in _front_matter_edits(term, layout, old, new, new_title)]
    edits += [Edit(body_at + e.start, body_at + e.end, e.text)
              for e in _link_edits(term.source.body, old, new, term.path)]
    if not edits:  # then nothing may refer to OLD: reading the text as it is must give what was meant
        _verify(term, text.written, old, new, new_title)
        return None
    after = text.edited(edits)
    _verify(term, after, old, new, new_title)
    return FileChange(term.source.path, term.path, text.written, after, text.bom)


def _refers_to(term: Term, old: str) -> bool:
    return old in term.source.front_matter or old in term.source.body


def _offsets(text: TermText, term: Term) -> tuple[int, int]:
    """Where the front matter and the body start in the file's \\n-only text."""
    again = split_front_matter(text.normal, term.source.path, term.path).source
    if again is None or (again.front_matter, again.body) != (term.source.front_matter, term.source.body):
        raise RenameRefused(f"{term.path} changed while it was being read; run the rename again")
    opening = re.match(r"---[ \t]*\n", text.normal)
    return (opening.end() if opening else 0), len(text.normal) - len(again.body)


_Frame = tuple[JsonPath, bool, list[Any], int]  # a collection's path, whether a mapping, [pending key or count], start


def _mark(mark: Any) -> tuple[int, int]:
    """A libyaml mark's character index and 0-based line."""
    return int(mark.index), int(mark.line)


class Layout:
    """Where each value of the front matter starts and ends, from libyaml's event marks."""

    def __init__(self, front_matter: str, shown: str) -> None:
        self.spans: dict[JsonPath, tuple[int, int]] = {}
        self.flow: set[JsonPath] = set()
        self.inside_text: set[int] = set()  # 0-based lines that continue a multi-line text value
        stack: list[_Frame] = []
        try:
            for event in yaml.parse(front_matter, Loader=Loader):
                self._take(event, stack)
        except yaml.YAMLError as error:
            raise RenameRefused(f"{shown}: the front matter cannot be read ({error})") from error

    def _take(self, event: Any, stack: list[_Frame]) -> None:
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            path = self._child(stack)
            is_mapping = isinstance(event, yaml.MappingStartEvent)
            stack.append((path, is_mapping, [None if is_mapping else 0], _mark(event.start_mark)[0]))
            if event.flow_style:
                self.flow.add(path)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            path, _, _, start = stack.pop()
            self.spans[path] = (start, _mark(event.end_mark)[0])
        elif isinstance(event, yaml.ScalarEvent) and stack and stack[-1][1] and stack[-1][2][0] is None:
            stack[-1][2][0] = event.value  # a key
        elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
            self.spans[self._child(stack)] = (_mark(event.start_mark)[0], _mark(event.end_mark)[0])
            # a block scalar's end mark is at the start of the next line, which is not text (as switches reads it)
            last = _mark(event.end_mark)[1] - (1 if getattr(event.end_mark, "column", 1) == 0 else 0)
            self.inside_text.update(range(_mark(event.start_mark)[1] + 1, last + 1))

    @staticmethod
    def _child(stack: list[_Frame]) -> JsonPath:
        if not stack:
            return ()
        path, is_mapping, state, _ = stack[-1]
        if is_mapping:
            key, state[0] = state[0], None
            return path + (str(key),)
        state[0] += 1
        return path + (state[0] - 1,)


def _front_matter_edits(term: Term, layout: Layout, old: str, new: str, new_title: Retitle | None) -> list[Edit]:
    data = term.data or {}
    front_matter = term.source.front_matter
    paths: list[JsonPath] = [("related", i) for i, item in enumerate(term.list_field("related")) if item == old]
    paths += [("superseded_by",)] if data.get("superseded_by") == old else []
    edits = [_slug_edit(front_matter, layout, path, old, new, term.path) for path in paths]
    definition = term.text_field("definition")
    if definition is not None and any(link.target == old for link in term_links(definition)):
        edits += _definition_edits(front_matter, layout, definition, old, new, term.path)
    edits += _switch_edits(front_matter, layout, old, new)
    if new_title is not None and ("title",) in layout.spans:
        edits.append(Edit(*layout.spans[("title",)], _yaml_text(new_title.title)))
        if new_title.in_place_of is not None:
            edits.append(Edit(*layout.spans[("aliases", new_title.in_place_of)], _yaml_text(new_title.old_title)))
        elif new_title.old_title:
            edits.append(_alias_edit(front_matter, layout, term, new_title.old_title))
    return edits


def _yaml_text(text: str) -> str:
    """Text as a one-line YAML value that reads back as itself, in a block or inside [ ]."""
    return text if plain_safe(text) and not any(c in text for c in ",[]{}") else double_quoted(text)


def _slug_edit(front_matter: str, layout: Layout, path: JsonPath, old: str, new: str, shown: str) -> Edit:
    """A slug value, rewritten in the quotes it was written in."""
    start, end = layout.spans[path]
    written = front_matter[start:end]
    for quote in ("", '"', "'"):
        if written == f"{quote}{old}{quote}":
            return Edit(start, end, f"{quote}{new}{quote}" if quote else yaml_text(new))
    raise RenameRefused(f"{shown}: '{old}' in {'.'.join(map(str, path))} is written in a way rename cannot "
                        f"rewrite ({written!r}); write it plainly, then rename again")


_SOURCE_LINKS = [r"(?:\]\(|\]:)\s*<?(?:\./)?(?P<target>{old})(?=\.[mM][dD](?:[#\s>)\"']|$))",
                 r"\[\[\s*(?P<target>{old})(?=\s*(?:\||\]\]))"]


def _definition_edits(front_matter: str, layout: Layout, definition: str, old: str, new: str,
                      shown: str) -> list[Edit]:
    """The definition's links to OLD, found where it is written; there must be as many as the reader sees."""
    start, end = layout.spans[("definition",)]
    written = front_matter[start:end]
    found = sorted((match.start("target"), match.end("target"))
                   for pattern in _SOURCE_LINKS for match in re.finditer(pattern.format(old=re.escape(old)), written))
    if len(found) != sum(link.target == old for link in term_links(definition)):
        raise RenameRefused(f"{shown}: the definition's links to '{old}' are written in a way rename cannot "
                            "rewrite safely; change them to the new slug by hand, then rename again")
    return [Edit(start + a, start + b, new) for a, b in found]


def _link_edits(markdown: str, old: str, new: str, shown: str) -> list[Edit]:
    """The targets of the term links to OLD in some Markdown: `[t](old.md)`, `[t]: old.md`, `[[old|t]]`."""
    old_text = re.escape(old)
    patterns = {"wiki": rf"^\[\[\s*(?P<target>{old_text})(?=\s*(?:\||\]\]))",
                "reference": rf"^ {{0,3}}\[[^\[\]\n]+\]:\s*<?(?:\./)?(?P<target>{old_text})\.[mM][dD]",
                "inline": rf"\]\(\s*<?(?:\./)?(?P<target>{old_text})\.[mM][dD](?:#[^()\s<>]*)?>?{_TITLE}\s*\)$"}
    edits: list[Edit] = []
    for link in (link for link in term_links(markdown) if link.target == old):
        written = markdown[link.start:link.end]
        kind = "wiki" if link.wiki else "reference" if re.match(r" {0,3}\[[^\[\]\n]+\]:", written) else "inline"
        match = re.search(patterns[kind], written)
        if match is None:
            raise RenameRefused(f"{shown}:{_line_of(markdown, link)}: a link to '{old}' is written in a way rename "
                                "cannot rewrite; change it by hand, then rename again")
        edits.append(Edit(link.start + match.start("target"), link.start + match.end("target"), new))
    return edits


def _line_of(markdown: str, link: TermLink) -> int:
    return markdown.count("\n", 0, link.start) + 1


def _switch_edits(front_matter: str, layout: Layout, old: str, new: str) -> list[Edit]:
    """OLD named in the brackets of a switch comment: `# glossary-disable GL307(gpu, old): why`."""
    edits: list[Edit] = []
    line_start = 0
    for number, line in enumerate(front_matter.split("\n")):
        if _SWITCH.match(line) and number not in layout.inside_text:
            for brackets in _BRACKETS.finditer(line):
                for item in re.finditer(r"[^,]+", brackets.group(1)):
                    if item.group(0).strip() == old:
                        at = line_start + brackets.start(1) + item.start() + item.group(0).index(old)
                        edits.append(Edit(at, at + len(old), new))
        line_start += len(line) + 1
    return edits


def _alias_edit(front_matter: str, layout: Layout, term: Term, old: str) -> Edit:
    """Add OLD to the aliases."""
    return append_item(front_matter, layout, term, "aliases", _yaml_text(old))


def append_item(front_matter: str, layout: Layout, term: Term, field: str, item: str) -> Edit:
    """Add an item (YAML text) to the end of a list field, in the list's own style; a new list goes after the
    category, styled as the file's other lists. RenameRefused when the list is laid out in another way."""
    items = (term.data or {}).get(field)
    if items is None and (field,) not in layout.spans:
        return _new_list(front_matter, layout, field, item)
    if not isinstance(items, list) or (field,) not in layout.spans:
        raise RenameRefused(f"{term.path}: {field} is not a list; fix it first, or add {item} to it by hand")
    start, end = layout.spans[(field,)]
    if (field,) in layout.flow:
        if items:
            last_end = layout.spans[(field, len(items) - 1)][1]
            return Edit(last_end, last_end, f", {item}")
        closing = front_matter.rindex("]", start, end)
        return Edit(closing, closing, item)
    last_start, last_end = layout.spans[(field, len(items) - 1)]
    line_start = front_matter.rfind("\n", 0, last_start) + 1
    prefix = front_matter[line_start:last_start]
    if prefix.strip() != "-":
        raise RenameRefused(f"{term.path}: the {field} list is laid out in a way that cannot be extended here; "
                            f"add {item} to it by hand")
    after = _line_end(front_matter, last_end)
    return Edit(after, after, f"{prefix}{item}\n")


def _new_list(front_matter: str, layout: Layout, field: str, item: str) -> Edit:
    at = _line_end(front_matter, layout.spans[("category",)][1]) if ("category",) in layout.spans \
        else len(front_matter)
    lead = "" if at == 0 or front_matter[at - 1] == "\n" else "\n"
    for name in ("related", "tags", "aliases"):
        if (name,) in layout.spans and (name,) not in layout.flow and (name, 0) in layout.spans:
            first = layout.spans[(name, 0)][0]
            prefix = front_matter[front_matter.rfind("\n", 0, first) + 1:first]
            if prefix.strip() == "-":
                return Edit(at, at, f"{lead}{field}:\n{prefix}{item}\n")
    return Edit(at, at, f"{lead}{field}: [{item}]\n")


def _line_end(text: str, index: int) -> int:
    """The start of the line after the one `index` is on (or `index` itself if it starts a line)."""
    if index == 0 or text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _verify(term: Term, after: str, old: str, new: str, new_title: Retitle | None) -> None:
    """Read the new text back: its data, body and switches must be exactly the old ones, renamed."""
    normal = after.replace("\r\n", "\n").replace("\r", "\n")
    read = split_front_matter(normal, term.source.path, term.path).source
    again, problems = parse_source(read) if read is not None else (None, [])
    expected = _expected_data(term, old, new, new_title)
    body = _apply(term.source.body, _link_edits(term.source.body, old, new, term.path))
    if (again is None or again.data is None or any(p.severity == "error" for p in problems)
            or again.data != expected or again.source.body != body
            or any(_exempt(again, code) != _renamed(_exempt(term, code), old, new) for code in switches.TARGETED)):
        raise RenameRefused(f"{term.path}: rewriting it would change more than the slug (its layout is unusual); "
                            f"change '{old}' to '{new}' there by hand, then rename again")


def _expected_data(term: Term, old: str, new: str, new_title: Retitle | None) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(term.data or {})
    if isinstance(data.get("related"), list):
        data["related"] = [new if item == old else item for item in data["related"]]
    if data.get("superseded_by") == old:
        data["superseded_by"] = new
    if isinstance(data.get("definition"), str):
        data["definition"] = _apply(data["definition"], _link_edits(data["definition"], old, new, term.path))
    if new_title is not None:
        data["title"] = new_title.title
        if new_title.in_place_of is not None:
            data["aliases"][new_title.in_place_of] = new_title.old_title
        elif new_title.old_title:
            data["aliases"] = [*data.get("aliases", []), new_title.old_title]
    return data


def _apply(text: str, edits: list[Edit]) -> str:
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text


def _exempt(term: Term, code: str) -> frozenset[str]:
    return switches.exempt(term, code)


def _renamed(slugs: frozenset[str], old: str, new: str) -> frozenset[str]:
    return frozenset(new if slug == old else slug for slug in slugs)
