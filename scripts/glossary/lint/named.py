"""Lint of a few named files in a large folder: the terms their checks read, not the whole cache.

Every file is still listed and its stat compared with the index (as Git does), so that a change anywhere
is seen: a changed file is checked again. But only the named files' entries, and those of the terms their
checks across terms read, are taken from the index: the terms they link to (or whose name a link is
written as), the terms that share one of their names or list them as related, the terms whose slug differs from theirs only by case, the exported
terms one of whose names is a run of words in their bodies, and one other published term (an orphan is only
one among several). Checked on those, each named file gets what checking the whole folder gives it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from glossary.check import Check
from glossary.check.mentions import keys_in, prose
from glossary.check.suggest import as_slug_text
from glossary.check.textual import EXPORTED, deprecated_names, fold, names
from glossary.diagnostics import Diagnostic
from glossary.lint.cache import FileResult, LintCache, names_digest, names_fingerprint
from glossary.lint.files import check_and_store, own_diagnostics, readable
from glossary.read.corpus import Corpus, Term, share_strings
from glossary.read.files import slug_of


FEW_FILES = 50  # named files; for more, every term is read


def can_check(corpus: Corpus) -> bool:
    """Whether the named files' checks can read only their neighbours (else every term is read)."""
    return corpus.selected is not None and len(corpus.selected) <= FEW_FILES


def check_named(files: Sequence[tuple[Path, str]], cache: LintCache, schema_check: Callable[[], Check],
                corpus: Corpus, check_names: tuple[str, ...]) -> tuple[list[Diagnostic], str]:
    """The named files' own diagnostics; their neighbours join the corpus. Also the names fingerprint."""
    assert corpus.selected is not None and cache.index is not None
    cache.read_lights()
    with cache.index.snapshot():
        paths = {shown: path for path, shown in files}
        changed = {shown for path, shown in files if not cache.unchanged(path, shown)}
        selected = [shown for _, shown in files if shown in corpus.selected]
        results = _results(selected, paths, changed, cache, schema_check)
        results.update(check_and_store(sorted((paths[shown], shown) for shown in changed - results.keys()), cache,
                                       schema_check))
        fingerprint = names_fingerprint(_digests(cache, set(paths), {name: results[name] for name in changed}))
        wanted = _neighbours(cache, [results[s].term for s in selected], files, fingerprint, check_names)
        results.update(_results(sorted(wanted - results.keys()), paths, changed, cache, schema_check))
    corpus.terms += [term for _, shown in files if shown in results and (term := results[shown].term) is not None]
    return own_diagnostics(results, selected, check_names), fingerprint


def _results(shown: Iterable[str], paths: dict[str, Path], changed: set[str], cache: LintCache,
             schema_check: Callable[[], Check]) -> dict[str, FileResult]:
    """Each file's result: from the index when it is unchanged and readable, else checked now."""
    shown = list(shown)
    cache.read_entries({name for name in shown if name not in changed})
    results: dict[str, FileResult] = {}
    to_check = []
    for name in shown:
        cached = None if name in changed else cache.lookup(paths[name], name)[0]
        if cached is None or not readable(cached):
            to_check.append((paths[name], name))
        else:
            results[name] = cached
            if cached.term is not None:
                share_strings(cached.term)
    results.update(check_and_store(to_check, cache, schema_check))
    return results


def _digests(cache: LintCache, listed: set[str], fresh: dict[str, FileResult]) -> list[str]:
    """The names digest of every exported term: from the index, or from the file just checked again."""
    digests = [light.names for shown, light in cache.lights.items()
               if shown in listed and shown not in fresh and light.status in EXPORTED and isinstance(light.names, str)]
    return digests + [names_digest(result.term) for result in fresh.values()
                      if result.term is not None and result.term.text_field("status") in EXPORTED]


def _neighbours(cache: LintCache, terms: list[Term | None], files: Sequence[tuple[Path, str]], fingerprint: str,
                check_names: tuple[str, ...]) -> set[str]:
    """The files whose terms the named terms' checks read."""
    assert cache.index is not None
    known = [term for term in terms if term is not None]
    targets = {target for term in known for target in _targets(term)}
    folded = {fold(name) for term in known for name in [*names(term), *deprecated_names(term)]}
    folded |= {fold(as_slug_text(target).replace("-", " ")) for target in targets}  # a link written as a name
    clashing = {slug.casefold() for slug in (term.slug for term in known)}
    wanted = {shown for path, shown in files if slug_of(path).casefold() in clashing}
    mentioned: set[str] = set()
    if "mentions" in check_names:
        longest = cache.index.longest_name()
        for term in known:
            if term.text_field("status") in EXPORTED and cache.mentions(term.path, fingerprint) is None:
                mentioned |= keys_in(prose(term), longest)
    wanted |= cache.index.neighbours(targets, folded, {term.slug for term in known}, mentioned)
    listed = {shown for _, shown in files}
    other = next((shown for shown, light in cache.lights.items()
                  if light.status == "published" and shown in listed and shown not in wanted), None)
    return (wanted | ({other} if other else set())) & listed


def _targets(term: Term) -> set[str]:
    """Every slug a term names: related, superseded_by, and its body's and definition's links."""
    found = {target for target in term.list_field("related") if isinstance(target, str)}
    if term.text_field("superseded_by"):
        found.add(term.text_field("superseded_by") or "")
    return found | {link.target for link in term.body_links()} | set(term.definition_links())
