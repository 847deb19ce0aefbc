"""The schemas a consumer validates with: the strict schema the export is checked against, the lenient copy
it publishes (fields it does not name allowed, at every level), format 1.2.0 as an addition to 1.1.0, a
Node.js consumer (Ajv 2020, strict, with ajv-formats), and the content hash recipe in two languages."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import EXPORT_SCHEMA, FIXTURES, NODE, NODE_MODULES, REPO, SAMPLE, needs_ajv, needs_node
from glossary.cli import main
from glossary.export.schemas import lenient

GUIDE = (REPO / "docs" / "consuming.md").read_text(encoding="utf-8")
RETIRED = """---
title: Zz {name} Idea
summary: A made-up term for the tests, with words from other languages such as café and naïve.
definition: >-
  Zz {name} Idea is a made-up term that the tests publish – “quoted”.
category: concepts
related: []
status: {status}
updated: 2026-11-27
---
A body with a tab\there, an emoji 😀, a line separator\u2028and a table.

| a | b |
| - | - |
| ü | 1 |
"""


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def real_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The sample glossary's real-shaped terms, exported three times: with a term published, deprecated and removed (a
    tombstone), and the first term renamed (a redirect)."""
    root = tmp_path_factory.mktemp("real")
    shutil.copytree(SAMPLE, root / "content" / "terms")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    retired = root / "content" / "terms" / "zz-retired-idea.md"
    (root / "content" / "terms" / "zz-kept-idea.md").write_text(RETIRED.format(name="Kept", status="published"),
                                                                 encoding="utf-8")
    first = sorted(p.stem for p in (root / "content" / "terms").glob("*.md"))[0]
    here = Path.cwd()
    os.chdir(root)
    try:
        retired.write_text(RETIRED.format(name="Retired", status="published"), encoding="utf-8")
        run("export", "--no-cache")
        retired.write_text(RETIRED.format(name="Retired", status=f"deprecated\nsuperseded_by: {first}"),
                           encoding="utf-8")
        run("export", "--no-cache")
        retired.unlink()
        run("rename", first, f"{first}-renamed")
        run("export", "--no-cache")
    finally:
        os.chdir(here)
    yield root / "dist"


def kind(name: str, document: dict[str, Any]) -> str | None:
    """The part of the schema a file of the export is described by (None: the bundle, at the top)."""
    parts = {"index.json": "index", "changes.json": "changes", "changes/index.json": "changes_index"}
    if name in parts or name.startswith("changes/"):
        return parts.get(name, "changes")
    if name == "glossary.json":
        return None
    return "redirect" if document.get("redirect") is True else "tombstone" if document.get("removed") else "term"


def documents(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """The export's JSON documents that its schema describes: not the schema itself, nor the files in other
    standards' formats that index.json lists (docusaurus/glossary.json), which follow their own."""
    formats = {entry["path"] for entry in json.loads((folder / "index.json").read_bytes()).get("formats", [])}
    for path in sorted(folder.rglob("*.json")):
        name = path.relative_to(folder).as_posix()
        if name != "export.schema.json" and name not in formats:
            yield name, json.loads(path.read_bytes())


def validator(schema: dict[str, Any], part: str | None) -> jsonschema.Draft202012Validator:
    if part is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{part}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_the_real_export_has_every_kind_of_file(real_export: Path) -> None:
    kinds = {kind(name, document) for name, document in documents(real_export)}
    assert kinds == {None, "index", "changes", "changes_index", "term", "redirect", "tombstone"}


def test_every_file_matches_the_strict_schema_and_the_published_one(real_export: Path) -> None:
    strict = json.loads(EXPORT_SCHEMA.read_bytes())
    published = json.loads((real_export / "export.schema.json").read_bytes())
    for name, document in documents(real_export):
        for schema in (strict, published):
            validator(schema, kind(name, document)).validate(document)


MAPS = ("redirects", "removed", "renamed", "content_hashes", "tombstones")  # objects keyed by slug, not fields


def with_unknown_fields(document: Any, map_of_slugs: bool = False) -> Any:
    """The document with a field no schema names added to every object in it, as a later 1.x might."""
    if isinstance(document, dict):
        found = {key: with_unknown_fields(value, key in MAPS) for key, value in document.items()}
        return found if map_of_slugs else {**found, "added_in_1_9": [1]}
    if isinstance(document, list):
        return [with_unknown_fields(value) for value in document]
    return document


def test_fields_of_a_later_minor_version_pass_the_published_schema_and_fail_the_strict(real_export: Path) -> None:
    strict = json.loads(EXPORT_SCHEMA.read_bytes())
    published = json.loads((real_export / "export.schema.json").read_bytes())
    assert published.pop("$comment").startswith("Published with every object open")
    assert published == lenient(strict) and "additionalProperties\": false" not in json.dumps(published)
    for name, document in documents(real_export):
        later = with_unknown_fields(document)
        validator(published, kind(name, document)).validate(later)
        assert not validator(strict, kind(name, document)).is_valid(later), name


def test_format_1_2_only_adds_to_1_1(real_export: Path) -> None:
    """What a 1.1.0 consumer reads validates against the 1.1.0 schema opened up the same way: nothing it
    knew was removed, renamed or changed in type."""
    old = lenient(json.loads((FIXTURES / "export" / "export-1.1.0.schema.json").read_bytes()))
    checked = 0
    for name, document in documents(real_export):
        part = kind(name, document)
        if part in ("changes_index", "tombstone") or name.startswith("changes/"):
            continue  # new in 1.2.0, at paths a 1.1.0 consumer never read
        validator(old, part).validate(document)
        checked += 1
    assert checked > len(list(SAMPLE.glob("*.md")))  # every term file, and the bundle, index and redirects


def test_format_1_3_only_adds_to_1_2(real_export: Path) -> None:
    """What a 1.2.0 consumer reads validates against the 1.2.0 schema opened up the same way: the abbreviation
    and the deprecated names are additions."""
    old = lenient(json.loads((FIXTURES / "export" / "export-1.2.0.schema.json").read_bytes()))
    checked = 0
    for name, document in documents(real_export):
        validator(old, kind(name, document)).validate(document)
        checked += 1
    assert checked > len(list(SAMPLE.glob("*.md")))


def ajv_check(folder: Path) -> dict[str, Any]:
    done = subprocess.run([str(NODE), str(Path(__file__).parent / "ajv_check.cjs"), str(NODE_MODULES), str(folder)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@needs_ajv
def test_a_nodejs_consumer_validates_every_file_with_ajv_strict(real_export: Path, tmp_path: Path) -> None:
    result = ajv_check(real_export)
    assert result["errors"] == {} and result["checked"] == len(list(documents(real_export)))
    later = tmp_path / "later"
    shutil.copytree(real_export, later)
    for name, document in documents(real_export):
        (later / name).write_text(json.dumps(with_unknown_fields(document)), encoding="utf-8")
    broken = json.loads((later / "index.json").read_bytes())
    del broken["terms"][0]["content_hash"]
    (later / "index.json").write_text(json.dumps(broken), encoding="utf-8")
    assert list(ajv_check(later)["errors"]) == ["index.json"]  # unknown fields pass; a missing one does not


def code_under(heading: str, language: str) -> str:
    section = GUIDE.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(rf"```{language}\n(.*?)\n```", section, re.S)[0]


def term_files(folder: Path) -> list[Path]:
    return [p for p in sorted((folder / "terms").glob("*.json")) if "content_hash" in json.loads(p.read_bytes())]


def test_the_guides_python_hash_recipe_gives_every_content_hash(real_export: Path) -> None:
    recipe = code_under("## The content hash", "python")
    check = recipe + "\nimport sys\nfor name in sys.argv[1:]:\n    term = json.load(open(name, encoding='utf-8'))\n" \
                     "    assert content_hash(term) == term['content_hash'], name\nprint(len(sys.argv) - 1)\n"
    files = term_files(real_export)
    done = subprocess.run([sys.executable, "-c", check, *map(str, files)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(files) >= len(list(SAMPLE.glob("*.md")))
    ascii_only = recipe.replace("ensure_ascii=False", "ensure_ascii=True")  # the pitfall the guide warns of
    assert ascii_only != recipe
    done = subprocess.run([sys.executable, "-c", ascii_only + check.removeprefix(recipe),
                           str(real_export / "terms" / "zz-kept-idea.json")], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode != 0 and "AssertionError" in done.stderr


@needs_node
def test_the_guides_javascript_hash_recipe_gives_every_content_hash(real_export: Path, tmp_path: Path) -> None:
    recipe = code_under("## The content hash", "javascript")
    script = recipe + """
const fs = require("node:fs");
let checked = 0;
for (const name of process.argv.slice(2)) {
  const term = JSON.parse(fs.readFileSync(name, "utf8"));
  if (contentHash(term) !== term.content_hash) throw new Error(`${name}: ${contentHash(term)}`);
  checked += 1;
}
console.log(checked);
"""
    (tmp_path / "hash.js").write_text(script, encoding="utf-8")
    files = term_files(real_export)
    assert any("\\t" in p.read_text(encoding="utf-8") and "😀" in p.read_text(encoding="utf-8") for p in files)
    done = subprocess.run([str(NODE), str(tmp_path / "hash.js"), *map(str, files)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(files)


def test_the_strict_schema_and_the_term_schema_agree_on_categories() -> None:
    term_schema = json.loads((REPO / "schema" / "term.schema.json").read_bytes())
    export_schema = json.loads(EXPORT_SCHEMA.read_bytes())
    assert export_schema["$defs"]["term"]["properties"]["category"]["enum"] == \
        term_schema["properties"]["category"]["enum"] == list(term_schema["properties"]["category"]["x-labels"])


def test_lenient_leaves_the_rest_of_a_schema_as_it_was() -> None:
    schema = {"type": "object", "additionalProperties": False, "properties": {
        "map": {"type": "object", "additionalProperties": {"type": "string"}},
        "list": {"type": "array", "items": [{"additionalProperties": False}]}}}
    original = copy.deepcopy(schema)
    assert lenient(schema) == {"type": "object", "properties": {
        "map": {"type": "object", "additionalProperties": {"type": "string"}},
        "list": {"type": "array", "items": [{}]}}}
    assert schema == original
