"""Writing the export into a staging folder: every term file, the redirects and tombstones, the bundle, the
index, the JSON-LD and the change feed, each checked against the strict export schema before it is written;
and the standards files (SKOS, TBX, ...), from the entries the term writers give back, listed in the index.

`glossary.atomic` then swaps the staging folder in whole; nothing here touches the published export. A
file whose bytes are the same as in the export being replaced keeps that file's modification time, so
that HTTP validators (Last-Modified, and the ETags servers make from it) stay the same when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary import atomic
from glossary.check.validators import fast_validator
from glossary.export import ExportFailed
from glossary.export.documents import (
    FORMAT_VERSION,
    INDEX_FIELDS,
    Catalogue,
    encode,
    plain_text,
    redirect_document,
    term_document,
    tombstone_document,
)
from glossary.export.feed import Feed, next_feed, next_sequence, tombstones
from glossary.export.html import Renderer
from glossary.export.jsonld import glossary_graph
from glossary.export.previous import Previous
from glossary.export.published import file_digest
from glossary.export.schemas import published_schema
from glossary.export.standards import entry_of
from glossary.export.standards.writing import formats, standard_files
from glossary.export.urls import Place, top_spelling
from glossary.lint.workers import in_parallel
from glossary.read.corpus import Term


@dataclass(frozen=True)
class Plan:
    """What to write: the terms (sorted by slug), where they live, the redirects, the export followed,
    the strict schema's validator, the category labels, and the export being replaced (`out`)."""

    terms: list[Term]
    place: Place
    redirects: dict[str, str]
    previous: Previous | None
    validator: Any
    schema_path: Path
    labels: dict[str, str]
    out: Path


def write_export(staging: Path, plan: Plan) -> Feed:
    """Write every file of the export into `staging`; give back the change feed it continues.

    `plan.terms` may be partial, as lint keeps them: each is read again in full, made into its document,
    checked, encoded and written by itself, in worker processes when there are many. Only a summary of
    each comes back; the bundle is then put together from the term files' bytes (the same objects, one
    level deeper), so no step holds every document at once.
    """
    place, moved = plan.place, dict(sorted(plan.redirects.items()))
    summaries = _write_term_files(staging, plan)
    hashes = {summary["slug"]: summary["content_hash"] for summary in summaries}
    removed = tombstones(plan.previous, set(hashes), moved, next_sequence(plan.previous))
    files = _Files(staging, plan)
    for old, new in moved.items():
        files.add(f"terms/{old}.json", redirect_document(old, new, place), "redirect")
    for slug, stone in removed.items():
        files.add(f"terms/{slug}.json", tombstone_document(slug, stone.superseded_by, stone.removed_in, place),
                  "tombstone")
    gone = {slug: {"superseded_by": stone.superseded_by, "removed_in": stone.removed_in}
            for slug, stone in removed.items()}
    skeleton = {"format_version": FORMAT_VERSION, "count": len(summaries), "terms": [], "redirects": moved,
                "removed": gone}
    files.checker.check("glossary.json", skeleton, "bundle")
    digest = write_bundle(staging, skeleton, [(s["slug"], s["offsets"]) for s in summaries])
    files.keep_time("glossary.json", digest=digest)
    feed = next_feed(plan.previous, digest, hashes, moved, removed, (place.base_url, place.page_url))
    standards = standard_files([summary["entry"] for summary in summaries], place)
    for name, data in standards.items():
        files.write(name, data)
    _write_the_rest(files, feed, summaries, {"redirects": moved, "removed": gone, "formats": formats(standards)})
    return feed


def _write_term_files(staging: Path, plan: Plan) -> list[dict[str, Any]]:
    """Every terms/<slug>.json of a term, in workers for many; a summary of each, in order."""
    catalogue = Catalogue({t.slug: t.text_field("title") or t.slug for t in plan.terms},
                          {t.slug: t.text_field("summary") or "" for t in plan.terms}, _back_links(plan.terms),
                          plan.labels, plan.place)
    (staging / "terms").mkdir()
    _for_workers[:] = [(plan, catalogue, staging)]
    try:
        summaries: list[dict[str, Any]] = in_parallel(_write_terms, list(range(len(plan.terms))))
    finally:
        _for_workers.clear()
    return summaries


def _write_the_rest(files: _Files, feed: Feed, summaries: list[dict[str, Any]], more: dict[str, Any]) -> None:
    """index.json (listing the standards files, in `more`), glossary.jsonld, the change feed and the
    published schema."""
    place = files.plan.place
    files.add("index.json", {
        "format_version": FORMAT_VERSION, "count": len(summaries), "sequence": feed.sequence,
        "base_url": place.base_url, "page_url_template": place.page_url, **more,
        "terms": [{key: summary[key] for key in INDEX_FIELDS} for summary in summaries]}, "index")
    files.add("glossary.jsonld", glossary_graph([summary["json_ld"] for summary in summaries], place), None)
    for name, document in feed.documents.items():
        files.add(name, document, "changes_index" if name == "changes/index.json" else "changes")
    for name, data in feed.copied.items():
        files.write(name, data)
    files.write("export.schema.json", published_schema(files.plan.validator.schema))


def _back_links(terms: list[Term]) -> dict[str, list[str]]:
    related_by: dict[str, list[str]] = {t.slug: [] for t in terms}
    for term in terms:
        for target in dict.fromkeys(t for t in term.list_field("related") if isinstance(t, str) and t in related_by):
            related_by[target].append(term.slug)
    return related_by


_for_workers: list[tuple[Plan, Catalogue, Path]] = []  # inherited by forked workers


def _write_terms(numbers: list[int]) -> list[dict[str, Any]]:
    """Write terms/<slug>.json for each numbered term (in a worker, for many), checked against the export
    schema's term; give back what the index and the JSON-LD need of each."""
    plan, catalogue, staging = _for_workers[0]
    place = plan.place
    renderer = Renderer(catalogue.titles, place.link, (place.marker or place.base_url,
                                                       (place.page_url or "").split("{slug}")[0]))
    checker = Checker(plan.validator, plan.schema_path.name)
    summaries = []
    for number in numbers:
        term = plan.terms[number].complete()
        document = term_document(term, renderer, catalogue)
        name = f"terms/{term.slug}.json"
        checker.check(name, document, "term")
        data, offsets = place.root_offsets(encode(document))
        atomic.write_file(staging / name, data)
        _keep_time(staging / name, plan.out / name, data)
        summary = {key: document[key] for key in INDEX_FIELDS}
        summary.update(json_ld=document["json_ld"], offsets=offsets,
                       entry=entry_of(document, plain_text(document["definition_html"])))
        summaries.append(summary)
    return summaries


class _Files:
    """The export's other files: each checked against its part of the schema, encoded, spelled for where it
    lies, written, and given the old file's time when its bytes did not change."""

    def __init__(self, staging: Path, plan: Plan) -> None:
        self.staging, self.plan = staging, plan
        self.checker = Checker(plan.validator, plan.schema_path.name)

    def add(self, name: str, document: dict[str, Any], part: str | None) -> None:
        """Write a document; `part` is the schema's part it must match (None: the JSON-LD, not checked)."""
        if part is not None:
            self.checker.check(name, document, part)
        self.write(name, self.plan.place.spell(encode(document), name.count("/")))

    def write(self, name: str, data: bytes) -> None:
        (self.staging / name).parent.mkdir(parents=True, exist_ok=True)
        atomic.write_file(self.staging / name, data)
        self.keep_time(name, data=data)

    def keep_time(self, name: str, data: bytes | None = None, digest: str | None = None) -> None:
        _keep_time(self.staging / name, self.plan.out / name, data, digest)


def _keep_time(new: Path, old: Path, data: bytes | None, digest: str | None = None) -> None:
    """Give `new` the modification time of `old` when the two hold the same bytes."""
    try:
        status = os.stat(old)
        same_size = status.st_size == (len(data) if data is not None else os.path.getsize(new))
        if same_size and (old.read_bytes() == data if data is not None else file_digest(old) == digest):
            os.utime(new, ns=(status.st_atime_ns, status.st_mtime_ns))
    except OSError:
        return  # no old file (or none readable): the new one keeps the time it was written


_BUNDLE_MARK = "\u0000terms\u0000"


def write_bundle(staging: Path, skeleton: dict[str, Any], terms: list[tuple[str, list[int]]]) -> str:
    """Write glossary.json, exactly encode(bundle) as the top of the export spells it, from the term files
    already written (`terms`: each slug, and where its file spells the relative root); its digest."""
    digest_so_far = hashlib.sha256()
    text = encode({**skeleton, "terms": [_BUNDLE_MARK]} if terms else skeleton).decode("utf-8")
    before, after = text.split("    " + json.dumps(_BUNDLE_MARK) + "\n") if terms else (text, "")
    with open(staging / "glossary.json", "xb") as bundle:
        def write(part: bytes) -> None:
            bundle.write(part)
            digest_so_far.update(part)

        write(before.encode("utf-8"))
        for number, (slug, offsets) in enumerate(terms):
            data = top_spelling((staging / "terms" / f"{slug}.json").read_bytes(), offsets)
            lines = data.rstrip(b"\n").split(b"\n")
            write((b",\n" if number else b"") + b"\n".join(b"    " + line for line in lines))
        if terms:
            write(b"\n" + after.encode("utf-8"))
    return "sha256:" + digest_so_far.hexdigest()


class Checker:
    """Checks documents against the parts of the strict export schema ('bundle' for the top, or a name in
    its $defs): the compiled check first, jsonschema to say what is wrong; each part compiled once."""

    def __init__(self, validator: Any, schema_name: str) -> None:
        self.validator, self.schema_name = validator, schema_name
        self.compiled: dict[str, tuple[dict[str, Any], Callable[[Any], bool] | None]] = {}

    def check(self, name: str, document: Any, part: str) -> None:
        if part not in self.compiled:
            whole = self.validator.schema
            schema = whole if part == "bundle" else {"$schema": whole.get("$schema"), "$defs": whole["$defs"],
                                                     "$ref": f"#/$defs/{part}"}
            self.compiled[part] = (schema, fast_validator(schema))
        schema, is_valid = self.compiled[part]
        if is_valid is not None and is_valid(document):
            return
        problems = sorted(self.validator.evolve(schema=schema).iter_errors(document),
                          key=lambda e: [str(p) for p in e.absolute_path])
        if problems:
            place = "/".join(str(p) for p in problems[0].absolute_path) or "the top level"
            raise ExportFailed(f"{name} does not match {self.schema_name} at {place}: {problems[0].message}; "
                               "the previous export is untouched")
