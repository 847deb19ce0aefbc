"""Schema check (GL1xx): every JSON Schema error, at the line and column of the key or value at fault.

jsonschema says what is wrong and where in the data (`absolute_path`); the parser's positions turn that
into a line and column. Messages are rewritten for writers: an unknown field suggests the closest known
one, a YAML 1.1 surprise (`no` read as false, `1.10` as a number) says to quote the value. Each value
gets one diagnostic, the most basic first (its type, then its allowed values, then its form, then its
length): fixing that one often fixes the rest.

Passes:  summary: A building that turns electricity and data into AI answers.
Fails:   titel: AI Factory   ->  GL102 unknown field 'titel'; did you mean 'title'?
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jsonschema.exceptions import ValidationError, best_match
from jsonschema.protocols import Validator

from glossary.check.suggest import as_slug_text, did_you_mean, slugify
from glossary.check.validators import fast_validator
from glossary.diagnostics import Diagnostic, problem, shorten
from glossary.read.corpus import Corpus, Term
from glossary.read.hints import odd_character_hints
from glossary.read.positions import JsonPath, Mark, describe_yaml_value, json_path

_TYPE_NAMES = {
    "string": "text", "array": "a list", "object": "a mapping of fields", "integer": "a whole number",
    "number": "a number", "boolean": "true or false", "null": "empty (null)",
}
_LENGTH_CODES = {"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties",
                 "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
_CONDITIONAL = {"if", "then", "else", "dependentSchemas", "dependentRequired", "dependencies"}
_MAPPING_KEYWORDS = {"required", "additionalProperties", "unevaluatedProperties", "propertyNames"}
_NAMING_KEYWORDS = {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"}
# Which error to show when one value breaks several rules: the most basic first.
_PRIORITY = ["type", "enum", "const", "format", "pattern"]


def checker(validator: Validator) -> Callable[[Corpus], Iterable[Diagnostic]]:
    """The schema check, bound to one validator built once for the whole run.

    A compiled validator (jsonschema-rs) answers "valid or not" for each term first; only a term it
    finds invalid goes through jsonschema, whose errors say what is wrong and where.
    """
    is_valid = fast_validator(validator.schema)

    def check(corpus: Corpus) -> Iterator[Diagnostic]:
        for term in corpus.targets():
            if is_valid is None or not is_valid(term.data):
                yield from check_term(validator, term)

    return check


def check_term(validator: Validator, term: Term) -> list[Diagnostic]:
    """All schema problems of one parsed term: one per value, one per missing or unknown field."""
    try:
        errors = [best_match([error]) for error in validator.iter_errors(term.data)]
    except Exception as failure:  # a schema feature Python cannot apply (say, an unresolvable $ref)
        return [problem("GL100", term.path, 1, 1, f"the schema could not check this file ({failure}); fix the schema")]
    found: dict[tuple[str, int, int, str], Diagnostic] = {}
    for error in _one_per_value(errors, term):
        for diagnostic in describe(error, term, validator.schema):
            found.setdefault((diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.message), diagnostic)
    return list(found.values())


def _one_per_value(errors: list[ValidationError], term: Term) -> Iterator[ValidationError]:
    """Errors about a mapping's fields all stay; of the errors about one value, the most basic stays."""
    chosen: dict[JsonPath, ValidationError] = {}
    for error in errors:
        path: JsonPath = tuple(error.absolute_path)
        if path in term.positions.reported:
            continue  # the parser already said what is wrong with this value
        if _MAPPING_KEYWORDS.intersection(_keywords(error.relative_schema_path)):
            yield error
            continue
        if path not in chosen or _rank(error) < _rank(chosen[path]):
            chosen[path] = error
    yield from chosen.values()


def _keywords(schema_path: Iterable[Any]) -> list[str]:
    """The keywords of a schema path, without the field names and indexes between them: in
    properties/propertyNames/type, 'propertyNames' is a field, not the keyword."""
    keywords: list[str] = []
    naming = False
    for step in schema_path:
        if not naming and isinstance(step, str):
            keywords.append(step)
        naming = not naming and step in _NAMING_KEYWORDS
    return keywords


def _rank(error: ValidationError) -> int:
    keyword = str(error.validator)
    return _PRIORITY.index(keyword) if keyword in _PRIORITY else len(_PRIORITY)


def describe(error: ValidationError, term: Term, root: Any = None) -> Iterator[Diagnostic]:
    """Turn one jsonschema error into located diagnostics a writer understands (`root`: the whole schema)."""
    path: JsonPath = tuple(error.absolute_path)
    keyword = str(error.validator)
    if "propertyNames" in _keywords(error.relative_schema_path):
        mark = term.positions.of_key(path + (str(error.instance),))
        yield problem("GL108", term.path, mark.line, mark.column,
                      f"field name {shorten(error.instance)} breaks the schema's rule for names: {_brief(error)}")
    elif keyword == "required":
        yield from _missing(error, path, term, root)
    elif keyword in ("additionalProperties", "unevaluatedProperties"):
        yield from _unknown(error, path, term)
    else:
        code, message = _explain(error, keyword, path, term)
        if keyword == "uniqueItems":
            path += (_repeated_index(error.instance),)
        mark = term.positions.of_value(path)
        yield problem(code, term.path, mark.line, mark.column, message)


def _missing(error: ValidationError, path: JsonPath, term: Term, root: Any) -> Iterator[Diagnostic]:
    instance = error.instance if isinstance(error.instance, dict) else {}
    trigger = _condition_field(error, root, instance)
    if trigger is not None:  # required because of another field's value: point at that field
        mark = term.positions.of_value(path + (trigger,))
    else:
        mark = term.positions.of_value(path) if path else Mark(1, 1)
    required: Any = error.validator_value
    if not isinstance(required, list):  # draft 3 writes `required: true` on the property itself
        yield problem("GL101", term.path, mark.line, mark.column, f"{_brief(error)}; add it")
        return
    for name in required:
        if name in instance:
            continue
        where = f" in {json_path(path)}" if path else ""
        hint = _hint(error, str(name))
        yield problem("GL101", term.path, mark.line, mark.column,
                      f"missing required field '{name}'{where}; add it{': ' + hint if hint else ''}")


def _condition_field(error: ValidationError, root: Any, instance: dict[str, Any]) -> str | None:
    """For a field required by `if`/`then`, the field the `if` looked at (status, for superseded_by)."""
    steps = list(error.schema_path)
    if "then" not in _keywords(steps):
        return None
    schema = root
    try:
        for step in steps[: len(steps) - 1 - steps[::-1].index("then")]:
            schema = _holding(root, schema, step)[step]
        condition = _holding(root, schema, "if").get("if")
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return None
    fields = condition.get("properties", {}) if isinstance(condition, dict) else {}
    return next((name for name in fields if name in instance), None) if isinstance(fields, dict) else None


def _holding(root: Any, schema: Any, step: Any) -> Any:
    """The schema that holds `step`: this one, or the one its local $ref leads to (a schema path does
    not always name the $ref it went through)."""
    for _ in range(20):  # a bound, in case of $ref loops
        if not isinstance(schema, dict) or step in schema or "$ref" not in schema:
            return schema
        schema = _local_ref(root, schema["$ref"])
    return schema


def _local_ref(root: Any, ref: Any) -> Any:
    """The schema a local $ref ('#/definitions/x') points at; KeyError for any other reference."""
    if not isinstance(ref, str) or not ref.startswith("#"):
        raise KeyError(ref)
    target = root
    for part in [p for p in ref[1:].split("/") if p]:
        part = part.replace("~1", "/").replace("~0", "~")
        target = target[int(part)] if isinstance(target, list) else target[part]
    return target


def _hint(error: ValidationError, name: str) -> str:
    """Why a field is needed: the conditional rule's own description, else the field's description."""
    schema = error.schema if isinstance(error.schema, dict) else {}
    if _CONDITIONAL.intersection(_keywords(error.schema_path)) and schema.get("description"):
        return str(schema["description"])
    fields = schema.get("properties", {})
    field = fields.get(name, {}) if isinstance(fields, dict) else {}
    return str(field.get("description", "")) if isinstance(field, dict) else ""


def _unknown(error: ValidationError, path: JsonPath, term: Term) -> Iterator[Diagnostic]:
    schema = error.schema if isinstance(error.schema, dict) else {}
    instance = error.instance if isinstance(error.instance, dict) else {}
    known = [str(name) for name in schema.get("properties", {})] if isinstance(schema.get("properties"), dict) else []
    unexpected = _unexpected(error, instance, schema, known)
    accepted = known + [str(key) for key in instance if key not in unexpected and key not in known]
    for key in unexpected:
        mark = term.positions.of_key(path + (key,))
        odd = odd_character_hints(key)
        listing = f"; the fields allowed here are: {', '.join(known)}" if known else "; remove it"
        fix = (f"; {odd[0]}" if odd else did_you_mean(key.strip(), accepted)) or listing
        where = f" in {json_path(path)}" if path else ""
        yield problem("GL102", term.path, mark.line, mark.column, f"unknown field '{key}'{where}{fix}")


def _unexpected(error: ValidationError, instance: dict[str, Any], schema: dict[str, Any],
                known: list[str]) -> list[str]:
    """The keys this error is about. For unevaluatedProperties only jsonschema knows what was evaluated
    (through $ref, allOf, ...), so its message names them; additionalProperties is decided at one level."""
    if error.validator == "unevaluatedProperties":
        return [key for key in instance if repr(key) in error.message]
    patterns = schema.get("patternProperties", {})
    return [key for key in instance
            if key not in known and not any(_search(pattern, key) for pattern in patterns)]


def _search(pattern: str, text: str) -> bool:
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def _explain(error: ValidationError, keyword: str, path: JsonPath, term: Term) -> tuple[str, str]:
    """The code and message for every error that sits on one value."""
    name = json_path(path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    description = str(schema.get("description", "")).rstrip(".")
    written = term.positions.raw.get(path)  # the value as written, where YAML read it as something else
    shown = written if written is not None else shorten(error.instance)
    if keyword == "type":
        return "GL103", _wrong_type(error, name, written)
    if keyword == "enum":
        values: Any = error.validator_value
        allowed = [str(v) for v in values] if isinstance(values, list) else []
        return "GL104", (f"{name} {shown} is not one of the allowed values"
                         f"{did_you_mean(str(written or error.instance), allowed)}; allowed: {', '.join(allowed)}")
    if keyword == "const":
        because = f": {description}" if description else ""
        return "GL104", f"{name} must be {shorten(error.validator_value)}{because}"
    if keyword in _LENGTH_CODES:
        return "GL105", _size(error, keyword, name)
    if keyword in ("pattern", "format"):
        return "GL106", _form(error, keyword, name, shown, description)
    if keyword == "uniqueItems":
        return "GL107", _repeat(error, name)
    return "GL108", f"{name}: {_brief(error)}{'; ' + description if description else ''}"


def _brief(error: ValidationError) -> str:
    """jsonschema's own message, cut short: it quotes the whole value, which may be the front matter."""
    message = " ".join(error.message.split())
    return message if len(message) <= 160 else message[:159] + "…"


def _wrong_type(error: ValidationError, name: str, written: str | None) -> str:
    expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    wanted = " or ".join(_TYPE_NAMES.get(str(t), str(t)) for t in expected)
    value = error.instance
    if value is None:
        return f"{name} is empty; write {wanted} after the colon"
    if written is not None and "string" in expected:
        return (f"{name} must be text, but YAML read {written} as {describe_yaml_value(value)}; "
                f"put it in quotes: \"{written}\"")
    schema = error.schema if isinstance(error.schema, dict) else {}
    if "array" in expected and isinstance(value, str) and value.lstrip().startswith("-"):
        return f"{name} must be a list; each '- item' needs a space after the dash, on a line of its own"
    if "object" in expected and isinstance(value, str) and _fields(schema):
        known = _fields(schema).split(", ")
        field = "url" if "url" in known and value.startswith(("http://", "https://")) else known[0]
        example = value if len(value) < 60 and "\n" not in value else "..."
        return f"{name} must be a mapping with the fields {', '.join(known)}, not text: write it as '- {field}: {example}'"
    if "array" in expected and not isinstance(value, (list, dict)):
        fields = _fields(schema.get("items"))
        if fields:
            first = fields.split(", ")[0]
            return f"{name} must be a list of items, each with the fields {fields}: write '- {first}: ...' lines"
        item = f'"{written}"' if written is not None else str(value)
        return f"{name} must be a list; write it as [{item}] or as '- item' lines"
    actual = _TYPE_NAMES.get(_json_type(value), "a value")
    fields = _fields(schema) if "object" in expected else ""
    shape = f" with the fields {fields}" if fields else ""
    return f"{name} must be {wanted}{shape}, not {actual}"


def _fields(schema: Any) -> str:
    """The field names a mapping schema lists, for a message ('role, use'), or ''."""
    fields = schema.get("properties") if isinstance(schema, dict) else None
    return ", ".join(str(name) for name in fields) if isinstance(fields, dict) else ""


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
    return f"{name}: {_brief(error)}"


def _form(error: ValidationError, keyword: str, name: str, shown: str, description: str) -> str:
    if keyword == "format":
        what = f"{name} {shown} is not a valid {error.validator_value}"
        rule = description or f"it must be a valid {error.validator_value}"
    else:
        what = f"{name} {shown} is not in the expected form"
        rule = description or f"it must match the pattern {error.validator_value}"
    message = f"{what}. {rule[0].upper()}{rule[1:]}."
    value, pattern = error.instance, str(error.validator_value)
    if keyword == "pattern" and isinstance(value, str) and not value.strip():
        return f"{name} is empty: write it, or remove the field"
    if keyword == "pattern" and isinstance(value, str) and value != value.strip() and _search(pattern, value.strip()):
        return f"{name} {value!r} starts or ends with a space; write {value.strip()!r}"
    if keyword == "pattern" and isinstance(value, str) and len(value) <= 100 and "\n" not in value \
            and "a-z" in pattern:  # a slug's pattern: suggest the slug the text makes
        slug = slugify(as_slug_text(value))
        if slug and slug != value and _search(pattern, slug):
            message += f" Did you mean '{slug}'?"
    return message


def _same_key(item: Any) -> str:
    """A hashable stand-in for a JSON value, equal where JSON Schema's uniqueItems says equal."""
    if isinstance(item, bool) or item is None:
        return repr(item)
    if isinstance(item, (int, float)):
        return f"number:{float(item)!r}"
    return json.dumps(item, sort_keys=True, default=str)


def _repeated_index(items: object) -> int:
    """The index of the first item that equals an earlier one (0 if there is none)."""
    seen: set[str] = set()
    for index, item in enumerate(items if isinstance(items, list) else []):
        key = _same_key(item)
        if key in seen:
            return index
        seen.add(key)
    return 0


def _repeat(error: ValidationError, name: str) -> str:
    items: list[Any] = error.instance if isinstance(error.instance, list) else []
    if not items:
        return f"{name} repeats an item; remove the repeat"
    index = _repeated_index(items)
    key = _same_key(items[index])
    first = next((i for i in range(index) if _same_key(items[i]) == key), 0)
    return f"{name} repeats {shorten(items[index])} (items {first} and {index}); remove the repeat"
