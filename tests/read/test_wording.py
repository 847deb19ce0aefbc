"""How a name reads in a sentence: the fix written in place of a deprecated name, by lint, the language
server and the Vale rule."""

from __future__ import annotations

import pytest
from glossary.read.wording import in_sentence, matching_case, plural, replacement


@pytest.mark.parametrize("title, expected", [
    ("AI Accelerator", "AI accelerator"), ("Open-Weight Model", "open-weight model"), ("GPU", "GPU"),
    ("Agent2Agent Protocol", "Agent2Agent protocol"), ("PyTorch Lightning", "PyTorch lightning"),
    ("Power Usage Effectiveness", "power usage effectiveness"), ("KV Cache", "KV cache"), ("A", "A"),
    ("Écoute Active", "écoute active"),
])
def test_a_title_reads_in_a_sentence_with_its_capitalised_words_in_small_letters(title: str, expected: str) -> None:
    assert in_sentence(title) == expected


@pytest.mark.parametrize("name, expected", [("accelerator", "accelerators"), ("bus", "buses"),
                                            ("switch", "switches"), ("box", "boxes"), ("GPU", "GPUs")])
def test_plurals(name: str, expected: str) -> None:
    assert plural(name) == expected


def test_a_plural_name_is_replaced_by_the_plural_only_beside_its_singular() -> None:
    names = ["AI Accelerator", "AI chip", "AI chips"]
    assert replacement("AI chips", "AI Accelerator", names) == "AI accelerators"
    assert replacement("AI chip", "AI Accelerator", names) == "AI accelerator"
    assert replacement("Kubernetes", "Container Orchestrator", ["Kubernetes"]) == "container orchestrator"
    assert replacement("graphics chips", "GPU", ["GPU", "graphics chip", "graphics chips"]) == "GPUs"


def test_the_fix_starts_with_a_capital_where_the_words_it_replaces_do() -> None:
    assert matching_case("open-weight models", "Open-source models") == "Open-weight models"
    assert matching_case("open-weight models", "open-source models") == "open-weight models"
    assert matching_case("AI accelerators", "ai chips") == "AI accelerators"
