"""The server's parts in-process: columns in each encoding, where ranges end, what is at a place, and fixes."""

from __future__ import annotations

import pytest
from conftest import Project, term
from glossary.config import load_project
from glossary.diagnostics import problem
from glossary.lsp.actions import code_actions
from glossary.lsp.columns import UTF8, UTF16, UTF32, Lines, from_client, to_client
from glossary.lsp.context import place_at
from glossary.lsp.document import Document
from glossary.lsp.ranges import extent
from glossary.lsp.server import as_lsp
from glossary.lsp.state import Glossary

LINE = "a😀é b"  # an astral character (two UTF-16 units, four UTF-8 bytes) and an accented one (two bytes)


@pytest.mark.parametrize(("encoding", "columns"), [(UTF16, [0, 1, 3, 4, 5, 6]), (UTF8, [0, 1, 5, 7, 8, 9]),
                                                   (UTF32, [0, 1, 2, 3, 4, 5])])
def test_columns_in_each_encoding_and_back(encoding: str, columns: list[int]) -> None:
    assert [to_client(LINE, characters, encoding) for characters in range(6)] == columns
    assert [from_client(LINE, column, encoding) for column in columns] == list(range(6))
    assert from_client(LINE, 2, encoding) == (1 if encoding != UTF32 else 2)  # inside a character: its start
    assert from_client(LINE, 99, encoding) == len(LINE)


def test_lines_count_every_kind_of_line_break() -> None:
    lines = Lines("a\r\nb\rc\nd")
    assert lines.lines == ["a", "b", "c", "d"]
    assert lines.at(lines.offset(2, 1)) == (2, 1) and lines.end() == (3, 1)


DOCUMENT = Document("---\ntitle: Alpha\nsummary: >-\n  Two lines\n  of text.\nrelated: [a, 'b c']\n---\n"
                    "See [the b](b.md \"B\") and [[c|C]] and GPU clusters here.\n")


@pytest.mark.parametrize(("line", "column", "message", "covers"), [
    (1, 1, "", ((0, 0), (0, 3))),  # the whole file: its first line
    (2, 1, "", ((1, 0), (1, 5))),  # a key
    (3, 10, "", ((2, 9), (4, 10))),  # a block text, whole
    (6, 14, "", ((5, 13), (5, 18))),  # a quoted item
    (8, 5, "", ((7, 4), (7, 21))),  # an inline link with a title
    (8, 27, "", ((7, 26), (7, 33))),  # a wiki link with its text
    (8, 39, "mentions 'GPU clusters' ('gpu-cluster')", ((7, 38), (7, 50))),  # the words a message quotes
    (8, 43, "", ((7, 42), (7, 56))),  # anything else: the rest of the line
])
def test_ranges_cover_what_starts_there(line: int, column: int, message: str,
                                        covers: tuple[tuple[int, int], tuple[int, int]]) -> None:
    assert extent(DOCUMENT, problem("GL006", "a.md", line, column, message)) == covers


def test_a_diagnostic_keeps_its_code_message_and_severity() -> None:
    found = as_lsp(DOCUMENT, problem("GL309", "a.md", 8, 39, "mentions 'GPU clusters'"))
    assert (found.code, found.message, found.severity, found.source) == ("GL309", "mentions 'GPU clusters'", 2,
                                                                         "glossary")


@pytest.mark.parametrize(("point", "kind", "field", "word"), [
    ((1, 2), "name", ("title",), "title"),
    ((5, 11), "value", ("related",), "a"),
    ((7, 12), "link", (), "b"),
    ((7, 29), "link", (), "c"),
    ((7, 45), "text", (), "clusters"),
])
def test_what_is_at_a_place(point: tuple[int, int], kind: str, field: tuple[str, ...], word: str) -> None:
    place = place_at(DOCUMENT, point)
    assert (place.kind, place.field, place.word) == (kind, field, word)


def test_a_typo_in_a_body_link_is_fixed_in_its_target_only(project: Project) -> None:
    project.write("beta.md", term("beta"))
    text = term("alpha").replace("The body of the term.", "See [zeta, the term](zeta.md).")
    project.write("alpha.md", text)
    glossary = Glossary(load_project(project.root))
    glossary.open("content/terms/alpha.md", text)
    document = Document(text)
    found = [as_lsp(document, d) for d in glossary.diagnostics()["content/terms/alpha.md"] if d.code == "GL210"]
    [action] = code_actions(glossary, document, "file:///alpha.md", found)
    assert action.edit is not None and action.edit.changes is not None
    [change] = action.edit.changes["file:///alpha.md"]
    assert (change.range.start.character, change.range.end.character, change.new_text) == (21, 25, "beta")
