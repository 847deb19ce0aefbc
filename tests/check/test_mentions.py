"""Mentions are found in compiled code (an Aho-Corasick automaton over the folded names) exactly where
reading the body word by word finds them: the same names, at the same places, in any text."""

from __future__ import annotations

from conftest import Project, term
from glossary.check.mentions import NameIndex
from glossary.read.corpus import load_corpus
from hypothesis import given, settings
from hypothesis import strategies as st

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
