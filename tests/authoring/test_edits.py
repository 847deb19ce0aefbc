"""Adding an item to a list field where it is written: rename's new alias, the language server's back-link."""

from __future__ import annotations

from pathlib import Path

import pytest
from glossary.authoring.edits import Layout, RenameRefused, append_item
from glossary.read.corpus import parse_source
from glossary.read.files import split_front_matter


def _added(front_matter: str, field: str, item: str) -> str:
    source = split_front_matter(f"---\n{front_matter}---\nBody.\n", Path("a.md"), "a.md").source
    assert source is not None
    term, _ = parse_source(source)
    edit = append_item(source.front_matter, Layout(source.front_matter, "a.md"), term, field, item)
    return source.front_matter[:edit.start] + edit.text + source.front_matter[edit.end:]


@pytest.mark.parametrize(("before", "after"), [
    ("related: [a, b]\n", "related: [a, b, new]\n"),
    ("related: []\n", "related: [new]\n"),
    ("related:\n  - a\n  - b\nstatus: draft\n", "related:\n  - a\n  - b\n  - new\nstatus: draft\n"),
    ("category: data\nstatus: draft\n", "category: data\nrelated: [new]\nstatus: draft\n"),
    ("category: data\ntags:\n- x\n", "category: data\nrelated:\n- new\ntags:\n- x\n"),
])
def test_an_item_is_added_in_the_lists_own_style(before: str, after: str) -> None:
    assert _added(before, "related", "new") == after


def test_a_field_that_is_not_a_list_is_refused() -> None:
    with pytest.raises(RenameRefused, match="related is not a list"):
        _added("related: gpu\n", "related", "new")
