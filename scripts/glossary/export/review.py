"""What a change does to the glossary, for review: two exports (bundles) in, the terms added, removed,
renamed and changed out, and for each changed term the fields that changed, as text, JSON or Markdown.

A rename is a slug that went away while the newer export's redirects send it to a slug that arrived. A
term is changed when its content_hash differs; its fields are compared one by one: lists of names
(`related`, `aliases`, `tags`, `related_by`) say what was added and removed, other fields only that
they changed. Fields made from another (the HTML, the related terms' titles, the category's label) are
left out when the field they come from is named already.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from glossary.export.changes import MARKDOWN_SLUGS

NOT_COMPARED = frozenset({"slug", "content_hash", "json_ld"})  # json_ld restates the other fields
# Fields made from another: left out when their source is named already (`related_terms` still shows when
# only a related term's title or summary changed, as that is what the page shows).
RENDERED = {"body_html": "body", "definition_html": "definition", "related_terms": "related",
            "related_by_terms": "related_by", "superseded_by_term": "superseded_by", "category_label": "category"}


@dataclass(frozen=True)
class FieldChange:
    """One field of a term that changed; for a list of names, the names added and removed."""

    name: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        listed = {"added": list(self.added), "removed": list(self.removed)} if self.added or self.removed else {}
        return {"field": self.name, **listed}

    def text(self, quote: str = "") -> str:
        shown = [(sign, name.replace(quote, "'") if quote else name)
                 for sign, names in (("+", self.added), ("-", self.removed)) for name in names]
        moved = [f"{sign}{quote}{name}{quote}" for sign, name in shown]
        return " ".join([self.name, *moved])


@dataclass(frozen=True)
class Review:
    """The terms added, removed, renamed (old, new) and changed, each with its changed fields."""

    added: list[str]
    removed: list[str]
    renamed: list[tuple[str, str]]
    changed: list[str]
    fields: dict[str, list[FieldChange]] = field(default_factory=dict)  # by the (new) slug
    unchanged: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "removed": self.removed, "changed": self.changed,
                "renamed": [{"from": old, "to": new} for old, new in self.renamed],
                "fields": {slug: [change.as_dict() for change in changes] for slug, changes in self.fields.items()},
                "unchanged": self.unchanged}

    def text(self) -> str:
        lines = [f"added ({len(self.added)})" + (":" if self.added else "")] + [f"  {slug}" for slug in self.added]
        lines += [f"removed ({len(self.removed)})" + (":" if self.removed else "")]
        lines += [f"  {slug}" for slug in self.removed]
        lines += [f"renamed ({len(self.renamed)})" + (":" if self.renamed else "")]
        lines += [f"  {old} -> {new}{self._fields(new, ': ')}" for old, new in self.renamed]
        lines += [f"changed ({len(self.changed)})" + (":" if self.changed else "")]
        lines += [f"  {slug}{self._fields(slug, ': ')}" for slug in self.changed]
        return "\n".join([*lines, f"unchanged ({self.unchanged})"]) + "\n"

    def _fields(self, slug: str, lead: str, quote: str = "") -> str:
        changes = self.fields.get(slug, [])
        return lead + ", ".join(change.text(quote) for change in changes) if changes else ""

    def markdown(self) -> str:
        """A table of the counts, then the terms by kind of change, with their fields, for a job summary."""
        lines = ["| terms | count |", "| --- | ---: |"]
        counts = (("added", self.added), ("removed", self.removed), ("renamed", self.renamed), ("changed", self.changed))
        lines += [f"| {label} | {len(items)} |" for label, items in counts]
        lines += [f"| unchanged | {self.unchanged} |", ""]
        if self.added:
            lines.append(f"- added: {self._listed(self.added)}")
        if self.removed:
            lines.append(f"- removed: {self._listed(self.removed)}")
        for old, new in self.renamed[:MARKDOWN_SLUGS]:
            lines.append(f"- renamed: `{old}` → `{new}`{self._fields(new, ': ', '`')}")
        for slug in self.changed[:MARKDOWN_SLUGS]:
            lines.append(f"- changed: `{slug}`{self._fields(slug, ': ', '`')}")
        hidden = max(len(self.renamed) - MARKDOWN_SLUGS, 0) + max(len(self.changed) - MARKDOWN_SLUGS, 0)
        if hidden:
            lines.append(f"- and {hidden} more renamed or changed")
        return "\n".join(lines).rstrip("\n") + "\n"

    @staticmethod
    def _listed(slugs: list[str]) -> str:
        shown = ", ".join(f"`{slug}`" for slug in slugs[:MARKDOWN_SLUGS])
        return shown + (f" and {len(slugs) - MARKDOWN_SLUGS} more" if len(slugs) > MARKDOWN_SLUGS else "")


def review(old: Any, new: Any) -> Review:
    """Compare two export bundles (glossary.json documents, or index.json ones)."""
    before, after = _terms(old), _terms(new)
    moved = new.get("redirects") if isinstance(new, dict) else None
    redirects: dict[str, Any] = moved if isinstance(moved, dict) else {}
    arrived = after.keys() - before.keys()
    renamed = sorted((slug, redirects[slug]) for slug in before.keys() - after.keys()
                     if redirects.get(slug) in arrived)
    gone = {old_slug for old_slug, _ in renamed}
    came = {new_slug for _, new_slug in renamed}
    changed = sorted(slug for slug in before.keys() & after.keys()
                     if before[slug].get("content_hash") != after[slug].get("content_hash"))
    fields = {slug: compare_fields(before[slug], after[slug]) for slug in changed}
    fields.update({new_slug: compare_fields(before[old_slug], after[new_slug]) for old_slug, new_slug in renamed})
    return Review(added=sorted(arrived - came), removed=sorted(before.keys() - after.keys() - gone),
                  renamed=renamed, changed=changed, fields={slug: found for slug, found in fields.items() if found},
                  unchanged=len(before.keys() & after.keys()) - len(changed))


def _terms(bundle: Any) -> dict[str, dict[str, Any]]:
    terms = bundle.get("terms") if isinstance(bundle, dict) else None
    return {term["slug"]: term for term in terms or () if isinstance(term, dict) and isinstance(term.get("slug"), str)}


def compare_fields(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """The fields that differ between two versions of a term, in the newer one's order. Two whole term
    documents are compared field by field; where one is an index entry, only the fields both hold."""
    whole = "body" in old and "body" in new
    names = [name for name in [*new, *(key for key in old if key not in new)]
             if name not in NOT_COMPARED and (whole or name in old and name in new) and old.get(name) != new.get(name)]
    found = []
    for name in names:
        if RENDERED.get(name) in names:
            continue
        before, after = old.get(name), new.get(name)
        if _names(before) and _names(after):
            added = tuple(item for item in after or () if item not in (before or ()))
            removed = tuple(item for item in before or () if item not in (after or ()))
            found.append(FieldChange(name, added, removed) if added or removed else FieldChange(f"{name} (order)"))
        else:
            found.append(FieldChange(name))
    return found


def _names(value: Any) -> bool:
    """A list of text, or nothing: compared item by item."""
    return value is None or isinstance(value, list) and all(isinstance(item, str) for item in value)
