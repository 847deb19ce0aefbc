"""A run on one named file reads the index, not every file's entry, and gives exactly what a cold run of
the whole folder gives that file: after edits, deletions, renames, new files, an interrupted run and a
damaged index file."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE
from glossary.diagnostics import Diagnostic
from glossary.lint import cache, index
from glossary.lint.job import LintSettings, run_lint

sys.path.insert(0, str(REPO / "benchmarks"))
realshaped = pytest.importorskip("realshaped")
COPIES = 10  # 120 terms, 100 once the storm has deleted two in every copy


def settings(root: Path, *files: Path, use_cache: bool = True) -> LintSettings:
    return LintSettings(root, root / "content" / "terms", root / "schema" / "term.schema.json", files=files,
                        cache=use_cache)


def cold(root: Path) -> list[Diagnostic]:
    return run_lint(settings(root, use_cache=False)).diagnostics


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    """The sample glossary ten times over, with its two most linked terms (gpu and inference) deleted in
    every copy: broken links, switches naming no term, one-way links, mentions and shared names to get
    right."""
    root = tmp_path / "glossary"
    realshaped.write_real_project(root, COPIES * len(realshaped.read_originals(SAMPLE)), storm=True, source=SAMPLE)
    assert realshaped.popular(realshaped.read_originals(SAMPLE)) == ["gpu", "inference"]
    return root


@contextlib.contextmanager
def named_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Inside, a run that reads every entry fails; the number of entries each run decoded is recorded."""
    decoded: list[int] = []
    original = cache.LintCache.save

    def read_all(self: cache.LintCache) -> None:
        if self.index is not None:  # (a run without the cache reads nothing)
            raise AssertionError("a run on one named file read every entry")

    def save(self: cache.LintCache) -> None:
        decoded.append(len(self.entries))
        original(self)

    with monkeypatch.context() as patched:
        patched.setattr(cache.LintCache, "read_all", read_all)
        patched.setattr(cache.LintCache, "save", save)
        yield decoded


def agree(root: Path, names: list[str], decoded: list[int]) -> None:
    """Each named file, linted alone with the index, gets what a cold run of the folder gives it, having
    decoded the entries of a few terms only."""
    everything = cold(root)
    decoded.clear()
    for name in names:
        alone = run_lint(settings(root, root / "content" / "terms" / name)).diagnostics
        assert alone == [d for d in everything if d.path == f"content/terms/{name}"], name
    assert decoded and max(decoded) < len(list((root / "content" / "terms").glob("*.md"))) // 3, decoded


def some(root: Path, count: int = 8, seed: int = 1) -> list[str]:
    files = sorted(path.name for path in (root / "content" / "terms").glob("*.md"))
    return random.Random(seed).sample(files, count)


def test_one_file_agrees_with_a_cold_run_through_edits_deletions_and_renames(glossary: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    run_lint(settings(glossary))  # the index, from a whole-folder run
    content = glossary / "content" / "terms"

    def replace(name: str, old: str, new: str, target: str | None = None) -> None:
        text = (content / name).read_text(encoding="utf-8")
        assert old in text
        (content / (target or name)).write_text(text.replace(old, new, 1), encoding="utf-8")

    edits = [
        ("a new status", lambda: replace("training.md", "status: published", "status: draft")),
        ("a deletion", lambda: (content / "compute.md").unlink()),
        ("a rename by hand", lambda: (content / "token.md").rename(content / "tokens.md")),
        ("a name now shared", lambda: replace("latency.md", "title: Latency", "title: Token")),
        ("a new file", lambda: replace("quantisation.md", "title: Quantisation", "title: Fresh Term",
                                       "fresh-term.md")),
        ("a new link", lambda: replace("latency.md", "related:\n", "related:\n  - fresh-term\n")),
    ]
    touched = ["training.md", "latency.md", "tokens.md", "fresh-term.md", "ai-factory.md", "ai-data-centre-c1.md",
               "quantisation.md"]
    with named_only(monkeypatch) as decoded:
        agree(glossary, some(glossary) + ["training.md", "ai-factory.md"], decoded)
        for number, (_, edit) in enumerate(edits):
            edit()
            present = [name for name in touched if (content / name).exists()]
            agree(glossary, present + some(glossary, 4, number), decoded)


def test_an_interrupted_write_leaves_the_index_as_it_was(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_lint(settings(glossary))
    content = glossary / "content" / "terms"
    for path in sorted(content.glob("*-c1.md"))[:10]:
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    calls = 0
    original = sqlite3.Connection.executemany

    class Interrupted(BaseException):
        pass

    def stopped(self: sqlite3.Connection, *args: object) -> sqlite3.Cursor:
        nonlocal calls
        calls += 1
        if calls == 5:  # after the old rows went and the new ones came, before the names and links
            raise Interrupted
        return original(self, *args)  # type: ignore[arg-type]

    with monkeypatch.context() as patched:
        patched.setattr(index, "sqlite3", _Proxy(stopped))
        with pytest.raises(Interrupted):
            run_lint(settings(glossary))
    assert calls == 5
    for name in ("ai-factory-c1.md", "training-c1.md", "latency.md"):
        assert run_lint(settings(glossary, content / name)).diagnostics == \
            [d for d in cold(glossary) if d.path.endswith(f"/{name}")]
    assert run_lint(settings(glossary)).diagnostics == cold(glossary)


class _Proxy:
    """sqlite3, with connections whose executemany is `executemany`."""

    def __init__(self, executemany):  # type: ignore[no-untyped-def]
        self.executemany = executemany

    def __getattr__(self, name: str) -> object:
        return getattr(sqlite3, name)

    def connect(self, *args: object, **kwargs: object) -> sqlite3.Connection:
        proxy = self

        class Connection(sqlite3.Connection):
            def executemany(self, *more: object) -> sqlite3.Cursor:  # type: ignore[override]
                return proxy.executemany(self, *more)  # type: ignore[no-any-return]

        return sqlite3.connect(*args, factory=Connection, **kwargs)  # type: ignore[arg-type, call-overload]


def test_a_run_killed_at_any_moment_leaves_a_usable_index(glossary: Path) -> None:
    run_lint(settings(glossary))
    content = glossary / "content" / "terms"
    chance = random.Random(3)
    command = [sys.executable, "-m", "glossary", "lint", "--format", "json"]
    for attempt in range(6):
        for path in chance.sample(sorted(content.glob("*.md")), 15):
            path.write_text(path.read_text(encoding="utf-8") + f"\nEdit {attempt}.\n", encoding="utf-8")
        child = subprocess.Popen(command, cwd=glossary, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            child.wait(timeout=chance.uniform(0.05, 0.45))
        except subprocess.TimeoutExpired:
            os.kill(child.pid, signal.SIGKILL)
            child.wait()
        location = next((glossary / cache.FOLDER).glob("lint-*.sqlite"))
        connection = sqlite3.connect(location)
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        connection.close()
        name = chance.choice(sorted(path.name for path in content.glob("*.md")))
        assert run_lint(settings(glossary, content / name)).diagnostics == \
            [d for d in cold(glossary) if d.path == f"content/terms/{name}"]


def test_a_damaged_index_gives_the_same_answer_for_one_file(glossary: Path) -> None:
    run_lint(settings(glossary))
    location = next((glossary / cache.FOLDER).glob("lint-*.sqlite"))
    for suffix in ("-wal", "-shm"):
        Path(f"{location}{suffix}").unlink(missing_ok=True)
    data = location.read_bytes()
    location.write_bytes(data[:8192] + bytes(len(data) - 8192))  # every page after the second zeroed
    name = "ai-factory-c1.md"
    everything = cold(glossary)
    assert run_lint(settings(glossary, glossary / "content" / "terms" / name)).diagnostics == \
        [d for d in everything if d.path.endswith(name)]


def test_runs_on_named_files_and_whole_runs_at_the_same_time_agree(glossary: Path) -> None:
    content = glossary / "content" / "terms"
    command = [sys.executable, "-m", "glossary", "lint", "--format", "json"]
    names = ["ai-factory.md", "training-c1.md", "latency.md"]

    def expected(*files: str) -> str:
        return subprocess.run([*command, "--no-cache", *files], cwd=glossary, capture_output=True, text=True).stdout

    for round_number in range(3):
        target = content / names[round_number]
        target.write_text(target.read_text(encoding="utf-8").replace("status: published", "status: draft", 1),
                          encoding="utf-8")
        wanted = [expected(), *(expected(f"content/terms/{name}") for name in names)]
        runs = [subprocess.Popen([*command, *files], cwd=glossary, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                 text=True) for files in ([], *([f"content/terms/{name}"] for name in names))]
        assert [run.communicate()[0] for run in runs] == wanted
    connection = sqlite3.connect(next((glossary / cache.FOLDER).glob("lint-*.sqlite")))
    assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    connection.close()
