"""Editor support: `glossary schema` prints the schemas, `glossary editor-config` mirrors the term schema."""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, Project, term
from glossary.authoring import editor
from glossary.cli import main

EXPORT_SCHEMA = REPO / "schema" / "export.schema.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def schema_of(project: Project) -> Any:
    return json.loads((project.root / "schema" / "term.schema.json").read_text(encoding="utf-8"))


def change_schema(project: Project, change: Any) -> None:
    path = project.root / "schema" / "term.schema.json"
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema), encoding="utf-8")


def frontmatter(*args: str) -> dict[str, Any]:
    code, out, err = run("editor-config", *args)
    assert code == 0, err
    document: dict[str, Any] = json.loads(out)
    return document


def fields_by_name(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    [content_type] = document["frontMatter.taxonomy.contentTypes"]
    assert content_type["name"] == "default"  # Front Matter's type for files without a `type` field
    return {field["name"]: field for field in content_type["fields"]}


def group(document: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    [found] = [g for g in document["frontMatter.taxonomy.fieldGroups"] if g["id"] == name]
    return {field["name"]: field for field in found["fields"]}


# glossary schema


@pytest.mark.parametrize("option", [None, "--front-matter"])
def test_schema_prints_the_term_schema(in_project: Project, option: str | None) -> None:
    code, out, _ = run("schema", *([option] if option else []))
    assert code == 0
    assert json.loads(out) == schema_of(in_project)


def test_schema_export_prints_the_export_schema(in_project: Project) -> None:
    shutil.copy(EXPORT_SCHEMA, in_project.root / "schema" / "export.schema.json")
    code, out, _ = run("schema", "--export")
    assert code == 0
    assert json.loads(out) == json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    assert json.loads(out) != schema_of(in_project)


def test_schema_follows_the_configured_path(in_project: Project) -> None:
    (in_project.root / "other.json").write_text('{"title": "mine"}', encoding="utf-8")
    with (in_project.root / "pyproject.toml").open("a", encoding="utf-8") as toml:
        toml.write('schema = "other.json"\n')
    code, out, _ = run("schema")
    assert (code, json.loads(out)) == (0, {"title": "mine"})


@pytest.mark.parametrize("command", [["schema"], ["schema", "--export"], ["editor-config"]])
def test_a_missing_schema_is_a_usage_error(in_project: Project, command: list[str]) -> None:
    (in_project.root / "schema" / "term.schema.json").unlink()
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)  # no traceback
    assert "schema" in result.stderr and "does not exist" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("content, says", [
    (b'{"type": "object",\n  "properties": {', "not valid JSON"),
    (b"", "not valid JSON"),
    (b'{"title": "caf\xe9"}', "not UTF-8"),
])
@pytest.mark.parametrize("command", [["schema"], ["editor-config"], ["editor-config", "--kind", "vscode-tasks"]])
def test_a_broken_schema_is_a_usage_error(in_project: Project, command: list[str], content: bytes,
                                          says: str) -> None:
    (in_project.root / "schema" / "term.schema.json").write_bytes(content)
    result = CliRunner().invoke(main, command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert isinstance(result.exception, SystemExit)
    assert says in result.stderr and "term.schema.json" in result.stderr


def test_a_json_error_says_where(in_project: Project) -> None:
    (in_project.root / "schema" / "term.schema.json").write_text('{\n  "a": 1,\n  "b": }\n', encoding="utf-8")
    code, _, err = run("schema")
    assert code == 2 and "line 3, column 8" in err


@pytest.mark.parametrize("content", ["[]", "true", '{"type": "object"}', '{"properties": []}'])
def test_editor_config_needs_properties(in_project: Project, content: str) -> None:
    (in_project.root / "schema" / "term.schema.json").write_text(content, encoding="utf-8")
    code, out, err = run("editor-config")
    assert (code, out) == (2, "") and "no properties" in err


# glossary editor-config --kind frontmatter-cms


def test_choices_are_the_schemas_enums(in_project: Project) -> None:
    schema = schema_of(in_project)
    document = frontmatter()
    fields = fields_by_name(document)
    assert fields["category"]["type"] == fields["status"]["type"] == "choice"
    assert fields["category"]["choices"] == schema["properties"]["category"]["enum"]
    assert fields["status"]["choices"] == schema["properties"]["status"]["enum"]
    role = group(document, "roles")["role"]
    assert role["type"] == "choice"
    assert role["choices"] == schema["properties"]["roles"]["items"]["properties"]["role"]["enum"]


def test_required_fields_are_marked_and_only_they(in_project: Project) -> None:
    schema = schema_of(in_project)
    document = frontmatter()
    fields = fields_by_name(document)
    assert list(fields) == list(schema["properties"])  # every field, in the schema's order
    assert {name for name, field in fields.items() if field.get("required")} == set(schema["required"])
    for name in ("roles", "faq", "sources"):
        items = schema["properties"][name]["items"]
        assert {n for n, f in group(document, name).items() if f.get("required")} == set(items["required"])


def test_fields_carry_the_schemas_descriptions(in_project: Project) -> None:
    schema = schema_of(in_project)
    fields = fields_by_name(frontmatter())
    for name, field in fields.items():
        assert field["description"] == schema["properties"][name]["description"], name


def test_field_types_follow_the_schema(in_project: Project) -> None:
    document = frontmatter()
    fields = fields_by_name(document)
    kinds = {name: field["type"] for name, field in fields.items()}
    assert kinds == {
        "title": "string", "summary": "string", "definition": "string", "category": "choice",
        "aliases": "list", "abbreviation": "string", "deprecated_names": "block", "tags": "list", "related": "list", "example": "string", "roles": "block",
        "faq": "block", "status": "choice", "superseded_by": "string", "updated": "datetime", "sources": "block",
    }
    assert fields["title"]["single"] is True and fields["definition"]["single"] is False
    assert fields["updated"]["dateFormat"] == "yyyy-MM-dd" == document["frontMatter.taxonomy.dateFormat"]
    assert fields["roles"]["fieldGroup"] == ["roles"]
    assert group(document, "sources")["url"]["single"] is True
    assert [g.get("labelField") for g in document["frontMatter.taxonomy.fieldGroups"]] == ["name", "role", "question", "title"]
    assert document["frontMatter.content.pageFolders"] == [{"title": "Terms", "path": "[[workspace]]/content/terms"}]


def test_a_field_required_only_with_a_status_is_shown_only_then(in_project: Project) -> None:
    fields = fields_by_name(frontmatter())
    assert fields["superseded_by"]["when"] == {"fieldRef": "status", "operator": "eq", "value": "deprecated"}
    assert "required" not in fields["superseded_by"]
    assert "when" not in fields["status"]


def test_a_changed_schema_changes_the_form(in_project: Project) -> None:
    def change(schema: dict[str, Any]) -> None:
        schema["properties"]["category"]["enum"].append("robotics")
        schema["properties"]["roles"]["items"]["properties"]["role"]["enum"].append("Teacher")
        schema["properties"]["reviewed"] = {"description": "Whether an editor has read it.", "type": "boolean"}
        schema["properties"]["weight"] = {"description": "Sort order.", "type": "integer", "minimum": 0}
        schema["properties"]["owner"] = {"description": "Who looks after it.", "type": "object",
                                         "required": ["name"], "properties": {"name": {"type": "string"}}}
        schema["required"].append("reviewed")

    change_schema(in_project, change)
    document = frontmatter()
    fields = fields_by_name(document)
    assert "robotics" in fields["category"]["choices"]
    assert "Teacher" in group(document, "roles")["role"]["choices"]
    assert fields["reviewed"] == {"title": "Reviewed", "name": "reviewed", "type": "boolean",
                                  "description": "Whether an editor has read it.", "required": True}
    assert fields["weight"]["type"] == "number" and fields["weight"]["numberOptions"] == {"isDecimal": False, "min": 0}
    assert fields["owner"]["type"] == "fields"
    assert fields["owner"]["fields"] == [{"title": "Name", "name": "name", "type": "string", "single": False,
                                          "required": True}]


def test_a_list_of_choices_is_a_multiple_choice(in_project: Project) -> None:
    change_schema(in_project, lambda schema: schema["properties"].update(
        audiences={"type": "array", "items": {"$ref": "#/$defs/audience"}}) or schema["$defs"].update(
        audience={"type": "string", "enum": ["public", "staff"]}))
    field = fields_by_name(frontmatter())["audiences"]
    assert (field["type"], field["choices"], field["multiple"]) == ("choice", ["public", "staff"], True)


def test_odd_but_valid_schemas_do_not_crash(in_project: Project) -> None:
    schema = {"properties": {"a": True, "b": {"$ref": "#/nowhere"}, "c": {"$ref": "#/$defs/c"},
                             "d": {"type": ["null", "string"], "enum": [1, None]}, "e": {"type": "array"}},
              "$defs": {"c": {"$ref": "#/$defs/c"}}, "required": "title", "allOf": [{"if": True}, "x"]}
    (in_project.root / "schema" / "term.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    fields = fields_by_name(frontmatter())
    assert [f["type"] for f in fields.values()] == ["string", "string", "string", "choice", "list"]
    assert fields["d"]["choices"] == ["1", "None"]


def test_every_field_of_real_shaped_terms_has_a_place_in_the_form(sample: Project,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(sample.root)
    document = frontmatter()
    fields = fields_by_name(document)
    for path in sorted(sample.content.glob("*.md")):
        data = yaml.safe_load(path.read_text(encoding="utf-8").split("\n---\n")[0].removeprefix("---\n"))
        assert set(data) <= set(fields), path.name
        for name in ("roles", "faq", "sources"):
            for item in data.get(name, []):
                assert set(item) <= set(group(document, name)), (path.name, name)


# --out and --force


def test_out_writes_the_file_and_its_folder(in_project: Project) -> None:
    code, _, err = run("editor-config", "--kind", "vscode-tasks", "--out", ".vscode/tasks.json")
    written = in_project.root / ".vscode" / "tasks.json"
    assert code == 0 and "wrote" in err
    assert written.read_text(encoding="utf-8") == run("editor-config", "--kind", "vscode-tasks")[1]
    code, _, err = run("editor-config", "--kind", "vscode-tasks", "--out", ".vscode/tasks.json")
    assert code == 0 and "already up to date" in err


def test_out_never_replaces_other_content_without_force(in_project: Project) -> None:
    target = in_project.root / "frontmatter.json"
    target.write_text('{"frontMatter.preview.host": "http://localhost:1313"}\n', encoding="utf-8")
    code, out, err = run("editor-config", "--out", "frontmatter.json")
    assert (code, out) == (1, "") and "--force" in err
    assert "localhost" in target.read_text(encoding="utf-8")
    code, _, _ = run("editor-config", "--out", "frontmatter.json", "--force")
    assert code == 0 and "frontMatter.taxonomy.contentTypes" in json.loads(target.read_text(encoding="utf-8"))


def test_out_that_cannot_be_written_is_exit_1(in_project: Project) -> None:
    (in_project.root / "blocker").write_text("a file, not a folder", encoding="utf-8")
    result = CliRunner().invoke(main, ["editor-config", "--out", "blocker/frontmatter.json"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "cannot write" in result.stderr


def test_the_kinds_offered_are_the_kinds_built() -> None:
    command = main.commands["editor-config"]
    [kind] = [p for p in command.params if p.name == "kind"]
    assert list(kind.type.choices) == list(editor.KINDS)


# glossary editor-config --kind vscode-tasks


def test_the_problem_matcher_reads_lints_own_output(in_project: Project) -> None:
    in_project.write("alpha.md", term(related="[ghost]", category="robots"))
    code, out, _ = run("lint")
    assert code == 1
    tasks = json.loads(run("editor-config", "--kind", "vscode-tasks")[1])["tasks"]
    default = [t for t in tasks if t["group"]["isDefault"]]
    assert [t["args"] for t in default] == [["lint", "${file}"]]
    pattern = tasks[0]["problemMatcher"]["pattern"]
    matches = [re.match(pattern["regexp"], line) for line in out.splitlines()]
    assert len(matches) == 2 and all(matches)
    found = [(m[pattern["file"]], int(m[pattern["line"]]), int(m[pattern["column"]]), m[pattern["severity"]],
              m[pattern["code"]]) for m in matches if m]
    assert found == [("content/terms/alpha.md", 5, 11, "error", "GL104"),
                     ("content/terms/alpha.md", 6, 11, "error", "GL210")]


@pytest.mark.parametrize("schema", [
    {"type": "object", "properties": {"a": {"type": "object", "properties": {"a": {"$ref": "#/properties/a"}}}}},
    {"properties": {"a": {"type": "array",
                          "items": {"type": "object", "properties": {"a": {"$ref": "#/properties/a"}}}}}},
    {"properties": {"a": {"$ref": "#/$defs/node"}},
     "$defs": {"node": {"type": "object", "properties": {"a": {"$ref": "#/$defs/node"}}}}},
])
def test_a_schema_that_refers_to_itself_is_a_usage_error(in_project: Project, schema: dict[str, Any]) -> None:
    (in_project.root / "schema" / "term.schema.json").write_text(json.dumps(schema), encoding="utf-8")
    code, out, err = run("editor-config")
    assert (code, out) == (2, "") and "nests objects more than 10 deep (a.a.a.a.a.a.a.a.a.a.a)" in err


# glossary editor-config --kind helix / neovim: the files that start the language server


def test_helix_gets_a_languages_toml_that_starts_the_server_beside_marksman(in_project: Project) -> None:
    import tomllib

    code, out, _ = run("editor-config", "--kind", "helix")
    settings = tomllib.loads(out)
    assert code == 0 and settings["language-server"]["glossary"] == {"command": "glossary", "args": ["lsp"]}
    assert settings["language"] == [{"name": "markdown", "language-servers": ["marksman", "glossary"]}]


def test_neovim_gets_a_file_type_plugin_that_starts_the_server_in_a_glossary(in_project: Project) -> None:
    code, out, _ = run("editor-config", "--kind", "neovim", "--out", "markdown.lua")
    text = (in_project.root / "markdown.lua").read_text(encoding="utf-8")
    assert code == 0 and out == ""
    assert 'vim.lsp.start({ name = "glossary", cmd = { "glossary", "lsp" }' in text
    assert '"%[tool%.glossary%]"' in text  # only in a folder that is a glossary project
