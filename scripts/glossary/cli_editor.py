"""The commands for editors: `schema` (print a schema), `editor-config` (configuration made from the term
schema), `lsp` (the language server) and `preview` (the site, rebuilt on save). Like `cli`, it only turns
options into calls.
"""

from __future__ import annotations

from pathlib import Path

import click

from glossary.cli_support import USAGE_ERROR
from glossary.cli_support import project_here as _project
from glossary.cli_support import shown as _shown
from glossary.cli_support import stop as _stop
from glossary.config import ConfigError


def add_editor_commands(group: click.Group) -> None:
    """Add `schema`, `editor-config`, `lsp` and `preview` to the group."""
    for command in (schema_command, editor_config_command, lsp, preview):
        group.add_command(command)


@click.command("schema")
@click.option("--front-matter", "which", flag_value="front-matter", default=True,
              help="The term schema: what a term's front matter may hold [default].")
@click.option("--export", "which", flag_value="export",
              help="The export schema: what glossary.json, terms/<slug>.json and index.json hold.")
def schema_command(which: str) -> None:
    """Print the term schema (or, with --export, the export schema) as JSON.

    The schemas come from [tool.glossary] schema and export_schema. Exit 0, or 2 if the file is missing
    or is not JSON.
    """
    from glossary.authoring.editor import schema_text

    project = _project()
    try:
        text = schema_text(project.schema if which == "front-matter" else project.export_schema)
    except ConfigError as error:
        _stop(f"glossary: {error}", USAGE_ERROR)
    click.echo(text, nl=False)


@click.command("editor-config")
@click.option("--kind", type=click.Choice(["frontmatter-cms", "vscode-tasks", "helix", "neovim"]),
              default="frontmatter-cms", show_default=True,
              help="frontmatter-cms: a frontmatter.json form made from the schema; vscode-tasks: a "
                   ".vscode/tasks.json that lints the open file; helix: a languages.toml, and neovim: a Lua "
                   "file, that start the language server (glossary lsp).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to FILE (making its folder) instead of printing.")
@click.option("--force", is_flag=True, help="Replace --out even if it holds something else.")
def editor_config_command(kind: str, out: Path | None, force: bool) -> None:
    """Generate editor configuration from the term schema, to print or to write to --out.

    Regenerate it after changing the schema. docs/editor.md says what each kind gives. Exit 0; 1 if
    --out holds something else (without --force) or cannot be written; 2 if the schema is missing or
    is not JSON.
    """
    from glossary.authoring.editor import ConfigFileExists, editor_config, write_config

    project = _project()
    try:
        text = editor_config(kind, project.schema, _shown(project.content, project))
    except ConfigError as error:
        _stop(f"glossary: {error}", USAGE_ERROR)
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        written = write_config(text, out, force)
    except ConfigFileExists as error:
        _stop(f"glossary: {error}", 1)
    except OSError as error:
        _stop(f"glossary: cannot write {out} ({error.strerror or error})", 1)
    click.echo(f"wrote {out}" if written else f"{out} is already up to date", err=True)


@click.command()
def lsp() -> None:
    """Run the language server on standard input and output, for editors.

    An editor starts it: it lints each open term as you type (the same checks and messages as lint),
    completes slugs and field values, shows a term on hover, and renames. docs/editor.md says how to
    set up VS Code, Neovim and Helix.
    """
    from glossary.lsp.server import serve

    serve()


@click.command()
@click.option("--content", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of term files [default: content/terms, or [tool.glossary] content].")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 to serve on (0: any free port).")
def preview(content: Path | None, port: int) -> None:
    """Serve the site, drafts included, on 127.0.0.1, and build it again whenever a term is saved.

    The open page reloads after each build. A term with errors keeps its last good page, with its
    diagnostics above it (a new term gets a page of its diagnostics alone). Stop it with Ctrl-C. Exit 0
    when stopped, 2 on a usage error (such as a port already in use).
    """
    import signal
    import sys
    import time

    from glossary.export.job import ExportSettings
    from glossary.lint.job import LintSettings
    from glossary.site.preview import Preview, PreviewSettings

    project = _project()
    folder = (content or project.content).absolute()
    lint = LintSettings(project.root, folder, project.schema.absolute(), disabled=project.disabled)
    export = ExportSettings(lint, project.out, project.export_schema, True, name=project.name)
    running = Preview(PreviewSettings(export, (folder, project.redirects, project.schema), port))
    try:
        bound = running.serve()
    except ConfigError as error:
        running.stop()
        _stop(f"glossary: {error}", USAGE_ERROR)
    except OSError as error:
        running.stop()
        _stop(f"glossary: cannot serve on 127.0.0.1:{port} ({error.strerror or error}); "
              "give another --port, or --port 0 for any free one", USAGE_ERROR)
    click.echo(f"serving the glossary (drafts included) at http://127.0.0.1:{bound}/; press Ctrl-C to stop",
               err=True)
    if running.problems:
        click.echo("the first build did not finish:\n" + "\n".join(running.problems), err=True)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a service manager: clean up all the same
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        running.stop()
