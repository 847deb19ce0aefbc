"""Hover, go to definition and find references: on a slug (in `related`, `superseded_by` or a term link) or a
field's name. A hover on a term shows its title, abbreviation, summary and definition; on a term's name in the
body, whose it is (and for a deprecated name, what to write instead); on a field, the schema's description.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lsprotocol import types

from glossary.lsp.context import SLUG_FIELDS, Place, place_at
from glossary.lsp.document import Document, Point
from glossary.lsp.fields import Fields
from glossary.lsp.ranges import extent_at
from glossary.lsp.state import Glossary
from glossary.lsp.vocabulary import hover_text, name_at
from glossary.read.corpus import Term
from glossary.read.files import SLUG


def target_at(glossary: Glossary, document: Document, point: Point) -> Place | None:
    """The slug at `point`, if it is written where a term is named (a slug field's value, or a term link)."""
    place = place_at(document, point, Fields(glossary.validator.schema).mapping_lists())
    named = place.kind == "link" or place.kind == "value" and place.field[:1] and place.field[0] in SLUG_FIELDS
    return place if named and SLUG.fullmatch(place.word) else None


def hover(glossary: Glossary, document: Document, point: Point) -> types.Hover | None:
    target = target_at(glossary, document, point)
    if target is not None:
        term = glossary.by_slug().get(target.word)
        text = _about(term.complete()) if term is not None and term.data is not None else \
            f"There is no term `{target.word}` in {glossary.project.content.name}/."
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text),
                           document.lines.range(target.start, target.end))
    named = name_at(glossary, document, point)
    if named is not None:
        text = hover_text(named, glossary.by_slug().get(named.slug))
        return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text),
                           document.lines.range(named.start, named.end))
    fields = Fields(glossary.validator.schema)
    place = place_at(document, point, fields.mapping_lists())
    description = fields.description(place.field) if place.kind == "name" else ""
    if not description:
        return None
    allowed = fields.allowed(place.field)
    text = description + (f"\n\nAllowed: {', '.join(f'`{value}`' for value in allowed)}" if allowed else "")
    return types.Hover(types.MarkupContent(types.MarkupKind.Markdown, text), document.lines.range(place.start, place.end))


def _about(term: Term) -> str:
    abbreviation = term.text_field("abbreviation")
    title = term.text_field("title") or term.slug
    parts = [f"**{title}**{f' ({abbreviation})' if abbreviation else ''} "
             f"(`{term.slug}`, {term.text_field('status') or 'no status'})"]
    parts += [text for text in (term.text_field("summary"), term.text_field("definition")) if text]
    return "\n\n".join(parts)


def definition(glossary: Glossary, document: Document, point: Point) -> types.Location | None:
    """The file of the term named at `point`."""
    target = target_at(glossary, document, point)
    if target is None or target.word not in glossary.by_slug():
        return None
    return types.Location(glossary.path_of(target.word).as_uri(), types.Range(types.Position(0, 0), types.Position(0, 0)))


def references(glossary: Glossary, document: Document, point: Point, this_slug: str,
               declaration: bool) -> list[types.Location]:
    """Every place a term names the term at `point` (or, elsewhere, this file's term)."""
    target = target_at(glossary, document, point)
    slug = target.word if target is not None else this_slug
    found = []
    for term in glossary.terms():
        places = list(_naming(term, slug))
        text = glossary.text_of(term.path) if places else None
        if text is None:
            continue
        named = Document(text, document.lines.encoding)
        for line, column in places:
            start, end = extent_at(named, line, column)
            found.append(types.Location(term.source.path.as_uri(), named.lines.range(start, end)))
    if declaration and slug in glossary.by_slug():
        found.insert(0, types.Location(glossary.path_of(slug).as_uri(), types.Range(types.Position(0, 0),
                                                                                      types.Position(0, 0))))
    return found


def _naming(term: Term, slug: str) -> Iterator[tuple[int, int]]:
    """The 1-based line and column of each place where a term names `slug`."""
    if term.data is None:
        return
    for index, target in enumerate(term.list_field("related")):
        if target == slug:
            mark = term.positions.of_value(("related", index))
            yield mark.line, mark.column
    if term.text_field("superseded_by") == slug:
        mark = term.positions.of_value(("superseded_by",))
        yield mark.line, mark.column
    if slug in term.definition_links():
        mark = term.positions.of_value(("definition",))
        yield mark.line, mark.column
    for link in term.body_links():
        if link.target == slug:
            yield term.source.body_line + link.line - 1, link.column


def uri_path(uri: str) -> Path | None:
    """The file a `file:` URI names; None for any other scheme (an unsaved buffer, a remote file)."""
    from pygls.uris import to_fs_path

    found = to_fs_path(uri)
    return Path(found) if found and uri.startswith("file:") else None
