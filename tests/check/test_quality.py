"""Content-quality check: placeholders from `glossary new` warn in drafts and fail published terms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Project, term


def test_placeholder_in_a_draft_is_a_warning(project: Project) -> None:
    project.write("alpha.md", term(status="draft", summary='"TODO: write a short sentence here."'))
    [d] = project.lint()
    assert (d.code, d.severity, d.line, d.column) == ("GL301", "warning", 3, 10)


def test_placeholder_in_a_published_term_is_an_error(project: Project) -> None:
    project.write("alpha.md", term(roles="\n  - role: Engineer\n    use: TODO later, honestly."))
    [d] = project.lint()
    assert (d.code, d.severity, d.line, d.column) == ("GL302", "error", 11, 10)
    assert "roles[0].use" in d.message


def test_placeholder_in_the_body_is_located(project: Project) -> None:
    project.write("alpha.md", term().replace("The body of the term.", "Line one.\n\nLine three has a TODO in it."))
    assert project.codes() == [("GL302", 12, 18)]


OLD_TEMPLATE_ADVICE = ("# A new term, written by `glossary new`. Replace every TODO, then set status: published.\n"
                       "# The schema (schema/term.schema.json) describes each field; `glossary lint` checks the file.\n")


@pytest.mark.parametrize("status, code", [("draft", "GL301"), ("published", "GL302")])
def test_advice_comments_left_from_the_template_are_placeholders(project: Project, status: str, code: str) -> None:
    text = term(status=status).replace("---\n", "---\n" + OLD_TEMPLATE_ADVICE, 1)
    project.write("alpha.md", text.replace("category:", "# category: one of models, hardware\ncategory:"))
    found = project.lint()
    assert [(d.code, d.line, d.column) for d in found] == [(code, 2, 1), (code, 3, 1), (code, 7, 1)]
    assert all("advice from the `glossary new` template" in d.message for d in found)


def test_other_comments_are_not_advice(project: Project) -> None:
    project.write("alpha.md", term().replace("category:", "# category: chosen with the editors\ncategory:"))
    assert project.lint() == []


def test_words_that_merely_contain_todo_are_fine(project: Project) -> None:
    project.write("alpha.md", term(example="A TODOS list and mastodon posts are not placeholders; nor is todo."))
    assert project.codes() == []


def test_files_without_a_status_are_not_glossary_terms_and_are_skipped(project: Project) -> None:
    project.write("post.md", "---\nlayout: post\n---\nTODO: finish this post.\n")
    assert "GL301" not in {c for c, _, _ in project.codes()}


# --- plain English: GL303, GL304 -------------------------------------------------------------------

def test_hard_summary_is_reported(project: Project) -> None:
    project.write("alpha.md", term(summary="Heterogeneous accelerator infrastructure operationalisation "
                                           "methodologies."))
    [d] = project.lint()
    assert (d.code, d.severity, d.line, d.column) == ("GL303", "warning", 3, 10)
    assert "Flesch reading ease" in d.message


def test_long_summary_sentence_is_reported(project: Project) -> None:
    long = "A " + " ".join(f"w{n}" for n in range(26)) + " box."
    project.write("alpha.md", term(summary=long))
    [d] = project.lint()
    assert d.code == "GL303" and "28 words, over 25" in d.message


def test_plain_summary_passes(project: Project) -> None:
    project.write("alpha.md", term(summary="A chip with thousands of small parts that do sums side by side."))
    assert project.codes() == []


def test_reading_ease_ranks_plain_text_above_jargon() -> None:
    from glossary.check.readability import reading_ease, syllables

    assert [syllables(w) for w in ("cat", "table", "energy", "GPU", "free")] == [1, 2, 3, 3, 1]
    assert reading_ease("The cat sat on the mat.") > 90 > 30 > reading_ease(
        "Operationalising heterogeneous computational infrastructure.")


# A term whose summary only repeats its title (GL304) and nothing else
REPEATS_TITLE = {"title": "Tokens per Second", "summary": "The tokens per second.",
                 "definition": "Tokens per second is how fast a model writes its answer, counted in tokens."}


def test_summary_that_only_repeats_the_title(project: Project) -> None:
    project.write("alpha.md", term(**REPEATS_TITLE))
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL304", 3, 10)


def test_summary_in_other_words_passes(project: Project) -> None:
    project.write("alpha.md", term(title="Power Usage Effectiveness",
                                   summary="How much of a data centre's power reaches the computers.",
                                   definition="Power usage effectiveness is the ratio of a site's power to its IT power."))
    assert project.codes() == []


# --- the definition: GL305, GL306 ------------------------------------------------------------------

def test_definition_that_does_not_name_the_term(project: Project) -> None:
    project.write("alpha.md", term(title="GPU", definition="A chip that does very many small sums at the same time."))
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL305", 4, 13)
    assert "'GPU'" in d.message


def test_definition_naming_an_alias_ignoring_case_and_hyphens_passes(project: Project) -> None:
    project.write("alpha.md", term(title="GPU", aliases="[graphics processing unit]",
                                   definition="A Graphics-Processing Unit is a chip that does many small sums at once."))
    assert project.codes() == []


def test_definition_that_repeats_the_summary(project: Project) -> None:
    summary = "A chip with thousands of small parts that do sums side by side."
    project.write("alpha.md", term(summary=summary, definition=f'"Alpha: {summary} It is used for AI work."'))
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL306", 4, 13)
    assert "repeats the summary" in d.message


# --- the graph: GL307, GL308 -----------------------------------------------------------------------

def test_one_way_related_link(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha, gamma]"))
    project.write("gamma.md", term("gamma", related="[]"))
    [d] = project.lint()
    assert (d.path, d.code, d.line, d.column) == ("content/terms/beta.md", "GL307", 6, 18)
    assert "'gamma' does not list 'beta' back" in d.message


def test_reciprocal_links_pass(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    assert project.codes() == []


def test_one_way_link_with_a_reasoned_switch_passes(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha, gamma]").replace(
        "related:", "# glossary-disable GL307: gamma is a general idea that need not list beta\nrelated:"))
    project.write("gamma.md", term("gamma", related="[]"))
    assert project.codes() == []


def test_orphan(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    project.write("gamma.md", term("gamma", related="[alpha]"))
    found = {(d.path, d.code, d.line, d.column) for d in project.lint()}
    assert ("content/terms/gamma.md", "GL308", 2, 8) in found
    assert {code for _, code, _, _ in found} == {"GL307", "GL308"}  # gamma -> alpha is also one way


def test_drafts_and_deprecated_terms_are_outside_the_graph_checks(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    project.write("gamma.md", term("gamma", status="draft"))
    project.write("old.md", term("old", status="deprecated", superseded_by="alpha"))
    assert project.codes() == []


# --- unlinked mentions: GL309 ----------------------------------------------------------------------

def _with_body(text: str, body: str) -> str:
    return text.replace("The body of the term.", body)


def _two_terms(project: Project, body: str, **alpha: str) -> None:
    project.write("alpha.md", _with_body(term(**{"related": "[gamma]", **alpha}), body))
    project.write("gamma.md", term("gamma", related="[alpha]"))
    project.write("graphics-unit.md", term("graphics-unit", title="Graphics Unit", aliases="[GPU, GPUs]",
                                           related="[gamma]"))
    project.write("graphics-unit-cluster.md", term("graphics-unit-cluster", title="GPU Cluster",
                                                   related="[gamma]"))


def test_unlinked_mention(project: Project) -> None:
    _two_terms(project, "Intro line.\n\nModels run on GPUs in racks.")
    found = [d for d in project.lint() if d.code == "GL309"]
    [d] = found
    assert (d.path, d.line, d.column) == ("content/terms/alpha.md", 12, 15)
    assert "'graphics-unit'" in d.message and "[GPUs](graphics-unit.md)" in d.message


@pytest.mark.parametrize("body, alpha", [
    ("Models run on [GPUs](graphics-unit.md) in racks.", {}),
    ("Models run on [[graphics-unit]] in racks.", {}),
    ("Models run on [[graphics-unit|GPUs]]; GPUs again.", {}),
    ("Models run on GPUs in racks.", {"related": "[gamma, graphics-unit]"}),
    ("Models run on `GPUs` in code.", {}),
    ("A gpu in lower case is not the acronym.", {}),
    ("GPU-based servers: a hyphenated word is one word.", {}),
    ("Graphics, unit: words split by a comma are not one name.", {}),
    ("Reference [the GPU][g] here.\n\n[g]: graphics-unit.md", {}),
    ("See [the GPU docs](https://example.com/docs) and ![GPU](x.png).", {}),
    ("Intro.\n\n    the GPU in indented code\n\nEnd.", {}),
    ('<span title="GPU">t</span> https://example.com/GPU [d](https://e.com/a/GPU/(v2))', {}),
    ("Nothing here but the word graphics and a unit.", {}),
])
def test_linked_listed_or_absent_mentions_pass(project: Project, body: str, alpha: dict[str, str]) -> None:
    _two_terms(project, body, **alpha)
    assert [d for d in project.lint() if d.code == "GL309" and "alpha" in d.path] == []


def test_longest_name_wins(project: Project) -> None:
    _two_terms(project, "A GPU cluster is big.")
    [d] = [d for d in project.lint() if d.code == "GL309"]
    assert "'graphics-unit-cluster'" in d.message and d.column == 3


# --- FAQ and roles: GL310, GL311 -------------------------------------------------------------------

def test_repeated_faq_question(project: Project) -> None:
    faq = ("\n  - question: What is it?\n    answer: A thing.\n  - question: What IS it ?\n    answer: Still a thing."
           "\n  - question: Why does it matter?\n    answer: Because.")
    project.write("alpha.md", term(faq=faq))
    [d] = project.lint()
    assert (d.code, d.line, d.column) == ("GL310", 12, 15)
    assert "faq[1]" in d.message and "faq[0]" in d.message


def test_different_faq_questions_pass(project: Project) -> None:
    project.write("alpha.md", term(faq="\n  - question: What is it?\n    answer: A thing.\n"
                                       "  - question: Why does it matter?\n    answer: Cost."))
    assert project.codes() == []


@pytest.mark.parametrize("roles, where", [
    ("[]", (9, 8)),
    ("\n  - role: Engineer\n    use: '            '", (11, 10)),
    ("\n  - role: Engineer\n    use: Builds it well.\n  - role: Engineer\n    use: Runs it every day.", (12, 11)),
])
def test_empty_blank_or_repeated_roles(project: Project, roles: str, where: tuple[int, int]) -> None:
    project.write("alpha.md", term(roles=roles))
    assert project.codes() == [("GL311", *where)]


def test_distinct_roles_pass(project: Project) -> None:
    project.write("alpha.md", term(roles="\n  - role: Engineer\n    use: Builds it well.\n"
                                         "  - role: Executive\n    use: Pays for it all."))
    assert project.codes() == []


# --- switches: GL300, [tool.glossary] disable, --strict --------------------------------------------

@pytest.mark.parametrize("switch, expected", [
    ("# glossary-disable GL304", "say why"),
    ("# glossary-disable GL210: it is fine", "GL210 cannot be switched off"),
    ("# glossary-disable please", "write the switch as"),
])
def test_malformed_switch(project: Project, switch: str, expected: str) -> None:
    project.write("alpha.md", term(**REPEATS_TITLE).replace("category:", switch + "\ncategory:"))
    found = project.lint()
    assert [(d.code, d.line, d.column) for d in found] == [("GL304", 3, 10), ("GL300", 5, 1)]
    assert expected in found[1].message


def test_switch_silences_only_its_own_codes_in_its_own_term(project: Project) -> None:
    switch = "# glossary-disable GL304, gl303: a test term\ncategory:"
    project.write("alpha.md", term(**REPEATS_TITLE, related="[beta]").replace("category:", switch))
    project.write("beta.md", term("beta", title="Cost per Token", summary="The cost per token, again.",
                                  definition="Cost per token is what one token of a model's output costs to make.",
                                  related="[alpha]"))
    assert [(d.path, d.code) for d in project.lint()] == [("content/terms/beta.md", "GL304")]


def test_project_wide_switch_and_strict(project: Project) -> None:
    from glossary.config import load_project
    from glossary.lint.job import LintSettings, run_lint

    project.write("alpha.md", term(**REPEATS_TITLE))
    strict = project.lint(strict=True)
    assert [(d.code, d.severity) for d in strict] == [("GL304", "error")]
    (project.root / "pyproject.toml").write_text('[tool.glossary]\ndisable = ["GL304"]\n', encoding="utf-8")
    settings = load_project(project.root)
    assert settings.disabled == {"GL304"}
    result = run_lint(LintSettings(project.root, project.content, settings.schema, strict=True,
                                   disabled=settings.disabled))
    assert result.diagnostics == [] and result.exit_code() == 0


@pytest.mark.parametrize("value", ['["GL210"]', '"GL304"', '["GL999"]'])
def test_project_switch_of_a_code_that_cannot_be_switched_off(project: Project, value: str) -> None:
    from glossary.config import ConfigError, load_project

    (project.root / "pyproject.toml").write_text(f"[tool.glossary]\ndisable = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="disable"):
        load_project(project.root)


def test_drafts_skip_the_quality_checks(project: Project) -> None:
    project.write("alpha.md", term(status="draft", summary="Tokens per Second, again.",
                                   definition="Nothing named here at all, in fifty characters or more."))
    assert project.codes() == []


def test_one_way_links_switched_off_for_named_terms_only(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]"))
    project.write("beta.md", term("beta", related="[alpha, gamma, delta]").replace(
        "related:", "# glossary-disable GL307(gamma): Gamma is broad and lists only its closest neighbours\nrelated:"))
    project.write("gamma.md", term("gamma", related="[]"))
    project.write("delta.md", term("delta", related="[]"))
    [d] = project.lint()
    assert (d.path, d.code) == ("content/terms/beta.md", "GL307") and "'delta'" in d.message


def test_mention_switched_off_for_one_named_term(project: Project) -> None:
    _two_terms(project, "The grid's GPUs and its GPU cluster.")
    found = {d.message.split("'")[3] for d in project.lint() if d.code == "GL309"}
    assert found == {"graphics-unit", "graphics-unit-cluster"}
    text = (project.content / "alpha.md").read_text(encoding="utf-8")
    (project.content / "alpha.md").write_text(text.replace(
        "category:", "# glossary-disable GL309(graphics-unit): here GPU is a grid part\ncategory:"), encoding="utf-8")
    found = {d.message.split("'")[3] for d in project.lint() if d.code == "GL309"}
    assert found == {"graphics-unit-cluster"}


@pytest.mark.parametrize("switch, expected", [
    ("# glossary-disable GL304(beta): no", "cannot be switched off for named terms"),
    ("# glossary-disable GL307(): no", "name at least one term"),
])
def test_targets_only_where_a_check_is_about_another_term(project: Project, switch: str, expected: str) -> None:
    project.write("alpha.md", term(**REPEATS_TITLE).replace("category:", switch + "\ncategory:"))
    found = project.lint()
    assert [d.code for d in found] == ["GL304", "GL300"] and expected in found[1].message


def test_names_with_punctuation_match_as_written(project: Project) -> None:
    body = "Plan C is the fallback; we run Llama 3.1 for AI/ML work in C++."
    project.write("alpha.md", term(related="[gamma]").replace("The body of the term.", body))
    project.write("gamma.md", term("gamma", related="[alpha, cpp, llama, ai-ml]"))
    for slug, title in (("cpp", "C++"), ("llama", "Llama 3.1"), ("ai-ml", "AI/ML")):
        project.write(f"{slug}.md", term(slug, title=f'"{title}"', related="[gamma]",
                                         definition=f'"{title} is a made-up term, defined in one paragraph here."'))
    found = [(d.column, d.message.split("'")[3]) for d in project.lint() if d.code == "GL309"]
    assert found == [(body.index(words) + 1, slug) for words, slug in
                     (("Llama 3.1", "llama"), ("AI/ML", "ai-ml"), ("C++", "cpp"))]


def test_placeholders_in_a_published_term_cannot_be_switched_off(project: Project) -> None:
    project.write("alpha.md", term(summary='"TODO: one plain-English sentence for readers."').replace(
        "category:", "# glossary-disable GL302: we will fix it later\ncategory:"))
    assert [d.code for d in project.lint()] == ["GL302", "GL300"]


def test_a_switch_inside_a_multi_line_text_is_text_not_a_switch(project: Project) -> None:
    definition = ">-\n  Words that never name this entry, long enough to pass the schema.\n" \
                 "  # glossary-disable GL305: inside the text\n# glossary-disable GL303: a real comment"
    project.write("alpha.md", term(definition=definition))
    assert [d.code for d in project.lint()] == ["GL305"]


def test_a_switch_naming_a_term_that_does_not_exist(project: Project) -> None:
    project.write("alpha.md", term(related="[beta]").replace(
        "related:", "# glossary-disable GL307(betta): beta is broad\nrelated:"))
    project.write("beta.md", term("beta", related="[alpha]"))
    [d] = project.lint()
    assert (d.code, d.line) == ("GL300", 6) and "'betta', which is no term; did you mean 'beta'?" in d.message


def test_related_items_that_are_not_text_do_not_break_the_graph_checks(project: Project) -> None:
    project.write("alpha.md", term(related="[beta, {a: 1}, [x]]"))
    project.write("beta.md", term("beta", related="[alpha]"))
    assert {d.code for d in project.lint()} == {"GL103"}


def test_text_in_other_scripts_and_with_symbols(project: Project) -> None:
    project.write("alpha.md", term(title="人工知能", summary="人工知能とは、人間のように考える機械のことです。",
                                   definition="人工知能は、人間のように学び、考え、判断するコンピューターの仕組みです。これは説明のための長い文です。",
                                   faq="\n  - question: What is C++?\n    answer: A language.\n"
                                       "  - question: What is C?\n    answer: Another one."))
    assert project.codes() == []


def test_decomposed_accents_are_the_same_name(project: Project) -> None:
    composed, decomposed = "Caf\u00e9 Model", "Cafe\u0301 Model"
    project.write("alpha.md", term(title=f'"{composed}"', related="[gamma]",
                                   definition=f'"{composed} is a made-up term, defined in one paragraph here."'))
    project.write("gamma.md", term("gamma", related="[alpha, beta]"))
    project.write("beta.md", term("beta", related="[gamma]").replace(
        "The body of the term.", f"The {decomposed} is mentioned here."))
    assert {(Path(d.path).stem, d.code) for d in project.lint()} == {("beta", "GL309")}
    project.write("delta.md", term("delta", title=f'"{decomposed}"', related="[gamma]"))
    assert ("delta", "GL214") in {(Path(d.path).stem, d.code) for d in project.lint()}


# --- the body: GL312 --------------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["", "\n", "   \n\n\t\n"])
def test_a_published_term_without_a_body(project: Project, body: str) -> None:
    project.write("alpha.md", term().replace("The body of the term.\n", body))
    assert project.codes() == [("GL312", 9, 1)]


def test_a_draft_without_a_body_is_fine_and_a_body_passes(project: Project) -> None:
    project.write("alpha.md", term(status="draft").replace("The body of the term.\n", ""))
    project.write("beta.md", term("beta"))
    assert project.codes() == []


def test_the_message_names_every_code_that_can_be_switched_off() -> None:
    from glossary.diagnostics import CODES
    from glossary.read.switches import switchable, switchable_codes

    named: set[str] = set()
    for part in switchable_codes().split(", "):
        first, _, last = part.partition("-")
        named.update(f"GL{n}" for n in range(int(first[2:]), int((last or first)[2:]) + 1))
    assert named == {code for code in CODES if switchable(code)}
    assert "GL312" in named and "GL302" not in named and "GL300" not in named


def test_a_project_that_disables_an_error_is_told_which_codes_it_may(tmp_path: Path) -> None:
    from glossary.config import ConfigError, load_project
    from glossary.read.switches import switchable_codes

    (tmp_path / "pyproject.toml").write_text('[tool.glossary]\ndisable = ["GL210"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(switchable_codes())):
        load_project(tmp_path)
