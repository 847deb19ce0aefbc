"""Link check: related and superseded_by resolve, never to self or twice, never from published to draft."""

from __future__ import annotations

import pytest
from conftest import Project, term
from glossary.check import links
from glossary.check.textual import fold
from glossary.read.corpus import load_corpus


@pytest.fixture
def project(plain_project: Project) -> Project:
    """These tests are about links: their small made-up terms skip the content-quality checks."""
    return plain_project



def test_missing_related_term_suggests_the_closest(project: Project) -> None:
    project.write("ai-agent.md", term("ai-agent"))
    project.write("alpha.md", term(related="[ai-agnet]"))
    [d] = project.lint()
    assert (d.code, d.path, d.line, d.column) == ("GL210", "content/terms/alpha.md", 6, 11)
    assert d.message == "related term 'ai-agnet' does not exist; did you mean 'ai-agent'?"


def test_a_link_is_only_suggested_when_it_is_a_likely_typo(project: Project) -> None:
    project.write("neural-network.md", term("neural-network"))
    project.write("alpha.md", term(related="[router-network]"))  # shares letters with neural-network, no more
    [d] = project.lint()
    assert d.message == "related term 'router-network' does not exist; create it or fix the slug"


@pytest.mark.parametrize("typed, meant", [("inferance", "inference"), ("large-language-models", "large-language-model"),
                                          ("gpus", "gpu"), ("INFERENCE", "inference")])
def test_typos_get_the_term_meant(typed: str, meant: str) -> None:
    from glossary.check.suggest import closest

    assert closest(typed, ["inference", "large-language-model", "gpu", "neural-network", "training"]) == meant


def test_missing_related_term_without_a_close_match(project: Project) -> None:
    project.write("alpha.md", term(related="[zebra-crossing]"))
    [d] = project.lint()
    assert d.code == "GL210" and "create it or fix the slug" in d.message


def test_superseded_by_must_exist(project: Project) -> None:
    project.write("alpha.md", term(status="deprecated", superseded_by="alphb"))
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL210", 9, 16) and "superseded_by" in d.message


def test_superseded_by_itself(project: Project) -> None:
    project.write("alpha.md", term(status="deprecated", superseded_by="alpha"))
    assert project.codes() == [("GL211", 9, 16)]


def test_link_to_a_term_that_fails_to_parse_still_resolves(project: Project) -> None:
    project.write("broken.md", "---\ntitle: [\n---\n")
    project.write_bytes("latin.md", b"---\ntitle: caf\xe9\n---\n")
    project.write("alpha.md", term(related="[broken, latin]"))
    assert {c for c, _, _ in project.codes()} == {"GL006", "GL003"}


def test_links_resolve_against_all_terms_when_one_file_is_named(project: Project) -> None:
    project.write("beta.md", term("beta"))
    alpha = project.write("alpha.md", term(related="[beta, gamma]"))
    project.write("other.md", term("other", related="[nowhere]"))
    assert project.codes(alpha) == [("GL210", 6, 17)]


def test_published_to_draft_but_draft_to_draft_is_fine(project: Project) -> None:
    project.write("wip.md", term("wip", status="draft", related="[wip2]"))
    project.write("wip2.md", term("wip2", status="draft"))
    project.write("alpha.md", term(related="[wip]"))
    assert [(d.code, d.path) for d in project.lint()] == [("GL213", "content/terms/alpha.md")]


def test_deprecated_term_superseded_by_a_draft(project: Project) -> None:
    project.write("wip.md", term("wip", status="draft"))
    project.write("alpha.md", term(status="deprecated", superseded_by="wip"))
    assert project.codes() == [("GL213", 9, 16)]


def test_repeated_related_is_reported_at_the_repeat(project: Project) -> None:
    project.write("beta.md", term("beta"))
    project.write("alpha.md", term(related="[beta, beta, beta]"))
    assert project.codes() == [("GL212", 6, 17), ("GL212", 6, 23)]


def test_shared_title_ignores_case_and_spacing_and_is_reported_on_both(project: Project) -> None:
    project.write("alpha.md", term(title="AI Factory"))
    project.write("beta.md", term("beta", title="ai   factory"))
    alpha, beta = project.lint()
    assert (alpha.code, alpha.path, alpha.line, alpha.column) == ("GL214", "content/terms/alpha.md", 2, 8)
    assert (beta.code, beta.path, beta.line, beta.column) == ("GL214", "content/terms/beta.md", 2, 8)
    assert "title of 'beta'" in alpha.message and "title of 'alpha'" in beta.message


def test_alias_equal_to_another_terms_alias(project: Project) -> None:
    project.write("alpha.md", term(aliases="[AIF]"))
    project.write("beta.md", term("beta", aliases="[Thing, aif]"))
    assert [(d.code, d.path, d.line, d.column) for d in project.lint()] == [
        ("GL214", "content/terms/alpha.md", 9, 11), ("GL214", "content/terms/beta.md", 9, 18)]


def test_alias_equal_to_its_own_title(project: Project) -> None:
    project.write("alpha.md", term(title="Alpha", aliases="[ALPHA]"))
    [d] = project.lint()
    assert d.code == "GL214" and "this term's own title" in d.message


def test_alias_repeated_in_other_case_within_one_term(project: Project) -> None:
    project.write("alpha.md", term(aliases="[Thing, THING]"))
    assert [c for c, _, _ in project.codes()] == ["GL214"]


def test_a_name_clash_shows_when_either_file_is_linted_alone(project: Project) -> None:
    alpha = project.write("alpha.md", term(title="Same"))
    beta = project.write("beta.md", term("beta", title="Same"))
    assert project.codes(alpha) == [("GL214", 2, 8)]
    assert project.codes(beta) == [("GL214", 2, 8)]
    assert {d.path for d in project.lint(beta)} == {"content/terms/beta.md"}


def test_a_link_written_as_a_path_suggests_the_slug(project: Project) -> None:
    project.write("foundation-model.md", term("foundation-model"))
    project.write("alpha.md", term(related="[terms/foundation-model.md]"))
    messages = {d.code: d.message for d in project.lint()}
    assert "did you mean 'foundation-model'?" in messages["GL210"]
    assert "Did you mean 'foundation-model'?" in messages["GL106"]  # both checks agree


def test_many_names_in_one_term_are_checked_in_linear_time(project: Project) -> None:
    """20,000 aliases that clash in pairs (200 KB): a quadratic check would take minutes."""
    aliases = "\n".join(f"  - x{i // 2}" if i % 2 else f"  - X{i // 2}" for i in range(20_000))
    project.write("alpha.md", term(aliases="\n" + aliases))
    found = [d for d in project.lint() if d.code == "GL214"]
    assert len(found) == 10_000


def test_body_links_are_checked_like_related(project: Project) -> None:
    project.write("ai-agent.md", term("ai-agent"))
    project.write("drafty.md", term("drafty", status="draft"))
    body = "First [an agent](ai-agnet.md) line.\n\nThen [[alpha]], [[drafty|a draft]] and [fine](ai-agent.md).\n" \
           "`[[nowhere]]` in code and [elsewhere](../docs/x.md) are not term links."
    project.write("alpha.md", term().replace("The body of the term.", body))
    found = [(d.code, d.line, d.column) for d in project.lint()]
    assert found == [("GL210", 10, 7), ("GL211", 12, 6), ("GL213", 12, 17)]
    messages = [d.message for d in project.lint()]
    assert messages[0] == "linked term 'ai-agnet' does not exist; did you mean 'ai-agent'?"


@pytest.mark.parametrize("body, target", [
    ("A [x](missing.md 'a title') link.", "missing"),
    ("A [y](<missing.md>) link.", "missing"),
    ("A [x][r] reference.\n\n[r]: missing.md", "missing"),
    ("Escaped \\`[[missing]]\\` backticks.", "missing"),
    ("Press the ` key.\n\nThe [[missing]] link.\n\nPress ` again.", "missing"),
    ("- a list item\n    continued with [[missing]]", "missing"),
    ("Text wrapped by an editor, with [a link\nover two lines](missing.md) in it.", "missing"),
    ("A [link [with] brackets](missing.md).", "missing"),
    ("An image as the text: [![an image](https://x.org/a.png)](missing.md).", "missing"),
    ("Text <!-- an unclosed\n\ncomment --> and [x](missing.md) after the blank line.", "missing"),
])
def test_body_links_a_renderer_would_make_are_found(project: Project, body: str, target: str) -> None:
    project.write("alpha.md", term().replace("The body of the term.", body))
    assert [d.code for d in project.lint()] == ["GL210"]
    assert f"'{target}'" in project.lint()[0].message


@pytest.mark.parametrize("body", [
    "Intro.\n\n    indented code [[missing]]\n\nEnd.",
    '<span title="[[missing]]">text</span>',
    "An image ![pic](missing.md) is not a link.",
    "```\n[[missing]]\n```",
    "Inline `[x](missing.md)` code.",
    "<div>\n[x](missing.md) in an HTML block\n</div>",
    "```\ncode\n    ```\n[[missing]] still in the fence\n```",
    "An escaped \\[[missing]] bracket.",
])
def test_what_a_renderer_would_not_link_is_not_a_link(project: Project, body: str) -> None:
    project.write("alpha.md", term().replace("The body of the term.", body))
    assert project.lint() == []


def test_links_in_the_definition_are_checked_at_the_definition(project: Project) -> None:
    project.write("drafty.md", term("drafty", status="draft"))
    project.write("alpha.md", term(definition='"Alpha is built on [[gamma]] and [a draft](drafty.md), in one paragraph."'))
    found = [(d.code, d.line, d.column, d.message) for d in project.lint()]
    assert [f[:3] for f in found] == [("GL210", 4, 13), ("GL213", 4, 13)]
    assert found[0][3] == "the definition's linked term 'gamma' does not exist; create it or fix the slug"


def test_shared_names_of_a_few_files_are_those_of_every_file_and_each_name_is_folded_once(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked for one file (as the language server does on every change), shared names give that file what
    checking every file gives it; and a term's names are folded once over all the checks of a few files (a run
    over every file folds each once too, and keeps nothing on the terms)."""
    project.write("alpha.md", term(title="AI Factory", aliases="[Gamma Name, Own]"))
    project.write("beta.md", term("beta", title="ai   factory"))
    project.write("gamma.md", term("gamma", aliases="[gamma name]"))
    project.write("delta.md", term("delta", aliases="[Delta, Own]"))
    corpus = load_corpus(project.content, project.root)
    folded: list[str] = []
    monkeypatch.setattr(links, "fold", lambda name: folded.append(name) or fold(name))
    everything = list(links.check(corpus))
    assert len(folded) == 9 and all(term.known_names is None for term in corpus.terms)  # 4 titles, 5 aliases
    for path in ("content/terms/alpha.md", "content/terms/delta.md", "content/terms/beta.md"):
        corpus.selected = {path}
        assert list(links.check(corpus)) == [d for d in everything if d.path == path]
    assert len(folded) == 18  # once more, over the three checks of one file each
    assert {d.path for d in everything if d.code == "GL214"} == \
        {f"content/terms/{slug}.md" for slug in ("alpha", "beta", "gamma", "delta")}
