"""Reading the redirects file (content/redirects.yml): the old slugs of renamed terms and where they went.

The file is a YAML mapping of old slug to new slug, kept by `glossary rename`. It is parsed here with
the line and column of every entry; a file that cannot be read or is not such a mapping gives located
diagnostics (GL215, GL216), never a crash. Whether each entry leads to a term is `check.redirects`'s job.
"""

from __future__ import annotations

import bisect
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from glossary.config import redirects_setting
from glossary.diagnostics import Diagnostic, problem, shorten
from glossary.read.files import BOM, SLUG, display_path
from glossary.read.frontmatter import Loader
from glossary.read.hints import syntax_message

MAX_BYTES = 1024 * 1024  # thousands of renames; anything larger is a mistake
_RESOLVER = Resolver()
_STR = "tag:yaml.org,2002:str"
_KINDS = {"int": "a number", "float": "a number", "bool": "true or false", "null": "nothing", "timestamp": "a date"}
_MISTAKE_AT_START = ("could not find expected ':'", "found unexpected end of stream",
                     "found unexpected document indicator")


@dataclass(frozen=True)
class Redirect:
    """One entry: the old slug and the new one, with where each is written (1-based)."""

    old: str
    new: str
    old_at: tuple[int, int]
    new_at: tuple[int, int]


@dataclass
class RedirectsFile:
    """What reading the redirects file gives: its entries whose slugs are valid, and any problems."""

    path: Path
    shown: str
    exists: bool = False
    text: str = ""
    redirects: list[Redirect] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def mapping(self) -> dict[str, str]:
        """Old slug to new slug (the first of a repeated old slug wins, as it is reported)."""
        found: dict[str, str] = {}
        for redirect in self.redirects:
            found.setdefault(redirect.old, redirect.new)
        return found


def redirects_path(root: Path, content: Path) -> Path:
    """The redirects file for a content folder: `redirects` in [tool.glossary] for the project's own content
    folder, else `redirects.yml` beside the folder given (`--content DIR`)."""
    project_content, configured = redirects_setting(root)
    if os.path.realpath(project_content) == os.path.realpath(content):
        return configured
    return content.parent / "redirects.yml"


def read_redirects(path: Path, root: Path) -> RedirectsFile:
    """Read and parse the redirects file; a missing file has no redirects and no problems."""
    found = RedirectsFile(path, display_path(path, root))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return found
    except (OSError, RuntimeError) as error:
        return _unreadable(found, getattr(error, "strerror", None) or str(error))
    found.exists = True
    if not stat.S_ISREG(mode):
        return _unreadable(found, "it is not a regular file")
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return _unreadable(found, error.strerror or str(error))
    if len(raw) > MAX_BYTES:
        return _unreadable(found, f"it is larger than {MAX_BYTES // 1024} KiB")
    text = _decoded(raw, found)
    if text is not None:
        found.text = text
        _Parser(text, found).run()
    return found


def _unreadable(found: RedirectsFile, reason: str, line: int = 1, column: int = 1) -> RedirectsFile:
    found.diagnostics.append(problem("GL215", found.shown, line, column,
                                     f"the redirects file cannot be read ({reason}); it must be a UTF-8 YAML "
                                     "file of 'old-slug: new-slug' lines"))
    return found


def _decoded(raw: bytes, found: RedirectsFile) -> str | None:
    raw = raw[len(BOM):] if raw.startswith(BOM) else raw
    if b"\x00" in raw:
        _unreadable(found, "it holds NUL bytes, so it is not text", raw.count(b"\n", 0, raw.index(b"\x00")) + 1)
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        _unreadable(found, f"byte 0x{raw[error.start]:02X} is not valid UTF-8; save it as UTF-8", line)
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Parser:
    """Walks the YAML events of the file: one mapping of plain text keys to plain text values."""

    def __init__(self, text: str, found: RedirectsFile) -> None:
        self.text = text
        self.found = found
        self.line_starts = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]
        self.first_seen: dict[str, int] = {}

    def at(self, mark: Any) -> tuple[int, int]:
        """A YAML mark as a file line and column, counting only \\n as a line break (as editors do)."""
        index = min(max(int(mark.index), 0), len(self.text))
        line = bisect.bisect_right(self.line_starts, index) - 1
        return line + 1, index - self.line_starts[line] + 1

    def report(self, code: str, where: tuple[int, int], message: str) -> None:
        self.found.diagnostics.append(problem(code, self.found.shown, where[0], where[1], message))

    def run(self) -> None:
        try:
            events = list(yaml.parse(self.text, Loader=Loader))  # a syntax error first, alone
            self.walk(iter(events))
        except yaml.MarkedYAMLError as error:
            # for an unclosed quote or a key without its colon, where the token began is the mistake
            at_start = isinstance(error, yaml.scanner.ScannerError) and (error.problem or "").startswith(
                _MISTAKE_AT_START)
            mark = (error.context_mark if at_start else error.problem_mark) or error.context_mark
            where = self.at(mark) if mark is not None else (1, 1)
            message = syntax_message(error.problem or "invalid YAML", error.context or "", self.text.split("\n"),
                                     where[0] - 1)
            self.report("GL215", where, f"the redirects file is not valid YAML: {message}")
        except yaml.reader.ReaderError as error:
            character = error.character if isinstance(error.character, str) else chr(error.character)
            self.report("GL215", (1, 1), f"the redirects file holds character U+{ord(character):04X}, which YAML "
                                         "does not allow (a control character); delete it")
        except (yaml.YAMLError, ValueError, RecursionError, StopIteration) as error:
            self.report("GL215", (1, 1), f"the redirects file is not valid YAML ({error or 'it ends too soon'})")

    def walk(self, events: Iterator[Any]) -> None:
        documents = 0
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.report("GL215", self.at(event.start_mark), "the redirects file holds a second YAML "
                                                                    "document; remove the '---' line")
                    return
            elif isinstance(event, yaml.MappingStartEvent):
                if not self.allowed(event):
                    return
                self.mapping(events)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.ScalarEvent, yaml.AliasEvent)):
                if not (isinstance(event, yaml.ScalarEvent) and self.is_null(event)):
                    self.report("GL216", self.at(event.start_mark), "the redirects file must be a mapping, one "
                                                                    "'old-slug: new-slug' per line")
                    return

    def mapping(self, events: Iterator[Any]) -> None:
        """The entries of the top-level mapping, up to its end."""
        while True:
            key = next(events)
            if isinstance(key, yaml.MappingEndEvent):
                return
            old = self.text_of(key, events, "the old slug")
            value = next(events)
            new = self.text_of(value, events, "the new slug")
            if old is None or new is None:
                continue
            if self.is_repeat(old, key):
                continue
            self.found.redirects.append(Redirect(old, new, self.at(key.start_mark), self.at(value.start_mark)))

    def text_of(self, event: Any, events: Iterator[Any], role: str) -> str | None:
        """A key or value that is a slug written as text, else None (reported); skips a nested collection."""
        where = self.at(event.start_mark)
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self.skip(events)
            self.report("GL216", where, f"{role} is a list or mapping; write one 'old-slug: new-slug' per line")
            return None
        if not self.allowed(event):
            return None
        value = str(event.value)
        tag = _RESOLVER.resolve(ScalarNode, value, event.implicit)  # type: ignore[no-untyped-call]
        if tag != _STR:
            kind = _KINDS.get(tag.rsplit(":", 1)[-1], "something else")
            self.report("GL216", where, f"{role} '{value}' is read by YAML as {kind}, not text; "
                                        f"{'write the slug' if not value else 'put it in quotes'}")
            return None
        if not SLUG.fullmatch(value) or len(value) > 80:
            self.report("GL216", where, f"{role} {shorten(value)} is not a slug (lower-case letters and digits in "
                                        "words joined by single hyphens, at most 80 characters); write the slug, "
                                        "the term's file name without .md")
            return None
        return value

    def allowed(self, event: Any) -> bool:
        """Aliases, anchors and tags have no place in a list of slugs."""
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None):
            self.report("GL215", self.at(event.start_mark), "YAML anchors, aliases and tags are not allowed in the "
                                                            "redirects file; write each slug out as plain text")
            return False
        return True

    def is_null(self, event: yaml.ScalarEvent) -> bool:
        return bool(event.implicit[0]) and _RESOLVER.resolve(  # type: ignore[no-untyped-call]
            ScalarNode, event.value, event.implicit) == "tag:yaml.org,2002:null"

    def is_repeat(self, old: str, key: Any) -> bool:
        where = self.at(key.start_mark)
        if old in self.first_seen:
            self.report("GL216", where, f"'{old}' appears twice (first on line {self.first_seen[old]}); "
                                        "keep one entry for it")
            return True
        self.first_seen[old] = where[0]
        return False

    @staticmethod
    def skip(events: Iterator[Any]) -> None:
        depth = 1
        while depth:
            event = next(events)
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
