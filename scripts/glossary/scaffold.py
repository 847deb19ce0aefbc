"""`glossary new`: write a draft term from the template, with every required field and TODO placeholders."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from glossary.checks.suggest import slugify
from glossary.config import ConfigError


class TermExists(Exception):
    """The term file is already there: `new` never overwrites."""


@dataclass(frozen=True)
class NewTerm:
    """What `glossary new` needs: the title, its category, the date, and where terms live."""

    title: str
    category: str
    content: Path
    categories: tuple[str, ...]
    today: datetime.date


def render_template(term: NewTerm) -> str:
    """The template filled in; the title is written as a YAML double-quoted string, safe for any text."""
    template = resources.files("glossary").joinpath("templates/term.md").read_text(encoding="utf-8")
    return template.format(
        title=json.dumps(term.title, ensure_ascii=False),
        category=term.category,
        categories=", ".join(term.categories) or "the categories in the schema",
        updated=term.today.isoformat(),
    )


def create_term(term: NewTerm) -> Path:
    """Write content/<slug>.md for the title; raise TermExists rather than overwrite."""
    title = " ".join(term.title.split())
    slug = slugify(title)
    if not slug:
        raise ConfigError(f"the title {term.title!r} has no letters or digits to make a file name from")
    if term.categories and term.category not in term.categories:
        raise ConfigError(f"category {term.category!r} is not one of: {', '.join(term.categories)}")
    path = term.content / f"{slug}.md"
    term.content.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(render_template(NewTerm(title, term.category, term.content, term.categories, term.today)))
    except FileExistsError:
        raise TermExists(path) from None
    return path


def schema_categories(schema: Path) -> tuple[str, ...]:
    """The category list from the schema's `category` enum, or nothing if the schema has none."""
    try:
        document = json.loads(schema.read_text(encoding="utf-8"))
        values = document["properties"]["category"]["enum"]
    except (OSError, ValueError, KeyError, TypeError):
        return ()
    return tuple(str(v) for v in values) if isinstance(values, list) else ()
