"""What every command module of the command line shares: finding the project, stopping with a message."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from glossary.config import ConfigError, Project, load_project

USAGE_ERROR = 2


def project_here() -> Project:
    """The project around the current folder; a configuration error is a usage error (exit 2)."""
    try:
        return load_project()
    except ConfigError as error:
        raise click.UsageError(str(error)) from None


def stop(message: str, code: int) -> NoReturn:
    """Say what went wrong on standard error and end with the exit code."""
    click.echo(message, err=True)
    sys.exit(code)


def shown(path: Path, project: Project) -> str:
    """A path as a writer reads it: relative to the project root where it can be."""
    return path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else str(path)
