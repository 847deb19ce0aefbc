"""The terms a run reports on: a few selected ones (one file in an editor, on every change) are found by
their paths, not by a walk over every term, and come in the corpus's order as a walk would give them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Project, term
from glossary.read.corpus import Corpus, load_corpus


def test_a_few_selected_terms_are_found_without_looking_at_every_term(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = Project(tmp_path)
    for number in range(100):
        project.write(f"t{number:03}.md", term(f"t{number:03}"))
    corpus = load_corpus(project.content, project.root)
    walked = [t.path for t in corpus.terms if t.data is not None]
    corpus.selected = {walked[70], walked[3], "content/terms/not-there.md"}
    asked: list[str] = []
    real = Corpus.wanted
    monkeypatch.setattr(Corpus, "wanted", lambda self, path: asked.append(path) or real(self, path))
    assert [t.path for t in corpus.targets()] == [walked[3], walked[70]]
    assert asked == []  # no walk over the 100 terms
    corpus.selected = set(walked[:50])  # many: a walk is cheaper than sorting them
    assert [t.path for t in corpus.targets()] == walked[:50]
    assert len(asked) == 100
