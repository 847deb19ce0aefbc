"""Parsing: YAML front matter into plain JSON-like data, with the line and column of every key and value.

It walks PyYAML's event stream (from the libyaml C parser where available) instead of calling a loader,
so that it can refuse what a safe loader would quietly accept: duplicate keys (PyYAML keeps the last),
keys that are not text, tags, anchors and aliases (a few lines of aliases can expand to gigabytes),
deep nesting, and impossible dates. Each is a located diagnostic; nothing raises.
"""

from __future__ import annotations

import bisect
import datetime
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from glossary.diagnostics import Diagnostic, problem
from glossary.read.hints import LINE_BREAKS, syntax_message, unclosed_list
from glossary.read.mistakes import (
    Mistake,
    colon_mistake,
    stray_list_item,
    tab_mistake,
    unclosed_quote,
)
from glossary.read.positions import (
    JsonPath,
    Mark,
    Positions,
    describe_yaml_value,
    json_path,
)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C parser when libyaml is built in
MAX_DEPTH = 10  # a term needs 3 levels (front matter, a list, an item); 10 allows other schemas room

# Problems after which the data is still worth checking: a repeated key keeps its first value, a tagged
# value is read as if untagged, an impossible date stays as the text written.
RECOVERABLE = frozenset({"GL008", "GL010", "GL013", "GL015"})

@dataclass
class Parsed:
    """The front matter as data (None when it cannot be trusted), its positions, and any problems."""

    data: Any
    positions: Positions
    diagnostics: list[Diagnostic]


class _Stop(Exception):
    """Raised inside the walk to end it at a problem that makes the rest meaningless."""


@dataclass
class _Frame:
    container: dict[str, Any] | list[Any]
    path: JsonPath
    key: str | None = None  # the pending key of a mapping, waiting for its value
    key_mark: Mark | None = None
    valid_key: bool = True


_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_MISTAKE_AT_CONTEXT = ("could not find expected ':'", "found unexpected end of stream",
                       "found unexpected document indicator")
_CORE_PREFIX = "tag:yaml.org,2002:"
_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Walker:
    """Builds data and positions from one front matter's YAML events."""

    def __init__(self, text: str, first_line: int, shown: str) -> None:
        self.text = text
        self.offset = first_line - 1
        self.shown = shown
        self.positions = Positions()
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.root: Any = None
        self.documents = 0
        self.bad_date = False  # set by timestamp(), read by place() for the same value
        self.line_starts: list[int] | None = None  # built on first need, by mark_at
        self.quotes_checked = False  # whether a quote that runs on over lines was looked at (once is enough)
        self.yaml_counts_lines_as_editors_do = not any(breaker in text for breaker in LINE_BREAKS)

    def mark(self, yaml_mark: Any) -> Mark:
        if self.yaml_counts_lines_as_editors_do:
            return Mark(yaml_mark.line + 1 + self.offset, yaml_mark.column + 1)
        # YAML also breaks lines at U+0085, U+2028 and U+2029; editors and Git do not, so count only \n.
        return self.mark_at(yaml_mark.index)

    def mark_at(self, index: int) -> Mark:
        """The file line and column of a character index into the front matter, counting only \n."""
        if self.line_starts is None:
            self.line_starts = [0] + [i + 1 for i, c in enumerate(self.text) if c == "\n"]
        line = bisect.bisect_right(self.line_starts, index) - 1
        return Mark(line + 1 + self.offset, index - self.line_starts[line] + 1)

    def report(self, code: str, mark: Mark, message: str) -> None:
        self.diagnostics.append(problem(code, self.shown, mark.line, mark.column, message))

    def run(self) -> None:
        for event in yaml.parse(self.text, Loader=Loader):
            self.handle(event)

    def handle(self, event: Any) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self.scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.start_collection(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.end_collection()
        elif isinstance(event, yaml.AliasEvent):
            self.alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.report("GL006", self.mark(event.start_mark),
                            "the front matter holds a second YAML document; keep one block of fields between the --- lines")
                raise _Stop

    def check_node(self, event: Any, mark: Mark) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self.report("GL011", mark, f"'&{anchor}' is read as a YAML anchor, which is not allowed: if it is "
                                       "text, put the whole value in quotes; if not, write the value out in full")
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_CORE_PREFIX):] if tag.startswith(_CORE_PREFIX) else tag
            self.report("GL010", mark, f"YAML tag '{shown}' is not allowed; remove it and write a plain value (quote text)")

    def scalar(self, event: yaml.ScalarEvent) -> None:
        mark = self.mark(event.start_mark)
        self.check_node(event, mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self.take_key(frame, event, mark)
            return
        if event.start_mark is not None and event.end_mark is not None \
                and "\n" in self.text[event.start_mark.index:event.end_mark.index]:
            self.check_lines_run_on(event, frame, event.start_mark.index, event.end_mark.index)
        value = self.construct(event, mark)
        path = self.place(value, mark, event)
        if not event.style and " " in event.value:  # plain (unquoted) text of several words
            self.check_trailing_comment(event, path)

    def check_lines_run_on(self, event: yaml.ScalarEvent, frame: _Frame | None, start: int, end: int) -> None:
        """Text over several lines that swallowed the next field (a quote never closed) or the next list
        item (its '- ' indented one space too far): valid YAML to libyaml, never what the writer meant."""
        found: Mistake | None = None
        if event.style in ('"', "'") and not self.quotes_checked:
            self.quotes_checked = True
            found = unclosed_quote(self.text, None)
        elif not event.style and frame is not None and isinstance(frame.container, list):
            found = stray_list_item(self.text, start, end)
        if found is not None:
            self.report("GL006", self.mark_at(found.at), found.message)
            raise _Stop

    def check_trailing_comment(self, event: yaml.ScalarEvent, path: JsonPath) -> None:
        """Plain text stops at ' #': the rest of the line is a comment, and writers lose it unawares."""
        if event.end_mark is None:
            return
        end = event.end_mark.index
        line_end = self.text.find("\n", end)
        rest = self.text[end:line_end if line_end >= 0 else len(self.text)]
        hash_at = len(rest) - len(rest.lstrip(" \t"))
        if rest.strip().startswith("#") and hash_at:
            where = f"{json_path(path)} " if path else ""
            tail = event.value if len(event.value) <= 30 else "…" + event.value[-30:].split(" ", 1)[-1]
            self.report("GL015", self.mark(event.end_mark).shifted(hash_at),
                        f"text after ' #' is a YAML comment, so {where}ends at '{tail}'; if the # "
                        "belongs to the text, put the whole value in quotes; if it is a comment, move it to a "
                        "line of its own")

    def take_key(self, frame: _Frame, event: yaml.ScalarEvent, mark: Mark) -> None:
        key = self.construct(event, mark)
        self.bad_date = False  # a bad date as a key is reported; it says nothing of the value
        frame.key_mark = mark
        frame.valid_key = True
        if not isinstance(key, str):
            frame.valid_key = False
            self.report("GL009", mark, _non_text_key_message(event.value, key))
            key = event.value
        elif key in frame.container:
            frame.valid_key = False
            first = self.positions.keys.get(frame.path + (key,))
            where = f" (first on line {first.line})" if first else ""
            self.report("GL008", mark, f"key '{key}' appears twice{where}; YAML would keep only the last one: "
                                       "merge them into one")
        frame.key = key

    def construct(self, event: yaml.ScalarEvent, mark: Mark) -> Any:
        tag = _RESOLVER.resolve(ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if tag == _STR:
            return event.value
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _CONSTRUCTOR.bool_values[event.value.lower()]
        node = ScalarNode(tag, event.value)
        if tag == _TIMESTAMP:
            return self.timestamp(node, event, mark)
        constructor = _CONSTRUCTOR.yaml_constructors.get(tag)
        if constructor is None:
            return event.value
        try:
            return constructor(_CONSTRUCTOR, node)
        except (ValueError, TypeError, yaml.YAMLError):
            return event.value

    def timestamp(self, node: ScalarNode, event: yaml.ScalarEvent, mark: Mark) -> Any:
        try:
            value = _CONSTRUCTOR.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            self.report("GL013", mark, f"'{event.value}' is not a real date or time; write a date that exists, as YYYY-MM-DD")
            self.bad_date = True
            return event.value
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        return event.value

    def place(self, value: Any, mark: Mark, event: Any) -> JsonPath:
        if not self.stack:
            self.root = value
            self.positions.values[()] = mark
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            path = frame.path + (len(frame.container),)
            frame.container.append(value)
        else:
            path = frame.path + (frame.key,)  # type: ignore[operator]
            if frame.valid_key:
                frame.container[frame.key] = value  # type: ignore[index]
                if frame.key_mark is not None:
                    self.positions.keys[path] = frame.key_mark
            frame.key = None
        self.positions.values.setdefault(path, mark)
        if self.bad_date:
            self.positions.reported.add(path)
            self.bad_date = False
        if isinstance(event, yaml.ScalarEvent) and value is not None and (
                not isinstance(value, str) or value != event.value):  # YAML read it as other than written
            self.positions.raw[path] = self.source_text(event)
        return path

    def source_text(self, event: Any) -> str:
        """The scalar as written in the file, quotes and all."""
        return str(self.text[event.start_mark.index:event.end_mark.index])

    def start_collection(self, event: Any) -> None:
        mark = self.mark(event.start_mark)
        self.check_node(event, mark)
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            self.report("GL009", mark, "a key is a list or mapping, not text; field names must be plain text")
            raise _Stop
        if len(self.stack) >= MAX_DEPTH:
            self.report("GL012", mark, f"the front matter is nested more than {MAX_DEPTH} levels deep; "
                                       "a term needs three at most: flatten this value")
            raise _Stop
        container: dict[str, Any] | list[Any] = {} if isinstance(event, yaml.MappingStartEvent) else []
        self.stack.append(_Frame(container, self.place(container, mark, event)))

    def end_collection(self) -> None:
        self.stack.pop()

    def alias(self, event: yaml.AliasEvent) -> None:
        mark = self.mark(event.start_mark)
        self.report("GL011", mark, f"'*{event.anchor}' is read as a YAML alias, which is not allowed: if it is "
                                   "text, put the whole value in quotes; if not, write the value out in full")
        frame = self.stack[-1] if self.stack else None
        if frame is not None and isinstance(frame.container, dict) and frame.key is None:
            frame.key, frame.valid_key, frame.key_mark = f"*{event.anchor}", False, mark
            return
        self.place(None, mark, event)


def _non_text_key_message(source: str, key: Any) -> str:
    shown = describe_yaml_value(key)
    return f"key '{source}' is read by YAML as {shown}, not text; field names must be text: quote it or rename it"


def parse_front_matter(text: str, first_line: int, shown: str) -> Parsed:
    """Parse one front matter block; `first_line` is the file line its text starts on."""
    walker = _Walker(text, first_line, shown)
    try:
        walker.run()
    except _Stop:
        return Parsed(None, walker.positions, walker.diagnostics)
    except yaml.MarkedYAMLError as error:
        walker.diagnostics.append(_syntax_problem(error, walker))
        return Parsed(None, walker.positions, walker.diagnostics)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow, such as a control character
        walker.diagnostics.append(_character_problem(error, walker))
        return Parsed(None, walker.positions, walker.diagnostics)
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        walker.diagnostics.append(problem("GL006", shown, first_line, 1, f"the front matter is not valid YAML ({error})"))
        return Parsed(None, walker.positions, walker.diagnostics)
    return _finish(walker, first_line, shown)


def _finish(walker: _Walker, first_line: int, shown: str) -> Parsed:
    if any(d.code not in RECOVERABLE for d in walker.diagnostics):
        return Parsed(None, walker.positions, walker.diagnostics)
    if not isinstance(walker.root, dict):
        kind = "empty" if walker.root is None else f"a {_kind(walker.root)}, not a set of fields"
        mark = walker.positions.values.get((), Mark(first_line, 1))
        walker.report("GL007", mark, f"the front matter is {kind}; write one 'field: value' per line "
                                     "(title, summary, definition, ...)")
        return Parsed(None, walker.positions, walker.diagnostics)
    return Parsed(walker.root, walker.positions, walker.diagnostics)


def _kind(value: Any) -> str:
    return "list" if isinstance(value, list) else "single value"


def _character_problem(error: yaml.reader.ReaderError, walker: _Walker) -> Diagnostic:
    position = error.position
    if Loader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text; Python's reader, characters
        position = len(walker.text.encode("utf-8")[:max(position, 0)].decode("utf-8", errors="ignore"))
    mark = walker.mark_at(min(max(position, 0), len(walker.text)))
    character = error.character if isinstance(error.character, str) else chr(error.character)
    return problem("GL006", walker.shown, mark.line, mark.column,
                   f"character U+{ord(character):04X} is not allowed in YAML (a control character); delete it")


def _syntax_problem(error: yaml.MarkedYAMLError, walker: _Walker) -> Diagnostic:
    # For an unclosed quote or a key without its colon, libyaml's context (where the token it could not
    # finish began) is the writer's mistake; otherwise its problem mark is where the fault lies.
    scanning = (isinstance(error, yaml.scanner.ScannerError) and error.context_mark is not None
                and (error.problem or "").startswith(_MISTAKE_AT_CONTEXT))
    yaml_mark = (error.context_mark if scanning else error.problem_mark) or error.context_mark
    mistake = _common_mistake(error, walker)
    if mistake is not None:
        mark = walker.mark_at(mistake.at)
        return problem("GL006", walker.shown, mark.line, mark.column, mistake.message)
    mark = walker.mark(yaml_mark) if yaml_mark is not None else Mark(walker.offset + 1, 1)
    context = error.context or ""
    if context and error.context_mark is not None and not scanning:
        started = walker.mark(error.context_mark)
        if started.line != mark.line:
            context += f" that starts on line {started.line}"
    lines, index = walker.text.split("\n"), mark.line - walker.offset - 1
    message = syntax_message(error.problem or "invalid YAML", context, lines, index)
    if error.context_mark is not None and unclosed_list(error.problem or "", context, lines, index):
        mark = walker.mark(error.context_mark)  # the writer's fix is where the list opens
    return problem("GL006", walker.shown, mark.line, mark.column, message)


def _common_mistake(error: yaml.MarkedYAMLError, walker: _Walker) -> Mistake | None:
    """The mistakes writers make most, at the place they made them: see `read.mistakes`."""
    at = error.problem_mark or error.context_mark
    if at is None:
        return None
    index = min(max(int(at.index), 0), len(walker.text))
    line = walker.text.count("\n", 0, index)
    column = index - (walker.text.rfind("\n", 0, index) + 1)
    found = unclosed_quote(walker.text, line)
    if found is None and ("tab" in (error.problem or "") or walker.text[index:index + 1] == "\t"):
        found = tab_mistake(walker.text, line, column)
    if found is None and (error.problem or "").startswith("mapping values are not allowed"):
        found = colon_mistake(walker.text, line, column)
    return found
