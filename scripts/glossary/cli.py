"""The command line: turns options into settings, calls the job, prints, and returns the exit code.

No logic lives here: `lint` and `links` call lint.run_lint (and graph.graph_report), `new` calls
scaffold.create_term with what it needs from the project.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from collections.abc import Callable
from typing import Any

import click

from glossary import __version__
from glossary.cli_support import USAGE_ERROR
from glossary.cli_support import project_here as _project
from glossary.cli_support import shown as _shown
from glossary.cli_support import stop as _stop
from glossary.config import ConfigError, Project
from glossary.lint.job import LintResult, LintSettings, run_lint
from glossary.report import diagnostics as report

CONTENT_HELP = "Folder of term files [default: content/terms, or [tool.glossary] content]."
NO_CACHE_HELP = "Check every file afresh, neither reading nor writing the cache in .glossary-cache/."


def _settings(project: Project, files: tuple[Path, ...], content: Path | None, schema: Path | None,
              strict: bool, check_names: tuple[str, ...] | None = None, cache: bool = True) -> LintSettings:
    return LintSettings(
        root=project.root,
        content=(content or project.content).absolute(),
        schema=(schema or project.schema).absolute(),
        files=files,
        strict=strict,
        check_names=check_names or LintSettings.check_names,
        disabled=project.disabled,
        cache=cache,
    )


def _run(settings: LintSettings) -> LintResult:
    try:
        return run_lint(settings)
    except ConfigError as error:
        _stop(f"glossary: {error}", USAGE_ERROR)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="glossary")
def main() -> None:
    """Lint the AI glossary's Markdown terms, check the links between them, and export them as JSON."""
    _tolerate_narrow_terminals()


def _tolerate_narrow_terminals() -> None:
    """Print what a terminal's encoding cannot show as escapes, instead of failing (Windows' cp1252)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # a stream that cannot be changed any more
                pass


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help=CONTENT_HELP)
@click.option("--schema", type=click.Path(dir_okay=False, path_type=Path),
              help="JSON Schema for the front matter [default: schema/term.schema.json].")
@click.option("--format", "output_format", type=click.Choice(list(report.FORMATS)), default="text",
              show_default=True, help="How to print the diagnostics.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--no-cache", is_flag=True, help=NO_CACHE_HELP)
def lint(files: tuple[Path, ...], content: Path | None, schema: Path | None, output_format: str,
         strict: bool, no_cache: bool) -> None:
    """Check FILES (default: every term) against the schema and the glossary's rules.

    Links always resolve against the whole content folder. Exit 0 when clean (warnings allowed unless
    --strict), 1 when there are problems, 2 on a usage or configuration error. Every code, what it means
    and how to fix it: docs/diagnostics.md, or glossary explain CODE.
    """
    result = _run(_settings(_project(), files, content, schema, strict, cache=not no_cache))
    summary = report.Summary.of(result.diagnostics, result.files)
    click.echo(report.get(output_format)(result.diagnostics, summary), nl=False)
    if output_format == "text":
        click.echo(summary.sentence(), err=True)
    sys.exit(result.exit_code())


@main.command()
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help=CONTENT_HELP)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "dot", "mermaid"]), default="text",
              show_default=True, help="The report as text or JSON, or the graph itself for Graphviz or Mermaid.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1).")
@click.option("--fix", is_flag=True, help="Add the missing back-links (GL307) to the other terms' related lists.")
@click.option("--dry-run", is_flag=True, help="With --fix: print the changes as a diff and write nothing.")
def links(content: Path | None, output_format: str, strict: bool, fix: bool, dry_run: bool) -> None:
    """Check the related-terms graph: broken links first, then the graph's shape.

    The report counts terms and links, says whether every term can reach every other, and lists
    one-way links and orphans. --format dot or mermaid prints the graph to draw instead. Exit codes as
    for lint: only broken links (and unreadable files) fail. --fix adds each missing back-link instead,
    as fmt writes (exit 1 if a file had to be left alone).
    """
    from glossary.report.graph import graph_report, render_dot, render_mermaid

    project = _project()
    result = _run(_settings(project, (), content, None, strict, check_names=("names", "links")))
    if fix or dry_run:
        from glossary.cli_review import fix_links

        errors = [d for d in result.diagnostics if d.severity == "error"]
        if errors:  # a back-link added beside a misspelt slug would become a repeat once the typo is fixed
            click.echo(report.render_text(errors, report.Summary.of(errors, result.files)), nl=False, err=True)
            _stop("glossary: links --fix refused: fix the errors above first; nothing was written", 1)
        sys.exit(fix_links(project, (content or project.content).absolute(), dry_run))
    summary = report.Summary.of(result.diagnostics, result.files)
    if output_format == "json":
        document = {"diagnostics": [d.as_dict() for d in result.diagnostics],
                    "graph": graph_report(result.corpus, project.disabled).as_dict(), "summary": summary.as_dict()}
        click.echo(json.dumps(document, indent=2))
    elif output_format in ("dot", "mermaid"):
        click.echo(report.render_text(result.diagnostics, summary), nl=False, err=True)
        click.echo((render_dot if output_format == "dot" else render_mermaid)(result.corpus), nl=False)
    else:
        graph = graph_report(result.corpus, project.disabled)
        click.echo(report.render_text(result.diagnostics, summary) + graph.text(), nl=False)
        click.echo(summary.sentence(), err=True)
    sys.exit(result.exit_code())


def _export(project: Project, options: dict[str, Any], site: bool = False) -> None:
    """Lint, print the diagnostics, then export (and with `site`, the site beside it) or refuse: the body of
    `export`, `site` and `build`."""
    from glossary.export import ExportFailed
    from glossary.export.job import ExportSettings, run_export

    target = (options["out"] or project.out).absolute()
    lint = _settings(project, (), options["content"], None, options["strict"], cache=not options["no_cache"])
    base_url = project.base_url if options["base_url"] is None else options["base_url"]
    page_url = options["page_url"] or project.page_url
    try:
        if site:
            from glossary.site.build import site_page_url, write_site

            page_url = site_page_url(base_url, page_url)
        settings = ExportSettings(lint, target, project.export_schema, bool(options["include_drafts"]), base_url,
                                  project.name, page_url, options["previous"])
        pages: list[int] = []  # how many the site wrote
        result = run_export(settings, (lambda staging, out: pages.append(write_site(staging, project.name, out)))
                            if site else None)
    except ConfigError as error:
        _stop(f"glossary: {error}", USAGE_ERROR)
    except ExportFailed as error:
        _stop(f"glossary: {error}", 1)
    summary = report.Summary.of(result.lint.diagnostics + result.refusals, result.lint.files)
    click.echo(report.render_text(sorted(result.lint.diagnostics + result.refusals), summary), nl=False)
    click.echo(summary.sentence(), err=True)
    if not result.written:
        _stop(f"glossary: export refused: fix the errors above; {_shown(target, project)} is unchanged", 1)
    click.echo(f"exported {result.count} terms to {_shown(target, project)}{result.feed_note()}"
               + (f", and the site's {pages[0]} pages" if pages else ""), err=True)


OUT_HELP = "Folder to write the export to, replaced whole [default: dist, or [tool.glossary] out]."
DRAFTS_HELP = "Export drafts too (left out by default)."
BASE_URL_HELP = "Where the export will be published, for the URLs inside it [default: relative]."
PAGE_URL_HELP = "Where a site shows each term, such as 'https://example.org/g/{{slug}}/' [default: {default}]."
PREVIOUS_HELP = "The export this one follows, whose change feed it continues (folder or URL) [default: --out]."


def _export_options(page_url_default: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options `export` and `site` share (their page URL's default differs)."""
    options = [
        click.option("--content", type=click.Path(file_okay=False, path_type=Path), help=CONTENT_HELP),
        click.option("--out", type=click.Path(path_type=Path), help=OUT_HELP),
        click.option("--previous", metavar="SOURCE", help=PREVIOUS_HELP),
        click.option("--include-drafts", is_flag=True, help=DRAFTS_HELP),
        click.option("--base-url", help=BASE_URL_HELP),
        click.option("--page-url", metavar="TEMPLATE", help=PAGE_URL_HELP.format(default=page_url_default)),
        click.option("--strict", is_flag=True, help="Refuse on warnings too."),
        click.option("--no-cache", is_flag=True, help=NO_CACHE_HELP),
    ]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


@main.command()
@_export_options("[tool.glossary]")
def export(**options: Any) -> None:
    """Lint every term, then write the JSON export, or refuse if any error remains.

    Writes glossary.json, index.json, terms/<slug>.json, glossary.jsonld, export.schema.json, changes.json
    and the change feed (changes/) into a new folder beside --out, then swaps it in whole: a refused or
    failed export leaves the previous one exactly as it was. Exit 0 written, 1 refused or failed, 2 usage
    error.
    """
    _export(_project(), options)


@main.command()
@_export_options("[tool.glossary], else terms/{slug}/ under the base")
def site(**options: Any) -> None:
    """Lint every term, then write the export and the static site built from it, or refuse on any error.

    The export's files as `glossary export` writes them, and beside them a page per term (at the page URL
    each term's document names: terms/<slug>/ by default), the home page with the A-Z list and search,
    a page per category, the graph, 404.html, robots.txt and sitemap.xml. All of it is written into a new
    folder beside --out and swapped in whole: a refused or failed build leaves the previous one as it was.
    Exit 0 written, 1 refused or failed, 2 usage error.
    """
    _export(_project(), options, site=True)


@main.command()
@click.option("--strict", is_flag=True, help="Refuse on warnings too.")
@click.option("--no-cache", is_flag=True, help=NO_CACHE_HELP)
def build(strict: bool, no_cache: bool) -> None:
    """The main job: lint every term, then write the export and the site to dist/ (or [tool.glossary] out).

    The same as `glossary site` with the project's settings. Exit 0 written, 1 refused or failed,
    2 usage error.
    """
    defaults = dict.fromkeys(("content", "out", "include_drafts", "base_url", "page_url", "previous"))
    _export(_project(), defaults | {"strict": strict, "no_cache": no_cache}, site=True)


@main.command()
@click.argument("source")
@click.argument("dest", type=click.Path(path_type=Path))
def sync(source: str, dest: Path) -> None:
    """Mirror the export published at SOURCE (a folder or an http(s) URL) into the folder DEST.

    The first run fetches everything; later runs follow the export's change feed and fetch only the term
    files that changed (or compare index.json's hashes when the feed cannot bridge the gap). DEST ends
    equal, file for file, to a fresh download, and is swapped in whole. Exit 0 in sync, 1 failed (DEST
    unchanged), 2 usage error.
    """
    from glossary.export.published import published
    from glossary.sync import SyncFailed
    from glossary.sync.mirror import run_sync

    try:
        result = run_sync(published(source), dest)
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    except SyncFailed as error:
        _stop(f"glossary: sync failed: {error}; {dest} is unchanged", 1)
    click.echo(result.sentence(dest), err=True)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help=CONTENT_HELP)
@click.option("--check", is_flag=True, help="Write nothing; list the files that would change, and exit 1 if any.")
def fmt(files: tuple[Path, ...], content: Path | None, check: bool) -> None:
    """Rewrite the front matter of FILES (default: every term) into one canonical form.

    Key order as in the schema, lists in block style, related sorted, long text folded; the data, the
    comments and the body stay as they were. A file with reading or YAML errors is left alone. Exit 0
    done (or nothing to change, with --check), 1 if a file was left alone or would change, 2 usage error.
    """
    from glossary.authoring.fmt import FormatSettings, run_format

    project = _project()
    settings = FormatSettings(project.root, (content or project.content).absolute(), project.schema.absolute(),
                              files, check)
    try:
        result = run_format(settings)
    except ConfigError as error:
        _stop(f"glossary: {error}", USAGE_ERROR)
    for message in result.refused:
        click.echo(message, err=True)
    if check:
        click.echo("".join(f"{shown}\n" for shown in result.changed), nl=False)
        if result.changed:
            click.echo(f"{len(result.changed)} of {result.files} files would change: run glossary fmt to fix",
                       err=True)
    else:
        click.echo(f"formatted {len(result.changed)} of {result.files} files", err=True)
    sys.exit(result.exit_code(check))


@main.command()
@click.argument("old")
@click.argument("new")
@click.option("--title", help="Give the term this title too; the old title becomes an alias.")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help=CONTENT_HELP)
@click.option("--dry-run", is_flag=True, help="Print what would change (a diff per file) and write nothing.")
def rename(old: str, new: str, title: str | None, content: Path | None, dry_run: bool) -> None:
    """Rename the term OLD to NEW (both slugs) and rewrite every reference to it.

    Moves OLD.md to NEW.md; rewrites related, superseded_by, links in bodies and definitions, and switch
    comments, in place; with --title, changes the title and keeps the old one as an alias; records
    OLD: NEW in the redirects file, so the export keeps OLD working. Exit 0 done, 1 refused (nothing
    changed), 2 usage error.
    """
    from glossary.authoring.edits import RenameRefused
    from glossary.authoring.rename import (
        RenameRequest,
        apply_rename,
        plan_rename,
        render_diff,
    )

    project = _project()
    request = RenameRequest(project.root, (content or project.content).absolute(), old, new, title,
                            project.schema.absolute())
    try:
        plan = plan_rename(request)
        if dry_run:
            click.echo(render_diff(plan), nl=False)
            click.echo(plan.summary(dry_run=True), err=True)
            return
        apply_rename(plan)
    except ConfigError as error:
        _stop(f"glossary: {error}", USAGE_ERROR)
    except RenameRefused as refused:
        _stop(f"glossary: rename refused: {refused}", 1)
    except OSError as error:
        _stop(f"glossary: rename failed ({error.strerror or error}); what was written is put back", 1)
    click.echo(plan.summary())


@main.command()
@click.argument("title")
@click.option("--category", help="The term's category, from the schema's list [default: concepts].")
@click.option("--abbreviation", metavar="TEXT",
              help="The term's abbreviation or acronym in common use, such as LLM (at most 20 characters).")
@click.option("--content", type=click.Path(file_okay=False, path_type=Path), help=CONTENT_HELP)
def new(title: str, category: str | None, abbreviation: str | None, content: Path | None) -> None:
    """Write a draft term for TITLE from the template, ready to fill in.

    The file is content/terms/<slug>.md, the slug made from the title. Exit 1 if it already exists
    (new never overwrites) or another term already has the title or abbreviation as one of its names;
    2 for a title, abbreviation or category that cannot be used (a category near one in the schema is
    suggested).
    """
    from glossary.authoring.new import (
        NewTerm,
        TermExists,
        advice,
        choose_category,
        create_term,
        schema_categories,
        taken_names,
    )
    from glossary.check.validators import load_validator

    project = _project()
    folder = (content or project.content).absolute()
    try:
        validator = load_validator(project.schema)  # read once: the categories come from it too
        categories = schema_categories(validator.schema)
        chosen = choose_category(category, categories)
        path = create_term(NewTerm(title, chosen, folder, categories, datetime.date.today(), abbreviation),
                           validator, taken_names(folder, project.root))
    except ConfigError as error:
        raise click.UsageError(str(error)) from None
    except TermExists as exists:
        _stop(f"glossary: {exists}", 1)
    except OSError as error:
        _stop(f"glossary: cannot write the new term ({error.strerror or error})", 1)
    click.echo(f"wrote {_shown(path, project)}, a draft: {advice(categories)}")


from glossary.cli_editor import add_editor_commands  # noqa: E402  (they join `main`, made above)
from glossary.cli_review import add_review_commands  # noqa: E402

add_editor_commands(main)
add_review_commands(main)  # last: it adds an example to every command's help
