"""`glossary rename`: every reference rewritten in place, the old slug kept as a redirect (and, with --title,
the old title as an alias),
refusals that change nothing, and an export in which the old slug still resolves."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from conftest import QUALITY, REPO, Project, term
from glossary.cli import main

EXPORT_SCHEMA = REPO / "schema" / "export.schema.json"
OLD, NEW = "gpu", "graphics-processor"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def export_validator(part: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    if part is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{part}"}
    return jsonschema.Draft202012Validator(schema)


# The term linked from five others, each in a different way, with comments and layout to keep.
LINKED = {
    "gpu.md": term("gpu", title="Graphics Processor", related="[in-related, in-body, in-wiki, in-switch]"),
    "in-related.md": textwrap.dedent("""\
        ---
        title: In Related
        summary: A short plain sentence about in-related for testing.
        # a comment the rename must keep
        definition: >-
          In Related is a made-up term used by the tests, and it links the
          [chip](gpu.md) in its definition.
        category: concepts
        related: [in-body, gpu]   # a trailing comment
        status: published
        updated: 2026-11-27
        ---
        The body of the term.
        """),
    "in-body.md": term("in-body", related="[in-related, gpu]").replace(
        "The body of the term.", "It runs on [the chip](gpu.md \"Graphics\") and [other](in-related.md)."),
    "in-wiki.md": term("in-wiki", related="[gpu]").replace(
        "The body of the term.", "See [[gpu]] and [[ gpu |the chips]].\n\n    [[gpu]] in code stays.\n\n"
                                 "[ref]: gpu.md"),
    "in-deprecated.md": term("in-deprecated", status="deprecated", superseded_by="gpu", related="[gpu]"),
    "in-switch.md": textwrap.dedent("""\
        ---
        title: In Switch
        summary: A short plain sentence about in-switch for testing.
        definition: In Switch is a made-up term used by the tests, defined in one paragraph.
        category: concepts
        # glossary-disable GL307(in-body, gpu): the chip is a broad term
        related:
          - in-body
          - 'gpu'
        status: published
        updated: 2026-11-27
        ---
        The body of the term.
        """),
}


@pytest.fixture
def linked(in_project: Project) -> Project:
    """A project (quality checks on, but GL307 and GL309 whose words the made-up terms cannot satisfy) where
    five terms refer to 'gpu'."""
    in_project.disabled = QUALITY
    (in_project.root / "pyproject.toml").write_text(
        f'[tool.glossary]\ncontent = "content/terms"\ndisable = {sorted(QUALITY)}\n', encoding="utf-8")
    (in_project.root / "schema" / "export.schema.json").write_bytes(EXPORT_SCHEMA.read_bytes())
    for name, text in LINKED.items():
        in_project.write(name, text)
    return in_project


def read(project: Project, slug: str) -> str:
    return (project.content / f"{slug}.md").read_text(encoding="utf-8")


def front_matter(text: str) -> dict[str, object]:
    return dict(yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n")))


def test_a_rename_rewrites_every_reference_and_the_old_slug_keeps_working(linked: Project, tmp_path: Path) -> None:
    assert linked.lint(strict=True) == []
    code, out, err = run("rename", OLD, NEW)
    assert code == 0, err
    assert out == f"renamed {OLD} to {NEW}; updated 6 files\n"
    assert not (linked.content / "gpu.md").exists()
    assert read(linked, NEW) == LINKED["gpu.md"]  # no alias: a slug is not a name anyone writes
    for name in ("in-related.md", "in-body.md", "in-wiki.md", "in-deprecated.md", "in-switch.md"):
        before = LINKED[name]
        after = (linked.content / name).read_text(encoding="utf-8")
        expected = (before.replace("(gpu.md", f"({NEW}.md").replace(", gpu]", f", {NEW}]")
                    .replace("[gpu]", f"[{NEW}]").replace("[[gpu]]", f"[[{NEW}]]", 1)
                    .replace("[[ gpu |", f"[[ {NEW} |").replace("superseded_by: gpu", f"superseded_by: {NEW}")
                    .replace("[ref]: gpu.md", f"[ref]: {NEW}.md").replace("in-body, gpu)", f"in-body, {NEW})")
                    .replace("'gpu'", f"'{NEW}'"))
        if name == "in-wiki.md":
            assert "    [[gpu]] in code stays." in after
            expected = expected.replace(f"    [[{NEW}]] in code", "    [[gpu]] in code")
        assert after == expected, name
    assert "# a comment the rename must keep" in read(linked, "in-related")
    assert "related: [in-body, graphics-processor]   # a trailing comment" in read(linked, "in-related")
    redirects = (linked.root / "content" / "redirects.yml").read_text(encoding="utf-8")
    assert redirects.startswith("# Redirects:") and yaml.safe_load(redirects) == {OLD: NEW}
    assert linked.lint(strict=True) == []
    code, _, err = run("lint", "--strict")
    assert code == 0, err

    code, _, err = run("export", "--out", str(tmp_path / "dist"))
    assert code == 0, err
    dist = tmp_path / "dist"
    moved = json.loads((dist / "terms" / "gpu.json").read_bytes())
    assert moved == {"format_version": "1.3.0", "redirect": True, "slug": OLD, "redirect_to": NEW,
                     "url": f"../terms/{NEW}.json", "page_url": None}
    assert (dist / "terms" / moved["url"]).resolve() == (dist / "terms" / f"{NEW}.json").resolve()
    index = json.loads((dist / "index.json").read_bytes())
    bundle = json.loads((dist / "glossary.json").read_bytes())
    assert index["redirects"] == bundle["redirects"] == {OLD: NEW}
    assert index["format_version"] == "1.3.0"
    assert OLD not in [t["slug"] for t in index["terms"]]
    export_validator().validate(bundle)
    export_validator("index").validate(index)
    export_validator("redirect").validate(moved)
    for path in (dist / "terms").iterdir():
        document = json.loads(path.read_bytes())
        assert not export_validator("redirect").is_valid(document) or path.stem == OLD
        assert export_validator("term").is_valid(document) == (path.stem != OLD)


def test_the_export_with_redirects_is_byte_identical_across_runs(linked: Project, tmp_path: Path) -> None:
    assert run("rename", OLD, NEW)[0] == 0
    assert run("export", "--out", str(tmp_path / "one"))[0] == 0
    assert run("export", "--out", str(tmp_path / "two"))[0] == 0
    assert snapshot(tmp_path / "one") == snapshot(tmp_path / "two")


def test_a_dry_run_prints_the_diffs_and_writes_nothing(linked: Project) -> None:
    before = snapshot(linked.root)
    code, out, err = run("rename", OLD, NEW, "--dry-run")
    assert code == 0, err
    assert snapshot(linked.root) == before
    assert "--- a/content/terms/in-related.md\n+++ b/content/terms/in-related.md\n" in out
    assert "-related: [in-body, gpu]   # a trailing comment\n+related: [in-body, graphics-processor]   #" in out
    assert out.endswith(f"rename content/terms/gpu.md -> content/terms/{NEW}.md\n")  # moved, unchanged
    assert f"--- /dev/null\n+++ b/content/redirects.yml\n" in out and f"+gpu: {NEW}\n" in out
    assert "would rename gpu to graphics-processor; would update 6 files" in err
    code, out, _ = run("rename", OLD, NEW, "--dry-run", "--title", "Graphics Chip")
    assert f"--- a/content/terms/gpu.md\n+++ b/content/terms/{NEW}.md\n" in out
    assert "-title: Graphics Processor\n+title: Graphics Chip\n" in out and snapshot(linked.root) == before


@pytest.mark.parametrize(("args", "fragment"), [
    (["missing", NEW], "there is no term 'missing'"),
    ([OLD, "in-body"], "'in-body.md' already exists"),
    ([OLD, "In-Body"], "is not a slug"),
    ([OLD, "Bad_Slug"], "is not a slug"),
    ([OLD, "a--b"], "is not a slug"),
    ([OLD, OLD], "already the term's slug"),
])
def test_impossible_renames_are_refused_and_change_nothing(linked: Project, args: list[str], fragment: str) -> None:
    before = snapshot(linked.root)
    code, out, err = run("rename", *args)
    assert code == 1 and fragment in err and out == ""
    assert snapshot(linked.root) == before


def test_a_name_that_differs_only_by_case_is_a_clash(linked: Project) -> None:
    linked.write("Graphics-Processor.md", term("other-chip"))
    before = snapshot(linked.root)
    code, _, err = run("rename", OLD, NEW)
    assert code == 1 and "'Graphics-Processor.md' already exists" in err
    assert snapshot(linked.root) == before


@pytest.mark.parametrize(("name", "data", "code"), [
    ("broken.md", b"---\ntitle: [unclosed\nrelated: [gpu]\n---\nBody.\n", "GL006"),
    ("binary.md", b"---\ntitle: x\x00\nrelated: [gpu]\n---\n", "GL003"),
    ("no-front-matter.md", b"Links to [[gpu]].\n", "GL004"),
])
def test_a_broken_file_that_may_refer_to_the_term_is_refused(linked: Project, name: str, data: bytes,
                                                             code: str) -> None:
    linked.write_bytes(name, data)
    before = snapshot(linked.root)
    status, _, err = run("rename", OLD, NEW)
    assert status == 1 and f"content/terms/{name}:" in err and code in err
    assert snapshot(linked.root) == before


def test_a_broken_file_that_does_not_mention_the_term_does_not_block(linked: Project) -> None:
    linked.write_bytes("broken.md", b"---\ntitle: [unclosed\n---\nBody.\n")
    assert run("rename", OLD, NEW)[0] == 0


def test_a_broken_renamed_term_is_refused(linked: Project) -> None:
    linked.write("gpu.md", "---\ntitle: [unclosed\n---\n")
    before = snapshot(linked.root)
    code, _, err = run("rename", OLD, NEW)
    assert code == 1 and "GL006" in err
    assert snapshot(linked.root) == before


def test_a_new_title_another_term_has_is_a_clash(linked: Project) -> None:
    linked.write("other.md", term("other", aliases="[Graphics Chip]"))
    before = snapshot(linked.root)
    code, _, err = run("rename", OLD, NEW, "--title", "graphics chip")
    assert code == 1 and "already a title or alias of 'other'" in err
    assert snapshot(linked.root) == before


@pytest.mark.parametrize("title", ["", "  Padded", "Two\nlines"])
def test_a_title_that_is_not_one_clean_line_is_refused(linked: Project, title: str) -> None:
    before = snapshot(linked.root)
    code, _, err = run("rename", OLD, NEW, "--title", title)
    assert code == 1 and "one line of text" in err
    assert snapshot(linked.root) == before


def test_a_new_title_keeps_the_old_one_as_an_alias(linked: Project) -> None:
    code, out, err = run("rename", OLD, NEW, "--title", "Graphics Processing Unit: GPU")
    assert code == 0, err
    assert out == f"renamed {OLD} to {NEW} (titled 'Graphics Processing Unit: GPU'); updated 7 files\n"
    data = front_matter(read(linked, NEW))
    assert data["title"] == "Graphics Processing Unit: GPU" and data["aliases"] == ["Graphics Processor"]
    assert read(linked, NEW) == LINKED["gpu.md"].replace("title: Graphics Processor", 'title: "Graphics Processing '
                                                         'Unit: GPU"').replace(
        "related: [in-related", "aliases: [Graphics Processor]\nrelated: [in-related")
    assert linked.lint(strict=True) == []


def test_a_new_title_that_was_an_alias_swaps_places_with_the_old_title(linked: Project) -> None:
    linked.write("gpu.md", term("gpu", title="Graphics Processor", aliases="[GPUs, graphics chip]",
                                related="[in-related, in-body, in-wiki, in-switch]"))
    assert run("rename", OLD, NEW, "--title", "Graphics Chip")[0] == 0
    data = front_matter(read(linked, NEW))
    assert data["title"] == "Graphics Chip" and data["aliases"] == ["GPUs", "Graphics Processor"]
    assert linked.lint(strict=True) == []


def test_a_new_title_differing_only_by_case_adds_no_alias(linked: Project) -> None:
    assert run("rename", OLD, NEW, "--title", "graphics processor")[0] == 0
    data = front_matter(read(linked, NEW))
    assert data["title"] == "graphics processor" and "aliases" not in data


def test_a_malformed_redirects_file_is_refused(linked: Project) -> None:
    (linked.root / "content" / "redirects.yml").write_text("- not\n- a mapping\n", encoding="utf-8")
    before = snapshot(linked.root)
    code, _, err = run("rename", OLD, NEW)
    assert code == 1 and "GL216" in err and "content/redirects.yml:1:1" in err
    assert snapshot(linked.root) == before


@pytest.mark.parametrize("args", [[], [OLD], [OLD, NEW, "--no-such-option"]])
def test_usage_errors_exit_2(linked: Project, args: list[str]) -> None:
    assert run("rename", *args)[0] == 2


def test_earlier_redirects_follow_the_term_and_never_chain(linked: Project) -> None:
    (linked.root / "content" / "redirects.yml").write_text(
        "# my own header\nolder-gpu: gpu\nkeep: in-body\n", encoding="utf-8")
    assert linked.lint(strict=True) == []
    assert run("rename", OLD, NEW)[0] == 0
    text = (linked.root / "content" / "redirects.yml").read_text(encoding="utf-8")
    assert text == f"# my own header\ngpu: {NEW}\nkeep: in-body\nolder-gpu: {NEW}\n"
    assert linked.lint(strict=True) == []


def test_renaming_back_removes_the_redirect_of_the_new_slug(linked: Project) -> None:
    assert run("rename", OLD, NEW)[0] == 0
    assert run("rename", NEW, OLD)[0] == 0
    assert yaml.safe_load((linked.root / "content" / "redirects.yml").read_text(encoding="utf-8")) == {NEW: OLD}
    assert "aliases" not in front_matter(read(linked, OLD))
    assert linked.lint(strict=True) == []


def test_line_endings_byte_order_mark_and_block_lists_are_kept(plain_project: Project,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plain_project.root)
    plain_project.write("gpu.md", term("gpu", title="Graphics Processor", related="[other]"))
    text = ("---\ntitle: Other Thing\nsummary: A short plain sentence about other for testing.\n"
            "definition: Other is a made-up term used by the tests, defined in one paragraph.\n"
            "category: concepts\naliases:\n  - Another\n  - Others   # plural\n"
            "related:\n  - gpu\nstatus: published\nupdated: 2026-11-27\n---\nSee [[gpu]].\n")
    plain_project.write_bytes("other.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert run("rename", "other", "other-term", "--title", "Other Term")[0] == 0
    written = (plain_project.content / "other-term.md").read_bytes()
    expected = text.replace("  - Others   # plural\n", "  - Others   # plural\n  - Other Thing\n").replace(
        "title: Other Thing", "title: Other Term")
    assert written == b"\xef\xbb\xbf" + expected.replace("\n", "\r\n").encode("utf-8")
    assert run("rename", "gpu", "chip")[0] == 0
    written = (plain_project.content / "other-term.md").read_bytes()
    assert b"related:\r\n  - chip\r\n" in written and written.endswith(b"See [[chip]].\r\n")
    assert plain_project.lint(strict=True) == []


def test_a_new_aliases_list_follows_the_files_block_style(plain_project: Project,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plain_project.root)
    plain_project.write("gpu.md", term("gpu", title="Graphics Processor", related="\n  - other"))
    plain_project.write("other.md", term("other", related="[gpu]"))
    assert run("rename", "gpu", "chip", "--title", "Chip")[0] == 0
    assert "category: concepts\naliases:\n  - Graphics Processor\nrelated: \n  - other\n" in read(plain_project, "chip")
    assert plain_project.lint(strict=True) == []


def test_files_in_the_canonical_form_stay_in_it(plain_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plain_project.root)
    plain_project.write("gpu.md", term("gpu", title="Graphics Processor", related="[alpha, omega]"))
    plain_project.write("alpha.md", term("alpha", related="[gpu, omega]"))
    plain_project.write("omega.md", term("omega", related="[alpha, gpu]"))
    plain_project.write("flow.md", term("flow", related="[gpu, omega]"))  # not canonical: edited in place only
    assert run("fmt", "content/terms/gpu.md", "content/terms/alpha.md", "content/terms/omega.md")[0] == 0
    assert run("rename", "gpu", "zz-chip", "--title", "Graphics Processor: GPU")[0] == 0
    assert "related:\n  - omega\n  - zz-chip\n" in read(plain_project, "alpha")  # sorted again, as fmt sorts
    assert 'category: concepts\naliases:\n  - Graphics Processor\nrelated:' in read(plain_project, "zz-chip")
    assert run("fmt", "--check") == (1, "content/terms/flow.md\n", "1 of 4 files would change: run glossary fmt "
                                                                  "to fix\n")
    assert "related: [zz-chip, omega]" in read(plain_project, "flow")


def test_a_slug_yaml_would_read_as_a_number_is_quoted(plain_project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plain_project.root)
    plain_project.write("gpu.md", term("gpu", title="Graphics Processor", related="[other]"))
    plain_project.write("other.md", term("other", related="[gpu]"))
    assert run("rename", "gpu", "2024")[0] == 0
    assert 'related: ["2024"]' in read(plain_project, "other")
    assert '"gpu": "2024"' not in (plain_project.root / "content" / "redirects.yml").read_text(encoding="utf-8")
    assert plain_project.lint(strict=True) == []
    assert run("rename", "2024", "1-0")[0] == 0
    assert plain_project.lint(strict=True) == []


def test_with_another_content_folder_the_redirects_sit_beside_it(plain_project: Project,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(plain_project.root)
    folder = plain_project.root / "elsewhere" / "terms"
    folder.mkdir(parents=True)
    (folder / "gpu.md").write_text(term("gpu", title="Graphics Processor"), encoding="utf-8")
    assert run("rename", "gpu", "chip", "--content", str(folder))[0] == 0
    assert (folder / "chip.md").is_file()
    assert yaml.safe_load((folder.parent / "redirects.yml").read_text(encoding="utf-8")) == {"gpu": "chip"}
    assert not (plain_project.root / "content" / "redirects.yml").exists()
    code, _, err = run("lint", "--content", str(folder), "--strict")
    assert code == 0, err


def test_a_failed_write_puts_back_what_was_written(linked: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    before = snapshot(linked.root)

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "rename", refuse)
    code, _, err = run("rename", OLD, NEW)
    assert code == 1 and "rename failed" in err
    assert snapshot(linked.root) == before


def test_a_switch_right_after_a_block_of_text_is_rewritten(linked: Project) -> None:
    # libyaml ends a '>-' block at the start of the next line: that line is a comment, not text
    text = read(linked, "in-related").replace("in its definition.\n", "in its definition.\n"
                                              "# glossary-disable GL307(gpu): the chip is a broad term\n")
    linked.write("in-related.md", text)
    assert linked.lint(strict=True) == []
    assert run("rename", OLD, NEW)[0] == 0
    assert f"# glossary-disable GL307({NEW}): the chip" in read(linked, "in-related")
    assert linked.lint(strict=True) == []


def test_comments_in_the_redirects_file_stay_with_their_entries(linked: Project) -> None:
    (linked.root / "content" / "redirects.yml").write_text(
        "# my own header\nolder-gpu: gpu  # the 2025 name\n# kept for old links\nkeep: in-body\n# the end\n",
        encoding="utf-8")
    assert linked.lint(strict=True) == []
    assert run("rename", OLD, NEW)[0] == 0
    text = (linked.root / "content" / "redirects.yml").read_text(encoding="utf-8")
    assert text == (f"# my own header\ngpu: {NEW}\n# kept for old links\nkeep: in-body\n"
                    f"older-gpu: {NEW}  # the 2025 name\n# the end\n")
    assert linked.lint(strict=True) == []


def test_a_failed_rename_puts_back_the_redirects_files_exact_bytes(linked: Project,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    (linked.root / "content" / "redirects.yml").write_bytes(b"\xef\xbb\xbf# header\r\nolder-gpu: gpu\r\n")
    before = snapshot(linked.root)

    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patched:
        patched.setattr(os, "rename", refuse)
        assert run("rename", OLD, NEW)[0] == 1
    assert snapshot(linked.root) == before
    assert run("rename", OLD, NEW)[0] == 0
    assert (linked.root / "content" / "redirects.yml").read_bytes() == (
        f"\ufeff# header\r\ngpu: {NEW}\r\nolder-gpu: {NEW}\r\n".encode())
