"""Mentions are found in compiled code (an Aho-Corasick automaton over the folded names) exactly where
reading the body word by word finds them: the same names, at the same places, in any text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, Project, term
from glossary.check import mentions
from glossary.check.mentions import FewBodies, NameIndex, keys_in
from glossary.read.corpus import Corpus, load_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(REPO / "benchmarks"))
realshaped = pytest.importorskip("realshaped")

NAMES = {  # slug -> names (title first): acronyms, hyphens, slashes, "+", accents, a name inside another
    "gpu": ["GPU", "GPUs"], "gpu-cluster": ["GPU cluster", "GPU-Cluster"], "ai-ml": ["AI/ML"],
    "c-plus-plus": ["C++"], "cafe": ["Café"], "strasse": ["Straße"], "large-model": ["Large  Model", "LM"],
    "fine-tuning": ["Fine-tuning"], "a-b-c": ["A B C"], "b": ["B"], "rag": ["RAG"],
}
PIECES = ["GPU", "gpu", "GPUs", "cluster", "-", "Cluster", " ", "  ", "\n", "\n\n", "   ", "/", "AI", "ML", "C",
          "++", "+", "Café", "café", "Cafe\u0301", "Straße", "STRASSE", "strasse", "Large", "Model", "LM", "fine",
          "tuning", "A", "B", "c", "RAG", "rag", ".", ",", "x", "_", "é", "İ", "ǅ", "\u0301", "2"]


def index(tmp_path) -> NameIndex:  # type: ignore[no-untyped-def]
    project = Project(tmp_path)
    for slug, names in NAMES.items():
        aliases = "[" + ", ".join(f'"{name}"' for name in names[1:]) + "]"
        project.write(f"{slug}.md", term(slug, title=f'"{names[0]}"', aliases=aliases))
    return NameIndex(load_corpus(project.content, project.root))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_the_automaton_finds_what_reading_word_by_word_finds(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    names = _INDEX.get("index") or _INDEX.setdefault("index", index(tmp_path_factory.mktemp("names")))
    assert names.mentions(text) == names._word_by_word(text)


_INDEX: dict[str, NameIndex] = {}


def test_the_automaton_is_used_for_plain_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    names = index(tmp_path)
    text = "A GPU cluster of GPUs runs C++ and AI/ML at the café; gpu is not GPU, nor is GPU-based."
    found = names._all_at_once(text)
    assert found is not None and found == names._word_by_word(text)
    assert [slug for _, slug, _, _ in found] == ["gpu-cluster", "gpu", "c-plus-plus", "ai-ml", "cafe", "gpu"]
    assert names._all_at_once("Large\n\n  Model") is None  # a name over a long run of spaces: word by word


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_indexing_only_what_a_few_bodies_hold_finds_the_same(tmp_path_factory, text: str) -> None:  # type: ignore[no-untyped-def]
    """The names index of a few bodies (one file in an editor) holds only the names they could hold, and
    finds what the index of every name finds."""
    full = _INDEX.get("index") or _INDEX.setdefault("index", index(tmp_path_factory.mktemp("names")))
    corpus = _CORPUS.get("corpus") or _CORPUS.setdefault("corpus", _names_corpus(tmp_path_factory.mktemp("few")))
    words = NameIndex.words_of(text)
    if words is None:
        return
    few = NameIndex(corpus, FewBodies(words, keys_in(text, 8)))

    def found(index: NameIndex) -> list[tuple[int, str, str, object]]:  # names are numbered per index
        return [(start, slug, words, index.avoided.get(number)) for start, slug, words, number in index.mentions(text)]

    assert found(few) == found(full)


_CORPUS: dict[str, Corpus] = {}


def _names_corpus(tmp_path: Path) -> Corpus:
    index(tmp_path)
    return load_corpus(tmp_path / "content" / "terms", tmp_path)


def _replicated(root: Path, copies: int) -> Corpus:
    """The sample glossary `copies` times over (benchmarks/realshaped.py: each copy's names are its own)."""
    realshaped.write_real_project(root, copies * len(list(SAMPLE.glob("*.md"))), source=SAMPLE)
    edited = root / "content" / "terms" / "latency-c1.md"  # an unlinked mention, for the check to find
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA Neural Network c1 adds latency too.\n", encoding="utf-8")
    return load_corpus(root / "content" / "terms", root)


def test_one_body_indexes_as_many_names_however_large_the_glossary(tmp_path: Path) -> None:
    """One term's check (the language server's, on the file being edited) indexes the names its body could
    mention, not every name: as many in a glossary four times larger, and the same diagnostics as a check of
    every term gives that term."""
    indexed = []
    for copies in (3, 12):
        corpus = _replicated(tmp_path / str(copies), copies)
        everything = list(mentions.check(corpus))
        one = next(term for term in corpus.terms if term.slug == "latency-c1")
        corpus.selected = {one.path}
        few = mentions.few_bodies([one])
        assert few is not None
        indexed.append(len(NameIndex(corpus, few).slugs))
        found = list(mentions.check(corpus))
        assert found == [d for d in everything if d.path == one.path]
        assert found  # its body names terms it does not link: the case is not empty
        assert indexed[-1] < len(NameIndex(corpus).slugs) / copies
    assert indexed[0] == indexed[1], indexed
