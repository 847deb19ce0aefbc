"""The package's shape: the folders are the flow, imports go one way, and no module grows too large."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "scripts" / "glossary"
MAX_LINES = 400
# The stages in the order data flows through them. A module may import from its own stage or an earlier
# one, never a later one; the modules at the top (cli, config, diagnostics, atomic) are shared.
STAGES = {"read": 1, "check": 2, "lint": 3, "report": 4, "export": 5, "authoring": 5, "site": 6, "sync": 6,
          "lsp": 6}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path, known: set[str]) -> set[str]:
    """Every glossary module a module imports, at any depth of its code (lazy imports count too)."""
    found: set[str] = set()
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                 for statement in node.body for inner in ast.walk(statement)}
    for node in ast.walk(tree):
        if id(node) in type_only:  # `if TYPE_CHECKING:` imports never run
            continue
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name in known:
                found.add(name)
    # importing a.b.c runs a/__init__ and a/b/__init__ first
    return {parent for name in found for parent in _parents(name) if parent in known} | found


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING" or \
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _parents(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    found = modules()
    # A module's own packages always run before it; a package that imports its own modules (a registry)
    # is not a cycle, so those edges are left out.
    return {name: imports_of(path, set(found)) - {name, *_parents(name)} for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a list of nodes (first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for other in sorted(graph.get(node, ())):
            if state.get(other) == 1:
                return path[path.index(other):] + [other]
            if other not in state:
                cycle = visit(other)
                if cycle:
                    return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle:
                return cycle
    return None


def stage_of(name: str) -> int | None:
    parts = name.split(".")
    return STAGES.get(parts[1]) if len(parts) > 1 else None


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None


def test_the_import_graph_is_read_from_the_source() -> None:
    graph = import_graph()
    assert "glossary.read.corpus" in graph["glossary.lint.job"]
    assert "glossary.read.files" in graph["glossary.read.corpus"]
    assert "glossary.export" in graph["glossary.cli"]  # the package of a module imported runs first
    assert "glossary.check.redirects" in graph["glossary.lint.job"]  # imported inside a function
    assert "glossary.read.corpus" not in graph["glossary.read.switches"]  # only under TYPE_CHECKING


def test_no_module_imports_itself_round_a_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, " -> ".join(cycle or [])


def test_imports_follow_the_flow() -> None:
    backwards = []
    for name, imported in import_graph().items():
        mine = stage_of(name)
        for other in imported:
            theirs = stage_of(other)
            if mine is not None and theirs is not None and theirs > mine:
                backwards.append(f"{name} imports {other}")
    assert not backwards, backwards


def test_each_stage_is_a_subpackage_with_a_docstring_saying_what_flows() -> None:
    for stage in STAGES:
        init = PACKAGE / stage / "__init__.py"
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert docstring and (" in" in docstring and " out" in docstring or "->" in docstring), stage


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_is_over_about_400_lines(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_no_test_reads_the_repositorys_current_terms() -> None:
    """A writer's content-only change must never fail the tests: checking the terms is lint's job. One
    end-to-end test of the writer's loop works on a copy of them, checking what the tool does."""
    allowed = {"test_writers_loop.py"}
    reading = re.compile(r"REPO\s*/\s*[\"']content[\"']|chdir\(REPO\)|[\"']content/terms[\"']\)\.glob")
    found = [f"{path.relative_to(REPO)}:{number}" for path in sorted((REPO / "tests").rglob("*.py"))
             if path.name not in allowed
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if reading.search(line)]
    assert not found, found


TEST_ONLY = {"rdflib", "pyshacl", "translate", "markdown", "pytest", "hypothesis", "playwright"}  # the test extra


def test_the_tool_imports_no_package_only_the_tests_install() -> None:
    """rdflib, pyshacl and translate-toolkit (GPL) check the standards files in the tests; the tool writes
    them without them, so a plain install works and the GPL package never ships with the tool."""
    found = {}
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            tops = [alias.name.split(".")[0] for alias in node.names] if isinstance(node, ast.Import) else \
                [node.module.split(".")[0]] if isinstance(node, ast.ImportFrom) and node.module and not node.level \
                else []
            found.update({f"{name} imports {top}": top for top in tops if top in TEST_ONLY})
    assert not found
