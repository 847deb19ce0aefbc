"""Writing the export into a staging folder: every term file, the bundle, the index, the JSON-LD and
changes.json, each checked against the export schema before it is written.

`glossary.atomic` then swaps the staging folder in whole; nothing here touches the published export.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

from glossary import atomic
from glossary.check.validators import fast_validator
from glossary.export import ExportFailed
from glossary.export.changes import Changes, UnreadableExport, compare, hashes_of
from glossary.export.documents import (
    FORMAT_VERSION,
    INDEX_FIELDS,
    Place,
    encode,
    json_ld,
    plain_text,
    redirect_document,
    term_document,
    term_url,
)
from glossary.export.html import Renderer
from glossary.lint.workers import in_parallel
from glossary.read.corpus import Term


def write_export(staging: Path, out: Path, terms: list[Term], place: Place, redirects: dict[str, str],
                 validator: Any, schema_path: Path) -> Changes:
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
    _for_workers[:] = [(terms, titles, related_by, place.base_url, staging, (validator, schema_path.name))]
    try:
        summaries: list[dict[str, Any]] = in_parallel(_write_terms, list(range(len(terms))))
    finally:
        _for_workers.clear()
    count = len(summaries)
    skeleton = {"format_version": FORMAT_VERSION, "count": count, "terms": [], "redirects": moved}
    documents: dict[str, Any] = {
        "index.json": {"format_version": FORMAT_VERSION, "count": count, "redirects": moved,
                       "terms": [{key: summary[key] for key in INDEX_FIELDS} for summary in summaries]},
        "glossary.jsonld": json_ld(summaries, place, [summary["description"] for summary in summaries]),
    }
    documents.update({f"terms/{old}.json": redirect_document(old, new, place.base_url) for old, new in moved.items()})
    _validate({"glossary.json": skeleton, **documents}, validator, schema_path.name)
    bundle_digest = _write_bundle(staging, skeleton, [summary["slug"] for summary in summaries])
    new_hashes = {summary["slug"]: summary["content_hash"] for summary in summaries}
    changes, changes_document = _changes(out, bundle_digest, new_hashes)
    if changes_document is not None:
        _validate({"changes.json": changes_document}, validator, schema_path.name)
        documents["changes.json"] = changes_document
    else:
        atomic.write_file(staging / "changes.json", (out / "changes.json").read_bytes())
    for name, document in documents.items():
        atomic.write_file(staging / name, encode(document))
    atomic.write_file(staging / "export.schema.json", schema_path.read_bytes())
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
