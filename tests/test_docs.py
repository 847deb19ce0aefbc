"""The documentation is part of the contract: every code, command, category and schema field is documented."""

from __future__ import annotations

import importlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SCHEMA
from glossary import checks
from glossary.cli import main
from glossary.diagnostics import CODES

README = (REPO / "README.md").read_text(encoding="utf-8")
DIAGNOSTICS = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")


def table_rows(text: str) -> dict[str, list[str]]:
    rows = {}
    for line in text.splitlines():
        cells = [c.strip().strip("`") for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells and re.fullmatch(r"[A-Za-z0-9-]+", cells[0]):
            rows[cells[0]] = cells[1:]
    return rows


def test_every_code_is_documented_with_its_severity() -> None:
    rows = {code: cells for code, cells in table_rows(DIAGNOSTICS).items() if code.startswith("GL")}
    assert sorted(rows) == sorted(CODES)
    for code, cells in rows.items():
        assert cells[0] == CODES[code].severity, code
        assert all(cells[1:3]), f"{code} needs both what is wrong and how to fix it"


def test_readme_links_the_code_table() -> None:
    assert "docs/diagnostics.md" in README


def test_ci_runs_exactly_the_readmes_test_command() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    blocks = re.findall(r"```bash\n(.*?)\n```", README.split("## Quick start")[1].split("\n## ")[0], re.S)
    assert len(blocks) == 2, "the quick start is two commands"
    assert blocks[1] == ci
    assert "glossary lint" in blocks[0] or "glossary build" in blocks[0]


def test_every_command_is_in_the_readme() -> None:
    for name in main.commands:
        assert f"glossary {name}" in README, name


def test_every_check_module_documents_a_passing_and_a_failing_example() -> None:
    for name in [*checks.CHECKS, "schema"]:
        module = importlib.import_module(f"glossary.checks.{name}")
        assert module.__doc__ and "Passes:" in module.__doc__ and "Fails:" in module.__doc__, name


def test_every_module_has_a_docstring() -> None:
    for path in (REPO / "scripts" / "glossary").rglob("*.py"):
        source = path.read_text(encoding="utf-8").lstrip()
        assert source.startswith('"""'), path


def properties(schema: Any, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(schema, dict):
        for name, sub in schema.get("properties", {}).items():
            found.append((f"{where}.{name}", sub))
        for key, sub in schema.items():
            if isinstance(sub, dict):
                found += properties(sub, f"{where}.{key}" if key not in ("properties",) else where)
    return found


def test_every_schema_property_has_a_description() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    props = properties(schema)
    assert len(props) > 20
    for where, sub in props:
        assert sub.get("description"), where


def test_additional_properties_are_closed_at_every_level() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    objects = [schema, schema["properties"]["roles"]["items"], schema["properties"]["faq"]["items"],
               schema["properties"]["sources"]["items"]]
    assert all(o["additionalProperties"] is False for o in objects)


def test_categories_doc_lists_the_schemas_categories() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    rows = table_rows((REPO / "docs" / "categories.md").read_text(encoding="utf-8"))
    assert sorted(c for c in rows if c not in ("category", "---")) == sorted(schema["properties"]["category"]["enum"])


@pytest.mark.parametrize("workflow", sorted((REPO / ".github" / "workflows").glob("*.yml")))
def test_workflow_lints_pull_requests_with_annotations(workflow: Path) -> None:
    document = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert "pull_request" in document[True]  # YAML 1.1 reads the key `on` as true
    runs = "\n".join(step.get("run", "") for job in document["jobs"].values() for step in job["steps"])
    assert "glossary lint --format github" in runs
