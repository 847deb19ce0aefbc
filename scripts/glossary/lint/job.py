"""The lint job: read and parse the corpus, run every check, and return sorted diagnostics.

This is the library behind `glossary lint` and `glossary links`; the CLI only turns options into a
`LintSettings` and prints what comes back. The flow:

1. find the term files (reading.discover);
2. check each file alone, or take its result from the cache when the file is unchanged (filecheck, cache);
3. check across terms on the partial terms: names, links, reciprocity, switches, and mentions (whose
   results are cached per file and per set of names);
4. drop what switches turn off, sort, and save the cache.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from glossary import check as checks
from glossary.check import mentions
from glossary.check.textual import EXPORTED, published
from glossary.config import ConfigError
from glossary.diagnostics import Diagnostic
from glossary.lint import named
from glossary.lint.cache import LintCache, names_digest, names_fingerprint, open_cache
from glossary.lint.files import LOCAL_CHECKS, check_and_store, own_diagnostics, readable
from glossary.lint.workers import in_parallel, stopping_on_signals
from glossary.read import switches
from glossary.read.corpus import Corpus, Term, share_strings
from glossary.read.files import discover, display_path, slug_of


@dataclass(frozen=True)
class LintSettings:
    """What to lint: the project root, the content folder, the schema, and any named files."""

    root: Path
    content: Path
    schema: Path
    files: tuple[Path, ...] = ()
    strict: bool = False
    check_names: tuple[str, ...] = ("schema", *checks.CHECKS)
    disabled: frozenset[str] = frozenset()  # codes switched off in [tool.glossary]
    cache: bool = True  # keep each file's results in .glossary-cache/ between runs


@dataclass
class LintResult:
    """The sorted diagnostics of one run, and how many files they cover."""

    diagnostics: list[Diagnostic]
    files: int
    strict: bool
    corpus: Corpus = field(repr=False)

    def exit_code(self) -> int:
        """0 when clean (warnings allowed unless strict), else 1."""
        failing = {"error", "warning"} if self.strict else {"error"}
        return 1 if any(d.severity in failing for d in self.diagnostics) else 0


def run_lint(settings: LintSettings) -> LintResult:
    """Run the checks named in the settings; raises ConfigError for a bad schema or content folder.

    SIGTERM and SIGINT stop it with SystemExit, after its workers have ended and its cache is left whole."""
    with stopping_on_signals():
        return _lint(settings)


def _lint(settings: LintSettings) -> LintResult:
    if not settings.content.is_dir():
        raise ConfigError(f"the content folder {settings.content} does not exist; "
                          "pass --content DIR or set content in [tool.glossary]")
    try:
        files, corpus = _find_files(settings)
    except OSError as error:
        raise ConfigError(f"cannot list the content folder {settings.content}: {error.strerror or error}") from error
    cache = open_cache(settings.root, settings.content, settings.schema, settings.cache)
    # On named files, the schema is loaded only if one is checked: a changed schema changes the cache's key.
    schema_check = functools.cache(lambda: _schema_check(settings.schema))
    found = list(corpus.diagnostics)
    fingerprint = None
    if corpus.selected is None or cache.index is None or not named.can_check(corpus):
        schema_check()  # a schema that cannot be used stops the run, even if every file is in the cache
        cache.read_all()
        found += _check_each_file(files, cache, schema_check, corpus, settings.check_names)
    else:  # a few named files in a large folder: only the rows of the terms their checks read
        own, fingerprint = named.check_named(files, cache, schema_check, corpus, settings.check_names)
        found += own
    for name in settings.check_names:
        if name == "mentions":
            found += _mentions(corpus, cache, fingerprint or _names_fingerprint(corpus))
        elif name not in LOCAL_CHECKS:
            found.extend(checks.get(name)(corpus))
    # The redirects file (kept by `glossary rename`) goes with the link checks of the whole folder.
    if "links" in settings.check_names and corpus.selected is None:
        from glossary.check.redirects import check_redirects
        from glossary.read.redirects import redirects_path

        found.extend(check_redirects(redirects_path(settings.root, settings.content), settings.root, corpus))
    cache.forget_others({shown for _, shown in files})
    cache.save()
    reported = report_on(found, corpus, settings.disabled, settings.strict)
    count = len(corpus.selected) if corpus.selected is not None else corpus.entries
    return LintResult(reported, count, settings.strict, corpus)


def _find_files(settings: LintSettings) -> tuple[list[tuple[Path, str]], Corpus]:
    """Every term file (and any named file outside the folder) with its shown path, and an empty corpus
    holding the folder's own problems (files that are not terms), the slugs, and what to report on.

    A named file is matched to the content folder's entry at the same real place, however it was
    spelled (`a/../terms/x.md`, a linked folder), so that it is neither read twice nor let past a refusal.
    """
    found = discover(settings.content, settings.root)
    base = settings.content.absolute()
    prefix = display_path(base, settings.root)
    absolute = found.files if settings.content.is_absolute() else [base / path.name for path in found.files]
    files = [(path, path.name if prefix == "." else f"{prefix}/{path.name}") for path in absolute]
    in_folder = {path.name: entry for path, entry in zip(found.files, files)}
    refused = {_location(path): path.absolute() for path in found.refused}
    selected: set[str] = set()
    real_base = _real_folder(base)
    outside: dict[Path, tuple[Path, str]] = {}
    for path in settings.files:
        place = _location(path)
        if place in refused:
            selected.add(display_path(refused[place], settings.root))
        elif place.parent == real_base and place.name in in_folder:
            selected.add(in_folder[place.name][1])
        else:  # a file outside the content folder, checked against it
            if place not in outside:
                outside[place] = (path.absolute(), display_path(path.absolute(), settings.root))
                files.append(outside[place])
            selected.add(outside[place][1])
    corpus = Corpus([], list(found.diagnostics), {slug_of(p) for p, _ in files},
                    selected if settings.files else None, len(files) + len(refused))
    return files, corpus


def _location(path: Path) -> Path:
    """Where a directory entry really is: its folder resolved, its own name kept (it may be a link)."""
    return _real_folder(path.absolute().parent) / path.name


@functools.lru_cache(maxsize=64)
def _real_folder(folder: Path) -> Path:
    """A folder with its links resolved, once per run: every term shares the content folder."""
    return Path(os.path.realpath(folder))


def _schema_check(schema_path: Path) -> checks.Check:
    from glossary.check import schema
    from glossary.check.validators import load_validator

    return schema.checker(load_validator(schema_path))


def _check_each_file(files: Sequence[tuple[Path, str]], cache: LintCache, schema_check: Callable[[], checks.Check],
                     corpus: Corpus, check_names: tuple[str, ...]) -> list[Diagnostic]:
    """Each file's own diagnostics, from the cache or checked now; its partial term joins the corpus."""
    results = {}
    to_check = []
    for path, shown in files:
        cached, _ = cache.lookup(path, shown)
        if cached is None or corpus.wanted(shown) and not readable(cached):
            to_check.append((path, shown))
        else:
            results[shown] = cached
            if cached.term is not None:
                share_strings(cached.term)
    results.update(check_and_store(to_check, cache, schema_check))
    corpus.terms += [term for _, shown in files if (term := results[shown].term) is not None]
    return own_diagnostics(results, [shown for _, shown in files if corpus.wanted(shown)], check_names)


def _names_fingerprint(corpus: Corpus) -> str:
    """The fingerprint of every exported term's names (mentions depend on them)."""
    return names_fingerprint([names_digest(term) for term in corpus.terms if term.text_field("status") in EXPORTED])


def _mentions(corpus: Corpus, cache: LintCache, fingerprint: str) -> list[Diagnostic]:
    """GL309 for every published term reported on, from the cache where its file and the names are unchanged."""
    # Mentions depend on the body and on every linkable term's names: the cache keys them on both.
    found: list[Diagnostic] = []
    to_scan: list[Term] = []
    for term in published(corpus):
        cached = cache.mentions(term.path, fingerprint)
        if cached is None:
            to_scan.append(term)
        else:
            found += cached
    if not to_scan:
        return found
    _for_workers[:] = [(mentions.NameIndex(corpus, mentions.few_bodies(to_scan)), to_scan)]  # inherited by workers
    for term, diagnostics in zip(to_scan, in_parallel(_scan_mentions, list(range(len(to_scan))))):
        cache.store_mentions(term.path, fingerprint, diagnostics)
        found += diagnostics
    _for_workers.clear()
    return found


_for_workers: list[tuple[mentions.NameIndex, list[Term]]] = []


def _scan_mentions(numbers: list[int]) -> list[list[Diagnostic]]:
    index, terms = _for_workers[0]
    found = []
    for number in numbers:
        found.append(list(mentions.mention_problems(terms[number], index)))
        terms[number].read_again = None  # the body was read again only for this: let it go
    return found


def report_on(found: list[Diagnostic], corpus: Corpus, disabled: frozenset[str], strict: bool) -> list[Diagnostic]:
    """The last step of every lint (the language server's too): drop what the project (`disabled`) and each
    file's switch comments turn off and what is not reported on, stamp, and sort without repeats."""
    switched_off = {path: _switched_off(corpus, disabled, path) for path in {d.path for d in found}}
    return sorted({_stamped(d, strict) for d in found if corpus.wanted(d.path) and d.code not in switched_off[d.path]})


def _switched_off(corpus: Corpus, disabled: frozenset[str], path: str) -> frozenset[str]:
    """The codes switched off for one file: the project's, and the file's own switch comments."""
    term = corpus.by_path().get(path)
    if term is None:
        return disabled
    return disabled | switches.disabled_codes(term)


def _stamped(diagnostic: Diagnostic, strict: bool) -> Diagnostic:
    """Under --strict a warning is an error, and says so in every format."""
    return replace(diagnostic, severity="error") if strict and diagnostic.severity == "warning" else diagnostic
