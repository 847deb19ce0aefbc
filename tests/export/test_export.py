"""The export: every file valid against the export schema, byte-identical runs, safe HTML, atomic replacement,
changes.json and `glossary diff`."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from conftest import REPO, Project, resolved, snapshot, term
from glossary import atomic
from glossary.cli import main
from glossary.export.schemas import lenient
from hypothesis import given, settings
from hypothesis import strategies as st

EXPORT_SCHEMA = REPO / "schema" / "export.schema.json"
SITE = "https://example.org/published/"  # where a test imagines an export with relative URLs is served


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def validator(part: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    if part is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{part}"}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_build_writes_every_file_valid_against_the_export_schema(glossary_project: Project) -> None:
    code, _, err = run("export")
    assert code == 0, err
    dist = glossary_project.root / "dist"
    names = sorted(snapshot(dist))
    assert names == ["changes.json", "changes/1.json", "changes/index.json", "docusaurus/glossary.json",
                     "export.schema.json", "glossary.json", "glossary.jsonld", "glossary.skos.jsonld", "glossary.tbx",
                     "glossary.ttl", "index.json", "mkdocs/abbreviations.md", "terms/alpha.json", "terms/beta.json",
                     "terms/old-alpha.json", "vale/Glossary/Terms.yml", "vale/config/vocabularies/Glossary/accept.txt",
                     "vale/config/vocabularies/Glossary/reject.txt"]
    bundle = json.loads((dist / "glossary.json").read_bytes())
    validator().validate(bundle)
    validator("index").validate(json.loads((dist / "index.json").read_bytes()))
    validator("changes").validate(json.loads((dist / "changes.json").read_bytes()))
    validator("changes").validate(json.loads((dist / "changes" / "1.json").read_bytes()))
    validator("changes_index").validate(json.loads((dist / "changes" / "index.json").read_bytes()))
    for path in (dist / "terms").iterdir():
        document = json.loads(path.read_bytes())
        validator("term").validate(document)
        in_bundle = next(t for t in bundle["terms"] if t["slug"] == path.stem)
        assert resolved(document, f"{SITE}terms/{path.name}") == resolved(in_bundle, f"{SITE}glossary.json")
    published = json.loads((dist / "export.schema.json").read_bytes())
    assert "additionalProperties\": false" in EXPORT_SCHEMA.read_text(encoding="utf-8")
    assert published.pop("$comment") and published == lenient(json.loads(EXPORT_SCHEMA.read_bytes()))
    assert "exported 3 terms to dist (3 added, 0 changed, 0 removed; change feed entry 1)" in err


def test_a_term_carries_every_field_back_links_and_resolved_links(glossary_project: Project) -> None:
    assert run("export")[0] == 0
    dist = glossary_project.root / "dist"
    alpha = json.loads((dist / "terms" / "alpha.json").read_bytes())
    assert alpha["updated"] == "2026-11-27" and alpha["status"] == "published"
    assert alpha["related"] == ["beta"] and alpha["related_by"] == ["beta"]
    assert alpha["body"] == "Alpha sits beside [the beta term](beta.md) and [[beta]]."
    assert alpha["body_html"] == ('<p>Alpha sits beside <a href="../terms/beta.json" data-term="beta" '
                                  'rel="noopener noreferrer">the beta term</a> and <a href="../terms/beta.json" '
                                  'data-term="beta" rel="noopener noreferrer">Beta</a>.</p>\n')
    assert alpha["definition_html"].startswith("<p>Alpha is a made-up term")
    assert alpha["aliases"] == [] and alpha["example"] is None and alpha["superseded_by"] is None
    old = json.loads((dist / "terms" / "old-alpha.json").read_bytes())
    assert (old["status"], old["superseded_by"]) == ("deprecated", "alpha")
    index = json.loads((dist / "index.json").read_bytes())
    assert [t["slug"] for t in index["terms"]] == ["alpha", "beta", "old-alpha"]
    assert index["terms"][0]["content_hash"] == alpha["content_hash"]


def test_drafts_are_exported_only_when_asked(glossary_project: Project, tmp_path: Path) -> None:
    assert run("export", "--out", str(tmp_path / "all"), "--include-drafts")[0] == 0
    bundle = json.loads((tmp_path / "all" / "glossary.json").read_bytes())
    assert [t["slug"] for t in bundle["terms"]] == ["alpha", "beta", "gamma", "old-alpha"]
    assert bundle["count"] == 4
    validator().validate(bundle)


def test_two_runs_give_identical_bytes(glossary_project: Project, tmp_path: Path) -> None:
    assert run("export", "--out", str(tmp_path / "one"))[0] == 0
    assert run("export", "--out", str(tmp_path / "two"))[0] == 0
    first = snapshot(tmp_path / "one")
    assert first == snapshot(tmp_path / "two")
    assert run("export", "--out", str(tmp_path / "one"))[0] == 0  # again, over itself: changes.json kept too
    assert snapshot(tmp_path / "one") == first
    assert all(data.endswith(b"\n") for data in first.values() if data)  # an empty list is an empty file


def test_a_real_shaped_glossary_exports_valid_and_reproducible(sample: Project, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample.root)
    code, _, err = run("export", "--out", str(tmp_path / "one"))
    assert code == 0, err
    assert run("export", "--out", str(tmp_path / "two"))[0] == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")
    bundle = json.loads((tmp_path / "one" / "glossary.json").read_bytes())
    validator().validate(bundle)
    validator("index").validate(json.loads((tmp_path / "one" / "index.json").read_bytes()))
    assert bundle["count"] == len(list(sample.content.glob("*.md")))
    for path in (tmp_path / "one" / "terms").iterdir():
        validator("term").validate(json.loads(path.read_bytes()))
    assert sum('data-term="' in t["body_html"] for t in bundle["terms"]) > len(bundle["terms"]) // 2


class _Elements(HTMLParser):
    """Every start tag with its attributes, as a browser's parser would read them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


HOSTILE = """Plain words first.

<script>alert("body")</script>

An image: <img src="x.png" onerror="alert(1)"> and <a href="javascript:alert(2)">a link</a>.

[click](javascript:alert(3)) [also](JaVaScRiPt:alert(4)) ![pic](data:image/svg+xml;base64,PHN2Zz4=)
<a href=" &#106;avascript:alert(5)">entity</a> <div onmouseover="alert(6)">hover</div>
<iframe src="https://evil.example"></iframe><svg onload="alert(7)"></svg><style>body{}</style>
"""


def test_hostile_body_exports_no_executable_html(glossary_project: Project) -> None:
    glossary_project.write("beta.md", term("beta", related="[alpha]").replace("The body of the term.", HOSTILE))
    code, _, err = run("export")
    assert code == 0, err
    beta = json.loads((glossary_project.root / "dist" / "terms" / "beta.json").read_bytes())
    parser = _Elements()
    parser.feed(beta["body_html"])
    tags = {tag for tag, _ in parser.tags}
    assert tags.isdisjoint({"script", "iframe", "svg", "style", "object", "embed"})
    for _, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), name
            if name in ("href", "src"):
                assert (value or "").strip().lower().startswith(("https:", "http:", "mailto:"))
    assert "alert" not in beta["body_html"].replace("alert(3)", "").replace("alert(4)", "")  # plain text is fine
    assert "Plain words first." in beta["body_html"]


def test_breaking_a_term_refuses_and_leaves_the_previous_export_intact(glossary_project: Project) -> None:
    assert run("export")[0] == 0
    dist = glossary_project.root / "dist"
    before = snapshot(dist)
    glossary_project.write("beta.md", term("beta", related="[alpha, nowhere]"))
    code, out, err = run("export")
    assert code == 1
    assert "GL210" in out and "export refused" in err
    assert snapshot(dist) == before
    assert [p.name for p in glossary_project.root.iterdir() if p.name.startswith(".dist")] == []


def test_a_crash_in_the_middle_of_writing_leaves_the_previous_export(glossary_project: Project,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("export")[0] == 0
    dist = glossary_project.root / "dist"
    before = snapshot(dist)
    glossary_project.write("alpha.md", term(related="[beta]", example="A brand new example, long enough here."))
    written: list[Path] = []
    real_write = atomic.write_file

    def crash_on_the_fourth_file(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise MemoryError  # a crash: nothing in the tool expects or handles it
        written.append(path)
        real_write(path, data)

    monkeypatch.setattr(atomic, "write_file", crash_on_the_fourth_file)
    with pytest.raises(MemoryError):
        CliRunner().invoke(main, ["export"], catch_exceptions=False)
    assert len(written) == 3 and all(dist not in p.parents for p in written)
    assert snapshot(dist) == before
    assert [p.name for p in glossary_project.root.iterdir() if p.name.startswith(".dist")] == []


def test_a_full_disk_fails_the_export_cleanly(glossary_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("export")[0] == 0
    before = snapshot(glossary_project.root / "dist")
    glossary_project.write("alpha.md", term(related="[beta]", example="A brand new example, long enough here."))

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic, "write_file", full)
    code, _, err = run("export")
    assert code == 1 and "No space left on device" in err and "untouched" in err
    assert snapshot(glossary_project.root / "dist") == before


KILLED_MID_EXPORT = """
import os, sys
from glossary import atomic
from glossary.cli import main
real, count = atomic.write_file, [0]
def write_then_die(path, data):
    if count[0] == 2:
        os._exit(9)  # the process dies: no clean-up runs
    count[0] += 1
    real(path, data)
atomic.write_file = write_then_die
sys.argv = ["glossary", "build"]
main()
"""


def test_a_killed_export_leaves_the_previous_one_and_the_next_run_tidies_up(glossary_project: Project) -> None:
    assert run("export")[0] == 0
    dist = glossary_project.root / "dist"
    before = snapshot(dist)
    glossary_project.write("alpha.md", term(related="[beta]", example="A brand new example, long enough here."))
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_EXPORT], cwd=glossary_project.root,
                            capture_output=True, text=True, check=False)
    assert killed.returncode == 9, killed.stderr
    assert snapshot(dist) == before
    leftovers = [p for p in glossary_project.root.iterdir() if p.name.startswith(".dist.new-")]
    assert len(leftovers) == 1
    assert run("export")[0] == 0
    assert not leftovers[0].exists()
    assert snapshot(dist) != before


def test_an_old_folder_set_aside_by_an_unfinished_swap_is_put_back(tmp_path: Path) -> None:
    (tmp_path / ".dist.old-999999999-abcd").mkdir()
    (tmp_path / ".dist.old-999999999-abcd" / "glossary.json").write_text("{}", encoding="utf-8")
    atomic.remove_stale(tmp_path, "dist")
    assert (tmp_path / "dist" / "glossary.json").read_text(encoding="utf-8") == "{}"


def test_swap_without_an_exchange_call_still_replaces_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "_exchange", lambda first, second: False)
    for name, data in (("a.json", b"1\n"), ("b.json", b"2\n")):
        with atomic.new_folder(tmp_path / "dist") as staging:
            atomic.write_file(staging / name, data)
    assert snapshot(tmp_path / "dist") == {"b.json": b"2\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dist"]


@pytest.mark.parametrize("out", ["content/terms", "content", ".", "content/terms/dist", "pyproject.toml"])
def test_out_folders_that_would_lose_files_are_refused(glossary_project: Project, out: str) -> None:
    before = snapshot(glossary_project.root)
    code, _, err = run("export", "--out", out)
    assert code == 2 and "--out" in err
    assert snapshot(glossary_project.root) == before


def test_a_folder_that_is_not_an_export_is_not_replaced(glossary_project: Project) -> None:
    site = glossary_project.root / "site"
    site.mkdir()
    (site / "index.html").write_text("<p>mine</p>", encoding="utf-8")
    code, _, err = run("export", "--out", "site")
    assert code == 2 and "not an earlier export" in err
    assert (site / "index.html").read_text(encoding="utf-8") == "<p>mine</p>"


def test_the_json_ld_describes_a_defined_term_set(glossary_project: Project) -> None:
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]",
                                           faq="\n  - question: Is beta real?\n    answer: Only in tests."))
    glossary_project.write("alpha.md", term(related="[beta]", definition='"Alpha is *built* on [[beta]] and so on, '
                                                                         'in plain words for search engines."'))
    assert run("export", "--base-url", "https://example.org/g/")[0] == 0
    document = json.loads((glossary_project.root / "dist" / "glossary.jsonld").read_bytes())
    assert document["@context"] == "https://schema.org"
    graph = document["@graph"]
    [term_set] = [node for node in graph if node["@type"] == "DefinedTermSet"]
    terms = {node["termCode"]: node for node in graph if node["@type"] == "DefinedTerm"}
    assert sorted(terms) == ["alpha", "beta", "old-alpha"]
    assert [ref["@id"] for ref in term_set["hasDefinedTerm"]] == [terms[s]["@id"] for s in sorted(terms)]
    beta = terms["beta"]
    assert (beta["name"], beta["alternateName"], beta["url"]) == ("Beta", ["betas"],
                                                                  "https://example.org/g/terms/beta.json")
    assert beta["inDefinedTermSet"] == {"@id": term_set["@id"]} and beta["description"].startswith("Beta is")
    alpha = terms["alpha"]  # a definition with Markdown and a term link becomes plain words
    assert alpha["description"] == "Alpha is built on Beta and so on, in plain words for search engines."
    [faq] = [node for node in graph if node["@type"] == "FAQPage"]
    assert faq["about"] == {"@id": beta["@id"]}
    assert faq["mainEntity"] == [{"@type": "Question", "name": "Is beta real?",
                                  "acceptedAnswer": {"@type": "Answer", "text": "Only in tests."}}]


def hashes(folder: Path) -> dict[str, str]:
    return {t["slug"]: t["content_hash"] for t in json.loads((folder / "glossary.json").read_bytes())["terms"]}


def test_content_hash_changes_exactly_with_the_exported_term(glossary_project: Project) -> None:
    dist = glossary_project.root / "dist"
    assert run("export")[0] == 0
    first = hashes(dist)
    glossary_project.write("beta.md", term("beta", related="[alpha]", aliases="[betas]").replace(
        "The body of the term.", "A new body for beta."))
    assert run("export")[0] == 0
    second = hashes(dist)
    assert {slug for slug in first if first[slug] != second[slug]} == {"beta"}
    glossary_project.write("old-alpha.md", term("old-alpha", status="deprecated", superseded_by="alpha",
                                                related="[beta]"))
    assert run("export")[0] == 0  # beta gains a back-link, so its exported entry changes too
    assert {slug for slug in second if second[slug] != hashes(dist)[slug]} == {"beta", "old-alpha"}


def test_changes_json_and_diff_report_edited_added_and_removed_terms(glossary_project: Project,
                                                                   tmp_path: Path) -> None:
    dist = glossary_project.root / "dist"
    assert run("export")[0] == 0
    shutil.copytree(dist, tmp_path / "old")
    first = json.loads((dist / "changes.json").read_bytes())
    assert (first["from"], first["added"]) == (None, ["alpha", "beta", "old-alpha"])
    glossary_project.write("alpha.md", term(related="[beta]", example="An edited example, long enough to pass."))
    (glossary_project.content / "old-alpha.md").unlink()
    glossary_project.write("delta.md", term("delta", related="[alpha]"))
    glossary_project.write("beta.md", term("beta", related="[alpha, delta]", aliases="[betas]"))
    code, _, err = run("export")
    assert code == 0, err
    changes = json.loads((dist / "changes.json").read_bytes())
    old_bundle = (tmp_path / "old" / "glossary.json").read_bytes()
    assert changes["from"] == first["to"] == "sha256:" + __import__("hashlib").sha256(old_bundle).hexdigest()
    assert (changes["added"], changes["removed"], changes["changed"]) == (["delta"], ["old-alpha"], ["alpha", "beta"])
    code, out, _ = run("diff", str(tmp_path / "old"), "dist", "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert {key: found[key] for key in ("added", "removed", "changed", "renamed", "unchanged")} == {
        "added": ["delta"], "removed": ["old-alpha"], "changed": ["alpha", "beta"], "renamed": [], "unchanged": 0}
    assert {"field": "related", "added": ["delta"], "removed": []} in found["fields"]["beta"]
    assert {"field": "example"} in found["fields"]["alpha"]
    code, out, _ = run("diff", str(tmp_path / "old" / "glossary.json"), "dist/index.json")
    assert code == 0  # the index holds fewer fields: those it holds are compared
    assert out == ("added (1):\n  delta\nremoved (1):\n  old-alpha\nrenamed (0)\nchanged (2):\n  alpha\n  beta\n"
                   "unchanged (0)\n")


@pytest.mark.parametrize("content, expected", [
    (None, "does not exist"),
    (b"not json", "is not JSON"),
    (b'{"terms": "no"}', "is not a glossary export"),
    (b'{"terms": [{"slug": "a"}]}', "without a slug and a content_hash"),
])
def test_diff_of_something_that_is_not_an_export(tmp_path: Path, content: bytes | None, expected: str) -> None:
    folder = tmp_path / "old"
    folder.mkdir()
    if content is not None:
        (folder / "glossary.json").write_bytes(content)
    code, _, err = run("diff", str(folder), str(folder))
    assert code == 2 and expected in err


def test_an_export_that_does_not_match_its_schema_fails_and_writes_nothing(glossary_project: Project) -> None:
    schema: dict[str, Any] = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    schema["$defs"]["term"]["properties"]["title"]["maxLength"] = 3
    (glossary_project.root / "schema" / "export.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    code, _, err = run("export")
    assert code == 1 and "terms/alpha.json does not match export.schema.json at title" in err
    assert not (glossary_project.root / "dist").exists()
    assert [name for name in os.listdir(glossary_project.root) if name.startswith(".dist")] == []


@pytest.mark.parametrize("mine", [{"index.html": "<p>mine</p>"}, {"terms/notes.txt": "mine"}, {".git/HEAD": "x"}])
def test_a_folder_with_a_glossary_json_and_other_files_is_not_replaced(glossary_project: Project,
                                                                      mine: dict[str, str]) -> None:
    site = glossary_project.root / "site"
    (site / "terms").mkdir(parents=True)
    (site / "glossary.json").write_text('{"format_version": "1.0.0", "count": 0, "terms": []}', encoding="utf-8")
    for name, text in mine.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    before = snapshot(site)
    code, _, err = run("export", "--out", "site")
    assert code == 2 and "not an earlier export" in err
    assert snapshot(site) == before


def test_a_link_only_the_renderer_sees_fails_the_export(glossary_project: Project) -> None:
    glossary_project.write("beta.md", term("beta", related="[alpha]").replace(
        "The body of the term.", "A [link](nowh&#101;re.md) with an entity, which lint's quick reading misses."))
    assert run("lint")[0] == 0
    code, _, err = run("export")
    assert code == 1 and "content/terms/beta.md: a link to 'nowhere' leads to no term" in err
    assert not (glossary_project.root / "dist").exists()


@pytest.mark.parametrize("given, expected", [("https://example.org/g", "https://example.org/g/terms/beta.json"),
                                              ("/glossary/", "/glossary/terms/beta.json")])
def test_base_url_gains_its_final_slash(glossary_project: Project, given: str, expected: str) -> None:
    assert run("export", "--base-url", given)[0] == 0
    beta = json.loads((glossary_project.root / "dist" / "terms" / "alpha.json").read_bytes())
    assert f'href="{expected}"' in beta["body_html"]


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "https://a.example/g?v=1", "https://a.example/#top"])
def test_base_url_of_another_scheme_or_with_a_query_is_refused(glossary_project: Project, url: str) -> None:
    code, _, err = run("export", "--base-url", url)
    assert code == 2 and "http(s)" in err


def test_an_export_schema_without_its_parts_is_a_usage_error(glossary_project: Project) -> None:
    (glossary_project.root / "schema" / "export.schema.json").write_text('{"type": "object"}', encoding="utf-8")
    code, _, err = run("export")
    assert code == 2 and "$defs/term" in err


def test_diff_of_a_device_is_refused() -> None:
    code, _, err = run("diff", "/dev/zero", "/dev/zero")
    assert code == 2 and "not a file" in err


def test_diff_of_a_deeply_nested_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code, _, err = run("diff", str(tmp_path / "deep.json"), str(tmp_path / "deep.json"))
    assert code == 2 and "nested too deeply" in err


def test_the_bundle_put_together_from_the_term_files_is_what_encoding_it_whole_gives(tmp_path: Path) -> None:
    from glossary.export.documents import encode
    from glossary.export.writing import write_bundle

    terms = [{"slug": "a", "body": "x\ny \u2028 \"q\"", "faq": [], "nested": {"k": [1, {"z": None}]}},
             {"slug": "b", "body": "", "title": "B\u00e9"}]
    for count in (0, 1, 2):
        staging = tmp_path / str(count)
        (staging / "terms").mkdir(parents=True)
        for term in terms[:count]:
            (staging / "terms" / f"{term['slug']}.json").write_bytes(encode(term))
        bundle = {"format_version": "1.1.0", "count": count, "terms": terms[:count], "redirects": {"old": "a"}}
        skeleton = {**bundle, "terms": []}
        written = write_bundle(staging, skeleton, [(str(term["slug"]), []) for term in terms[:count]])
        assert (staging / "glossary.json").read_bytes() == encode(bundle)
        assert written == "sha256:" + hashlib.sha256(encode(bundle)).hexdigest()


def test_the_exported_bundle_holds_each_term_file_and_is_in_the_one_json_spelling(glossary_project: Project) -> None:
    """With a base URL every URL reads the same from every file, so the bundle holds the term files as they are."""
    from glossary.export.documents import encode

    assert run("export", "--base-url", "https://example.org/g/")[0] == 0
    dist = glossary_project.root / "dist"
    bundle = json.loads((dist / "glossary.json").read_bytes())
    assert (dist / "glossary.json").read_bytes() == encode(bundle)
    assert bundle["terms"] == [json.loads(p.read_bytes()) for p in sorted((dist / "terms").glob("*.json"))]


def test_encoding_with_orjson_spells_json_as_json_dumps_does() -> None:
    from glossary.export.documents import encode

    documents = [{"k": [s, {"z": s, "a": [], "b": {}}, None, True, False, 0, -5, 123456789012], "": s, s: 1}
                 for s in ["", "a\u00e9\u2028\x00\x1f\x7f\"\\\n\t/<😀\u0085", "\ud7ff"]]
    documents.append({"huge": 10**30})  # beyond orjson: json.dumps writes it
    for document in documents:
        assert encode(document) == (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",))),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(alphabet=st.characters(blacklist_categories=("Cs",))), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(JSON_VALUES)
def test_encode_is_json_dumps_for_any_json_document(document: Any) -> None:
    from glossary.export.documents import encode

    assert encode(document) == (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
