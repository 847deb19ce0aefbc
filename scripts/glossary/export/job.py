"""The export: lint, build the JSON documents consumers download, validate them, and write them atomically.

The same content gives the same bytes: keys sorted, two-space indents, UTF-8, a final newline, no
timestamps. The export continues the change feed of the one it follows (`--previous`, else the folder it
replaces) and refuses to drop a term that one published (GL220); when nothing changed, the feed is kept
as it was, so an export run twice is byte-for-byte the same.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary import atomic
from glossary.check.validators import load_validator
from glossary.config import ConfigError
from glossary.diagnostics import Diagnostic
from glossary.export import ExportFailed
from glossary.export.feed import Feed
from glossary.export.lifecycle import removals
from glossary.export.previous import Previous, read_previous
from glossary.export.published import published, replaceable
from glossary.export.schemas import category_labels
from glossary.export.urls import Place
from glossary.export.writing import Plan, write_export
from glossary.lint.job import LintResult, LintSettings, run_lint
from glossary.lint.workers import stopping_on_signals


@dataclass(frozen=True)
class ExportSettings:
    """What to export, from where, to where."""

    lint: LintSettings
    out: Path
    export_schema: Path
    include_drafts: bool = False
    base_url: str = ""
    name: str = "Glossary"
    page_url: str | None = None  # where a site shows each term: a template holding {slug}
    previous: str | None = None  # the export this one follows: a folder or an http(s) URL


@dataclass
class ExportResult:
    """The lint run, and what was written (nothing when refused, and why in `refusals`)."""

    lint: LintResult
    written: bool = False
    count: int = 0
    feed: Feed | None = None
    refusals: list[Diagnostic] = field(default_factory=list)  # terms the previous export published, now dropped
    previous: str | None = None  # where the export followed was read, if there was one

    def feed_note(self) -> str:
        """What the change feed says of this export, for the line that ends it."""
        if self.feed is None:
            return ""
        changes, since = self.feed.changes, f" since {self.previous}" if self.previous else ""
        counts = f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed" \
            + (f", {len(self.feed.renamed)} renamed" if self.feed.renamed else "")
        return f" ({counts}{since}; change feed entry {self.feed.sequence})"


def run_export(settings: ExportSettings, beside: Callable[[Path, Path], object] | None = None) -> ExportResult:
    """Lint; refuse on errors; else build, validate and write the export. Raises ConfigError, ExportFailed.

    `beside(staging, out)`, if given, writes more files (the site) into the staging folder once the export
    is there; only when it returns is the folder swapped in, so its failure leaves `out` as it was."""
    place = Place.of(settings.base_url, settings.page_url, settings.name)
    source = published(settings.previous, fresh=True) if settings.previous is not None else None
    lint = run_lint(settings.lint)
    if lint.exit_code() != 0:
        return ExportResult(lint)
    out = _checked_out(settings.out, settings.lint)
    validator = _export_validator(settings.export_schema)
    labels = category_labels(settings.lint.schema)
    terms = sorted((t for t in lint.corpus.terms if t.data is not None
                    and (settings.include_drafts or t.text_field("status") != "draft")), key=lambda t: t.slug)
    redirects = _redirects(settings.lint, {t.slug for t in terms})
    previous = _previous(source, out)
    if previous is not None:
        refusals = removals(previous, {t.slug for t in terms}, redirects, lint.corpus, settings.lint.content,
                            settings.lint.root)
        if refusals:
            return ExportResult(lint, refusals=refusals, previous=previous.shown)
    plan = Plan(terms, place, redirects, previous, validator, settings.export_schema, labels, out)
    try:
        with stopping_on_signals(), atomic.new_folder(out) as staging:  # stopped: the staging folder goes
            feed = write_export(staging, plan)
            if beside is not None:
                beside(staging, out)
    except OSError as error:
        raise ExportFailed(f"cannot write {out}: {error.strerror or error}; the previous export is untouched") \
            from error
    return ExportResult(lint, True, len(terms), feed, previous=previous.shown if previous else None)


def _previous(source: Any, out: Path) -> Previous | None:
    """The export this one follows: --previous, else the export in the folder it replaces, if any."""
    if source is None:
        if not (out / "index.json").is_file():
            return None
        source = published(str(out))
    return read_previous(source)


def _export_validator(path: Path) -> Any:
    validator = load_validator(path)
    parts = validator.schema.get("$defs", {}) if isinstance(validator.schema, dict) else {}
    missing = [part for part in ("term", "index", "changes", "changes_index", "redirect", "tombstone")
               if part not in parts]
    if missing:
        raise ConfigError(f"the export schema {path} has no {', '.join('$defs/' + m for m in missing)}; "
                          "start from the repository's schema/export.schema.json")
    return validator


def _redirects(lint: LintSettings, exported: set[str]) -> dict[str, str]:
    """The project's redirects (lint has checked them); each must lead to a term in this export."""
    from glossary.read.redirects import read_redirects, redirects_path

    found = read_redirects(redirects_path(lint.root, lint.content), lint.root)
    mapping = found.mapping()
    missing = sorted(old for old, new in mapping.items() if new not in exported or old in exported)
    if found.diagnostics or missing:
        raise ExportFailed(f"{found.shown}: the redirect of {', '.join(map(repr, missing)) or 'a slug'} cannot be "
                           "exported; run 'glossary lint' and fix it; the previous export is untouched")
    return mapping


def _checked_out(out: Path, lint: LintSettings) -> Path:
    """The output folder, refused where replacing it could lose a writer's files."""
    target = out.resolve()
    root, content = lint.root.resolve(), lint.content.resolve()
    if target in (root, content) or target in root.parents or target in content.parents or content in target.parents:
        raise ConfigError(f"--out {out} would replace or sit inside the project's own files; "
                          "give a folder of its own, such as dist")
    return replaceable(out, f"--out {out}", "export", "export")
