"""Suggestions of slugs ('did you mean') cost the same however many terms there are, are made once per
unknown name, and are close ones: the same as difflib gave for typing slips, none for other words."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from conftest import Project, term
from glossary.check.suggest import PER_PIECE, SlugIndex
from glossary.lint.job import LintSettings, run_lint

# Slugs shaped like the glossary's own (a fixed list: tests never read the repository's terms).
SLUGS = ["ai-agent", "ai-data-centre", "ai-factory", "compute", "cost-per-token", "fine-tuning", "gpu",
         "gpu-as-a-service", "gpu-cluster", "gpu-utilisation", "inference", "large-language-model",
         "model-card", "prompt", "retrieval-augmented-generation", "token", "tokens-per-second", "tpu",
         "training", "training-data", "transformer"]

TYPOS = {  # a slip -> what a writer meant
    "ai-agnet": "ai-agent", "ai-agents": "ai-agent", "gpus": "gpu", "GPU": "gpu",
    "gpu-utilization": "gpu-utilisation", "ai-data-center": "ai-data-centre", "fine-tunning": "fine-tuning",
    "gpu-as-service": "gpu-as-a-service", "cost-per-tokens": "cost-per-token", "tokens-per-sec": "tokens-per-second",
    "large-langauge-model": "large-language-model", "infrence": "inference", "transfromer": "transformer",
    "retreival-augmented-generation": "retrieval-augmented-generation", "promt": "prompt",
}
FAR = ["pricing", "ai-safety", "red-teaming", "model-drift", "gpu-shortage", "llm", "rag", "x"]


def unrelated_slugs(count: int, seed: int = 5) -> list[str]:
    """Slugs written with letters none of the typos above holds: a glossary grown with other subjects."""
    chance = random.Random(seed)
    letters = "jkqvwxz"
    return [f"{''.join(chance.choices(letters, k=chance.randint(4, 9)))}-{''.join(chance.choices(letters, k=4))}"
            for _ in range(count)]


def comparisons(slugs: list[str], names: list[str]) -> tuple[int, list[str]]:
    index = SlugIndex(set(slugs))
    answers = [index.did_you_mean(name) for name in names]
    return index.comparisons, answers


@pytest.mark.parametrize(("typo", "meant"), sorted(TYPOS.items()))
def test_a_slip_suggests_what_the_writer_meant(typo: str, meant: str) -> None:
    assert SlugIndex(set(SLUGS)).did_you_mean(typo) == f"; did you mean '{meant}'?"


@pytest.mark.parametrize("name", FAR)
def test_a_name_unlike_every_slug_suggests_nothing(name: str) -> None:
    assert SlugIndex(set(SLUGS)).did_you_mean(name) == ""


def test_the_comparisons_do_not_grow_with_the_number_of_terms() -> None:
    names = [*TYPOS, *FAR]
    counted = {size: comparisons(SLUGS + unrelated_slugs(size), names) for size in (1_000, 10_000, 100_000)}
    assert len({count for count, _ in counted.values()}) == 1, {size: c for size, (c, _) in counted.items()}
    assert len({tuple(answers) for _, answers in counted.values()}) == 1
    count = counted[1_000][0]
    assert 0 < count < 50 * len(names)  # a few slugs per name, not thousands


def test_many_near_slugs_are_compared_a_bounded_number_of_times() -> None:
    # A glossary made of copies (gpu-1, gpu-2, ...) has hundreds of slugs within three edits of one name.
    for copies in (300, 3_000):
        slugs = [f"{slug}-{copy}" for copy in range(copies) for slug in SLUGS]
        count, answers = comparisons(slugs, ["gpu-clustr-77", "large-language-model-12345"])
        assert count <= 2 * 7 * 4 * 7 * PER_PIECE  # two names: at most PER_PIECE per look-up
        assert answers[0] == "; did you mean 'gpu-cluster-77'?"
        assert answers[1].startswith("; did you mean 'large-language-model-")


def test_a_name_is_looked_up_once_however_many_links_name_it(tmp_path: Path) -> None:
    project = Project(tmp_path)
    body = "See [the agent](ai-agnet.md), [[ai-agnet]] and [[gone-for-good]]."
    for number in range(60):
        project.write(f"term-{number}.md", term(f"term-{number}", related="[ai-agnet, gone-for-good]",
                                                summary=f"A short plain sentence about term number {number}.")
                      .replace("The body of the term.", body))
    project.write("ai-agent.md", term("ai-agent"))
    settings = LintSettings(project.root, project.content, project.root / "schema" / "term.schema.json", cache=False)
    result = run_lint(settings)
    broken = [d for d in result.diagnostics if d.code == "GL210"]
    assert len(broken) == 60 * 5
    assert all("did you mean 'ai-agent'?" in d.message for d in broken if "ai-agnet" in d.message)
    once = SlugIndex(result.corpus.slugs)
    once.did_you_mean("ai-agnet")
    once.did_you_mean("gone-for-good")
    assert result.corpus.shared["slug index"].comparisons == once.comparisons


def test_the_index_is_small_beside_the_slugs() -> None:
    slugs = set(unrelated_slugs(20_000))
    index = SlugIndex(slugs)
    index.did_you_mean("ai-agnet")
    pieces = index._index()
    assert sum(len(bucket) for bucket in pieces.values()) <= 4 * len(slugs)
    assert sys.getsizeof(pieces) < 100 * len(slugs)
