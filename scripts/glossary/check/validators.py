"""The schema's validators: loading a JSON Schema once, and a compiled yes-or-no check beside it.

`load_validator` builds jsonschema's validator, whose errors say what is wrong and where (the schema
check turns them into located diagnostics). `fast_validator` builds a jsonschema-rs validator that only
answers "valid or not", several times faster, for schemas whose keywords both libraries read alike: the
schema check asks it first and sends only invalid terms to jsonschema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema.exceptions import SchemaError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from glossary.config import ConfigError


_CHECKED: set[tuple[Any, str]] = set()  # the schemas found valid against their meta-schema, by their text


def load_validator(path: Path) -> Validator:
    """Load a JSON Schema (2020-12 unless it says otherwise) and build its validator once."""
    try:
        text = path.read_text(encoding="utf-8")
        schema: Any = json.loads(text)
    except OSError as error:
        raise ConfigError(f"cannot read the schema {path}: {error.strerror or error}") from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ConfigError(f"the schema {path} is not valid JSON: {error}") from error
    except RecursionError:
        raise ConfigError(f"the schema {path} is nested too deeply to read") from None
    if not isinstance(schema, (dict, bool)):
        raise ConfigError(f"the schema {path} must be a JSON object (or true or false)")
    try:
        cls = validator_for(schema, default=Draft202012Validator)
        if (cls, text) not in _CHECKED:  # a long-running process (the preview) loads the same schema again
            cls.check_schema(schema)  # type: ignore[arg-type]  # true and false are schemas too
            _CHECKED.add((cls, text))
        return cls(schema, format_checker=cls.FORMAT_CHECKER)
    except SchemaError as error:
        raise ConfigError(f"the schema {path} is not a valid JSON Schema: {error.message}") from error
    except Exception as error:  # an unknown $schema, a schema too deep to check, ...
        raise ConfigError(f"the schema {path} cannot be used: {type(error).__name__}: {error}") from error


# Keywords that jsonschema and jsonschema-rs read the same way, and formats both check the same way.
# A schema using anything else is checked by jsonschema alone: the fast answer must never be "valid"
# where jsonschema would find an error. Regular expressions differ between the two (what \s, \d, \w and
# $ match), so jsonschema-rs is given each `pattern` as a keyword of its own that Python's re checks, as
# jsonschema does; schemas with `patternProperties` or `multipleOf` (float rounding) are left to jsonschema.
_FAST_KEYWORDS = frozenset({
    "$schema", "$id", "$defs", "definitions", "$ref", "$comment", "title", "description", "examples",
    "default", "deprecated", "readOnly", "writeOnly", "type", "enum", "const", "properties", "required",
    "additionalProperties", "propertyNames", "minProperties", "maxProperties",
    "items", "prefixItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains",
    "maxContains", "minLength", "maxLength", "pattern", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "allOf", "anyOf", "oneOf", "not", "if", "then",
    "else", "dependentRequired", "dependentSchemas",
    "x-labels",  # an annotation (the categories' labels): neither library reads it
})
_FAST_FORMATS = frozenset({"date"})
_FAST_DRAFTS = frozenset({"https://json-schema.org/draft/2020-12/schema", "http://json-schema.org/draft-07/schema#",
                          "http://json-schema.org/draft-07/schema"})
_SCHEMAS_IN = {"properties", "$defs", "definitions", "dependentSchemas"}  # keyword: {name: schema}
_SCHEMA_IN = {"items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else"}
_SCHEMA_LISTS = {"prefixItems", "allOf", "anyOf", "oneOf"}
_PYTHON_PATTERN = "x-glossary-python-pattern"


class _PythonPattern:
    """`pattern` as jsonschema applies it: Python's re.search on text, anything else passes."""

    def __init__(self, parent_schema: Any, value: Any, schema_path: Any) -> None:
        self.expression = re.compile(value)

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and not self.expression.search(instance):
            raise ValueError(f"does not match {self.expression.pattern!r}")


def fast_validator(schema: Any) -> Callable[[Any], bool] | None:
    """A compiled yes-or-no check for a schema whose keywords both libraries read alike, else None."""
    if not isinstance(schema, dict) or "$schema" in schema and schema["$schema"] not in _FAST_DRAFTS \
            or not _plain_keywords(schema, 0):
        return None
    try:
        import jsonschema_rs

        compiled = jsonschema_rs.validator_for(_python_patterns(schema), validate_formats=True,
                                               keywords={_PYTHON_PATTERN: _PythonPattern})
    except Exception:  # not installed on this platform, or a schema it cannot compile: jsonschema decides
        return None

    def is_valid(instance: Any) -> bool:
        try:
            return bool(compiled.is_valid(instance))
        except Exception:  # a value it cannot take (a huge integer): let jsonschema judge
            return False

    return is_valid


def _plain_keywords(schema: Any, depth: int) -> bool:
    """Whether every keyword in the schema (at any depth) is one of _FAST_KEYWORDS; refs stay local."""
    if depth > 64:
        return False
    if isinstance(schema, bool):
        return True
    if not isinstance(schema, dict):
        return False
    for keyword, value in schema.items():
        if keyword not in _FAST_KEYWORDS:
            return False
        if keyword == "$ref" and not (isinstance(value, str) and value.startswith("#")):
            return False
        if keyword == "format" and value not in _FAST_FORMATS:
            return False
        if keyword == "pattern" and not _compiles(value):
            return False
        if keyword in _SCHEMAS_IN:
            if not isinstance(value, dict) or not all(_plain_keywords(v, depth + 1) for v in value.values()):
                return False
        elif keyword in _SCHEMA_IN:
            if not _plain_keywords(value, depth + 1):
                return False
        elif keyword in _SCHEMA_LISTS:
            if not isinstance(value, list) or not all(_plain_keywords(v, depth + 1) for v in value):
                return False
    return True


def _compiles(pattern: Any) -> bool:
    try:
        re.compile(pattern)
        return True
    except (re.error, TypeError):
        return False


def _python_patterns(schema: Any) -> Any:
    """The schema with each `pattern` keyword renamed to the one _PythonPattern checks."""
    if not isinstance(schema, dict):
        return schema
    renamed: dict[str, Any] = {}
    for keyword, value in schema.items():
        if keyword == "pattern":
            renamed[_PYTHON_PATTERN] = value
        elif keyword in _SCHEMAS_IN and isinstance(value, dict):
            renamed[keyword] = {name: _python_patterns(part) for name, part in value.items()}
        elif keyword in _SCHEMA_IN:
            renamed[keyword] = _python_patterns(value)
        elif keyword in _SCHEMA_LISTS and isinstance(value, list):
            renamed[keyword] = [_python_patterns(part) for part in value]
        else:
            renamed[keyword] = value
    return renamed
