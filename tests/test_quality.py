"""Content-quality check: placeholders from `glossary new` warn in drafts and fail published terms."""

from __future__ import annotations

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


def test_words_that_merely_contain_todo_are_fine(project: Project) -> None:
    project.write("alpha.md", term(example="A TODOS list and mastodon posts are not placeholders; nor is todo."))
    assert project.codes() == []


def test_files_without_a_status_are_not_glossary_terms_and_are_skipped(project: Project) -> None:
    project.write("post.md", "---\nlayout: post\n---\nTODO: finish this post.\n")
    assert "GL301" not in {c for c, _, _ in project.codes()}
