"""`glossary links --fix`: add the missing back-links that GL307 reports, in the other terms' files.

When a published term A lists B as related and B does not list A back, A is added to B's `related`. The
one-way links come from the reciprocity check itself (`check.reciprocity.one_way`), so a link a switch
exempts (`# glossary-disable GL307(B): why`, or GL307 switched off for A or the project) is left alone.
Each file is written by fmt's writer: the list sorted, comments kept, the rest in the canonical form,
the result read back before it is written atomically. A file with reading or YAML errors, or one fmt
would leave alone, is not touched; nor is a `related` list that would grow past the writers' guide's
eight closest terms (or the schema's maxItems, if lower): the writer chooses what goes there.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary import atomic
from glossary.authoring.emit import DataChange, NotFormattable
from glossary.authoring.fmt import format_file
from glossary.check.reciprocity import one_way
from glossary.check.validators import load_validator
from glossary.read.corpus import Term, load_corpus
from glossary.read.switches import disabled_codes

RELATED_GUIDE = 8  # CONTRIBUTING.md: keep related to the 3 to 8 closest terms


@dataclass(frozen=True)
class Backlink:
    """One file to change: the term whose `related` gains the slugs, and its bytes before and after."""

    term: Term
    added: tuple[str, ...]
    before: bytes
    after: bytes


@dataclass
class BacklinkPlan:
    """The files to change, and why others that should change cannot."""

    changes: list[Backlink] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def count(self) -> int:
        return sum(len(change.added) for change in self.changes)

    def diff(self) -> str:
        """Each change as a unified diff."""
        parts: list[str] = []
        for change in self.changes:
            before, after = (data.decode("utf-8", errors="replace").splitlines(keepends=True)
                             for data in (change.before, change.after))
            parts += difflib.unified_diff(before, after, f"a/{change.term.path}", f"b/{change.term.path}")
        return "".join(parts)


def plan_backlinks(root: Path, content: Path, schema: Path, disabled: frozenset[str]) -> BacklinkPlan:
    """Work out every missing back-link and each file's new text; nothing is written."""
    plan = BacklinkPlan()
    if "GL307" in disabled:
        return plan
    validator = load_validator(schema)
    missing: dict[str, list[str]] = defaultdict(list)
    corpus = load_corpus(content, root)
    terms = {term.slug: term for term in corpus.terms}
    for term, _, target in one_way(corpus):
        if "GL307" not in disabled_codes(term):
            missing[target].append(term.slug)
    limit = min(RELATED_GUIDE, _max_related(validator.schema) or RELATED_GUIDE)
    for target, sources in sorted(missing.items()):
        other = terms[target]
        if len(other.list_field("related")) + len(sources) > limit:
            plan.refused.append(f"{other.path}: not changed: related would hold more than the {limit} closest terms "
                                f"with {', '.join(sources)}; remove a less close one there and run this again, or "
                                f"say in {', '.join(sources)} why the link goes one way: "
                                f"'# glossary-disable GL307({target}): reason'")
            continue
        added = tuple(sorted(sources))
        outcome = format_file(other.source.path, other.path, validator.schema, validator, _adding(added))
        if outcome.data is None:
            plan.refused += [f"{line} (so {', '.join(added)} could not be added to related)"
                             for line in outcome.refusals()]
            continue
        plan.changes.append(Backlink(other, added, other.source.path.read_bytes(), outcome.data))
    return plan


def apply_backlinks(plan: BacklinkPlan) -> list[str]:
    """Write each changed file atomically; the files that could not be written, with why."""
    failed: list[str] = []
    for change in plan.changes:
        try:
            if change.term.source.path.read_bytes() != change.before:
                failed.append(f"{change.term.path}: not changed: it changed while the back-links were worked out; "
                              "run glossary links --fix again")
                continue
            atomic.replace_file(change.term.source.path, change.after)
        except OSError as error:
            failed.append(f"{change.term.path}: not changed: cannot write it ({error.strerror or error})")
    return failed


def _adding(slugs: tuple[str, ...]) -> DataChange:
    def change(data: dict[str, Any]) -> dict[str, Any]:
        related = data.get("related", [])
        if not isinstance(related, list):
            raise NotFormattable("related is not a list")
        return {**data, "related": [*related, *slugs]}
    return change


def _max_related(schema: Any) -> int | None:
    try:
        limit = schema["properties"]["related"]["maxItems"]
    except (KeyError, TypeError):
        return None
    return limit if isinstance(limit, int) else None
