"""Completion: field names from the schema (with their descriptions), the allowed values of a field
(`category`, `status`, a role's `role`), and the slugs of other terms in `related`, `superseded_by` and term
links (`](` and `[[`), each with the term's title and summary.
"""

from __future__ import annotations

from lsprotocol import types

from glossary.check.textual import fold, names
from glossary.lsp.context import (
    SLUG_FIELDS,
    Place,
    place_at,
    present_fields,
    whole_value,
)
from glossary.lsp.document import Document, Point
from glossary.lsp.fields import Fields
from glossary.lsp.state import Glossary

MOST_SLUGS = 100  # more is noise in a menu; the list says it is incomplete, so the editor asks again as you type
TRIGGERS = ["[", "(", " ", ","]


def complete(glossary: Glossary, document: Document, point: Point, this_slug: str) -> types.CompletionList:
    """What may be written at `point`."""
    fields = Fields(glossary.validator.schema)
    place = place_at(document, point, fields.mapping_lists())
    if place.kind == "name":
        return _list(_field_names(document, fields, place, point))
    if place.kind == "link" or place.kind == "value" and place.field[-1:] and place.field[-1] in SLUG_FIELDS:
        items, complete_list = _slugs(glossary, document, place, point, this_slug)
        return types.CompletionList(is_incomplete=not complete_list, items=items)
    if place.kind == "value" and place.field:
        return _list(_allowed(document, fields, place, point))
    return _list([])


def _list(items: list[types.CompletionItem]) -> types.CompletionList:
    return types.CompletionList(is_incomplete=False, items=items)


def _edit(document: Document, place: Place, point: Point, text: str) -> types.TextEdit:
    """Replace what has been typed of the word (up to the point) with `text`."""
    return types.TextEdit(document.lines.range(place.start, point), text)


def _field_names(document: Document, fields: Fields, place: Place, point: Point) -> list[types.CompletionItem]:
    level = place.field[:-1]
    taken = present_fields(document) if not level else set()
    found = []
    for name, description, required in fields.names(level):
        if name in taken or not name.startswith(place.typed(point)):
            continue
        found.append(types.CompletionItem(
            label=name, kind=types.CompletionItemKind.Field, detail="required" if required else "optional",
            documentation=types.MarkupContent(types.MarkupKind.Markdown, description) if description else None,
            text_edit=_edit(document, place, point, f"{name}: " if place.end == point else name)))
    return found


def _allowed(document: Document, fields: Fields, place: Place, point: Point) -> list[types.CompletionItem]:
    whole = whole_value(document, place, point)  # a value of several words ("Operations lead") is replaced whole
    typed = whole.word.casefold()
    return [types.CompletionItem(label=value, kind=types.CompletionItemKind.EnumMember,
                                 detail=f"allowed in {'.'.join(place.field)}",
                                 text_edit=_edit(document, whole, point, value))
            for value in fields.allowed(place.field) if value.casefold().startswith(typed)]


def _slugs(glossary: Glossary, document: Document, place: Place, point: Point,
           this_slug: str) -> tuple[list[types.CompletionItem], bool]:
    """The terms whose slug, title or an alias starts with (or whose slug holds) what has been typed."""
    typed = fold(place.typed(point))
    line = document.lines.line(point[0])
    closes = place.link == "inline" and line[place.end[1]:place.end[1] + 3].lower() != ".md"
    ranked: list[tuple[int, str, types.CompletionItem]] = []
    for slug, term in glossary.by_slug().items():
        if slug == this_slug or term.data is None:
            continue
        named = [fold(name) for name in names(term)]
        rank = 0 if slug.startswith(typed) else 1 if any(name.startswith(typed) for name in named) \
            else 2 if typed in slug else None
        if rank is None:
            continue
        title = term.text_field("title") or ""
        summary = glossary.summary(slug)
        ranked.append((rank, slug, types.CompletionItem(
            label=slug, kind=types.CompletionItemKind.Reference, detail=title,
            documentation=types.MarkupContent(types.MarkupKind.Markdown, summary) if summary else None,
            filter_text=" ".join([slug, title, *names(term)[1:]]),
            text_edit=_edit(document, place, point, f"{slug}.md" if closes else slug))))
    ranked.sort(key=lambda found: found[:2])
    items = [item for _, _, item in ranked[:MOST_SLUGS]]
    for number, item in enumerate(items):
        item.sort_text = f"{number:05d}"
    return items, len(ranked) <= MOST_SLUGS
