"""Names with a status: the abbreviation and deprecated names lead to one term (GL214), a deprecated name
is not also admitted (GL221), a term gives no name twice (GL222), and bodies avoid other terms' deprecated
names (GL313), found in one reading of each body and cached with the names they depend on."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import QUALITY, Project, counted_lint, term
from glossary.lint.job import LintSettings

AVOID = "[{name: AI chips, why: Too vague.}]"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The content-quality checks off but GL313: the small made-up terms cannot satisfy them."""
    return Project(tmp_path, QUALITY - {"GL313"})


def test_an_abbreviation_shared_by_two_terms_is_gl214_on_both(project: Project) -> None:
    project.write("alpha.md", term("alpha", abbreviation="LLM"))
    project.write("beta.md", term("beta", aliases="[llm]"))
    found = project.lint()
    assert [(d.code, d.path, d.line, d.column) for d in found] == [
        ("GL214", "content/terms/alpha.md", 9, 15), ("GL214", "content/terms/beta.md", 9, 11)]
    assert found[0].message == ("abbreviation 'LLM' is also the alias of 'beta'; each name must lead to one term: "
                                "change one of them")


def test_a_deprecated_name_of_two_terms_is_gl214(project: Project) -> None:
    project.write("alpha.md", term("alpha", deprecated_names=AVOID))
    project.write("beta.md", term("beta", deprecated_names="[{name: ai chips}]"))
    assert [d.code for d in project.lint()] == ["GL214", "GL214"]


def test_a_deprecated_name_that_is_another_terms_title_is_gl221(project: Project) -> None:
    project.write("alpha.md", term("alpha", deprecated_names="[{name: Beta}]"))
    project.write("beta.md", term("beta"))
    found = project.lint()
    assert [(d.code, d.path, d.line, d.column) for d in found] == [
        ("GL221", "content/terms/alpha.md", 9, 27), ("GL221", "content/terms/beta.md", 2, 8)]
    assert found[0].message == ("deprecated name 'Beta' is the title of 'beta'; a name is either admitted or to "
                                "avoid: remove it from deprecated_names")
    assert found[1].message.startswith("title 'Beta' is a deprecated name of 'alpha'")


def test_a_deprecated_name_that_is_the_terms_own_alias_is_gl221(project: Project) -> None:
    project.write("alpha.md", term("alpha", aliases="[AI chips]", deprecated_names=AVOID))
    [found] = project.lint()
    assert (found.code, found.line, found.column) == ("GL221", 10, 27)
    assert found.message.startswith("deprecated name 'AI chips' is also this term's alias;")


@pytest.mark.parametrize("fields, place, message", [
    ({"abbreviation": "Alpha"}, (9, 15), "abbreviation 'Alpha' repeats this term's own title; remove the abbreviation"),
    ({"abbreviation": "LLM", "aliases": "[Large, llm]"}, (10, 18),
     "alias 'llm' repeats this term's own abbreviation; keep it once, as the abbreviation: remove it from aliases"),
    ({"deprecated_names": "[{name: AI chips}, {name: AI Chips}]"}, (9, 45), "deprecated name 'AI Chips' is listed twice"),
])
def test_a_name_given_twice_by_one_term_is_gl222(project: Project, fields: dict[str, str],
                                                 place: tuple[int, int], message: str) -> None:
    project.write("alpha.md", term("alpha", **fields))
    [found] = project.lint()
    assert (found.code, (found.line, found.column)) == ("GL222", place)
    assert found.message.startswith(message)


def accelerator(project: Project) -> None:
    project.write("ai-accelerator.md", term("ai-accelerator", title="AI accelerator", deprecated_names=AVOID))


def test_a_body_using_another_terms_deprecated_name_is_gl313(project: Project) -> None:
    accelerator(project)
    project.write("alpha.md", term("alpha").replace("The body of the term.",
                                                    "Racks of `AI chips` and [AI chips](https://example.com).\nRacks of ai Chips."))
    [found] = project.lint()
    assert (found.code, found.path, found.line, found.column) == ("GL313", "content/terms/alpha.md", 11, 10)
    assert found.message == ("the body uses 'ai Chips', a deprecated name of 'ai-accelerator' (Too vague); "
                             "write 'AI accelerator' instead")


def test_gl313_offers_the_name_as_the_sentence_needs_it(project: Project) -> None:
    project.write("ai-accelerator.md", term("ai-accelerator", title="AI Accelerator",
                                            deprecated_names="[{name: AI chip}, {name: AI chips}]"))
    project.write("alpha.md", term("alpha").replace("The body of the term.", "AI chips are fast. One AI chip."))
    assert sorted(found.message.rsplit("; ", 1)[1] for found in project.lint()) == [
        "write 'AI accelerator' instead", "write 'AI accelerators' instead"]


def test_a_term_may_name_its_own_deprecated_name_and_switch_gl313_off_for_one_term(project: Project) -> None:
    accelerator(project)
    (project.content / "ai-accelerator.md").write_text(
        term("ai-accelerator", title="AI accelerator", deprecated_names=AVOID).replace(
            "The body of the term.", "Once called AI chips."), encoding="utf-8")
    project.write("alpha.md", term("alpha", related="[]\n# glossary-disable GL313(ai-accelerator): quoting a vendor")
                  .replace("The body of the term.", "Vendors say AI chips."))
    assert project.lint() == []


def test_gl313_is_a_switchable_warning(tmp_path: Path) -> None:
    from glossary.diagnostics import CODES
    from glossary.read.switches import switchable, switchable_codes

    assert CODES["GL313"].severity == "warning" and switchable("GL313")
    assert switchable_codes().endswith("GL303-GL313")


def test_an_abbreviation_is_a_mention_for_gl309(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("large-language-model.md", term("large-language-model", abbreviation="LLM"))
    project.write("alpha.md", term("alpha").replace("The body of the term.", "An LLM answers."))
    assert ("GL309", 10, 4) in project.codes()


def test_a_change_of_deprecated_names_rechecks_other_bodies_with_the_cache_warm(project: Project) -> None:
    project.write("ai-accelerator.md", term("ai-accelerator", title="AI accelerator"))
    alpha = project.write("alpha.md", term("alpha").replace("The body of the term.", "Racks of AI chips."))
    assert project.lint() == [] and project.lint() == []  # the second run reads the cache
    accelerator(project)
    assert [d.code for d in project.lint()] == ["GL313"]
    assert [d.code for d in project.lint(alpha)] == ["GL313"]  # a run on the one named file sees it too
    project.write("ai-accelerator.md", term("ai-accelerator", title="AI accelerator",
                                            deprecated_names="[{name: AI chipsets}]"))
    assert project.lint() == [] and project.lint(alpha) == []


def test_a_named_run_finds_the_term_whose_deprecated_name_a_body_uses(project: Project) -> None:
    accelerator(project)
    for number in range(5):
        project.write(f"a-{number}.md", term(f"a-{number}"))  # listed first: not the one other term read
    alpha = project.write("alpha.md", term("alpha").replace("The body of the term.", "Racks of AI chips."))
    project.lint()
    assert [d.code for d in project.lint(alpha)] == ["GL313"]


def deprecated_storm(project: Project, count: int) -> None:
    """Every term avoids a name of its own and uses the next term's in its body."""
    for number in range(count):
        body = f"Old docs said legacy name {(number + 1) % count} here."
        text = term(f"topic-{number}", title=f"Topic {number}",
                    deprecated_names=f"[{{name: legacy name {number}}}]")
        project.write(f"topic-{number}.md", text.replace("The body of the term.", body))


def calls(root: Path, count: int) -> tuple[int, list[str]]:
    project = Project(root, frozenset({"GL307", "GL308"}))
    deprecated_storm(project, count)
    settings = LintSettings(project.root, project.content, project.root / "schema" / "term.schema.json",
                            cache=False, disabled=project.disabled)
    counted, found = counted_lint(settings)
    return counted, sorted({d.code for d in found})


def test_deprecated_names_cost_work_in_proportion_to_the_terms(tmp_path: Path) -> None:
    small, small_codes = calls(tmp_path / "small", 50)
    large, large_codes = calls(tmp_path / "large", 200)
    assert small_codes == large_codes == ["GL313"]
    assert large / small < 4.6, f"{large / small:.1f} times the calls for 4 times the terms"


def test_a_link_written_as_an_abbreviation_suggests_the_terms_slug(project: Project) -> None:
    project.write("large-language-model.md", term("large-language-model", abbreviation="LLM"))
    project.write("alpha.md", term("alpha", related="[llm]"))
    [found] = project.lint()
    assert found.code == "GL210" and found.message == "related term 'llm' does not exist; did you mean 'large-language-model'?"


def test_a_named_run_suggests_the_slug_of_a_link_written_as_a_name(project: Project) -> None:
    project.write("large-language-model.md", term("large-language-model", abbreviation="LLM"))
    for number in range(5):
        project.write(f"a-{number}.md", term(f"a-{number}"))  # listed before it: not the one other term read
    alpha = project.write("alpha.md", term("alpha", related="[llm]"))
    project.lint()  # the cache's index now holds every term
    [found] = project.lint(alpha)
    assert found.message == "related term 'llm' does not exist; did you mean 'large-language-model'?"


@pytest.mark.parametrize("fields, message", [
    ({"abbreviation": '"TDP "'}, "abbreviation 'TDP ' starts or ends with a space; write 'TDP'"),
    ({"abbreviation": '" TDP"'}, "abbreviation ' TDP' starts or ends with a space; write 'TDP'"),
    ({"deprecated_names": "[thermal design point]"},
     "deprecated_names[0] must be a mapping with the fields name, why, not text: write it as "
     "'- name: thermal design point'"),
])
def test_a_mistaken_name_is_explained_with_its_fix(project: Project, fields: dict[str, str], message: str) -> None:
    project.write("alpha.md", term("alpha", **fields))
    assert [d.message for d in project.lint()] == [message]


def test_the_fix_for_a_name_both_admitted_and_avoided_names_the_fields(project: Project) -> None:
    project.write("alpha.md", term("alpha", deprecated_names="[{name: Beta}, {name: bt}]"))
    project.write("beta.md", term("beta", abbreviation="BT"))
    project.write("gamma.md", term("gamma", title="Gamma Ray", abbreviation="Gamma Ray"))
    fixes = sorted(d.message.rsplit(": ", 1)[1] for d in project.lint() if d.code in ("GL221", "GL222"))
    assert fixes == sorted(["an abbreviation is a shorter name than the title",
                            "remove it from deprecated_names",  # alpha's 'Beta': beta's title stays
                            "remove it from deprecated_names of 'alpha'",  # the same, said in beta.md
                            "remove it from deprecated_names, or from the abbreviation field of 'beta'",
                            "remove it from deprecated_names of 'alpha', or from the abbreviation field"])
