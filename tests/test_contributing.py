"""CONTRIBUTING.md is part of the contract: its commands, codes, links and examples must be real."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import REPO, sample_project, term
from glossary.cli import main
from glossary.diagnostics import CODES

GUIDE_PATH = REPO / "CONTRIBUTING.md"
GUIDE = GUIDE_PATH.read_text(encoding="utf-8")
FENCE = re.compile(r"^```[^\n]*\n(.*?)^```", re.DOTALL | re.MULTILINE)
INLINE_CODE = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def prose(markdown: str) -> str:
    """The text without code blocks and code spans, where a link is only an example."""
    return INLINE_CODE.sub("", FENCE.sub("", markdown))


def command_lines(markdown: str) -> list[str]:
    """Every `glossary ...` command the guide shows, in code blocks and in code spans."""
    found = [line.strip() for block in FENCE.findall(markdown) for line in block.splitlines()]
    found += INLINE_CODE.findall(FENCE.sub("", markdown))
    commands = [line.split("  #")[0].strip() for line in found if line.startswith("glossary ")]
    return list(dict.fromkeys(commands))  # each once


def option_names(command: click.Command) -> set[str]:
    names = {"--help", "-h"}
    for param in command.params:
        names.update(param.opts, param.secondary_opts)
    return names


def test_the_guide_shows_commands() -> None:
    lines = command_lines(GUIDE)
    assert len(lines) >= 8
    assert {shlex.split(line)[1] for line in lines} >= {"new", "lint", "fmt", "links", "build", "rename"}


@pytest.mark.parametrize("line", command_lines(GUIDE))
def test_every_command_in_the_guide_is_real(line: str) -> None:
    words = shlex.split(line)
    assert words[1] in main.commands, f"{line!r}: glossary has no command {words[1]!r}"
    command = main.commands[words[1]]
    for word in words[2:]:
        if word.startswith("-"):
            assert word.split("=")[0] in option_names(command), f"{line!r}: {words[1]} has no option {word!r}"


def test_every_code_the_guide_names_exists() -> None:
    named = set(re.findall(r"\bGL\d{3}\b", GUIDE))
    assert len(named) >= 10
    assert named <= set(CODES), sorted(named - set(CODES))


def github_anchor(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    text = FENCE.sub("", path.read_text(encoding="utf-8"))
    return {github_anchor(line.lstrip("#")) for line in text.splitlines() if re.match(r"#{1,6} ", line)}


def test_every_relative_link_resolves() -> None:
    targets = [t for t in LINK.findall(prose(GUIDE)) if not re.match(r"[a-z]+:", t)]
    assert len(targets) >= 6
    for target in targets:
        file, _, anchor = target.partition("#")
        path = (GUIDE_PATH.parent / file).resolve() if file else GUIDE_PATH
        assert path.is_file(), f"CONTRIBUTING.md links to {target}, which does not exist"
        if anchor:
            assert anchor in anchors(path), f"CONTRIBUTING.md links to {target}: no such heading"


def test_adding_a_term_takes_five_steps() -> None:
    section = GUIDE.split("## Add a term in five steps")[1].split("\n## ")[0]
    steps = re.findall(r"^### (\d)\. ", section, re.MULTILINE)
    assert steps == ["1", "2", "3", "4", "5"]
    quick_start = (REPO / "README.md").read_text(encoding="utf-8").split("## Quick start")[1].split("```bash\n")[1]
    assert quick_start.split("\n")[0] in section and "pre-commit install" in section  # the README's first command
    assert 'glossary new "' in section and "glossary lint content/terms/" in section and "glossary fmt" in section
    assert "glossary links --fix" in section


def test_the_readme_and_the_code_table_link_the_guide() -> None:
    assert "](CONTRIBUTING.md" in (REPO / "README.md").read_text(encoding="utf-8")
    assert "](../CONTRIBUTING.md" in (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")


def mistakes() -> list[tuple[str, str, str, str]]:
    """(field, value, code, message) for each row of the common-mistakes table that shows a field's line."""
    table = GUIDE.split("### The most common mistakes")[1].split("\n\n")[1]
    rows = []
    for line in table.splitlines()[2:]:
        wrote, says = (INLINE_CODE.findall(cell) for cell in line.strip("|").split("|")[:2])
        shown = re.fullmatch(r"(\w+): (.+)", wrote[0]) if len(wrote) == 1 else None
        said = re.fullmatch(r"(GL\d{3}) (.+?)[.…: ]*", says[0]) if says else None
        if shown and said and "…" not in shown[2]:
            rows.append((shown[1], shown[2], said[1], said[2]))
    return rows


def test_the_common_mistakes_table_shows_fields() -> None:
    assert {code for _, _, code, _ in mistakes()} >= {"GL104", "GL210", "GL106", "GL103"}


@pytest.mark.parametrize("field, value, code, message", mistakes())
def test_each_common_mistake_gives_the_message_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, field: str,
                                                     value: str, code: str, message: str) -> None:
    project = sample_project(tmp_path)
    written = project.write("edge-inference.md", term("edge-inference", **{field: value}))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", str(written)], catch_exceptions=False)
    reported = [line.split(f" {code} ", 1)[1] for line in result.stdout.splitlines() if f" {code} " in line]
    assert any(line.startswith(message) for line in reported), (message, result.stdout)


def test_the_guide_says_what_the_commit_runs() -> None:
    """The guide promises the commit checks every term as the pull request does, then tidies: so does the config."""
    import yaml

    section = GUIDE.split("### 1. ")[1].split("### 2. ")[0]
    assert "`glossary lint --strict` on every term" in section and "Only when that" in section
    [local] = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"]
    lint, fmt = local["hooks"]
    assert lint["entry"] == "glossary lint" and lint["args"] == ["--strict"] and lint["pass_filenames"] is False
    assert lint["fail_fast"] is True and fmt["entry"] == "glossary fmt"
    assert f"`{lint['id']}` and `{fmt['id']}`" in section
    assert "glossary lint --strict" in GUIDE.split("### 4. ")[1].split("### 5. ")[0]


def said_for(code: str, naming: str = "") -> str:
    """What the common-mistakes table says lint prints for a code (in the row naming a term), up to any `…`."""
    table = GUIDE.split("### The most common mistakes")[1].split("\n\n")[1]
    [said] = [cell for line in table.splitlines() for cell in INLINE_CODE.findall(line.split("|")[2])
              if cell.startswith(f"{code} ") and naming in cell]
    return said.removeprefix(f"{code} ").split("…")[0].rstrip(" .")


def test_the_file_mistakes_give_the_messages_shown(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = sample_project(tmp_path)
    project.write("Edge Inference.md", term("edge-inference"))
    project.write("edge-inference.MD", term("edge-inference"))
    (project.content / "drafts").mkdir()
    project.write("drafts/edge-inference.md", term("edge-inference"))
    project.write("ai-inference.md", term("ai-inference", title="AI Inference"))
    project.write("on-device-ai.md", term("on-device-ai", status="draft"))
    project.write("edge-ai.md", term("edge-ai", related="[on-device-ai, edge-inference]"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--strict"], catch_exceptions=False)
    for code, naming in (("GL201", ""), ("GL202", ""), ("GL204", ""), ("GL213", ""), ("GL214", ""),
                         ("GL210", "'edge-inference'")):
        said = said_for(code, naming)
        assert f" {code} {said}" in result.stdout, (code, said, result.stdout)


def test_the_guide_lists_every_role_the_schema_allows() -> None:
    import json

    schema = json.loads((REPO / "schema" / "term.schema.json").read_text(encoding="utf-8"))
    roles = schema["properties"]["roles"]["items"]["properties"]["role"]["enum"]
    guide = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    line = next(line for line in guide.splitlines() if "Each `role` is one of:" in line)
    assert line.split("one of: ", 1)[1].rstrip(".").split(", ") == roles
