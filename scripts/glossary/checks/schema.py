"""Schema check (GL1xx): every JSON Schema error, at the line and column of the key or value at fault.

jsonschema says what is wrong and where in the data (`absolute_path`); the parser's positions turn that
into a line and column. Messages are rewritten for writers: an unknown field suggests the closest known
one, a YAML 1.1 surprise (`no` read as false, `1.10` as a number) says to quote the value.

Passes:  summary: A building that turns electricity and data into AI answers.
Fails:   titel: AI Factory   ->  GL102 unknown field 'titel'; did you mean 'title'?
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError, ValidationError, best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from glossary.checks.suggest import did_you_mean, json_path, shorten, slugify
from glossary.config import ConfigError
from glossary.corpus import Corpus, Term
from glossary.diagnostics import Diagnostic, problem
from glossary.parsing import JsonPath, Mark, describe_yaml_value

_TYPE_NAMES = {
    "string": "text", "array": "a list", "object": "a mapping of fields", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "empty (null)",
}
_LENGTH_CODES = {"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
                 "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
_CONDITIONAL = {"if", "then", "else", "dependentSchemas", "dependentRequired", "dependencies"}


def load_validator(path: Path) -> Validator:
    """Load a JSON Schema (2020-12 unless it says otherwise) and build its validator once."""
    try:
        schema = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ConfigError(f"cannot read the schema {path}: {error.strerror or error}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"the schema {path} is not valid JSON: {error}") from error
    if not isinstance(schema, dict):
        raise ConfigError(f"the schema {path} must be a JSON object")
    cls = validator_for(schema, default=Draft202012Validator)
    try:
        cls.check_schema(schema)
    except SchemaError as error:
        raise ConfigError(f"the schema {path} is not a valid JSON Schema: {error.message}") from error
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def checker(validator: Validator) -> Callable[[Corpus], Iterable[Diagnostic]]:
    """The schema check, bound to one validator built once for the whole run."""

    def check(corpus: Corpus) -> Iterator[Diagnostic]:
        for term in corpus.targets():
            yield from check_term(validator, term)

    return check


def check_term(validator: Validator, term: Term) -> list[Diagnostic]:
    """All schema problems of one parsed term, one diagnostic each."""
    try:
        errors = list(validator.iter_errors(term.data))
    except Exception as failure:  # a schema feature Python cannot apply (say, an unresolvable $ref)
        return [problem("GL100", term.path, 1, 1, f"the schema could not check this file ({failure}); fix the schema")]
    found: dict[tuple[str, int, int, str], Diagnostic] = {}
    for error in errors:
        if tuple(error.absolute_path) in term.positions.reported:
            continue  # the parser already said what is wrong with this value
        for diagnostic in describe(best_match([error]), term):
            found.setdefault((diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.message), diagnostic)
    return list(found.values())


def describe(error: ValidationError, term: Term) -> Iterator[Diagnostic]:
    """Turn one jsonschema error into located diagnostics a writer understands."""
    path: JsonPath = tuple(error.absolute_path)
    keyword = str(error.validator)
    if "propertyNames" in error.relative_schema_path:
        mark = term.positions.of_key(path + (str(error.instance),))
        yield problem("GL108", term.path, mark.line, mark.column,
                      f"field name {shorten(error.instance)} breaks the schema's rule for names: {error.message}")
    elif keyword == "required":
        yield from _missing(error, path, term)
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown(error, path, term)
    else:
        code, message = _explain(error, keyword, path, term)
        if keyword == "uniqueItems":
            path += (_repeated_index(error.instance),)
        mark = term.positions.of_value(path)
        yield problem(code, term.path, mark.line, mark.column, message)


def _missing(error: ValidationError, path: JsonPath, term: Term) -> Iterator[Diagnostic]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    mark = term.positions.of_value(path) if path else Mark(1, 1)
    required: Any = error.validator_value
    for name in required:
        if name in instance:
            continue
        where = f" in {json_path(path)}" if path else ""
        hint = _hint(error, name)
        yield problem("GL101", term.path, mark.line, mark.column,
                      f"missing required field '{name}'{where}; add it{': ' + hint if hint else ''}")


def _hint(error: ValidationError, name: str) -> str:
    """Why a field is needed: the conditional rule's own description, else the field's description."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if _CONDITIONAL.intersection(str(part) for part in error.schema_path) and schema.get("description"):
        return str(schema["description"])
    field = schema.get("properties", {}).get(name, {})
    return str(field.get("description", "")) if isinstance(field, dict) else ""


def _unknown(error: ValidationError, path: JsonPath, term: Term) -> Iterator[Diagnostic]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    known = list(schema.get("properties", {}))
    patterns = list(schema.get("patternProperties", {}))
    instance = error.instance if isinstance(error.instance, dict) else {}
    for key in instance:
        if key in known or any(re.search(pattern, key) for pattern in patterns):
            continue
        mark = term.positions.of_key(path + (key,))
        suggestion = did_you_mean(key, known)
        fix = suggestion or (f"; the fields allowed here are: {', '.join(known)}" if known else "; remove it")
        where = f" in {json_path(path)}" if path else ""
        yield problem("GL102", term.path, mark.line, mark.column, f"unknown field '{key}'{where}{fix}")


def _explain(error: ValidationError, keyword: str, path: JsonPath, term: Term) -> tuple[str, str]:
    """The code and message for every error that sits on one value."""
    name = json_path(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    description = str(schema.get("description", "")).rstrip(".")
    if keyword == "type":
        return "GL103", _wrong_type(error, name, term.positions.raw.get(path))
    if keyword == "enum":
        values: Any = error.validator_value
        allowed = [str(v) for v in values]
        return "GL104", (f"{name} {shorten(error.instance)} is not one of the allowed values"
                         f"{did_you_mean(str(error.instance), allowed)}; allowed: {', '.join(allowed)}")
    if keyword == "const":
        because = f": {description}" if description else ""
        return "GL104", f"{name} must be {shorten(error.validator_value)}{because}"
    if keyword in _LENGTH_CODES:
        return "GL105", _size(error, keyword, name)
    if keyword in ("pattern", "format"):
        return "GL106", _form(error, keyword, name, description)
    if keyword == "uniqueItems":
        return "GL107", _repeat(error, name)
    return "GL108", f"{name}: {error.message}{'; ' + description if description else ''}"


def _wrong_type(error: ValidationError, name: str, raw: str | None) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in expected)
    value = error.instance
    if value is None:
        return f"{name} is empty; write {wanted} after the colon"
    if raw is not None and "string" in expected:
        return (f"{name} must be text, but YAML read {raw} as {describe_yaml_value(value)}; "
                f"put it in quotes: \"{raw}\"")
    if "array" in expected and not isinstance(value, (list, dict)):
        return f"{name} must be a list; write it as [{raw or value}] or as '- item' lines"
    actual = _TYPE_NAMES.get(_json_type(value), "a value")
    return f"{name} must be {wanted}, not {actual}"


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else "null"


def _size(error: ValidationError, keyword: str, name: str) -> str:
    limit = error.validator_value
    value = error.instance
    if keyword in ("minLength", "maxLength") and isinstance(value, str):
        if not value.strip():
            return f"{name} is empty; write at least {limit} characters"
        bound = "at most" if keyword == "maxLength" else "at least"
        fix = "shorten it" if keyword == "maxLength" else "say more"
        return f"{name} is {len(value)} characters long; it must be {bound} {limit}: {fix}"
    if keyword in ("minItems", "maxItems") and isinstance(value, list):
        bound = "at most" if keyword == "maxItems" else "at least"
        return f"{name} has {len(value)} items; it must have {bound} {limit}"
    return f"{name}: {error.message}"


def _form(error: ValidationError, keyword: str, name: str, description: str) -> str:
    value = error.instance
    what = f"{name} {shorten(value)} is not in the expected form"
    if keyword == "format":
        what = f"{name} {shorten(value)} is not a valid {error.validator_value}"
    rule = description or f"it must match the pattern {error.validator_value}"
    message = f"{what}. {rule[0].upper()}{rule[1:]}."
    if keyword == "pattern" and isinstance(value, str):
        slug = slugify(value)
        if slug and slug != value and re.search(str(error.validator_value), slug):
            message += f" Did you mean '{slug}'?"
    return message


def _repeated_index(items: object) -> int:
    """The index of the first item that equals an earlier one (0 if there is none)."""
    values = items if isinstance(items, list) else []
    for index, item in enumerate(values):
        if any(_same(item, earlier) for earlier in values[:index]):
            return index
    return 0


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b  # as JSON Schema sees it: true is not 1


def _repeat(error: ValidationError, name: str) -> str:
    items: list[Any] = error.instance if isinstance(error.instance, list) else []
    if not items:
        return f"{name} repeats an item; remove the repeat"
    index = _repeated_index(items)
    first = next((i for i in range(index) if _same(items[i], items[index])), 0)
    return f"{name} repeats {shorten(items[index])} (items {first} and {index}); remove the repeat"
