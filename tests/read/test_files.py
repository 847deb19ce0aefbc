"""Reading: files that cannot be terms become located diagnostics; BOM and CRLF are accepted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import Project, term


@pytest.fixture
def project(plain_project: Project) -> Project:
    """These tests are about reading files: their small made-up terms skip the content-quality checks."""
    return plain_project

from glossary.read.files import MAX_FILE_BYTES, read_source, source_of_bytes, split_front_matter


def test_bom_and_crlf_are_accepted_and_lines_stay_aligned(project: Project) -> None:
    text = term("crlf", summary="yes").replace("\n", "\r\n")
    project.write_bytes("crlf.md", b"\xef\xbb\xbf" + text.encode())
    # summary is line 3: the CRLF and BOM must not shift the position
    assert project.codes() == [("GL103", 3, 10)]


def test_lone_carriage_returns_count_as_line_breaks(project: Project) -> None:
    project.write_bytes("cr.md", term("cr", category="infra").replace("\n", "\r").encode())
    assert project.codes() == [("GL104", 5, 11)]


def test_latin1_byte_is_located_at_its_line_and_column(project: Project) -> None:
    project.write_bytes("latin.md", term("latin").encode().replace(b"Latin", b"Lat\xe9n", 1))
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL003", 2, 11)
    assert "0xE9" in d.message and "UTF-8" in d.message


def test_utf16_file_is_named_as_such(project: Project) -> None:
    project.write_bytes("wide.md", term("wide").encode("utf-16"))
    [d] = project.lint()
    assert d.code == "GL003" and "UTF-16" in d.message


def test_file_too_large_to_be_a_term(project: Project) -> None:
    project.write("huge.md", term("huge") + "x" * MAX_FILE_BYTES)
    assert project.codes() == [("GL002", 1, 1)]


def test_unreadable_file_is_a_diagnostic(project: Project) -> None:
    os.symlink("gone.md", project.content / "dangling.md")  # points inside the folder, at nothing
    [d] = project.lint()
    assert (d.code, d.path, d.line, d.column) == ("GL001", "content/terms/dangling.md", 1, 1)


def test_link_out_of_the_content_folder_is_reported_and_not_read(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("---\n: not even yaml [\n", encoding="utf-8")
    os.symlink(outside, project.content / "secret.md")
    assert project.codes() == [("GL014", 1, 1)]


def test_link_inside_the_content_folder_is_read(project: Project) -> None:
    project.write("alpha.md", term("alpha"))
    os.symlink("alpha.md", project.content / "alias.md")
    assert [c for c, _, _ in project.codes()] == ["GL214", "GL214"]  # same title twice: it was read


def test_hidden_files_and_folders_are_skipped(project: Project) -> None:
    project.write(".draft.md", "not a term")
    (project.content / "images").mkdir()
    project.write("alpha.md", term("alpha"))
    assert project.codes() == []


@pytest.mark.parametrize("text, code", [
    ("", "GL004"),
    ("title: no opening line\n", "GL004"),
    ("--- title: on the same line\n---\n", "GL004"),
    ("---", "GL005"),
    ("---\ntitle: x\n", "GL005"),
    ("---\ntitle: x\n----\n", "GL005"),
])
def test_front_matter_fences(text: str, code: str) -> None:
    result = split_front_matter(text, Path("x.md"), "x.md")
    assert result.source is None
    assert [(d.code, d.line, d.column) for d in result.diagnostics] == [(code, 1, 1)]


def test_split_keeps_the_body_and_its_first_line() -> None:
    result = split_front_matter("---\na: 1\nb: 2\n...\nline one\nline two\n", Path("x.md"), "x.md")
    assert result.source is not None
    assert result.source.front_matter == "a: 1\nb: 2\n"
    assert result.source.body == "line one\nline two\n"
    assert result.source.body_line == 5


def test_read_source_of_a_missing_file(tmp_path: Path) -> None:
    result = read_source(tmp_path / "missing.md", "missing.md")
    assert [d.code for d in result.diagnostics] == ["GL001"]


def test_a_pipe_in_the_content_folder_is_reported_not_read(project: Project) -> None:
    os.mkfifo(project.content / "pipe.md")
    [d] = project.lint()  # reading the pipe would block for ever
    assert (d.code, d.line, d.column) == ("GL001", 1, 1) and "not a regular file" in d.message


def test_a_loop_of_links_cannot_be_read(project: Project) -> None:
    os.symlink("loop.md", project.content / "loop.md")
    [d] = project.lint()
    assert d.code == "GL001" and "outside" not in d.message


def test_a_named_file_is_matched_however_it_is_spelled(project: Project) -> None:
    project.write("gpu.md", term("gpu"))
    project.write("beta.md", term("beta"))
    assert project.codes(project.content / ".." / "terms" / "gpu.md") == []
    os.symlink(project.content, project.root / "linked")
    assert project.codes(project.root / "linked" / "gpu.md") == []


def test_a_refused_link_cannot_be_named_past_the_refusal(project: Project, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text(term("outside"), encoding="utf-8")
    os.symlink(outside, project.content / "out.md")
    found = project.lint(project.content / ".." / "terms" / "out.md")
    assert [(d.code, d.path) for d in found] == [("GL014", "content/terms/out.md")]


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbf" + term("a").replace("\n", "\r\n").encode(), b"---\ntitle: [x\n",
                                 b"no front matter", b"\xff\xfe-\x00", b"---\ntitle: caf\xe9\n---\n",
                                 b"-" * (MAX_FILE_BYTES + 1)])
def test_bytes_held_in_memory_read_as_the_same_bytes_in_a_file(project: Project, raw: bytes) -> None:
    path = project.write_bytes("a.md", raw)  # an editor's unsaved text is read as if it were saved
    assert source_of_bytes(raw, path, "a.md") == read_source(path, "a.md")
