"""The export: lint, build the JSON documents consumers download, validate them, and write them atomically.

The same content gives the same bytes: keys sorted, two-space indents, UTF-8, a final newline, no
timestamps. changes.json compares the new bundle with the one it replaces; when nothing changed, the
previous changes.json is kept, so an export run twice is byte-for-byte the same.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from glossary import atomic
from glossary.changes import Changes, UnreadableExport, compare, digest, hashes_of
from glossary.checks.schema import load_validator
from glossary.config import ConfigError
from glossary.corpus import Term
from glossary.lint import LintResult, LintSettings, run_lint
from glossary.render import Renderer

FORMAT_VERSION = "1.1.0"
LISTS = ("aliases", "tags", "related", "roles", "faq", "sources")  # absent lists are exported empty
TEXTS = ("example", "superseded_by")  # absent texts are exported as null
INDEX_FIELDS = ("slug", "title", "summary", "category", "tags", "status", "superseded_by", "content_hash")


class ExportFailed(Exception):
    """The export could not be built or written; the previous one is untouched."""


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
    files: dict[str, bytes] = field(default_factory=dict, repr=False)


def run_export(settings: ExportSettings) -> ExportResult:
    """Lint; refuse on errors; else build, validate and write the export. Raises ConfigError, ExportFailed."""
    lint = run_lint(settings.lint)
    if lint.exit_code() != 0:
        return ExportResult(lint)
    out = _checked_out(settings.out, settings.lint)
    validator = _export_validator(settings.export_schema)
    settings = replace(settings, base_url=normalised_base_url(settings.base_url))
    terms = [t.complete() for t in lint.corpus.terms if t.data is not None
             and (settings.include_drafts or t.text_field("status") != "draft")]
    documents = build_documents(terms, settings, _redirects(settings.lint, {t.slug for t in terms}))
    files = {name: encode(document) for name, document in documents.items()}
    changes, changes_file = _changes(out, files["glossary.json"], documents)
    _validate(documents, validator, settings.export_schema.name)
    files["changes.json"] = changes_file
    files["export.schema.json"] = settings.export_schema.read_bytes()
    try:
        atomic.replace_folder(out, files)
    except OSError as error:
        raise ExportFailed(f"cannot write {out}: {error.strerror or error}; the previous export is untouched") \
            from error
    return ExportResult(lint, True, len(terms), changes, files)


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
    from glossary.redirects import read_redirects, redirects_path

    found = read_redirects(redirects_path(lint.root, lint.content), lint.root)
    mapping = found.mapping()
    missing = sorted(old for old, new in mapping.items() if new not in exported or old in exported)
    if found.diagnostics or missing:
        raise ExportFailed(f"{found.shown}: the redirect of {', '.join(map(repr, missing)) or 'a slug'} cannot be "
                           "exported; run 'glossary lint' and fix it; the previous export is untouched")
    return mapping


def build_documents(terms: list[Term], settings: ExportSettings,
                    redirects: dict[str, str] | None = None) -> dict[str, Any]:
    """Every exported document but the schema copy and changes.json, by its path in the export.

    `redirects` maps the old slugs of renamed terms to their new ones: each becomes a small
    terms/<old>.json saying where the term went, and is listed in the bundle and the index."""
    moved = dict(sorted((redirects or {}).items()))
    ordered = sorted(terms, key=lambda t: t.slug)
    titles = {t.slug: t.text_field("title") or t.slug for t in ordered}
    renderer = Renderer(titles, lambda slug: term_url(settings.base_url, slug))
    related_by: dict[str, list[str]] = {t.slug: [] for t in ordered}
    for term in ordered:
        for target in dict.fromkeys(t for t in term.list_field("related") if isinstance(t, str) and t in related_by):
            related_by[target].append(term.slug)
    exported = [term_document(t, renderer, related_by[t.slug]) for t in ordered]
    documents: dict[str, Any] = {
        "glossary.json": {"format_version": FORMAT_VERSION, "count": len(exported), "terms": exported,
                          "redirects": moved},
        "index.json": {"format_version": FORMAT_VERSION, "count": len(exported),
                       "terms": [{key: t[key] for key in INDEX_FIELDS} for t in exported], "redirects": moved},
        "glossary.jsonld": json_ld(exported, settings),
    }
    documents.update({f"terms/{t['slug']}.json": t for t in exported})
    documents.update({f"terms/{old}.json": redirect_document(old, new, settings.base_url) for old, new in moved.items()})
    return documents


def redirect_document(old: str, new: str, base_url: str) -> dict[str, Any]:
    """What terms/<old>.json holds once a term is renamed: where it went, for consumers to follow."""
    return {"redirect": True, "slug": old, "redirect_to": new, "url": term_url(base_url, new)}


def term_document(term: Term, renderer: Renderer, related_by: list[str]) -> dict[str, Any]:
    """One term as consumers get it: every front-matter field, the body, the HTML, back-links and a hash."""
    data = term.data or {}
    document: dict[str, Any] = {name: [] for name in LISTS} | {name: None for name in TEXTS}
    document.update({key: _plain(value) for key, value in data.items()})
    body = term.source.body.strip()
    document.update(slug=term.slug, body=body, body_html=_html(renderer, body, term),
                    definition_html=_html(renderer, str(data.get("definition", "")), term), related_by=related_by)
    canonical = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    document["content_hash"] = "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return document


def _html(renderer: Renderer, markdown: str, term: Term) -> str:
    html = renderer.html(markdown)
    if renderer.unresolved:
        slugs = ", ".join(f"'{slug}'" for slug in sorted(renderer.unresolved))
        raise ExportFailed(f"{term.path}: a link to {slugs} leads to no term in this export (lint's quick reading "
                           "of the Markdown did not see it); fix or remove the link; the previous export is untouched")
    return html


def term_url(base_url: str, slug: str) -> str:
    return f"{base_url}terms/{slug}.json"


def json_ld(terms: list[dict[str, Any]], settings: ExportSettings) -> dict[str, Any]:
    """The glossary as schema.org: a DefinedTermSet of DefinedTerms, and each term's FAQ as an FAQPage."""
    set_id = f"{settings.base_url}glossary.json"
    graph: list[dict[str, Any]] = [{
        "@type": "DefinedTermSet", "@id": set_id, "name": settings.name, "url": set_id,
        "hasDefinedTerm": [{"@id": term_url(settings.base_url, t["slug"])} for t in terms],
    }]
    for term in terms:
        url = term_url(settings.base_url, term["slug"])
        defined: dict[str, Any] = {"@type": "DefinedTerm", "@id": url, "name": term["title"],
                                   "description": plain_text(term["definition_html"]), "termCode": term["slug"],
                                   "url": url,
                                   "inDefinedTermSet": {"@id": set_id}}
        if term["aliases"]:
            defined["alternateName"] = term["aliases"]
        graph.append(defined)
        if term["faq"]:
            graph.append({"@type": "FAQPage", "@id": f"{url}#faq", "about": {"@id": url}, "mainEntity": [
                {"@type": "Question", "name": entry["question"],
                 "acceptedAnswer": {"@type": "Answer", "text": entry["answer"]}} for entry in term["faq"]]})
    return {"@context": "https://schema.org", "@graph": graph}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(html: str) -> str:
    """The words of rendered HTML, for places that take plain text (schema.org's description)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def encode(document: Any) -> bytes:
    """The one JSON spelling of a document: sorted keys, two-space indent, UTF-8, final newline."""
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def _plain(value: Any) -> Any:
    """Front-matter data as JSON: dates become ISO text."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _validate(documents: dict[str, Any], validator: Any, schema_name: str) -> None:
    """Check every JSON document but the JSON-LD against its part of the export schema."""
    checks = [("glossary.json", None), ("index.json", "index"), ("changes.json", "changes")]
    # each term's terms/<slug>.json is the very object the bundle holds, which the bundle check covers
    checks += [(name, "redirect") for name, document in sorted(documents.items())
               if name.startswith("terms/") and isinstance(document, dict) and document.get("redirect") is True]
    for name, part in checks:
        if name not in documents:
            continue
        schema = validator.schema
        if part is not None:
            schema = {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": f"#/$defs/{part}"}
        problems = sorted(validator.evolve(schema=schema).iter_errors(documents[name]),
                          key=lambda e: [str(p) for p in e.absolute_path])
        if problems:
            place = "/".join(str(p) for p in problems[0].absolute_path) or "the top level"
            raise ExportFailed(f"{name} does not match {schema_name} at {place}: {problems[0].message}; "
                               "the previous export is untouched")


def _changes(out: Path, new_bundle: bytes, documents: dict[str, Any]) -> tuple[Changes, bytes]:
    """Compare with the export being replaced, and give changes.json's bytes: the old file's when nothing
    changed, else a new document (also added to `documents`, to be validated)."""
    previous = out / "glossary.json"
    try:
        old_bundle: bytes | None = previous.read_bytes()
        old = hashes_of(json.loads(old_bundle or b""), previous)
    except (OSError, ValueError, RecursionError, UnreadableExport):
        old_bundle, old = None, {}
    changes = compare(old, hashes_of(documents["glossary.json"], Path("glossary.json")))
    if old_bundle == new_bundle:
        try:
            return changes, (out / "changes.json").read_bytes()  # nothing changed: keep what it said
        except OSError:
            pass
    documents["changes.json"] = {
        "format_version": FORMAT_VERSION, "from": digest(old_bundle) if old_bundle is not None else None,
        "to": digest(new_bundle), "added": changes.added, "removed": changes.removed, "changed": changes.changed}
    return changes, encode(documents["changes.json"])


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
        json.loads((folder / "glossary.json").read_bytes())["terms"]
    except (OSError, ValueError, RecursionError, KeyError, TypeError):
        return "it has no readable glossary.json"
    for entry in folder.iterdir():
        if entry.name == "terms" and entry.is_dir() and not entry.is_symlink():
            extra = next((p.name for p in entry.iterdir() if not (p.suffix == ".json" and p.is_file())), None)
            if extra is not None:
                return f"it holds terms/{extra}"
        elif entry.name not in EXPORT_FILES or not entry.is_file() or entry.is_symlink():
            return f"it holds {entry.name}"
    return None
