"""The mistakes writers make most, reported where they are made, in plain words (`read.mistakes`).

A quote never closed on line N is reported at line N, at the quote, however many quotes come later in
the file: in the `glossary new` template, in real-shaped terms, with double and single quotes, in lists.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
from conftest import SAMPLE, Project
from glossary.authoring.new import NewTerm, render_template

JARGON = ("scalar", "block mapping", "block collection", "flow sequence", "mapping values", "indicator")
QUOTE = "this quote is never closed; close it on the same line"


def located(project: Project, text: str) -> list[tuple[str, int, int, str]]:
    """(code, line, column, message) of every problem lint finds in one file holding `text`."""
    path = project.write("broken.md", text)
    return [(d.code, d.line, d.column, d.message) for d in project.lint(path)]


def template() -> str:
    return render_template(NewTerm("Edge Inference", "infrastructure", Path("."), ("infrastructure", "models"),
                                   datetime.date(2026, 11, 27)))


def unclosed_cases() -> list[tuple[str, str, int, int]]:
    """(name, text, line, column): each quoted value of the template, and each title of the sample
    glossary quoted both ways, with its closing quote removed."""
    cases = []
    text = template()
    for number, line in enumerate(text.split("\n")[:text.split("\n")[1:].index("---") + 1]):
        opened = re.search(r"(?::|-) (\")[^\"]*\"$", line)
        if opened:
            cut = text.split("\n")
            cut[number] = line[:-1]
            cases.append((f"template line {number + 1}", "\n".join(cut), number + 1, opened.start(1) + 1))
    for path in sorted(SAMPLE.glob("*.md")):
        lines = path.read_text(encoding="utf-8").split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith("title: "))
        for quote in ('"', "'"):
            cut = list(lines)
            cut[at] = f"title: {quote}{lines[at].removeprefix('title: ').strip(chr(34) + chr(39))}"
            cases.append((f"{path.stem} {quote}", "\n".join(cut), at + 1, 8))
    return cases


@pytest.mark.parametrize("name, text, line, column", unclosed_cases(), ids=[c[0] for c in unclosed_cases()])
def test_an_unclosed_quote_is_reported_at_the_quote(plain_project: Project, name: str, text: str, line: int,
                                                    column: int) -> None:
    found = located(plain_project, text)
    assert [(code, at_line, at_column) for code, at_line, at_column, _ in found] == [("GL006", line, column)], name
    assert found[0][3].startswith(QUOTE)


def test_the_cases_include_later_quotes_and_both_kinds() -> None:
    cases = unclosed_cases()
    assert len([c for c in cases if c[0].startswith("template")]) >= 3
    later = [name for name, text, line, _ in cases
             if (name[-1] if name[-1] in "'\"" else '"') in "\n".join(text.split("\n")[line:])]
    assert len(later) >= 12  # quotes after the unclosed one, of its kind, which libyaml pairs it with
    assert any(c[0].endswith("'") for c in cases) and any(c[0].endswith('"') for c in cases)


@pytest.mark.parametrize("text, line, column", [
    ('title: A\nrelated: [gpu, "inference]\naliases: ["x"]\nstatus: draft\n', 3, 16),
    ("title: A\naliases: ['AI plant, AI works]\nrelated: [gpu]\nsummary: 'It is.'\n", 3, 11),
    ('title: A\nsummary: "Running a model.\nfaq:\n  - question: "Why?"\n    answer: "Because."\n', 3, 10),
    ('title: A\nfaq:\n  - question: "Why?\n    answer: "Because."\nstatus: draft\n', 4, 15),
    ('title: A\nsummary: "Running a model.\n', 3, 10),  # no later quote: YAML reads to the end
    ('title: "A\nsummary: B"\ncategory: models\n', 2, 8),  # quotes that pair up: valid YAML, never meant
])
def test_an_unclosed_quote_in_lists_and_list_items(plain_project: Project, text: str, line: int,
                                                   column: int) -> None:
    found = located(plain_project, "---\n" + text + "---\nBody.\n")
    assert [(code, at_line, at_column) for code, at_line, at_column, _ in found] == [("GL006", line, column)]
    assert found[0][3].startswith(QUOTE)


def test_a_quote_meant_to_run_over_lines_is_still_fine(plain_project: Project) -> None:
    text = '---\ntitle: A\nsummary: "A sentence written\n  over two lines."\nstatus: draft\n---\nBody.\n'
    assert [code for code, *_ in located(plain_project, text)] != ["GL006"]


@pytest.mark.parametrize("text, line, column, words", [
    ("title: A\nroles:\n  - role: Executive\n\tuse: x\n", 5, 1, "indented with a tab"),
    ("title: A\nrelated:\n\t- gpu\n", 4, 1, "indented with a tab"),
    ("title: A\nsummary: Running a model on a device: a phone or a camera.\n", 3, 37, "put the whole value in quotes"),
    ("title: A\nroles:\n  - role: Executive\n     use: x\n", 5, 6, "is indented 5 spaces, more than the field"),
    ("title: A\nrelated:\n  - gpu\n   - inference\n", 5, 4, "indented 3 spaces, more than the item above"),
    ("title: A\nrelated:\n  - gpu\n - inference\n", 5, 2, "indented 1 space, but the items before it"),
    ("title: A\nfaq:\n  - question: Why?\n   answer: x\n", 5, 4, "indented 3 spaces, out of step"),
])
def test_the_other_common_mistakes_are_located_in_plain_words(plain_project: Project, text: str, line: int,
                                                              column: int, words: str) -> None:
    [(code, at_line, at_column, message)] = located(plain_project, "---\n" + text + "status: draft\n---\nBody.\n")
    assert (code, at_line, at_column) == ("GL006", line, column)
    assert words in message
    assert not any(word in message for word in JARGON), message
    assert any(word in message for word in ("quote", "tab", "indent"))
