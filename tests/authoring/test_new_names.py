"""Writing names with a status: `glossary new --abbreviation`, the template's deprecated_names, the editor
configuration and the JSON schema for editors; `rename --title` keeps the old title as an alias."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import Project, term
from glossary.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_new_writes_the_abbreviation_where_fmt_puts_it_and_lints_clean(in_project: Project) -> None:
    code, _, err = run("new", "Large language model", "--abbreviation", "LLM")
    assert code == 0, err
    path = in_project.content / "large-language-model.md"
    text = path.read_text(encoding="utf-8")
    assert "\naliases: []\nabbreviation: LLM\ndeprecated_names: []\ntags: []\n" in text
    assert {d.code for d in in_project.lint()} == {"GL301"}
    assert run("fmt", "--check")[0] == 0


def test_the_template_without_an_abbreviation_has_an_empty_list_of_deprecated_names(in_project: Project) -> None:
    assert run("new", "Edge inference")[0] == 0
    text = (in_project.content / "edge-inference.md").read_text(encoding="utf-8")
    assert "\naliases: []\ndeprecated_names: []\ntags: []\n" in text and "abbreviation" not in text
    assert run("fmt", "--check")[0] == 0


@pytest.mark.parametrize("abbreviation, said", [
    ("", "the abbreviation is empty"),
    (" LLM", "starts or ends with a space; write it as 'LLM'"),
    ("L\nLM", "holds a line break"),
    ("A" * 21, "is 21 characters long; an abbreviation is at most 20"),
    ("large LANGUAGE model", "is the title itself"),
])
def test_new_refuses_an_abbreviation_that_is_not_one(in_project: Project, abbreviation: str, said: str) -> None:
    code, _, err = run("new", "Large language model", "--abbreviation", abbreviation)
    assert code == 2 and said in err and "Traceback" not in err
    assert list(in_project.content.iterdir()) == []


def test_new_refuses_a_name_another_term_has_as_any_kind_of_name(in_project: Project) -> None:
    in_project.write("gpu.md", term("gpu", title="GPU", abbreviation="GPU2",
                                    deprecated_names="[{name: graphics chip}]"))
    code, _, err = run("new", "Graphics chip")
    assert code == 1 and "already a deprecated name of 'gpu'" in err
    code, _, err = run("new", "Other", "--abbreviation", "gpu2")
    assert code == 1 and "'gpu2' is already the abbreviation of 'gpu'" in err and "another abbreviation" in err


def test_editor_config_and_the_schema_for_editors_have_the_new_fields(in_project: Project) -> None:
    code, out, _ = run("editor-config")
    config = json.loads(out)
    fields = [field for content in config["frontMatter.taxonomy.contentTypes"] for field in content["fields"]]
    names = [field["name"] for field in fields]
    assert names.index("aliases") + 1 == names.index("abbreviation") == names.index("deprecated_names") - 1
    [group] = [group for group in config["frontMatter.taxonomy.fieldGroups"] if group["id"] == "deprecated_names"]
    assert [field["name"] for field in group["fields"]] == ["name", "why"]
    code, out, _ = run("schema")
    assert code == 0 and {"abbreviation", "deprecated_names"} <= json.loads(out)["properties"].keys()


def test_rename_title_keeps_the_old_title_as_an_alias_beside_an_abbreviation(in_project: Project) -> None:
    in_project.write("alpha.md", term("alpha", abbreviation="AL"))
    code, _, err = run("rename", "alpha", "alpha-prime", "--title", "Alpha prime")
    assert code == 0, err
    text = (in_project.content / "alpha-prime.md").read_text(encoding="utf-8")
    assert "title: Alpha prime" in text and "abbreviation: AL" in text and "Alpha" in text.split("aliases")[1]
