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
from collections.abc import Callable
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import orjson

from glossary import atomic
from glossary.check.schema import fast_validator, load_validator
from glossary.config import ConfigError
from glossary.export.changes import Changes, UnreadableExport, compare, hashes_of
from glossary.export.html import Renderer
from glossary.lint.files import in_parallel
from glossary.lint.job import LintResult, LintSettings, run_lint
from glossary.read.corpus import Term

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
        with atomic.new_folder(out) as staging:
            changes = write_export(staging, out, terms, settings, redirects, validator)
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


def write_export(staging: Path, out: Path, terms: list[Term], settings: ExportSettings,
                 redirects: dict[str, str], validator: Any) -> Changes:
    """Write every file of the export into `staging`; `out` holds the export it will replace.

    `terms` (sorted by slug) may be partial, as lint keeps them: each is read again in full, made into
    its document, checked against the export schema, encoded and written by itself, in worker processes
    when there are many. Only a summary of each comes back; the bundle is then put together from the
    term files' bytes (the same objects, one level deeper), so no step holds every document at once.
    """
    moved = dict(sorted(redirects.items()))
    titles = {t.slug: t.text_field("title") or t.slug for t in terms}
    related_by: dict[str, list[str]] = {t.slug: [] for t in terms}
    for term in terms:
        for target in dict.fromkeys(t for t in term.list_field("related") if isinstance(t, str) and t in related_by):
            related_by[target].append(term.slug)
    (staging / "terms").mkdir()
    _for_workers[:] = [(terms, titles, related_by, settings.base_url, staging, (validator, settings.export_schema.name))]
    try:
        summaries: list[dict[str, Any]] = in_parallel(_write_terms, list(range(len(terms))))
    finally:
        _for_workers.clear()
    count = len(summaries)
    skeleton = {"format_version": FORMAT_VERSION, "count": count, "terms": [], "redirects": moved}
    documents: dict[str, Any] = {
        "index.json": {"format_version": FORMAT_VERSION, "count": count, "redirects": moved,
                       "terms": [{key: summary[key] for key in INDEX_FIELDS} for summary in summaries]},
        "glossary.jsonld": json_ld(summaries, settings, [summary["description"] for summary in summaries]),
    }
    documents.update({f"terms/{old}.json": redirect_document(old, new, settings.base_url) for old, new in moved.items()})
    _validate({"glossary.json": skeleton, **documents}, validator, settings.export_schema.name)
    bundle_digest = _write_bundle(staging, skeleton, [summary["slug"] for summary in summaries])
    new_hashes = {summary["slug"]: summary["content_hash"] for summary in summaries}
    changes, changes_document = _changes(out, bundle_digest, new_hashes)
    if changes_document is not None:
        _validate({"changes.json": changes_document}, validator, settings.export_schema.name)
        documents["changes.json"] = changes_document
    else:
        atomic.write_file(staging / "changes.json", (out / "changes.json").read_bytes())
    for name, document in documents.items():
        atomic.write_file(staging / name, encode(document))
    atomic.write_file(staging / "export.schema.json", settings.export_schema.read_bytes())
    return changes


_for_workers: list[tuple[list[Term], dict[str, str], dict[str, list[str]], str, Path, Any]] = []  # inherited


def _write_terms(numbers: list[int]) -> list[dict[str, Any]]:
    """Write terms/<slug>.json for each numbered term (in a worker, for many), checked against the export
    schema's term; give back what the index and the JSON-LD need of each."""
    terms, titles, related_by, base_url, staging, (validator, schema_name) = _for_workers[0]
    renderer = Renderer(titles, lambda slug: term_url(base_url, slug))
    schema = validator.schema
    check = {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": "#/$defs/term"}
    is_valid = fast_validator(check)
    summaries = []
    for number in numbers:
        term = terms[number].complete()
        document = term_document(term, renderer, related_by[term.slug])
        if is_valid is None or not is_valid(document):
            _validate({f"terms/{term.slug}.json": document}, validator, schema_name, part="term")
        atomic.write_file(staging / "terms" / f"{term.slug}.json", encode(document))
        summary = {key: document[key] for key in (*INDEX_FIELDS, "aliases", "faq", "definition_html")}
        summary["description"] = plain_text(summary.pop("definition_html"))
        summaries.append(summary)
    return summaries


_BUNDLE_MARK = "\u0000terms\u0000"


def _write_bundle(staging: Path, skeleton: dict[str, Any], slugs: list[str]) -> str:
    """Write glossary.json, exactly encode(bundle), from the term files already written; its digest."""
    digest_so_far = hashlib.sha256()
    text = encode({**skeleton, "terms": [_BUNDLE_MARK]} if slugs else skeleton).decode("utf-8")
    before, after = text.split("    " + json.dumps(_BUNDLE_MARK) + "\n") if slugs else (text, "")
    with open(staging / "glossary.json", "xb") as bundle:
        def write(part: bytes) -> None:
            bundle.write(part)
            digest_so_far.update(part)

        write(before.encode("utf-8"))
        for number, slug in enumerate(slugs):
            lines = (staging / "terms" / f"{slug}.json").read_bytes().rstrip(b"\n").split(b"\n")
            write((b",\n" if number else b"") + b"\n".join(b"    " + line for line in lines))
        if slugs:
            write(b"\n" + after.encode("utf-8"))
    return "sha256:" + digest_so_far.hexdigest()


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


def json_ld(terms: list[dict[str, Any]], settings: ExportSettings, descriptions: list[str]) -> dict[str, Any]:
    """The glossary as schema.org: a DefinedTermSet of DefinedTerms, and each term's FAQ as an FAQPage.

    `descriptions`: each term's definition in plain words (see plain_text)."""
    set_id = f"{settings.base_url}glossary.json"
    graph: list[dict[str, Any]] = [{
        "@type": "DefinedTermSet", "@id": set_id, "name": settings.name, "url": set_id,
        "hasDefinedTerm": [{"@id": term_url(settings.base_url, t["slug"])} for t in terms],
    }]
    for term, description in zip(terms, descriptions):
        url = term_url(settings.base_url, term["slug"])
        defined: dict[str, Any] = {"@type": "DefinedTerm", "@id": url, "name": term["title"],
                                   "description": description, "termCode": term["slug"],
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
    """The one JSON spelling of a document: sorted keys, two-space indent, UTF-8, final newline.

    orjson writes exactly what json.dumps(indent=2, sort_keys=True, ensure_ascii=False) does (a test
    compares the two), twenty times faster; json.dumps takes what orjson refuses (huge integers)."""
    try:
        return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS | orjson.OPT_APPEND_NEWLINE)
    except (orjson.JSONEncodeError, TypeError):
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


PARTS = {"glossary.json": None, "index.json": "index", "changes.json": "changes"}


def _validate(documents: dict[str, Any], validator: Any, schema_name: str, part: str | None = None) -> None:
    """Check JSON documents (not the JSON-LD) against their part of the export schema: the bundle against
    the top level, index.json, changes.json and each redirect against their own part, or all against `part`."""
    compiled: dict[str | None, tuple[Any, Callable[[Any], bool] | None]] = {}  # each part's schema, compiled once
    for name, document in documents.items():
        if name == "glossary.jsonld":
            continue
        which = part or PARTS.get(name, "redirect" if isinstance(document, dict) and document.get("redirect") is True
                                   else "term")
        if which not in compiled:
            whole = validator.schema
            schema = whole if which is None else \
                {"$schema": whole.get("$schema"), "$defs": whole["$defs"], "$ref": f"#/$defs/{which}"}
            compiled[which] = (schema, fast_validator(schema))
        schema, is_valid = compiled[which]
        if is_valid is not None and is_valid(document):
            continue  # the compiled check says valid; jsonschema is asked only to say what is wrong
        problems = sorted(validator.evolve(schema=schema).iter_errors(document),
                          key=lambda e: [str(p) for p in e.absolute_path])
        if problems:
            place = "/".join(str(p) for p in problems[0].absolute_path) or "the top level"
            raise ExportFailed(f"{name} does not match {schema_name} at {place}: {problems[0].message}; "
                               "the previous export is untouched")


def _changes(out: Path, bundle_digest: str, new_hashes: dict[str, str]) -> tuple[Changes, dict[str, Any] | None]:
    """Compare with the export being replaced. The new changes.json document; None when the bundle is
    unchanged and the previous changes.json is there to keep (running the export twice changes nothing)."""
    old_digest = _file_digest(out / "glossary.json")
    old: dict[str, str] = {}
    for name in ("index.json", "glossary.json"):  # the index is small and, since 1.0.0, holds every hash
        try:
            old = hashes_of(orjson.loads((out / name).read_bytes()), out / name)
            break
        except (OSError, ValueError, UnreadableExport):
            continue
    changes = compare(old, new_hashes)
    if old_digest == bundle_digest and (out / "changes.json").is_file():
        return changes, None
    return changes, {"format_version": FORMAT_VERSION, "from": old_digest, "to": bundle_digest,
                     "added": changes.added, "removed": changes.removed, "changed": changes.changed}


def _file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes ("sha256:…"), read a piece at a time; None if it cannot be read."""
    found = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while piece := handle.read(1 << 20):
                found.update(piece)
    except OSError:
        return None
    return "sha256:" + found.hexdigest()


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
