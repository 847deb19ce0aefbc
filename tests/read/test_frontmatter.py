"""Parsing: safe YAML to data with positions, and every unsafe or surprising construct as a diagnostic."""

from __future__ import annotations

import pytest
from glossary.read.frontmatter import MAX_DEPTH, parse_front_matter
from glossary.read.positions import Mark


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_front_matter(text, 2, "t.md")


def codes(text: str) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in parse(text).diagnostics]


def test_positions_of_keys_and_values_are_file_lines() -> None:
    parsed = parse("title: X\nroles:\n  - role: Engineer\n    use: Builds it.\n")
    assert parsed.data == {"title": "X", "roles": [{"role": "Engineer", "use": "Builds it."}]}
    assert parsed.positions.values[("title",)] == Mark(2, 8)
    assert parsed.positions.keys[("title",)] == Mark(2, 1)
    assert parsed.positions.values[("roles", 0)] == Mark(4, 5)
    assert parsed.positions.values[("roles", 0, "use")] == Mark(5, 10)
    assert parsed.positions.keys[("roles", 0, "use")] == Mark(5, 5)


def test_unknown_path_falls_back_to_the_nearest_ancestor() -> None:
    parsed = parse("roles:\n  - role: Engineer\n")
    assert parsed.positions.of_value(("roles", 0, "use")) == Mark(3, 5)
    assert parsed.positions.of_value(("nothing",)) == Mark(2, 1)


def test_columns_count_characters_not_bytes() -> None:
    parsed = parse("title: \"Café crème\"\nsummary: été\n")
    assert parsed.positions.values[("summary",)] == Mark(3, 10)


def test_unquoted_date_means_the_date() -> None:
    assert parse("updated: 2026-11-26\n").data == {"updated": "2026-11-26"}


@pytest.mark.parametrize("value", ["2026-02-30", "2026-13-01", "2025-02-29"])
def test_impossible_date_is_located(value: str) -> None:
    parsed = parse(f"title: X\nupdated: {value}\n")
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("GL013", 3, 10)]
    assert parsed.data == {"title": "X", "updated": value}  # still checked: the schema sees the text
    assert ("updated",) in parsed.positions.reported


def test_yaml_11_surprises_keep_their_source_text() -> None:
    parsed = parse("a: no\nb: 1.10\nc: 017\nd: ~\n")
    assert parsed.data == {"a": False, "b": 1.1, "c": 15, "d": None}
    assert parsed.positions.raw == {("a",): "no", ("b",): "1.10", ("c",): "017"}


def test_duplicate_key_names_the_first_line() -> None:
    parsed = parse("title: A\nsummary: one\ntitle: B\n")
    [d] = parsed.diagnostics
    assert (d.code, d.line, d.column) == ("GL008", 4, 1)
    assert "first on line 2" in d.message
    assert parsed.data == {"title": "A", "summary": "one"}


def test_duplicate_key_inside_a_list_item() -> None:
    assert codes("roles:\n  - role: A\n    role: B\n") == [("GL008", 4, 5)]


@pytest.mark.parametrize("text, where", [
    ("yes: 1\n", (2, 1)), ("1: x\n", (2, 1)), ("~: x\n", (2, 1)),
    ("? [a]\n: b\n", (2, 3)), ("? {a: 1}\n: b\n", (2, 3)),
])
def test_keys_must_be_text(text: str, where: tuple[int, int]) -> None:
    assert codes(text) == [("GL009", *where)]
    assert parse(text).data is None


@pytest.mark.parametrize("text", ["a: !!str 1\n", "a: !custom x\n", "a: !!python/object:os.system x\n",
                                  "a: !!binary aGVsbG8=\n", "a: !!set {x}\n", "!!map {a: 1}\n", "a: ! x\n"])
def test_tags_of_any_kind_are_refused(text: str) -> None:
    assert [c for c, _, _ in codes(text)] == ["GL010"]


def test_anchor_and_alias_are_refused_and_data_is_not_trusted() -> None:
    parsed = parse("a: &x [1, 2]\nb: *x\n")
    assert [(d.code, d.line, d.column) for d in parsed.diagnostics] == [("GL011", 2, 4), ("GL011", 3, 4)]
    assert parsed.data is None


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    parsed = parse("\n".join(lines) + "\n")
    assert parsed.data is None
    assert parsed.diagnostics[0].code == "GL011" and (parsed.diagnostics[0].line, parsed.diagnostics[0].column) == (2, 4)


def test_alias_used_as_a_key() -> None:
    assert [c for c, _, _ in codes("a: &k x\n*k : y\n")] == ["GL011", "GL011"]


def test_nesting_deeper_than_a_term_needs() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    [d] = parse(text).diagnostics
    assert (d.code, d.line, d.column) == ("GL012", 2, 4 + MAX_DEPTH - 1)


def test_nesting_at_the_limit_is_fine() -> None:
    text = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert parse(text).diagnostics == []


@pytest.mark.parametrize("text, expected", [
    ("title: [x\n", ("GL006", 2, 8)),
    ("title: x\n  bad: indent\n", ("GL006", 3, 3)),  # at the line indented too far
    ("a: 'unclosed\n", ("GL006", 2, 4)),  # at the quote that is never closed
    ("a: 1\n---\nb: 2\n", ("GL006", 3, 1)),
    ("a: \x07\n", ("GL006", 2, 4)),
    ("\ta: 1\n", ("GL006", 2, 1)),
])
def test_syntax_errors_are_at_the_line_yaml_reports(text: str, expected: tuple[str, int, int]) -> None:
    assert codes(text) == [expected]


@pytest.mark.parametrize("text, kind", [("", "empty"), ("# only a comment\n", "empty"), ("- a\n", "list"),
                                        ("just text\n", "single value"), ("42\n", "single value")])
def test_front_matter_must_be_a_mapping(text: str, kind: str) -> None:
    [d] = parse(text).diagnostics
    assert d.code == "GL007" and kind in d.message


def test_merge_key_without_alias_is_just_an_unknown_field() -> None:
    assert parse("<<: {a: 1}\n").data == {"<<": {"a": 1}}


@pytest.mark.parametrize("breaker", ["\x85", "\u2028", "\u2029"])
def test_unicode_line_separators_do_not_shift_positions(breaker: str) -> None:
    """YAML breaks lines at these characters; editors and Git do not, so positions count only \\n."""
    parsed = parse(f"title: 'a{breaker}b'\nsummary: no\n")
    assert parsed.positions.values[("summary",)] == Mark(3, 10)
    assert codes(f"a: 'x{breaker}'\nb: [\n") == [("GL006", 4, 1)]
    [d] = parse(f"title: a{breaker}b\nsummary: no\n").diagnostics
    assert (d.code, d.line, d.column) == ("GL006", 2, 10) and f"U+{ord(breaker):04X}" in d.message


def test_a_control_character_after_non_ascii_text_is_located_by_character() -> None:
    assert codes('title: "éé\x01"\n') == [("GL006", 2, 11)]
    text = "".join(f"k{i}: 日本語のテキスト\n" for i in range(20)) + "x: 'abcde\x01'\n"
    assert codes(text) == [("GL006", 22, 10)]


def test_a_bad_date_as_a_key_does_not_hide_its_value() -> None:
    parsed = parse("2026-02-30: 5\n")
    assert [d.code for d in parsed.diagnostics] == ["GL013"]
    assert parsed.positions.reported == set()


@pytest.mark.parametrize("text, where, hint", [
    ("title: X\ncategory:models\naliases: [a]\n", (3, 1), "neither 'field: value' nor a '- item'"),
    ("related:\n  - a\n  b\nroles: x\n", (4, 3), "neither 'field: value' nor a '- item'"),
    ('title: "Mixture\nsummary: x\n', (2, 8), "never closed"),
    ("summary: @handle\n", (2, 10), "starting with @"),
    ("summary: [Draft] text here\n", (2, 18), "starting with ["),
    ("title: “MoE: Mixture of Experts”\n", (2, 12), 'typographic quotes (“ ” or ‘ ’), which YAML reads as text, not '
                                                     'as quotes; use straight quotes, as in title: "MoE: Mixture of Experts"'),
    ("category:\u00a0models\nx: 1\n", (3, 2), "non-breaking space (U+00A0)"),
    ("definition: |\n  line one\n  line two\n\tline three\n", (5, 1), "indented with a tab"),
    ('d: "a\n  line two \\q"\n', (3, 12), "a backslash starts an escape"),
    ("d: a b\n  c\td\n\te\n", (4, 1), "indented with a tab"),
    ("title:AI\nsummary: x\n", (3, 8), "a space after its colon"),
    ("summary: 'it's not'\n", (2, 14), "write it twice"),
])
def test_syntax_errors_explain_the_writers_mistake(text: str, where: tuple[int, int], hint: str) -> None:
    [d] = parse(text).diagnostics
    assert (d.code, d.line, d.column) == ("GL006", *where) and hint in d.message


def test_a_value_starting_with_a_star_says_to_quote_it() -> None:
    first = parse("summary: *Very fast thing\n").diagnostics[0]
    assert first.code == "GL011" and "put the whole value in quotes" in first.message


def test_a_comment_after_one_word_is_meant_and_not_reported() -> None:
    assert codes("status: draft  # until review\ntitle: 'A #1 in quotes'\n") == []


def test_a_comment_that_cuts_prose_short_is_a_warning() -> None:
    parsed = parse("summary: A design that sends input to a few specialists #sparse instead\n")
    [d] = parsed.diagnostics
    assert (d.code, d.severity, d.line, d.column) == ("GL015", "warning", 2, 57)
    assert "ends at '…input to a few specialists'" in d.message and "quotes" in d.message
    assert parsed.data == {"summary": "A design that sends input to a few specialists"}


UNCLOSED = "title: A\nrelated: [distillation, inference\nexample: >-\n  A bank trains its models overnight.\nstatus: draft\n"


@pytest.mark.parametrize("text", [UNCLOSED, "title: A\nrelated: [distillation, inference\n",
                                  "title: A\nrelated: [distillation, inference  # two\n# more\nstatus: draft\n"])
def test_a_list_never_closed_says_to_close_it_not_to_quote_the_next_value(text: str) -> None:
    [d] = parse(text).diagnostics
    assert d.code == "GL006" and d.message.startswith("the list opened with '[' on line 3 "
                                                      "is never closed") and "add ']' after its last item" in d.message
    assert "quotes" not in d.message and "did not find expected" not in d.message and "flow sequence" not in d.message


def test_a_list_never_closed_on_its_own_line_shows_the_line_closed() -> None:
    [d] = parse(UNCLOSED).diagnostics
    assert d.message.endswith("as in 'related: [distillation, inference]'")


def test_a_list_never_closed_over_several_lines_says_to_close_it_after_its_last_item() -> None:
    [d] = parse("title: A\naliases: [AI plant,\n  AI works\nstatus: draft\n").diagnostics
    assert d.code == "GL006" and "the list opened with '[' on line 3 is never closed" in d.message
    assert "as in" not in d.message


def test_a_list_never_closed_is_reported_where_it_opens() -> None:
    assert codes(UNCLOSED) == [("GL006", 3, 10)]


def test_a_closed_list_with_a_fault_inside_keeps_libyamls_words() -> None:
    [d] = parse("title: A\naliases: [x,\n  'y' z]\nstatus: draft\n").diagnostics
    assert "did not find expected ',' or ']'" in d.message and "never closed" not in d.message


@pytest.mark.parametrize("text, where, says", [
    ("roles:\n  - role: Engineer\n   use: Builds it.\n", (4, 4),
     ("line 'use: Builds it.' is indented 3 spaces, out of step with the list that starts on line 3: indent it "
     "4 spaces, under 'role: Engineer', to add it to that item, or start it with '- ' indented 2 to make it a "
     "new item")),
    ("roles:\n  - role: Engineer\n    use: Builds it.\n   - role: Executive\n", (5, 4),
     ("line '- role: Executive' is indented 3 spaces, but the items before it in the list that starts on line 3 "
     "are indented 2: write every '- ' of a list at the same indentation")),
    ("related:\n  - gpu\n  - tpu\n  status: draft\n", (5, 3),
     ("line 'status: draft' is indented like the items of the list that starts on line 3, but does not start "
     "with '- ': add '- ' if it is another item, or move it left, out of the list, if it is a new field")),
    ("roles:\n  -\n    role: Engineer\n   use: Builds it.\n", (5, 4),
     ("line 'use: Builds it.' is indented 3 spaces, out of step with the list that starts on line 3: line it "
     "up under the first field of the item above to add it to that item")),
])
def test_a_line_out_of_step_with_a_block_list_says_how_to_indent_it(text: str, where: tuple[int, int],
                                                                    says: str) -> None:
    [d] = parse(text).diagnostics
    assert (d.code, d.line, d.column) == ("GL006", *where)
    assert d.message.startswith(says)
    assert "indicator" not in d.message and "block collection" not in d.message
