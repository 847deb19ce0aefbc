"""Schema check: each jsonschema error at the line and column of its key or value, in words a writer reads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Project, term


@pytest.fixture
def project(plain_project: Project) -> Project:
    """These tests are about the schema: their small made-up terms skip the content-quality checks."""
    return plain_project

from glossary.check.validators import load_validator
from glossary.config import ConfigError
from glossary.lint.job import LintSettings, run_lint


def one(project: Project, text: str) -> tuple[str, int, int, str]:
    project.write("alpha.md", text)
    [d] = project.lint()
    return d.code, d.line, d.column, d.message


def test_unknown_field_suggests_the_closest(project: Project) -> None:
    text = term(summary=None, summery="A short plain sentence about alpha for testing.")  # type: ignore[arg-type]
    found = [(d.code, d.line, d.column, d.message) for d in (project.write("alpha.md", text), project.lint())[1]]
    assert ("GL102", 8, 1, "unknown field 'summery'; did you mean 'summary'?") in found
    assert any(c == "GL101" and (line, col) == (1, 1) and "'summary'" in m for c, line, col, m in found)


def test_unknown_nested_field_without_a_close_match_lists_the_allowed(project: Project) -> None:
    code, line, column, message = one(project, term(roles="\n  - role: Engineer\n    use: Builds it.\n    zzz: 1"))
    assert (code, line, column) == ("GL102", 12, 5)
    assert "'zzz' in roles[0]" in message and "role, use" in message


@pytest.mark.parametrize("value, shown", [("no", "false"), ("yes", "true"), ("1.10", "the number 1.1"),
                                          ("12", "the number 12"), ("on", "true")])
def test_yaml_11_surprise_says_to_quote_the_value(project: Project, value: str, shown: str) -> None:
    code, line, column, message = one(project, term(title=value))
    assert (code, line, column) == ("GL103", 2, 8)
    assert f"YAML read {value} as {shown}" in message and f'"{value}"' in message


def test_empty_value_says_to_write_one(project: Project) -> None:
    code, line, column, message = one(project, term(summary=""))
    assert (code, line) == ("GL103", 3) and "summary is empty" in message


def test_text_where_a_list_belongs(project: Project) -> None:
    code, line, column, message = one(project, term(related="inference"))
    assert (code, line, column) == ("GL103", 6, 10)
    assert "must be a list" in message and "[inference]" in message


def test_enum_suggests_the_closest_value(project: Project) -> None:
    code, line, column, message = one(project, term(category="Infrastructure"))
    assert (code, line, column) == ("GL104", 5, 11)
    assert "did you mean 'infrastructure'?" in message


def test_role_from_a_fixed_list(project: Project) -> None:
    code, line, column, message = one(project, term(roles="\n  - role: Enginer\n    use: Builds it."))
    assert (code, line, column) == ("GL104", 10, 11) and "did you mean 'Engineer'?" in message


def test_too_short_and_too_long(project: Project) -> None:
    assert one(project, term(summary="Too short."))[:3] == ("GL105", 3, 10)
    code, _, _, message = one(project, term(definition="x" * 701))
    assert code == "GL105" and "701 characters long" in message and "at most 700" in message


def test_definition_must_be_one_paragraph(project: Project) -> None:
    text = term(definition='"Alpha is defined in this first paragraph of enough length.\\n\\nAnd a second one."')
    assert one(project, text)[:3] == ("GL106", 4, 13)


def test_slug_pattern_suggests_a_slug(project: Project) -> None:
    code, line, column, message = one(project, term(tags="[ok, Data Centres]"))
    assert (code, line, column) == ("GL106", 9, 12) and "Did you mean 'data-centres'?" in message


def test_quoted_impossible_date_is_a_format_error(project: Project) -> None:
    code, line, column, message = one(project, term(updated='"2026-02-30"'))
    assert (code, line, column) == ("GL106", 8, 10) and "not a valid date" in message


def test_date_with_a_time_is_not_a_date(project: Project) -> None:
    project.write("alpha.md", term(updated="2026-11-27 10:30:00"))
    assert {(d.code, d.line, d.column) for d in project.lint()} == {("GL106", 8, 10)}


def test_repeated_item_points_at_the_repeat(project: Project) -> None:
    code, line, column, message = one(project, term(aliases="[A, B, A]"))
    assert (code, line, column) == ("GL107", 9, 17) and "items 0 and 2" in message


def test_deprecated_needs_superseded_by_and_says_why_at_the_status(project: Project) -> None:
    code, line, column, message = one(project, term(status="deprecated"))
    assert (code, line, column) == ("GL101", 7, 9)
    assert "'superseded_by'" in message and "names the term that replaces it" not in message
    assert "deprecated term must name the term that replaces it" in message


def test_superseded_by_only_on_deprecated_terms(project: Project) -> None:
    project.write("beta.md", term("beta"))
    code, line, column, message = one(project, term(superseded_by="beta"))
    assert (code, line, column) == ("GL104", 7, 9) and "only for deprecated terms" in message


def test_one_error_per_missing_field(project: Project) -> None:
    project.write("alpha.md", "---\ntitle: Alpha\n---\n")
    missing = sorted(d.message.split("'")[1] for d in project.lint() if d.code == "GL101")
    assert missing == ["category", "definition", "related", "status", "summary", "updated"]


def test_missing_field_in_a_list_item_points_at_the_item(project: Project) -> None:
    assert one(project, term(faq="\n  - question: Why is it?"))[:3] == ("GL101", 10, 5)


# Any schema: draft-07 or 2020-12, other fields, and the keywords this glossary's schema does not use.

def custom(project: Project, schema: dict[str, object], text: str) -> list[tuple[str, int, int]]:
    path = project.root / "custom.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    project.write("post.md", text)
    result = run_lint(LintSettings(project.root, project.content, path, disabled=project.disabled))
    return [(d.code, d.line, d.column) for d in result.diagnostics]


def test_draft_07_schema_on_other_front_matter(project: Project) -> None:
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
              "required": ["layout"], "properties": {"layout": {"type": "string"}, "date": {"type": "string"}}}
    assert custom(project, schema, "---\nlayout: post\ndate: 2020-01-01\n---\nHi\n") == []
    assert custom(project, schema, "---\nlayout: 3\n---\nHi\n") == [("GL103", 2, 9)]


@pytest.mark.parametrize("keyword", [
    {"not": {"required": ["layout"]}},
    {"properties": {"tags": {"contains": {"const": "x"}}}},
    {"propertyNames": {"maxLength": 3}},
    {"dependentRequired": {"layout": ["date"]}},
    {"properties": {"layout": {"oneOf": [{"type": "string"}, {"minLength": 1}]}}},
])
def test_other_keywords_are_reported_with_jsonschemas_words(project: Project, keyword: dict[str, object]) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", **keyword}
    found = custom(project, schema, "---\nlayout: post\ntags: [a]\n---\n")
    assert found and {code for code, _, _ in found} <= {"GL108", "GL101"}


def test_glossary_checks_skip_files_without_its_fields(project: Project) -> None:
    schema = {"type": "object"}
    assert custom(project, schema, "---\nlayout: post\nrelated: 7\nstatus: [x]\n---\nHi\n") == []


def test_schema_that_cannot_be_applied_is_a_diagnostic(project: Project) -> None:
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "properties": {"layout": {"$ref": "https://example.invalid/missing.json"}}}
    assert custom(project, schema, "---\nlayout: post\n---\n") == [("GL100", 1, 1)]


@pytest.mark.parametrize("content, fragment", [
    ("{not json", "not valid JSON"),
    ('{"type": "nonsense"}', "not a valid JSON Schema"),
    ('{"pattern": "("}', "not a valid JSON Schema"),
    ("[1, 2]", "must be a JSON object"),
])
def test_broken_schema_is_a_configuration_error(tmp_path: Path, content: str, fragment: str) -> None:
    path = tmp_path / "schema.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=fragment):
        load_validator(path)


def test_missing_schema_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the schema"):
        load_validator(tmp_path / "nowhere.json")


def test_other_keyword_is_located(project: Project) -> None:
    schema = {"properties": {"tags": {"items": {"not": {"const": "banned"}}}}, "propertyNames": {"maxLength": 6}}
    found = custom(project, schema, "---\nlayout: post\ntags: [ok, banned]\nsubtitle: x\n---\n")
    assert found == [("GL108", 3, 12), ("GL108", 4, 1)]


def test_real_world_front_matter_from_other_tools(project: Project) -> None:
    """Jekyll and Hugo posts: times, time zones, nested maps, TOML fences; only diagnostics come out."""
    schema = {"type": "object", "required": ["title"]}
    jekyll = "---\nlayout: post\ntitle: Hello\ndate: 2020-01-01 10:00:00 +0100\nauthor: {name: A, links: [x]}\n---\n"
    assert custom(project, schema, jekyll) == []
    assert custom(project, schema, "+++\ntitle = 'Hugo'\n+++\nBody\n") == [("GL004", 1, 1)]
    assert custom(project, schema, "---\ntitle: x\nimage: !!binary aGk=\n---\n") == [("GL010", 3, 8)]


def test_blank_line_in_a_folded_definition_is_caught(project: Project) -> None:
    """YAML folds a blank line in a >- block into one line break: still two paragraphs to the writer."""
    text = term(definition=">-\n  Alpha is defined in this first paragraph of enough length.\n\n  And a second one.")
    assert one(project, text)[:3] == ("GL106", 4, 13)


def test_one_diagnostic_per_value_the_most_basic_first(project: Project) -> None:
    code, line, column, message = one(project, term(status="no"))
    assert (code, line, column) == ("GL103", 7, 9) and "YAML read no as false" in message


def test_values_are_shown_as_written(project: Project) -> None:
    code, line, column, message = one(project, term(updated="2026-11-27 10:00:00"))
    assert (code, line, column) == ("GL106", 8, 10) and "updated 2026-11-27 10:00:00 is not a valid date" in message


def test_quoting_advice_for_a_list_of_one_surprising_value(project: Project) -> None:
    assert '["yes"]' in one(project, term(aliases="yes"))[3]


def test_a_long_repeated_list_is_quick_to_describe(project: Project) -> None:
    aliases = ", ".join(f"a{i}" for i in range(25_000))
    codes = {d.code for d in (project.write("alpha.md", term(aliases=f"[{aliases}, a0]")), project.lint())[1]}
    assert len(codes) == 1 and codes <= {"GL105", "GL107"}  # one diagnostic for the one value


def test_unevaluated_properties_name_only_the_unevaluated(project: Project) -> None:
    schema = {"$defs": {"base": {"properties": {"title": {"type": "string"}}}}, "$ref": "#/$defs/base",
              "properties": {"other": {}}, "unevaluatedProperties": False}
    path = project.root / "u.json"
    path.write_text(json.dumps(schema), encoding="utf-8")
    project.write("post.md", "---\ntitle: Hello\ntitel: x\n---\n")
    [d] = run_lint(LintSettings(project.root, project.content, path)).diagnostics
    assert (d.code, d.line, d.column) == ("GL102", 3, 1) and "did you mean 'title'?" in d.message


@pytest.mark.parametrize("content", [
    '{"$schema": "http://json-schema.org/draft-03/schema#", "properties": {"zzz": {"required": true}}}',
    "true",
])
def test_draft_3_and_boolean_schemas(project: Project, content: str) -> None:
    path = project.root / "s.json"
    path.write_text(content, encoding="utf-8")
    project.write("post.md", "---\ntitle: x\n---\n")
    found = run_lint(LintSettings(project.root, project.content, path)).diagnostics
    assert [d.code for d in found] == (["GL101"] if "zzz" in content else [])


@pytest.mark.parametrize("content", ['{"$schema": []}', "[" * 100_000 + "]" * 100_000,
                                     '{"not": ' * 900 + "{}" + "}" * 900])
def test_schemas_that_cannot_be_used_are_configuration_errors(tmp_path: Path, content: str) -> None:
    path = tmp_path / "schema.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_validator(path)


def test_a_list_of_mappings_written_as_text_names_the_fields(project: Project) -> None:
    code, line, column, message = one(project, term(roles="Engineer, Executive"))
    assert (code, line, column) == ("GL103", 9, 8) and "each with the fields role, use" in message


def test_a_list_item_without_a_space_after_the_dash(project: Project) -> None:
    message = one(project, term(related="\n  -foundation-model\n  -large-language-model"))[3]
    assert "space after the dash" in message


def test_a_mapping_written_as_text_names_its_fields(project: Project) -> None:
    message = one(project, term(sources="\n  - https://example.com/page"))[3]
    assert message == ("sources[0] must be a mapping with the fields title, url, not text: write it as "
                       "'- url: https://example.com/page'")


def test_unknown_fields_suggest_only_known_fields(project: Project) -> None:
    project.write("alpha.md", term(seeAlso="[x]", see_also="[y]"))
    messages = sorted(d.message for d in project.lint())
    assert messages == ["unknown field 'seeAlso'; the fields allowed here are: " + ALLOWED,
                        "unknown field 'see_also'; the fields allowed here are: " + ALLOWED]


def test_many_unknown_fields_are_quick_to_describe(project: Project) -> None:
    fields = "\n".join(f"k{i}: 1" for i in range(5_000))
    project.write("alpha.md", term().replace("---\nThe body", fields + "\n---\nThe body"))
    assert len(project.lint()) == 5_000


def test_an_invisible_space_in_a_key_is_named(project: Project) -> None:
    message = one(project, term(roles="\n  - role: Engineer\n  \u00a0 use: Builds it."))[3]
    assert "non-breaking space (U+00A0)" in message


ALLOWED = ("title, summary, definition, category, aliases, abbreviation, deprecated_names, tags, related, example, roles, faq, status, "
           "superseded_by, updated, sources")


def test_a_field_named_like_a_keyword_is_just_a_field(project: Project) -> None:
    schema = {"properties": {"nested": {"properties": {"propertyNames": {"type": "string"}}}}}
    assert custom(project, schema, "---\nnested: {propertyNames: 3}\n---\n") == [("GL103", 2, 25)]


def test_a_conditional_behind_a_ref_points_at_its_field(project: Project) -> None:
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", "allOf": [{"$ref": "#/definitions/x"}],
              "definitions": {"x": {"if": {"properties": {"status": {"const": "deprecated"}}},
                                    "then": {"required": ["superseded_by"]}}}}
    assert custom(project, schema, "---\ntitle: x\nstatus: deprecated\n---\n") == [("GL101", 3, 9)]
