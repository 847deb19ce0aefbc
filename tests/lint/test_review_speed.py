"""Review of the speed work (issue 5): each test shows a way the fast paths or the lint cache give an
answer other than the slow, uncached path would, or crash on a damaged cache."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import QUALITY, Project, term
from glossary.check.validators import fast_validator
from glossary.diagnostics import Diagnostic
from glossary.lint import cache
from glossary.lint.job import LintSettings, run_lint
from glossary.read.fastpath import fast_load
from glossary.read.frontmatter import parse_front_matter

LONG_AGO_NS = 10**18  # 2001: a timestamp the cache trusts without reading the file


def lint(project: Project, *, use_cache: bool = True, files: tuple[Path, ...] = ()) -> list[Diagnostic]:
    settings = LintSettings(project.root, project.content, project.root / "schema" / "term.schema.json",
                            files=files, cache=use_cache, disabled=project.disabled)
    return run_lint(settings).diagnostics


def codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


def set_long_ago(path: Path, when: int = LONG_AGO_NS) -> None:
    os.utime(path, ns=(when, when))


def edit_entry(project: Project, shown: str, change: dict[str, object]) -> None:
    """Overwrite fields of one cache entry, as a damaged or hostile index would hold them."""
    location = next((project.root / cache.FOLDER).glob("lint-*.sqlite"))
    with sqlite3.connect(location) as connection:
        stat, checked, text = connection.execute("SELECT stat, checked, entry FROM files WHERE shown = ?",
                                                 (shown,)).fetchone()
        entry = json.loads(text)
        for key, value in change.items():
            if key == "checked":
                checked = value
            elif isinstance(value, dict) and isinstance(entry.get(key), dict):
                entry[key].update(value)
            else:
                entry[key] = value
        connection.execute("UPDATE files SET checked = ?, entry = ? WHERE shown = ?", (checked, json.dumps(entry), shown))
    connection.close()


# --- the compiled validator's "valid" must never hide an error jsonschema finds -----------------------

def test_fast_validator_agrees_with_jsonschema_on_whitespace_in_a_pattern(tmp_path: Path) -> None:
    # The schema's url pattern is ^https?://[^\s]+$. Python's \s holds U+001C..U+001F and U+0085;
    # jsonschema-rs's does not, so it calls the address valid and the error is never reported.
    project = Project(tmp_path, QUALITY)
    project.write("alpha.md", term("alpha", sources='[{title: A source, url: "https://example.com/a\\x1cb"}]'))
    found = lint(project, use_cache=False)
    assert "GL106" in codes(found)


@pytest.mark.parametrize(("schema", "instance"), [
    ({"type": "string", "pattern": r"^[^\s]+$"}, "a\x1fb"),
    ({"type": "string", "pattern": r"^[^\s]+$"}, "a\x85b"),
    ({"type": "number", "multipleOf": 0.01}, 0.07),
    ({"type": "number", "multipleOf": 0.1}, 0.3),
])
def test_fast_validator_never_says_valid_where_jsonschema_does_not(schema: dict[str, object], instance: object) -> None:
    slow = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    assert not slow.is_valid(instance)
    is_valid = fast_validator(schema)
    assert is_valid is None or not is_valid(instance)


# --- the fast YAML path must refuse what the walker reports -------------------------------------------

@pytest.mark.parametrize("text", [
    'related: {"a":&x b}\n',  # an anchor right after the ':' of a quoted key in a flow mapping
    'sources: [{"title":&t A source, "url":&u "https://e.com/x"}, {"title":*t, "url":*u}]\n',  # and aliases
    'a: {?&x k: v}\n',  # an anchor right after a flow '?'
    'a: {"k":!!str 1}\n',  # a tag right after the ':'
])
def test_fast_load_leaves_anchors_aliases_and_tags_to_the_walker(text: str) -> None:
    walked = parse_front_matter(text, 2, "x.md")
    assert {d.code for d in walked.diagnostics} & {"GL010", "GL011"}
    assert fast_load(text) is None


def test_an_alias_after_a_quoted_key_is_reported_by_lint(tmp_path: Path) -> None:
    project = Project(tmp_path, QUALITY)
    project.write("alpha.md", term("alpha", sources='[{"title":&t A source, "url":&u "https://example.com/x"}, '
                                                    '{"title":*t, "url":*u}]'))
    assert "GL011" in codes(lint(project, use_cache=False))


# --- the cache must never give a stale answer ----------------------------------------------------------

def test_a_same_size_rewrite_with_its_old_timestamp_restored_is_seen(tmp_path: Path) -> None:
    # cp -p, rsync -t --inplace, touch -r: the size, inode and modification time are the old ones, but the
    # change time (st_ctime_ns, which no tool can set back) is new, as Git's index also checks.
    project = Project(tmp_path, QUALITY)
    path = project.write("alpha.md", term("alpha", category="concepts"))
    set_long_ago(path)
    assert lint(project) == []
    text = path.read_text(encoding="utf-8").replace("category: concepts", "category: conceptz")
    with open(path, "r+", encoding="utf-8") as handle:  # the same file (inode), the same size
        handle.write(text)
    set_long_ago(path)
    assert codes(lint(project)) == codes(lint(project, use_cache=False)) == ["GL104"]


def test_the_cache_key_changes_with_the_python_version(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Cached diagnostics depend on the interpreter: its Unicode tables (\w, casefold, normalisation) and
    # its date parsing decide words, names and formats. A checkout shared by two Pythons must not mix them.
    schema = Path(__file__).resolve().parents[2] / "schema" / "term.schema.json"
    before = cache._environment_key(schema)
    monkeypatch.setattr(sys, "version", "3.99.0 (a newer Python)")
    assert cache._environment_key(schema) != before


def test_a_huge_integer_in_one_term_does_not_turn_the_cache_off(tmp_path: Path) -> None:
    # orjson refuses integers beyond 64 bits: save() gives up, and no run ever has a cache again.
    project = Project(tmp_path, QUALITY)
    project.write("alpha.md", term("alpha", related="[123456789012345678901234567890]"))
    project.write("beta.md", term("beta"))
    lint(project)
    assert list((tmp_path / cache.FOLDER).glob("lint-*.sqlite"))
    assert lint(project) == lint(project, use_cache=False)


# --- a damaged or hostile cache is only a slower run, never a traceback --------------------------------

def test_a_cache_entry_with_a_checked_time_that_is_not_a_number_is_checked_again(tmp_path: Path) -> None:
    project = Project(tmp_path, QUALITY)
    set_long_ago(project.write("alpha.md", term("alpha", category="gadgets")))
    first = lint(project)
    edit_entry(project, "content/terms/alpha.md", {"checked": "not a number"})
    assert lint(project) == first


def test_a_cache_entry_with_a_link_line_that_is_not_a_number_is_checked_again(tmp_path: Path) -> None:
    project = Project(tmp_path, QUALITY)
    set_long_ago(project.write("alpha.md", term("alpha")))
    first = lint(project)
    edit_entry(project, "content/terms/alpha.md", {"term": {"links": [["nowhere", "", "one", 1, 0, 0, False]]}})
    assert lint(project) == first


def test_a_damaged_entry_of_a_touched_file_not_named_does_not_crash_the_save(tmp_path: Path) -> None:
    # The entry is decoded lazily; a named run never decodes the other files' diagnostics, but a changed
    # timestamp (same bytes) drops the entry's stored text, so save() decodes it, outside any try.
    project = Project(tmp_path, QUALITY)
    alpha = project.write("alpha.md", term("alpha"))
    beta = project.write("beta.md", term("beta"))
    for path in (alpha, beta):
        set_long_ago(path)
    first = lint(project, files=(alpha,))
    edit_entry(project, "content/terms/beta.md", {"diagnostics": {"read": [["x"]]}})
    set_long_ago(beta, 2 * LONG_AGO_NS)
    assert lint(project, files=(alpha,)) == first
    assert lint(project) == lint(project, use_cache=False)
