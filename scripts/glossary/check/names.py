"""File-name check (GL201, GL203): a term's file name is its slug, so it must be a valid one.

Passes:  content/terms/ai-factory.md
Fails:   content/terms/AI_Factory.md  ->  GL201 rename it to 'ai-factory.md'
Fails:   gpu.md beside Gpu.md         ->  GL203 the two names differ only by case (or are the same slug)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from glossary.check.suggest import slugify
from glossary.diagnostics import Diagnostic, problem
from glossary.read.corpus import Corpus
from glossary.read.files import SLUG


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Report bad slugs, and names that clash on case-insensitive file systems (on every clashing file)."""
    paths_by_folded: dict[str, list[str]] = {}
    for term in corpus.terms:
        paths_by_folded.setdefault(term.slug.casefold(), []).append(term.path)
    for term in corpus.terms if corpus.selected is None else (t for t in corpus.terms if corpus.wanted(t.path)):
        if not SLUG.fullmatch(term.slug):
            yield problem("GL201", term.path, 1, 1, _slug_message(term.slug))
    for paths in paths_by_folded.values():
        for path in sorted(paths) if len(paths) > 1 else []:
            if corpus.wanted(path):
                yield problem("GL203", path, 1, 1, _clash_message(path, sorted(p for p in paths if p != path)))


def _clash_message(path: str, others: list[str]) -> str:
    same = [other for other in others if Path(other).name == Path(path).name]
    if same:  # a file named on the command line, outside the folder, with a term's slug
        return (f"a term '{Path(path).stem}' already exists at '{same[0]}'; a slug names one term: "
                "rename this file, or edit that one")
    listed = ", ".join(f"'{other}'" for other in others)
    return (f"'{path}' and {listed} differ only by case, and are the same file on macOS and Windows; "
            "merge them or rename one")


def _slug_message(slug: str) -> str:
    suggestion = slugify(slug)
    fix = f"rename it to '{suggestion}.md'" if suggestion else "rename it to the term's title as a slug"
    return (f"the file name '{slug}.md' is not a slug (lower-case letters and digits in words joined by "
            f"single hyphens); {fix}")
