"""Lint's first stage, file by file: read, parse, and the checks that need nothing but the file itself.

Each file gives a cache.Checked: its diagnostics by stage, and its partial term (the fields other terms'
checks read). A large set of files is spread over every core, in forked worker processes; a small one
is checked here, since starting processes would cost more than it saves.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from glossary import check as checks
from glossary.diagnostics import Diagnostic
from glossary.lint.cache import Checked, FileResult, LintCache, stat_key
from glossary.lint.workers import in_parallel
from glossary.read.corpus import Corpus, Term, parse_source, partial, share_strings
from glossary.read.files import read_source_and_digest

LOCAL_CHECKS = ("schema", "quality", "readability")  # the checks that read one term alone
Check = Callable[[Corpus], Iterable[Diagnostic]]

_local_checks: dict[str, Check] = {}  # set before the workers start, which inherit it


def check_files(files: Sequence[tuple[Path, str]], schema_check: Check | None) -> list[tuple[str, Checked]]:
    """Check each (path, shown path) alone; in worker processes when there are many and several cores."""
    _local_checks.clear()
    _local_checks.update({name: checks.get(name) for name in LOCAL_CHECKS if name != "schema"})
    if schema_check is not None:
        _local_checks["schema"] = schema_check
    return in_parallel(_check_chunk, list(files))


def _check_chunk(files: list[tuple[Path, str]]) -> list[tuple[str, Checked]]:
    started: dict[str, tuple[tuple[int, ...] | None, int, str | None]] = {}
    found: dict[str, dict[str, list[Diagnostic]]] = {}
    terms: dict[str, Term] = {}
    for path, shown in files:
        began = time.time_ns()
        try:
            stat: tuple[int, ...] | None = stat_key(os.stat(path))
        except OSError:
            stat = None
        read, digest = read_source_and_digest(path, shown)
        started[shown] = (stat, began, digest)
        found[shown] = {"read": list(read.diagnostics)}
        if read.source is not None:
            term, problems = parse_source(read.source)
            found[shown]["read"] += problems
            terms[shown] = term
    corpus = Corpus(list(terms.values()))
    for name, check in _local_checks.items():
        for diagnostic in check(corpus):
            found[diagnostic.path].setdefault(name, []).append(diagnostic)
    results: list[tuple[str, Checked]] = []
    for shown, (stat, began, digest) in started.items():
        checked = terms.get(shown)
        result = FileResult(found[shown], None if checked is None else partial(checked))
        results.append((shown, Checked(stat, digest, began, result)))
    return results


def check_and_store(to_check: list[tuple[Path, str]], cache: LintCache,
                    schema_check: Callable[[], Check]) -> dict[str, FileResult]:
    """Check these files alone (the schema loaded only if there are any) and keep each result in the cache."""
    results: dict[str, FileResult] = {}
    for shown, checked in check_files(to_check, schema_check()) if to_check else ():
        cache.store(shown, checked)
        results[shown] = checked.result
        if checked.result.term is not None:
            share_strings(checked.result.term)  # here: strings made one in a worker arrive as copies
    return results


def own_diagnostics(results: dict[str, FileResult], shown: list[str], check_names: tuple[str, ...]) -> list[Diagnostic]:
    """The diagnostics of checking each of these files alone, of the stages asked for."""
    wanted_stages = {"read", *check_names}
    return [diagnostic for name in shown for stage, found in results[name].diagnostics.items()
            if stage in wanted_stages for diagnostic in found]


def readable(result: FileResult) -> bool:
    """Whether a cached result's diagnostics can be read back (a damaged cache is only a slower run)."""
    try:
        return isinstance(result.diagnostics, dict)
    except (ValueError, TypeError, AttributeError):
        return False
