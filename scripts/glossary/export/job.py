"""The export: lint, build the JSON documents consumers download, validate them, and write them atomically.

The same content gives the same bytes: keys sorted, two-space indents, UTF-8, a final newline, no
timestamps. changes.json compares the new bundle with the one it replaces; when nothing changed, the
previous changes.json is kept, so an export run twice is byte-for-byte the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson

from glossary import atomic
from glossary.check.validators import load_validator
from glossary.config import ConfigError
from glossary.export import ExportFailed
from glossary.export.changes import Changes
from glossary.export.documents import Place
from glossary.export.writing import write_export
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


@dataclass
class ExportResult:
    """The lint run, and what was written (nothing when refused)."""

    lint: LintResult
    written: bool = False
    count: int = 0
    changes: Changes | None = None


def run_export(settings: ExportSettings) -> ExportResult:
    """Lint; refuse on errors; else build, validate and write the export. Raises ConfigError, ExportFailed."""
    lint = run_lint(settings.lint)
    if lint.exit_code() != 0:
        return ExportResult(lint)
    out = _checked_out(settings.out, settings.lint)
    validator = _export_validator(settings.export_schema)
    settings = replace(settings, base_url=normalised_base_url(settings.base_url))
    terms = sorted((t for t in lint.corpus.terms if t.data is not None
                    and (settings.include_drafts or t.text_field("status") != "draft")), key=lambda t: t.slug)
    redirects = _redirects(settings.lint, {t.slug for t in terms})
    try:
        with stopping_on_signals(), atomic.new_folder(out) as staging:  # stopped: the staging folder goes
            changes = write_export(staging, out, terms, Place(settings.base_url, settings.name), redirects,
                                   validator, settings.export_schema)
    except OSError as error:
        raise ExportFailed(f"cannot write {out}: {error.strerror or error}; the previous export is untouched") \
            from error
    return ExportResult(lint, True, len(terms), changes)


def normalised_base_url(url: str) -> str:
    """Where the export is published, ending in '/' so that 'terms/…' can follow; only http(s) or a path."""
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    if scheme is not None and scheme.group(1).lower() not in ("http", "https") or re.search(r"[?#\s]", url):
        raise ConfigError(f"--base-url {url!r} must be an http(s) address or a path, without a query, fragment "
                          "or spaces, such as https://example.org/g/")
    return url if not url or url.endswith("/") else url + "/"


def _export_validator(path: Path) -> Any:
    validator = load_validator(path)
    parts = validator.schema.get("$defs", {}) if isinstance(validator.schema, dict) else {}
    missing = [part for part in ("term", "index", "changes", "redirect") if part not in parts]
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
    if target.exists() and not target.is_dir():
        raise ConfigError(f"--out {out} is a file; give a folder for the export")
    root, content = lint.root.resolve(), lint.content.resolve()
    if target in (root, content) or target in root.parents or target in content.parents or content in target.parents:
        raise ConfigError(f"--out {out} would replace or sit inside the project's own files; "
                          "give a folder of its own, such as dist")
    if target.is_dir() and any(target.iterdir()):
        stranger = _not_export_file(target)
        if stranger is not None:
            raise ConfigError(f"--out {out} is not an earlier export ({stranger}); export replaces the whole "
                              "folder, so give an empty or new folder, or remove what is yours from it")
    return target


EXPORT_FILES = frozenset({"glossary.json", "index.json", "glossary.jsonld", "changes.json", "export.schema.json"})


def _not_export_file(folder: Path) -> str | None:
    """Why `folder` may hold someone's files, or None when it holds only what an export writes."""
    try:
        orjson.loads((folder / "index.json").read_bytes())["terms"]  # small, unlike the bundle
        if not (folder / "glossary.json").is_file():
            raise OSError
    except (OSError, ValueError, RecursionError, KeyError, TypeError):
        return "it has no readable glossary.json and index.json"
    for entry in folder.iterdir():
        if entry.name == "terms" and entry.is_dir() and not entry.is_symlink():
            extra = next((p.name for p in entry.iterdir() if not (p.suffix == ".json" and p.is_file())), None)
            if extra is not None:
                return f"it holds terms/{extra}"
        elif entry.name not in EXPORT_FILES or not entry.is_file() or entry.is_symlink():
            return f"it holds {entry.name}"
    return None
