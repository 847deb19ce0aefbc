"""Editor support: print a schema, and generate editor configuration from the term schema.

`glossary schema` prints the term schema (or the export schema) as JSON. `glossary editor-config` turns
the term schema into a Front Matter CMS content type (`frontmatter.json`: a form with the schema's
choices, required fields and nested lists), or writes VS Code tasks that lint the open file and put
each problem on its line, or the Helix and Neovim files that start the language server (`glossary lsp`).
The schema stays the one source: regenerate after changing it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from glossary.config import ConfigError

Json = dict[str, Any]

FRONTMATTER_SCHEMA = "https://frontmatter.codes/frontmatter.schema.json"
DATE_FORMAT = "yyyy-MM-dd"  # date-fns tokens: Front Matter's date picker then writes YYYY-MM-DD, as the schema asks
MAX_ONE_LINE = 200  # text allowed to be longer than this gets a multi-line box in the form
MAX_REF_DEPTH = 10  # a chain of $refs longer than this is left unresolved rather than followed forever
MAX_NESTING = 10  # objects within objects (or lists of them) deeper than this: a schema that refers to itself

# The `glossary lint` text format, `path:line:column: severity CODE message`, for VS Code's problem matcher.
PROBLEM_PATTERN = r"^(.+?):(\d+):(\d+): (error|warning) (GL\d{3}) (.*)$"


class ConfigFileExists(Exception):
    """The output file is there already and --force was not given: editor-config never overwrites silently."""


def read_schema(path: Path) -> Any:
    """The JSON in a schema file; a missing, unreadable or non-JSON file is a configuration error."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"the schema {path} does not exist; check [tool.glossary] in pyproject.toml") from None
    except OSError as error:
        raise ConfigError(f"cannot read the schema {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise ConfigError(f"the schema {path} is not UTF-8 text: {error.reason}") from error
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(f"the schema {path} is not valid JSON: {error.msg} at line {error.lineno}, "
                          f"column {error.colno}") from error
    except RecursionError:
        raise ConfigError(f"the schema {path} is nested too deeply to read") from None


def schema_text(path: Path) -> str:
    """The schema at `path` as indented JSON, ready to print."""
    return _dumps(read_schema(path))


def _dumps(document: Any) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------------------------------------------------------
# Front Matter CMS: frontmatter.json


class _Converter:
    """Turns JSON Schema properties into Front Matter CMS fields, collecting the field groups lists of objects need."""

    def __init__(self, root: Json) -> None:
        self.root = root
        self.groups: dict[str, Json] = {}
        self.nesting: list[str] = []  # the names of the objects being turned into fields, outermost first

    def resolve(self, node: Any) -> Json:
        """The node with local `$ref`s (`#/$defs/slug`) followed; the node's own keys win over the target's."""
        merged: Json = node if isinstance(node, dict) else {}
        for _ in range(MAX_REF_DEPTH):
            ref = merged.get("$ref")
            if not isinstance(ref, str) or not ref.startswith("#/"):
                break
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target.get(part) if isinstance(target, dict) else None
            if not isinstance(target, dict):
                break
            merged = {**target, **{k: v for k, v in merged.items() if k != "$ref"}}
        return merged

    def fields(self, node: Json, when: dict[str, Json] | None = None) -> list[Json]:
        """One field per property of an object schema, in the schema's order."""
        properties = node.get("properties")
        if not isinstance(properties, dict):
            return []
        required = node.get("required")
        wanted = {name for name in required if isinstance(name, str)} if isinstance(required, list) else set()
        found = []
        for name, sub in properties.items():
            if len(self.nesting) >= MAX_NESTING:
                raise ConfigError(f"the term schema nests objects more than {MAX_NESTING} deep "
                                  f"({'.'.join([*self.nesting, str(name)])}), as when a $ref refers back to the "
                                  "object it is in; a form cannot show that")
            self.nesting.append(str(name))
            field = self.field(str(name), self.resolve(sub), str(name) in wanted)
            self.nesting.pop()
            if when and name in when:
                field["when"] = when[name]
            found.append(field)
        return found

    def field(self, name: str, node: Json, required: bool) -> Json:
        """One Front Matter field: its type from the schema, with title, description and required."""
        field: Json = {"title": _title(name, node), "name": name}
        field.update(self.typed(name, node))
        description = node.get("description")
        if isinstance(description, str) and description:
            field["description"] = description
        if required:
            field["required"] = True
        return field

    def typed(self, name: str, node: Json) -> Json:
        """The `type` and the type's own settings (choices, sub-fields, field group, date format)."""
        kind = _json_type(node)
        if _choices(node):
            return {"type": "choice", "choices": _choices(node)}
        if kind == "array":
            return self.array(name, self.resolve(node.get("items")))
        if kind == "object":
            return {"type": "fields", "fields": self.fields(node)}
        if kind in ("integer", "number"):
            return {"type": "number", "numberOptions": _number_options(node, kind)}
        if kind == "boolean":
            return {"type": "boolean"}
        if node.get("format") in ("date", "date-time"):
            return {"type": "datetime", "dateFormat": DATE_FORMAT}
        return {"type": "string", "single": _one_line(node)}

    def array(self, name: str, items: Json) -> Json:
        """A list: several choices, a block of sub-forms for objects, or a plain list of text."""
        if _choices(items):
            return {"type": "choice", "choices": _choices(items), "multiple": True}
        if _json_type(items) == "object":
            fields = self.fields(items)
            group: Json = {"id": name, "fields": fields}
            label = next((f["name"] for f in fields if f.get("required") and f["type"] in ("string", "choice")), None)
            if label:
                group["labelField"] = label
            self.groups[name] = group
            return {"type": "block", "fieldGroup": [name]}
        return {"type": "list"}


def _json_type(node: Json) -> str | None:
    kind = node.get("type")
    if isinstance(kind, list):  # ["string", "null"]: the first type that is not null
        kind = next((k for k in kind if k != "null"), None)
    return kind if isinstance(kind, str) else None


def _choices(node: Json) -> list[str]:
    values = node.get("enum")
    return [str(value) for value in values] if isinstance(values, list) else []


def _number_options(node: Json, kind: str) -> Json:
    options: Json = {"isDecimal": kind == "number"}
    for ours, theirs in (("minimum", "min"), ("maximum", "max")):
        if isinstance(node.get(ours), (int, float)) and not isinstance(node.get(ours), bool):
            options[theirs] = node[ours]
    return options


def _one_line(node: Json) -> bool:
    """Short text, and web addresses, get a one-line box; long text a box that wraps."""
    longest = node.get("maxLength")
    pattern = node.get("pattern")
    is_address = isinstance(pattern, str) and "http" in pattern
    return is_address or (isinstance(longest, int) and longest <= MAX_ONE_LINE)


ACRONYMS = {"faq": "FAQ", "url": "URL", "id": "ID"}


def _title(name: str, node: Json) -> str:
    """The label the form shows: the schema's own `title`, else the name in words (`superseded_by` → "Superseded by")."""
    if isinstance(node.get("title"), str) and node["title"]:
        return str(node["title"])
    words = [ACRONYMS.get(word, word) for word in re.split(r"[_-]+", name) if word]
    text = " ".join(words)
    return text[:1].upper() + text[1:] if text else name


def _conditions(root: Json) -> dict[str, Json]:
    """Fields the schema requires only when another has a value (`if status is deprecated then superseded_by`).

    Front Matter shows such a field only when the condition holds (its `when` clause).
    """
    found: dict[str, Json] = {}
    rules = root.get("allOf")
    for rule in rules if isinstance(rules, list) else []:
        if not isinstance(rule, dict) or not isinstance(rule.get("if"), dict) or not isinstance(rule.get("then"), dict):
            continue
        tested = rule["if"].get("properties")
        needed = rule["then"].get("required")
        if not isinstance(tested, dict) or len(tested) != 1 or not isinstance(needed, list):
            continue
        [(reference, test)] = tested.items()
        if isinstance(test, dict) and "const" in test:
            for name in needed:
                found[str(name)] = {"fieldRef": reference, "operator": "eq", "value": test["const"]}
    return found


def _workspace_path(folder: str) -> str:
    """A folder as Front Matter names it: relative to the opened folder, unless it lies outside (absolute)."""
    return folder if Path(folder).is_absolute() else f"[[workspace]]/{folder}"


def frontmatter_cms(schema: Any, content_folder: str) -> Json:
    """A `frontmatter.json` whose default content type mirrors the term schema, for the terms' folder.

    The content type is named `default` because Front Matter uses it for files without a `type` field,
    which the schema does not allow.
    """
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        raise ConfigError("the term schema has no properties to turn into form fields")
    converter = _Converter(schema)
    fields = converter.fields(schema, _conditions(schema))
    content_type = {"name": "default", "pageBundle": False, "previewPath": None, "clearEmpty": True, "fields": fields}
    document: Json = {
        "$schema": FRONTMATTER_SCHEMA,
        "frontMatter.taxonomy.dateFormat": DATE_FORMAT,
        "frontMatter.content.pageFolders": [{"title": "Terms", "path": _workspace_path(content_folder)}],
        "frontMatter.taxonomy.contentTypes": [content_type],
    }
    if converter.groups:
        document["frontMatter.taxonomy.fieldGroups"] = list(converter.groups.values())
    return document


# ---------------------------------------------------------------------------------------------------------------
# VS Code: .vscode/tasks.json


def _problem_matcher() -> Json:
    return {
        "owner": "glossary",
        "source": "glossary",
        "fileLocation": ["autoDetect", "${workspaceFolder}"],
        "pattern": {"regexp": PROBLEM_PATTERN, "file": 1, "line": 2, "column": 3, "severity": 4, "code": 5,
                    "message": 6},
    }


def _task(label: str, args: list[str], default: bool) -> Json:
    return {"label": label, "type": "shell", "command": "glossary", "args": args,
            "group": {"kind": "build", "isDefault": default}, "presentation": {"reveal": "silent"},
            "problemMatcher": _problem_matcher()}


def vscode_tasks(schema: Any, content_folder: str) -> Json:
    """A `.vscode/tasks.json`: lint the open file (the default build task) or every term, problems on their lines.

    Takes the same arguments as the other kinds, but needs neither: lint itself applies the schema.
    """
    return {"version": "2.0.0", "tasks": [_task("glossary: lint this file", ["lint", "${file}"], True),
                                          _task("glossary: lint every term", ["lint"], False)]}


# ---------------------------------------------------------------------------------------------------------------
# The language server (`glossary lsp`) in editors whose set-up is a plain file


HELIX = """\
# Helix: the glossary's language server for its Markdown term files, beside Marksman (Helix's own for
# Markdown). Save as .helix/languages.toml in the glossary's folder (Helix asks you to trust it), or add
# it to ~/.config/helix/languages.toml. `glossary` must be on the PATH Helix starts with.
[language-server.glossary]
command = "glossary"
args = ["lsp"]

[[language]]
name = "markdown"
language-servers = ["marksman", "glossary"]
"""

NEOVIM = """\
-- Neovim 0.8 or newer: start the glossary's language server for Markdown files in a folder whose
-- pyproject.toml has a [tool.glossary] table. Save as ~/.config/nvim/after/ftplugin/markdown.lua (it runs
-- for each Markdown file Neovim opens). `glossary` must be on Neovim's PATH.
local file = vim.api.nvim_buf_get_name(0)
local pyproject = vim.fs.find("pyproject.toml", { upward = true, path = vim.fs.dirname(file) })[1]
if pyproject and table.concat(vim.fn.readfile(pyproject), "\\n"):find("%[tool%.glossary%]") then
  vim.lsp.start({ name = "glossary", cmd = { "glossary", "lsp" }, root_dir = vim.fs.dirname(pyproject) })
end
"""


def helix(schema: Any, content_folder: str) -> str:
    """Helix's `languages.toml`: the server, and Markdown files using it beside Marksman."""
    return HELIX


def neovim(schema: Any, content_folder: str) -> str:
    """A Neovim file type plugin (Lua) that starts the server in a glossary's Markdown files."""
    return NEOVIM


KINDS: dict[str, Callable[[Any, str], Json | str]] = {
    "frontmatter-cms": frontmatter_cms, "vscode-tasks": vscode_tasks, "helix": helix, "neovim": neovim}


def editor_config(kind: str, schema_path: Path, content_folder: str) -> str:
    """The configuration of one kind (see KINDS), as text (JSON for most), made from the schema at `schema_path`."""
    if kind not in KINDS:
        raise ConfigError(f"unknown kind {kind!r}: use one of {', '.join(KINDS)}")
    made = KINDS[kind](read_schema(schema_path), content_folder)
    return made if isinstance(made, str) else _dumps(made)


def write_config(text: str, out: Path, force: bool) -> bool:
    """Write `text` to `out` (making its folder); False if it already held exactly that text.

    An existing file with other content is only replaced with `force`: it may hold hand-written settings.
    """
    if out.exists():
        try:
            unchanged = out.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            unchanged = False
        if unchanged:
            return False
        if not force:
            raise ConfigFileExists(f"{out} already exists; check what it holds, then use --force to replace it")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return True
