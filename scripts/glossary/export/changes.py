"""What changed between two exports, by each term's content_hash: for `glossary diff` and changes.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MAX_BUNDLE = 2**30  # 1 GiB: a 100,000-term bundle is a few hundred MB
MARKDOWN_SLUGS = 200  # slugs listed per kind of change in Markdown; a job summary holds at most 1 MiB


class UnreadableExport(Exception):
    """A path that holds no readable export (the message says why)."""


@dataclass(frozen=True)
class Changes:
    """Slugs added, removed and changed (each sorted), and how many stayed the same."""

    added: list[str]
    removed: list[str]
    changed: list[str]
    unchanged: int

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed, "unchanged": self.unchanged}

    def text(self) -> str:
        lines = []
        for label, slugs in (("added", self.added), ("removed", self.removed), ("changed", self.changed)):
            lines.append(f"{label} ({len(slugs)})" + (":" if slugs else ""))
            lines += [f"  {slug}" for slug in slugs]
        lines.append(f"unchanged ({self.unchanged})")
        return "\n".join(lines) + "\n"

    def markdown(self) -> str:
        """A table of the counts, then the slugs added, changed and removed, for a workflow's job summary."""
        from glossary.report.diagnostics import escape_markdown

        lines = ["| terms | count |", "| --- | ---: |"]
        groups = (("added", self.added), ("changed", self.changed), ("removed", self.removed))
        lines += [f"| {label} | {len(slugs)} |" for label, slugs in groups]
        lines += [f"| unchanged | {self.unchanged} |", ""]
        for label, slugs in groups:
            if slugs:
                shown = ", ".join(escape_markdown(slug) for slug in slugs[:MARKDOWN_SLUGS])
                more = f" and {len(slugs) - MARKDOWN_SLUGS} more" if len(slugs) > MARKDOWN_SLUGS else ""
                lines.append(f"- {label}: {shown}{more}")
        return "\n".join(lines).rstrip("\n") + "\n"


def compare(old: dict[str, str], new: dict[str, str]) -> Changes:
    """Compare two {slug: content_hash} maps."""
    return Changes(
        added=sorted(new.keys() - old.keys()),
        removed=sorted(old.keys() - new.keys()),
        changed=sorted(slug for slug in old.keys() & new.keys() if old[slug] != new[slug]),
        unchanged=sum(1 for slug in old.keys() & new.keys() if old[slug] == new[slug]),
    )


def bundle_path(path: Path) -> Path:
    """A folder means its glossary.json; a file is taken as it is."""
    return path / "glossary.json" if path.is_dir() else path


def read_hashes(path: Path) -> dict[str, str]:
    """{slug: content_hash} from an export folder, a glossary.json or an index.json."""
    return hashes_of(read_bundle(path), bundle_path(path))


def read_bundle(path: Path) -> Any:
    """The JSON document of an export folder's glossary.json, or of a glossary.json or index.json."""
    bundle = bundle_path(path)
    try:
        if not bundle.is_file() and bundle.exists():
            raise UnreadableExport(f"{bundle} is not a file: give an export folder or its glossary.json")
        if bundle.exists() and bundle.stat().st_size > MAX_BUNDLE:
            raise UnreadableExport(f"{bundle} is over {MAX_BUNDLE // 2**20} MiB: far larger than an export")
        return json.loads(bundle.read_bytes())
    except FileNotFoundError:
        raise UnreadableExport(f"{bundle} does not exist: give an export folder or its glossary.json") from None
    except OSError as error:
        raise UnreadableExport(f"cannot read {bundle}: {error.strerror or error}") from None
    except (UnicodeDecodeError, ValueError) as error:
        raise UnreadableExport(f"{bundle} is not JSON ({error})") from None
    except RecursionError:
        raise UnreadableExport(f"{bundle} is nested too deeply to be an export") from None


def hashes_of(document: Any, where: Path) -> dict[str, str]:
    terms = document.get("terms") if isinstance(document, dict) else None
    if not isinstance(terms, list):
        raise UnreadableExport(f"{where} is not a glossary export: it has no list of terms")
    found: dict[str, str] = {}
    for entry in terms:
        slug = entry.get("slug") if isinstance(entry, dict) else None
        content_hash = entry.get("content_hash") if isinstance(entry, dict) else None
        if not isinstance(slug, str) or not isinstance(content_hash, str):
            raise UnreadableExport(f"{where} has a term without a slug and a content_hash")
        found[slug] = content_hash
    return found
