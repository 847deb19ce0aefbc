"""A published term is deprecated before it is removed (GL220): checked against the export being followed.

A term that the previous export published (not deprecated) must still be in this one: as a term, or as a
redirect when it was renamed. Removing its file, or setting it back to draft, would leave consumers with
a dead link and no word of what replaces it. The diagnostic names the file (where it was, for a removed
file) and the fix: deprecate it with superseded_by, publish that, and remove the file in a later export.

Passes:  status: deprecated in the previous export, file removed now   (a tombstone is left)
Fails:   status: published in the previous export, file removed now    ->  GL220
"""

from __future__ import annotations

from pathlib import Path

from glossary.diagnostics import Diagnostic, problem
from glossary.export.previous import Previous
from glossary.read.corpus import Corpus
from glossary.read.files import display_path


def removals(previous: Previous, exported: set[str], redirects: dict[str, str], corpus: Corpus,
             content: Path, root: Path) -> list[Diagnostic]:
    """GL220 for each term published in `previous` that this export would drop without a word."""
    found = []
    terms = corpus.by_slug()
    for slug, was in sorted(previous.terms.items()):
        if was.status != "published" or slug in exported or slug in redirects:
            continue
        term = terms.get(slug)
        if term is None:
            found.append(problem("GL220", display_path(content / f"{slug}.md", root), 1, 1,
                                 f"'{slug}' was published in the previous export ({previous.shown}) and its file is "
                                 "gone: consumers would meet a dead link. Put the file back with status: deprecated "
                                 "and superseded_by: <the term that replaces it>, publish that, and remove the file "
                                 "in a later export (or rename it with 'glossary rename')"))
        else:
            mark = term.positions.of_value(("status",))
            found.append(problem("GL220", term.path, mark.line, mark.column,
                                 f"'{slug}' was published in the previous export ({previous.shown}) and would leave "
                                 f"this one as a {term.text_field('status') or 'term without a status'}: set status "
                                 "back to published, or to deprecated with superseded_by: <the term that replaces it>"))
    return found
