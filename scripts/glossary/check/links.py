"""Link check (GL210-GL214, GL221, GL222): related terms, replacements and body links exist; names lead to one term.

Every `related` and `superseded_by` slug, and every link to a term in the body or the definition
(`[text](slug.md)` or `[[slug]]`), must be a term file (the closest slug is suggested), must not be
the term itself, may appear once, and an exported (published or deprecated) term must not point at a
draft. No two terms may share a name (title, abbreviation, alias or deprecated name), ignoring case; a
deprecated name is not also an admitted one (GL221); a term gives no name twice (GL222). Files that lack
these fields are skipped.

Passes:  related: [inference, gpu]           (both files exist)
Fails:   related: [ai-agnet]                 ->  GL210 did you mean 'ai-agent'?
"""

from __future__ import annotations

import functools
from collections.abc import Iterator

from glossary.check.suggest import as_slug_text, slug_index, slugify
from glossary.check.textual import EXPORTED, deprecated_names_of, fold, names_of
from glossary.diagnostics import Diagnostic, problem, shorten
from glossary.read.corpus import Corpus, Term
from glossary.read.positions import JsonPath


class _Known:
    """What links resolve against: the corpus's slug index, its drafts, and every admitted name's slug (made
    only when a link is broken, to answer a link written as a name)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus, self.index = corpus, slug_index(corpus)
        self.drafts = {slug for slug, term in corpus.by_slug().items() if term.text_field("status") == "draft"}

    @functools.cached_property
    def names(self) -> dict[str, str]:
        return _names_to_slugs(self.corpus)


def check(corpus: Corpus) -> Iterator[Diagnostic]:
    """Every link problem of the reported terms, resolved against the whole corpus."""
    known = _Known(corpus)
    for term in corpus.targets():
        yield from _related(term, known)
        yield from _superseded_by(term, known)
        yield from _body_links(term, known)
    yield from _shared_names(corpus)


def _related(term: Term, known: _Known) -> Iterator[Diagnostic]:
    seen: set[str] = set()
    for index, target in enumerate(term.list_field("related")):
        if not isinstance(target, str):
            continue
        path: JsonPath = ("related", index)
        if target in seen:
            yield _at(term, "GL212", path, f"related lists '{target}' twice; remove the repeat")
            continue
        seen.add(target)
        yield from _target(term, "related", path, target, known)


def _superseded_by(term: Term, known: _Known) -> Iterator[Diagnostic]:
    target = term.text_field("superseded_by")
    if target is not None:
        yield from _target(term, "superseded_by", ("superseded_by",), target, known)


def _body_links(term: Term, known: _Known) -> Iterator[Diagnostic]:
    """Links in the body, at their place; links in the definition (also rendered), at the definition."""
    for link in term.body_links():
        for code, message in _target_problems(term, "linked", link.target, known):
            yield problem(code, term.path, term.source.body_line + link.line - 1, link.column, message)
    for target in term.definition_links():
        for code, message in _target_problems(term, "the definition's linked", target, known):
            yield _at(term, code, ("definition",), message)


def _target(term: Term, field: str, path: JsonPath, target: str,
            known: _Known) -> Iterator[Diagnostic]:
    for code, message in _target_problems(term, field, target, known):
        yield _at(term, code, path, message)


def _names_to_slugs(corpus: Corpus) -> dict[str, str]:
    """Every admitted name (title, abbreviation, alias), folded, with the slug of its term: a link written as
    a name ('llm' for large-language-model) is answered with the slug."""
    found: dict[str, str] = {}
    for term in sorted((t for t in corpus.terms if t.data is not None), key=lambda t: t.slug):
        for _, name in names_of(term):
            found.setdefault(fold(name.replace("-", " ")), term.slug)
    return found


def _target_problems(term: Term, field: str, target: str, known: _Known) -> Iterator[tuple[str, str]]:
    if target == term.slug:
        yield "GL211", f"{field} term '{target}' is this term itself; link to another term"
    elif target not in known.index.slugs:
        meant = slugify(as_slug_text(target))
        if meant not in known.index.slugs or meant == target:
            meant = known.names.get(fold(as_slug_text(target).replace("-", " ")), "")  # a title, abbreviation or alias
        fix = (f"; did you mean '{meant}'?" if meant in known.index.slugs and meant != target
               else known.index.did_you_mean(target)) \
            or "; create it or fix the slug"
        yield "GL210", f"{field} term {shorten(target)} does not exist{fix}"
    elif target in known.drafts and term.text_field("status") in EXPORTED:
        yield ("GL213", f"{field} term '{target}' is a draft, so readers of this {term.text_field('status')} "
                        f"term would get a broken link; publish '{target}' or remove the link")


Use = tuple[Term, JsonPath, str]  # a term, where a name stands in it, and the name as written


def _shared_names(corpus: Corpus) -> Iterator[Diagnostic]:
    """A name used twice is reported on every term that uses it, so linting either file shows it."""
    # Only the names of the reported terms can give a diagnostic: with a few reported (one file in an
    # editor, again on every change), only those are gathered, from each term's names folded once and
    # kept on the term. A run over every file folds each name once anyway, and keeps nothing (memory).
    keep = corpus.selected is not None
    reported = None if not keep else {folded for term in corpus.targets() for _, _, folded in _folded_names(term, keep)}
    uses_by_name: dict[str, list[Use]] = {}
    for term in sorted((t for t in corpus.terms if t.data is not None), key=lambda t: t.slug):
        for path, name, folded in _folded_names(term, keep):
            if reported is None or folded in reported:
                uses_by_name.setdefault(folded, []).append((term, path, name))
    for uses in uses_by_name.values():
        if len(uses) > 1:
            yield from _clashes(corpus, uses)


def _folded_names(term: Term, keep: bool) -> tuple[tuple[JsonPath, str, str], ...]:
    """The term's names (admitted, then to avoid) with their places and as compared (folded); kept on the
    term if `keep`."""
    if term.known_names is not None:
        return term.known_names
    found = tuple((path, name, fold(name)) for path, name in names_of(term)) \
        + tuple((path, name, fold(name)) for path, name, _ in deprecated_names_of(term))
    if keep:
        term.known_names = found
    return found


def _clashes(corpus: Corpus, uses: list[Use]) -> Iterator[Diagnostic]:
    """The diagnostics for one name used more than once, in one term or across terms."""
    first_in_term: dict[str, Use] = {}  # by file: two files may share a slug (GL203)
    for use in uses:
        first_in_term.setdefault(use[0].path, use)
    for term, path, name in uses:
        if not corpus.wanted(term.path):
            continue
        first = first_in_term[term.path]
        if first[1] != path:  # a repeat within one term
            yield from _repeat(term, first, path, name)
            continue
        others = [use for use in uses if use[0].path != term.path]
        admitted = next((use for use in others if not _avoided(use[1])), None)
        avoided = next((use for use in others if _avoided(use[1])), None)
        same, opposite = (avoided, admitted) if _avoided(path) else (admitted, avoided)
        if same is not None:
            yield _at(term, "GL214", path, f"{_kind(path)} {shorten(name)} is also the {_kind(same[1])} of "
                                           f"'{same[0].slug}'; each name must lead to one term: change one of them")
        if opposite is not None:
            yield _at(term, "GL221", path, f"{_kind(path)} {shorten(name)} is {_article(opposite[1])} of "
                                           f"'{opposite[0].slug}'; a name is either admitted or to avoid: "
                                           f"{_drop(path, opposite[1], opposite[0].slug)}")


def _repeat(term: Term, first: Use, path: JsonPath, name: str) -> Iterator[Diagnostic]:
    """A name this term gives twice: GL221 (admitted and to avoid), GL222 (abbreviation or name to avoid given
    twice), GL214 (title and alias)."""
    first_path, first_name = first[1], first[2]
    said = f"{_kind(path)} {shorten(name)}"
    if _avoided(path) != _avoided(first_path):
        yield _at(term, "GL221", path, f"{said} is also this term's {_kind(first_path)}; a name is either admitted "
                                       f"or to avoid: {_drop(path, first_path)}")
    elif _avoided(path):
        yield _at(term, "GL222", path, f"{said} is listed twice; keep it once")
    elif "abbreviation" in (path[0], first_path[0]):
        fix = ("remove the abbreviation field: an abbreviation is a shorter name than the title"
               if first_path[0] == "title" else "keep it once, as the abbreviation: remove it from aliases")
        yield _at(term, "GL222", path, f"{said} repeats this term's own {_kind(first_path)}; {fix}")
    elif first_name != name or not path[0] == first_path[0] == "aliases":  # exact repeats of aliases: GL107
        yield _at(term, "GL214", path, f"{said} repeats this term's own {_kind(first_path)}; remove it")


def _drop(here: JsonPath, there: JsonPath, other: str | None = None) -> str:
    """The fix for a name both admitted and to avoid, said from this term (`here`), where `there` is the
    other use, in the term `other` (None: this term too): drop it from deprecated_names, or from the
    admitted field (a title cannot be dropped, only changed)."""
    admitted = there if _avoided(here) else here
    avoided_in = "" if _avoided(here) or other is None else f" of '{other}'"
    admitted_in = "" if not _avoided(here) or other is None else f" of '{other}'"
    field = {"aliases": "aliases", "abbreviation": "the abbreviation field"}.get(str(admitted[0]))
    if field is None:  # a title
        return f"remove it from deprecated_names{avoided_in}"
    return f"remove it from deprecated_names{avoided_in}, or from {field}{admitted_in}"


def _avoided(path: JsonPath) -> bool:
    return path[0] == "deprecated_names"


_KINDS = {"title": "title", "abbreviation": "abbreviation", "aliases": "alias", "deprecated_names": "deprecated name"}


def _kind(path: JsonPath) -> str:
    return _KINDS.get(str(path[0]), "name")


def _article(path: JsonPath) -> str:
    """'the title', 'an alias', 'a deprecated name': how a name stands in another term."""
    kind = _kind(path)
    return f"the {kind}" if kind in ("title", "abbreviation") else f"an {kind}" if kind == "alias" else f"a {kind}"


def _at(term: Term, code: str, path: JsonPath, message: str) -> Diagnostic:
    mark = term.mark(path)
    return problem(code, term.path, mark.line, mark.column, message)
