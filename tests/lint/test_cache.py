"""The lint cache never gives a stale answer: each kind of change invalidates what it must, and a run with
the cache, a run without it and a run spread over worker processes all give the same diagnostics."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, Project, term
from glossary.diagnostics import Diagnostic
from glossary.lint import cache
from glossary.lint import files as filecheck
from glossary.lint import workers
from glossary.lint.job import LintSettings, run_lint


def lint(project: Project, *, use_cache: bool = True, files: tuple[Path, ...] = ()) -> list[Diagnostic]:
    settings = LintSettings(project.root, project.content, project.root / "schema" / "term.schema.json",
                            files=files, cache=use_cache)
    return run_lint(settings).diagnostics


def codes(found: list[Diagnostic]) -> set[tuple[str, str]]:
    return {(Path(d.path).name, d.code) for d in found}


def linked_pair(project: Project) -> None:
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))


def age(project: Project, seconds: int = 3600) -> None:
    """Make every term file look long unchanged, so that the cache trusts their timestamps."""
    for path in project.content.glob("*.md"):
        info = path.stat()
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns - seconds * 10**9))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    original = filecheck.read_source_and_digest

    def spy(path: Path, shown: str):  # type: ignore[no-untyped-def]
        read.append(shown)
        return original(path, shown)

    monkeypatch.setattr(filecheck, "read_source_and_digest", spy)
    return read


def test_an_unchanged_file_is_not_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    age(project)
    first = lint(project)
    read = count_reads(monkeypatch)
    assert lint(project) == first
    assert read == []
    assert list((tmp_path / cache.FOLDER).glob("lint-*.sqlite"))


def test_a_changed_file_is_checked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    age(project)
    assert lint(project) == []
    read = count_reads(monkeypatch)
    project.write("beta.md", term("beta", related="[alpha]", category="gadgets"))
    assert ("beta.md", "GL104") in codes(lint(project))
    assert read and all(shown.endswith("beta.md") for shown in read)


def test_a_change_of_the_same_size_within_the_same_second_is_seen(tmp_path: Path) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    assert lint(project) == []
    path = project.content / "beta.md"
    text = path.read_text(encoding="utf-8")
    info = path.stat()
    path.write_text(text.replace("status: published", "status: publishex"), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # same size, same time: only the bytes differ
    assert ("beta.md", "GL104") in codes(lint(project))


def test_a_changed_schema_checks_every_file_again(tmp_path: Path) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    age(project)
    assert lint(project) == []
    schema_path = tmp_path / "schema" / "term.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["summary"]["maxLength"] = 25
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    assert {("alpha.md", "GL105"), ("beta.md", "GL105")} <= codes(lint(project))


def test_a_related_terms_new_status_is_seen_by_the_unchanged_term(tmp_path: Path) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    age(project)
    assert lint(project) == []
    project.write("beta.md", term("beta", related="[alpha]", status="draft"))
    found = lint(project)
    assert ("alpha.md", "GL213") in codes(found)  # alpha.md itself did not change


def test_a_deleted_term_breaks_the_links_to_it(tmp_path: Path) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    age(project)
    assert lint(project) == []
    (project.content / "beta.md").unlink()
    assert ("alpha.md", "GL210") in codes(lint(project))
    assert not any(shown.endswith("beta.md") for shown in rows(tmp_path))


def test_a_new_name_is_looked_for_in_unchanged_bodies(tmp_path: Path) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    body_mentions = term("gamma", related="[alpha]").replace("The body of the term.", "It runs on a Widget Engine.")
    project.write("gamma.md", body_mentions)
    project.write("alpha.md", term("alpha", related="[beta, gamma]"))
    age(project)
    assert ("gamma.md", "GL309") not in codes(lint(project))
    project.write("beta.md", term("beta", related="[alpha]", aliases="[Widget Engine]"))
    assert ("gamma.md", "GL309") in codes(lint(project))  # gamma.md did not change; the names did


def test_an_edited_switch_comment_is_seen(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("alpha.md", term("alpha", related="[beta]"))
    project.write("beta.md", term("beta", related="[]"))
    age(project)
    assert ("alpha.md", "GL307") in codes(lint(project))
    project.write("alpha.md", term("alpha", related="[beta]\n# glossary-disable GL307(beta): a broad term"))
    assert ("alpha.md", "GL307") not in codes(lint(project))


def index_file(root: Path) -> Path:
    return next((root / cache.FOLDER).glob("lint-*.sqlite"))


def rows(root: Path) -> dict[str, str]:
    """Each file's entry in the index, by shown path."""
    connection = sqlite3.connect(index_file(root))
    try:
        return dict(connection.execute("SELECT shown, entry FROM files").fetchall())
    finally:
        connection.close()


@pytest.mark.parametrize("damage", [b"{not json", b"", b"SQLite format 3\x00" + bytes(range(256)) * 20,
                                    "cut in half", "pages overwritten"])
def test_a_damaged_index_file_is_ignored_and_built_again(tmp_path: Path, damage: bytes | str) -> None:
    project = Project(tmp_path)
    project.write("alpha.md", term("alpha", category="gadgets"))
    for number in range(30):  # enough rows for several pages
        project.write(f"term-{number}.md", term(f"term-{number}", related="[alpha]"))
    first = lint(project)
    location = index_file(tmp_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)
    data = location.read_bytes()
    if damage == "cut in half":
        location.write_bytes(data[:len(data) // 2])
    elif damage == "pages overwritten":
        location.write_bytes(data[:4096] + b"\xff" * (len(data) - 8192) + data[-4096:])
    else:
        assert isinstance(damage, bytes)
        location.write_bytes(damage)
    assert lint(project) == first
    assert lint(project, files=(project.content / "alpha.md",)) == [d for d in first if d.path.endswith("alpha.md")]
    assert len(rows(tmp_path)) == 31  # built again, whole


def test_a_damaged_entry_is_checked_again(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("alpha.md", term("alpha", category="gadgets"))
    age(project)
    first = lint(project)
    for damage in ({"schema": [[1]]}, {"schema": "x"}, [], {"schema": [["a", "b"]]},
                   {"schema": [["content/terms/alpha.md", "1", 1, "GL104", "error", "x"]]}):
        shown = next(iter(rows(tmp_path)))
        entry = json.loads(rows(tmp_path)[shown])
        entry["diagnostics"] = damage
        connection = sqlite3.connect(index_file(tmp_path))
        with connection:
            connection.execute("UPDATE files SET entry = ? WHERE shown = ?", (json.dumps(entry), shown))
        connection.close()
        assert lint(project) == first
        assert lint(project, files=(project.content / "alpha.md",)) == first


def test_a_cache_of_another_version_of_the_tool_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    age(project)
    lint(project)
    monkeypatch.setattr(cache, "__version__", "99.0.0")
    read = count_reads(monkeypatch)
    lint(project)
    assert len(read) == 2


def test_no_cache_reads_and_writes_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    lint(project, use_cache=False)
    assert not (tmp_path / cache.FOLDER).exists()
    lint(project)
    age(project)
    read = count_reads(monkeypatch)
    lint(project, use_cache=False)
    assert len(read) == 2


def test_one_named_file_uses_the_others_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path)
    linked_pair(project)
    project.write("gamma.md", term("gamma", related="[alpha, nothing]"))
    age(project)
    everything = lint(project)
    read = count_reads(monkeypatch)
    named = lint(project, files=(project.content / "gamma.md",))
    assert named == [d for d in everything if d.path.endswith("gamma.md")] and named
    assert read == []


def generate(root: Path, terms: int, broken: float) -> None:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.write_project(root, terms, broken)


def test_cache_no_cache_and_workers_agree_on_the_benchmark_corpus(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "bench"
    generate(root, 140, 0.1)
    settings = LintSettings(root, root / "content" / "terms", root / "schema" / "term.schema.json")
    fresh = run_lint(settings).diagnostics
    assert {d.code for d in fresh} >= {"GL006", "GL101", "GL102", "GL104", "GL008", "GL005", "GL210", "GL309"}
    assert run_lint(settings).diagnostics == fresh  # from the cache
    terms = sorted((root / "content" / "terms").glob("*.md"))
    mentioned = next(term for term in terms if "Compare " in term.read_text(encoding="utf-8"))
    named = next(term for term in terms[1:] if term.stem not in mentioned.read_text(encoding="utf-8")
                 and term != mentioned and not any(d.path.endswith(term.name) for d in fresh))  # a clean term
    title = next(line[7:] for line in named.read_text(encoding="utf-8").splitlines() if line.startswith("title: "))
    edits = [(mentioned, ". Compare ", f". It is not {title}. Compare "),  # one body: a few names indexed
             (terms[3], "status: published", "status: draft")]  # a status: every body read again
    for path, old, new in edits:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        cached = run_lint(settings).diagnostics
        uncached = run_lint(LintSettings(root, settings.content, settings.schema, cache=False)).diagnostics
        with monkeypatch.context() as patched:
            patched.setattr(workers, "PARALLEL_FROM", 1)
            patched.setattr(workers, "usable_cores", lambda: 2)
            in_workers = run_lint(LintSettings(root, settings.content, settings.schema, cache=False)).diagnostics
        assert cached == uncached == in_workers
        assert cached != fresh  # the edit was seen
        fresh = cached


def real_shaped(root: Path, source: Path, copies: int) -> None:
    """The repository's own terms, copied into tmp_path first, replicated by benchmarks/realshaped.py with
    the two most linked terms deleted in every copy (broken links, switches naming no term)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        from realshaped import read_originals, write_real_project
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    write_real_project(root, copies * len(read_originals(source)), storm=True, source=source)


def test_cache_no_cache_and_workers_agree_on_the_real_shaped_corpus(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "source"
    shutil.copytree(SAMPLE, source)
    root = tmp_path / "real"
    real_shaped(root, source, 3)
    content = root / "content" / "terms"
    settings = LintSettings(root, content, root / "schema" / "term.schema.json")
    fresh = run_lint(settings).diagnostics
    assert {"GL210", "GL300"} <= {d.code for d in fresh}
    terms = sorted(content.glob("*.md"))
    with_switch = next(path for path in terms if "glossary-disable" in path.read_text(encoding="utf-8"))
    edits = [lambda: terms[5].write_text(terms[5].read_text(encoding="utf-8").replace(
                 "status: published", "status: draft", 1), encoding="utf-8"),   # a status: GL213 elsewhere
             lambda: terms[9].unlink(),                                          # a deletion: more broken links
             lambda: terms[12].rename(content / "renamed-by-hand.md"),           # a rename by hand
             lambda: with_switch.write_text(with_switch.read_text(encoding="utf-8").replace(
                 "# glossary-disable", "#glossary-disable GL307 and", 1), encoding="utf-8")]  # a broken switch
    for edit in edits:
        edit()
        cached = run_lint(settings).diagnostics
        uncached = run_lint(replace(settings, cache=False)).diagnostics
        with monkeypatch.context() as patched:
            patched.setattr(workers, "PARALLEL_FROM", 1)
            patched.setattr(workers, "usable_cores", lambda: 2)
            in_workers = run_lint(replace(settings, cache=False)).diagnostics
            cached_in_workers = run_lint(settings).diagnostics
        assert cached == uncached == in_workers == cached_in_workers
        assert cached != fresh  # the edit was seen
        fresh = cached


def test_runs_at_the_same_time_leave_a_whole_cache(tmp_path: Path) -> None:
    root = tmp_path / "bench"
    generate(root, 60, 0.1)
    command = [sys.executable, "-m", "glossary", "lint", "--format", "json"]
    expected = subprocess.run([*command, "--no-cache"], cwd=root, capture_output=True, text=True).stdout
    for _ in range(3):
        runs = [subprocess.Popen(command, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                for _ in range(4)]
        assert [run.communicate()[0] for run in runs] == [expected] * 4
        assert len(rows(root)) == 60  # every file's row, whoever wrote it
