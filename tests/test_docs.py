"""The documentation is part of the contract: every code, command, category and schema field is documented."""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import NODE, NODE_MODULES, REPO, SAMPLE, SCHEMA, needs_ajv, needs_node, sample_project
from glossary import check as checks
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
    assert blocks[0].startswith("python3 ")  # tests/test_quickstart.py runs it, with Debian's own python3


def test_every_command_is_in_the_readme() -> None:
    for name in main.commands:
        assert f"glossary {name}" in README, name


def test_every_check_module_documents_a_passing_and_a_failing_example() -> None:
    for name in [*checks.CHECKS, "schema"]:
        module = importlib.import_module(f"glossary.check.{name}")
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


def test_categories_doc_lists_the_schemas_categories_with_their_labels() -> None:
    category = json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["category"]
    rows = table_rows((REPO / "docs" / "categories.md").read_text(encoding="utf-8"))
    rows = {key: cells for key, cells in rows.items() if key not in ("category", "---")}
    assert sorted(rows) == sorted(category["enum"]) == sorted(category["x-labels"])
    assert {key: cells[0] for key, cells in rows.items()} == category["x-labels"]


def test_workflow_lints_pull_requests_with_annotations() -> None:
    document = yaml.safe_load((REPO / ".github" / "workflows" / "lint.yml").read_text(encoding="utf-8"))
    assert "pull_request" in document[True]  # YAML 1.1 reads the key `on` as true
    runs = "\n".join(step.get("run", "") for job in document["jobs"].values() for step in job["steps"])
    assert "glossary lint --no-cache --strict --format github" in runs


def test_publish_workflow_builds_and_publishes_the_export_and_site_from_main() -> None:
    document = yaml.safe_load((REPO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    assert document[True]["push"]["branches"] == ["main"]
    steps = [step for job in document["jobs"].values() for step in job["steps"]]
    runs = "\n".join(step.get("run", "") for step in steps)
    uses = {step.get("uses", "").split("@")[0] for step in steps}
    assert "glossary site --no-cache --strict --out dist" in runs
    assert {"actions/upload-artifact", "actions/upload-pages-artifact", "actions/deploy-pages"} <= uses


def test_export_schema_describes_every_property() -> None:
    schema = json.loads((REPO / "schema" / "export.schema.json").read_text(encoding="utf-8"))
    props = properties(schema)
    assert len(props) > 30
    for where, sub in props:
        assert sub.get("description"), where
    term_fields = set(json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"])
    assert term_fields <= set(schema["$defs"]["term"]["properties"])  # every front-matter field is exported


def code_under(markdown: str, heading: str, language: str) -> str:
    """The one code block in `language` in the section under `heading` (up to the next heading)."""
    section = markdown.split(f"\n{heading}\n", 1)[1]
    section = re.split(r"\n#{1,%d} " % heading.count("#"), section, maxsplit=1)[0]
    [block] = re.findall(rf"```{language}\n(.*?)\n```", section, re.S)
    return str(block)


GUIDE = (REPO / "docs" / "consuming.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def served_export(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample glossary exported and served over HTTP on this machine, as a consumer sees it."""
    from click.testing import CliRunner
    from conftest import Served
    from glossary.cli import main

    out = tmp_path_factory.mktemp("published") / "dist"
    here = Path.cwd()
    os.chdir(sample_project(tmp_path_factory.mktemp("sample")).root)
    try:
        result = CliRunner().invoke(main, ["export", "--no-cache", "--out", str(out)], catch_exceptions=False)
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    server = Served(out)
    yield server.url
    server.close()


def expected_output() -> list[str]:
    """What both examples print: the GPU term's summary, and the titles of its related terms."""
    def front_matter(slug: str) -> dict[str, Any]:
        text = (SAMPLE / f"{slug}.md").read_text(encoding="utf-8")
        return dict(yaml.safe_load(text.split("\n---\n")[0].removeprefix("---\n")))

    gpu = front_matter("gpu")
    return [gpu["summary"], "see also: " + ", ".join(front_matter(slug)["title"] for slug in gpu["related"])]


def test_consumer_guide_python_example_runs(served_export: str) -> None:
    code = code_under(GUIDE, "## Ten lines of Python", "python")
    assert len(code.strip().splitlines()) <= 14
    code = re.sub(r'BASE = "[^"]+"', f'BASE = "{served_export}"', code)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == expected_output()


def with_base(code: str, url: str) -> str:
    changed = re.sub(r'const BASE = "[^"]+"', f'const BASE = "{url}"', code)
    assert changed != code
    return changed


@needs_node
def test_consumer_guide_javascript_example_runs_as_a_plain_script(served_export: str, tmp_path: Path) -> None:
    """`node example.js`: a CommonJS script, as Node.js runs a .js file outside a module package."""
    (tmp_path / "example.js").write_text(with_base(code_under(GUIDE, "## Ten lines of JavaScript", "javascript"),
                                                   served_export), encoding="utf-8")
    done = subprocess.run([str(NODE), "example.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == expected_output()


@needs_ajv
def test_consumer_guide_validation_example_runs_with_ajv(served_export: str, tmp_path: Path) -> None:
    code = with_base(code_under(GUIDE, "## Validating in JavaScript", "javascript"), served_export)
    (tmp_path / "validate.js").write_text(code, encoding="utf-8")
    done = subprocess.run([str(NODE), "validate.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False, env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
    assert done.returncode == 0, done.stderr
    from glossary.export.documents import FORMAT_VERSION

    assert done.stdout == f"terms/gpu.json is valid (format {FORMAT_VERSION})\n"
    broken = code.replace('get("terms/gpu.json")', 'get("index.json")')  # not a term: the check must say so
    (tmp_path / "validate.js").write_text(broken, encoding="utf-8")
    done = subprocess.run([str(NODE), "validate.js"], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          check=False, env={**os.environ, "NODE_PATH": str(NODE_MODULES)})
    assert done.returncode != 0 and "must have required property" in done.stderr
