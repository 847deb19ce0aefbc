"""Settings: find the project root, read `[tool.glossary]` from pyproject.toml, and resolve paths."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_CONTENT = "content/terms"
DEFAULT_SCHEMA = "schema/term.schema.json"
DEFAULT_EXPORT_SCHEMA = "schema/export.schema.json"
DEFAULT_OUT = "dist"
DEFAULT_REDIRECTS = "content/redirects.yml"


class ConfigError(Exception):
    """A problem with the tool's configuration or options (exit code 2), not with a term."""


@dataclass(frozen=True)
class Project:
    """The project root and the paths that `[tool.glossary]` names, resolved against it."""

    root: Path
    content: Path
    schema: Path
    export_schema: Path  # the export's JSON Schema
    out: Path  # where `build` writes the export
    redirects: Path  # the renamed terms' old slugs and where they went (kept by `glossary rename`)
    disabled: frozenset[str] = frozenset()  # content-quality codes switched off for the whole project
    base_url: str = ""  # where the export is published, for the URLs inside it ("" keeps them relative)
    name: str = "Glossary"  # the glossary's name, in the JSON-LD
    page_url: str | None = None  # where a site shows each term: a template holding {slug}


def find_root(start: Path) -> Path:
    """The nearest folder upward holding a pyproject.toml with a [tool.glossary] table, else `start`."""
    for folder in (start, *start.parents):
        table = _glossary_table(folder / "pyproject.toml")
        if table is not None:
            return folder
    return start


def _glossary_table(pyproject: Path) -> dict[str, Any] | None:
    if not pyproject.is_file():
        return None
    try:
        document = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: cannot read it as TOML ({error})") from error
    tool = document.get("tool")
    table = tool.get("glossary") if isinstance(tool, dict) else None
    return table if isinstance(table, dict) else None


def load_project(start: Path | None = None) -> Project:
    """Find the project from `start` (the current folder by default) and read its settings."""
    here = (start or Path.cwd()).absolute()
    root = find_root(here)
    table = _glossary_table(root / "pyproject.toml") or {}
    return Project(
        root=root,
        content=root / _setting(table, "content", DEFAULT_CONTENT),
        schema=root / _setting(table, "schema", DEFAULT_SCHEMA),
        disabled=_disabled(table),
        export_schema=root / _setting(table, "export_schema", DEFAULT_EXPORT_SCHEMA),
        out=root / _setting(table, "out", DEFAULT_OUT),
        redirects=root / _setting(table, "redirects", DEFAULT_REDIRECTS),
        base_url=_text(table, "base_url", ""),
        name=_text(table, "name", "Glossary"),
        page_url=_text(table, "page_url", "") or None,
    )


def redirects_setting(root: Path) -> tuple[Path, Path]:
    """The content folder and the redirects file that `[tool.glossary]` in `root`'s pyproject.toml names."""
    table = _glossary_table(root / "pyproject.toml") or {}
    return root / _setting(table, "content", DEFAULT_CONTENT), root / _setting(table, "redirects", DEFAULT_REDIRECTS)


def _disabled(table: dict[str, Any]) -> frozenset[str]:
    from glossary.read.switches import switchable_codes, unknown_codes

    codes = table.get("disable", [])
    if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
        raise ConfigError('[tool.glossary] disable must be a list of codes, such as ["GL309"]')
    wrong = unknown_codes(codes)
    if wrong:
        raise ConfigError(f"[tool.glossary] disable names {', '.join(map(repr, wrong))}: only content-quality "
                          f"warnings ({switchable_codes()}) can be switched off")
    return frozenset(codes)


def _setting(table: dict[str, Any], name: str, default: str) -> str:
    value = table.get(name, default)
    if not isinstance(value, str) or not value:
        raise ConfigError(f"[tool.glossary] {name} must be a path written as text, such as {default!r}")
    return value


def _text(table: dict[str, Any], name: str, default: str) -> str:
    value = table.get(name, default)
    if not isinstance(value, str):
        raise ConfigError(f"[tool.glossary] {name} must be text")
    return value
