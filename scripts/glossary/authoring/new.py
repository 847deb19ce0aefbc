"""`glossary new`: write a draft term from the template, with every required field and TODO placeholders.

The filled-in template is checked like any term before it is written: a title the schema would refuse
(too long, say) is refused here, so a new draft lints with placeholder warnings only. The template holds
no advice comments, which would stay in the term once published: the advice is in `advice()`, which the
command prints, and in CONTRIBUTING.md. The category is matched to the schema's list ignoring case, and a
near miss gets a suggestion.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema.protocols import Validator

from glossary.authoring.emit import INDENT, scalar_text
from glossary.check.schema import check_term
from glossary.check.suggest import did_you_mean, slugify
from glossary.check.textual import deprecated_names_of, fold, names_of
from glossary.config import ConfigError
from glossary.read.corpus import load_corpus, parse_source
from glossary.read.files import split_front_matter

MAX_SLUG = 80  # the schema's slug length, and well inside every file system's name limit


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
    abbreviation: str | None = None


def render_template(term: NewTerm) -> str:
    """The template filled in, already in `glossary fmt`'s canonical form: the title and category are
    written as fmt writes them (plain where YAML allows, quoted where it must be)."""
    template = resources.files("glossary").joinpath("templates/term.md").read_text(encoding="utf-8")
    text = template.format(
        title=scalar_text(term.title, len("title: "), INDENT),
        category=scalar_text(term.category, len("category: "), INDENT),
        updated=term.today.isoformat(),
    )
    if term.abbreviation is None:
        return text
    written = f"abbreviation: {scalar_text(term.abbreviation, len('abbreviation: '), INDENT)}\n"
    return text.replace("\naliases: []\n", f"\naliases: []\n{written}", 1)  # where fmt puts it


def create_term(term: NewTerm, validator: Validator, taken: dict[str, str] | None = None) -> Path:
    """Write content/<slug>.md for the title; raise TermExists rather than overwrite or clash.

    `taken` maps each existing title and alias (folded) to a description of the term that has it.
    """
    title = " ".join(term.title.split())
    slug = _slug_for(title)
    _check_abbreviation(term.abbreviation, title, _max_length(validator.schema, "abbreviation"))
    for name, what in ((title, "title"), (term.abbreviation, "abbreviation")):
        owner = (taken or {}).get(fold(name)) if name is not None else None
        if owner is not None:
            raise TermExists(f"'{name}' is already {owner}; edit that term, or choose another {what}")
    if term.categories and term.category not in term.categories:
        raise ConfigError(f"category {term.category!r} is not one of: {', '.join(term.categories)}")
    path = term.content / f"{slug}.md"
    text = render_template(NewTerm(title, term.category, term.content, term.categories, term.today,
                                   term.abbreviation))
    _refuse_errors(text, path, validator)
    term.content.mkdir(parents=True, exist_ok=True)
    try:
        with open(path, "xb") as handle:
            handle.write(text.encode("utf-8"))
    except FileExistsError:
        raise TermExists(f"{path} already exists; edit it, or choose another title") from None
    return path


def advice(categories: tuple[str, ...]) -> str:
    """What to do next, printed by `glossary new` instead of written into the file."""
    listed = f"the categories are {', '.join(categories)} (docs/categories.md says what each holds); " \
        if categories else ""
    return ("replace each TODO, and delete the optional fields you leave empty; " + listed +
            "CONTRIBUTING.md describes every field; `glossary lint FILE` checks it; when it is finished, set "
            "status: published and updated to today")


def _slug_for(title: str) -> str:
    try:
        title.encode("utf-8")
    except UnicodeEncodeError:
        raise ConfigError("the title is not valid text (check your terminal's encoding)") from None
    if any(unicodedata.category(char) == "Cc" for char in title):
        raise ConfigError("the title holds a control character; type it again as plain text")
    slug = slugify(title)
    if not slug:
        raise ConfigError(f"the title {title!r} has no ASCII letters or digits to make a file name from; "
                          "give the English or a transliterated title, and other spellings as aliases")
    if len(slug) > MAX_SLUG:
        raise ConfigError(f"the title makes a file name of {len(slug)} characters; keep it to {MAX_SLUG}")
    return slug


def _max_length(schema: Any, field: str) -> int | None:
    """A field's maxLength in a loaded term schema, or None if it gives none."""
    try:
        found = schema["properties"][field]["maxLength"]
    except (KeyError, TypeError):
        return None
    return found if isinstance(found, int) else None


def _check_abbreviation(abbreviation: str | None, title: str, longest: int | None) -> None:
    """ConfigError, in plain words, for an abbreviation the schema or lint would refuse."""
    if abbreviation is None:
        return
    example = "give it as written, such as --abbreviation LLM"
    if not abbreviation.strip():
        raise ConfigError(f"the abbreviation is empty; {example}, or leave the option out")
    if any(unicodedata.category(char) == "Cc" for char in abbreviation):
        raise ConfigError(f"the abbreviation holds a line break or control character; {example}")
    if abbreviation != abbreviation.strip():
        raise ConfigError(f"the abbreviation {abbreviation!r} starts or ends with a space; write it as "
                          f"{abbreviation.strip()!r}")
    if longest is not None and len(abbreviation) > longest:
        raise ConfigError(f"the abbreviation {abbreviation!r} is {len(abbreviation)} characters long; an "
                          f"abbreviation is at most {longest}: give the long form as the title or an alias")
    if fold(abbreviation) == fold(title):
        raise ConfigError(f"the abbreviation {abbreviation!r} is the title itself; leave the option out")


def _refuse_errors(text: str, path: Path, validator: Validator) -> None:
    read = split_front_matter(text, path, path.name)
    assert read.source is not None, "the template always has front matter"
    term, found = parse_source(read.source)
    found += check_term(validator, term) if term.data is not None else []
    errors = [d for d in found if d.severity == "error"]
    if errors:
        raise ConfigError("the new term would not pass the schema: "
                          + "; ".join(f"{d.code} {d.message}" for d in errors))


def taken_names(content: Path, root: Path) -> dict[str, str]:
    """Every name in the content folder (title, abbreviation, alias, deprecated name), folded, with the term
    that has it."""
    taken: dict[str, str] = {}
    kinds = {"title": "the title", "abbreviation": "the abbreviation", "aliases": "an alias"}
    for term in load_corpus(content, root).terms if content.is_dir() else []:
        for path, name in names_of(term):
            taken.setdefault(fold(name), f"{kinds[str(path[0])]} of '{term.slug}' ({term.path})")
        for _, name, _ in deprecated_names_of(term):
            taken.setdefault(fold(name), f"a deprecated name of '{term.slug}' ({term.path})")
    return taken


def choose_category(written: str | None, categories: tuple[str, ...]) -> str:
    """The category asked for, as the schema spells it (case aside), or the default when none was asked for;
    ConfigError with the closest category, if one is close, when it is not in the schema's list."""
    if written is None:
        return "concepts" if "concepts" in categories or not categories else categories[0]
    if not categories:
        return written
    same = [category for category in categories if category.casefold() == written.strip().casefold()]
    if same:
        return same[0]
    raise ConfigError(f"category {written!r} is not one of the schema's{did_you_mean(written, categories)}; "
                      f"choose one of: {', '.join(categories)}")


def schema_categories(schema: Any) -> tuple[str, ...]:
    """The category list from a loaded schema's `category` enum, or nothing if the schema has none."""
    try:
        values = schema["properties"]["category"]["enum"]
    except (KeyError, TypeError):
        return ()
    return tuple(str(v) for v in values) if isinstance(values, list) else ()
