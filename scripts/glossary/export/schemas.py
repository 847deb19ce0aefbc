"""The schemas around the export: the strict export schema the documents are checked against before they
are written, the lenient copy published beside them, and the category labels the term schema holds.

The published export.schema.json is the strict one with every `"additionalProperties": false` taken out:
within 1.x fields are only added, so a consumer validating with it accepts documents from later minor
versions. The category labels are the term schema's `x-labels` on `category` (one place for them;
docs/categories.md shows them); a category without one is its own label.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from glossary.config import ConfigError

LENIENT_NOTE = ("Published with every object open to fields it does not name, so that a 1.x document of a later "
                "minor version validates: ignore the fields you do not know. The export itself is checked, before "
                "it is written, against the strict form (the same schema with additionalProperties false), "
                "schema/export.schema.json in the glossary's repository.")


def lenient(schema: Any) -> Any:
    """The schema with every `additionalProperties: false` removed, at any depth."""
    if isinstance(schema, dict):
        return {key: lenient(value) for key, value in schema.items()
                if not (key == "additionalProperties" and value is False)}
    if isinstance(schema, list):
        return [lenient(value) for value in schema]
    return schema


def published_schema(strict: dict[str, Any]) -> bytes:
    """export.schema.json as the export publishes it: lenient, with a note saying so."""
    document = {**lenient(strict), "$comment": LENIENT_NOTE}
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def category_labels(term_schema: Path) -> dict[str, str]:
    """Category to label, from the term schema's `properties.category["x-labels"]` ({} if it has none)."""
    try:
        schema = json.loads(term_schema.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError) as error:
        raise ConfigError(f"cannot read the term schema {term_schema}: {error}") from error
    category = schema.get("properties", {}).get("category", {}) if isinstance(schema, dict) else {}
    labels = category.get("x-labels", {}) if isinstance(category, dict) else {}
    if not isinstance(labels, dict) or not all(isinstance(v, str) and v.strip() for v in labels.values()):
        raise ConfigError(f"{term_schema}: category's x-labels must map each category to its label, as text")
    return dict(labels)
