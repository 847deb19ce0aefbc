"""The commands for editors: `schema` (print a schema), `editor-config` (configuration made from the term
schema), and `lsp` (the language server). Like `cli`, it only turns options into calls.
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
    """Add `schema`, `editor-config` and `lsp` to the group."""
    for command in (schema_command, editor_config_command, lsp):
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
