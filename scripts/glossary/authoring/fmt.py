"""`glossary fmt`: rewrite each term's front matter into one canonical form, without changing what it means.

The flow: read (the tool's own reader, then the exact bytes, so the body, BOM and line endings are kept),
parse (the tool's own parser: a file with any reading or YAML problem is left alone), emit (a hand-written
emitter over the loaded data, with every comment attached to the key or list item it annotates), verify
(the result must load to the same data, keep every comment, and parse cleanly), write (atomically).
A file where YAML read a value as other than written (`no` as false, `1.10` as 1.1) and the schema wants
text there is left alone too: fmt would write the value YAML read, and the writer's word would be lost.

The form itself is written by `emit`, comments are kept by `comments`, and `safety` refuses any result
that would change what the file means.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary import atomic
from glossary.authoring.emit import DataChange, NotFormattable, format_front_matter
from glossary.authoring.safety import values_to_quote, verify
from glossary.config import ConfigError
from glossary.read.files import (
    BOM,
    Source,
    discover,
    display_path,
    read_source,
    split_front_matter,
)
from glossary.read.frontmatter import parse_front_matter
from glossary.read.positions import Mark

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

NOT_PARSEABLE = "not formatted: fix the errors `glossary lint` reports first"
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Outcome:
    """What formatting one file gives: the new bytes (None if refused), whether they differ, or why not."""

    shown: str
    data: bytes | None
    changed: bool
    problem: str = ""
    to_quote: tuple[tuple[Mark, str], ...] = ()  # values to put in quotes first, each with its message

    def refusals(self) -> list[str]:
        """The lines telling why the file was left alone, each starting with the file's name."""
        if self.to_quote:
            return [f"{self.shown}:{mark.line}:{mark.column}: {message}" for mark, message in self.to_quote]
        return [f"{self.shown}: {self.problem}"]


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_offset(text: str, line: int) -> int:
    """The character index where 1-based `line` starts, counting CRLF, CR and LF as one break each."""
    count = 1
    for match in _BREAK.finditer(text) if line > 1 else ():
        count += 1
        if count == line:
            return match.end()
    return 0 if line <= 1 else len(text)


def format_file(path: Path, shown: str, schema: Any, validator: Validator | None = None,
                change: DataChange | None = None) -> Outcome:
    """Format one term file in memory, with `change` made to its data; the file itself is not touched.

    With a validator, a file is refused when it holds a value to quote first (see `values_to_quote`).
    """
    read = read_source(path, shown)
    if read.source is None or parse_front_matter(read.source.front_matter, 2, shown).diagnostics:
        return Outcome(shown, None, False, NOT_PARSEABLE)
    to_quote = values_to_quote(read.source, validator) if validator is not None else ()
    if to_quote:
        return Outcome(shown, None, False, to_quote[0][1], to_quote)
    try:
        raw = path.read_bytes()
        original = raw[len(BOM):] if raw.startswith(BOM) else raw
        text = original.decode("utf-8")
        new = _format_text(text, path, shown, read.source, schema, change)
    except (OSError, UnicodeDecodeError):
        return Outcome(shown, None, False, NOT_PARSEABLE)
    except NotFormattable as error:
        return Outcome(shown, None, False, f"not formatted: {error}; the file is left as it was")
    data = (BOM if raw.startswith(BOM) else b"") + new.encode("utf-8")
    return Outcome(shown, data, data != raw)


def canonical_text(text: str, path: Path, shown: str, schema: Any) -> str | None:
    """A term file's text (without a byte-order mark) in the canonical form; None where fmt would leave the
    file alone (reading or YAML problems, or a result it cannot check)."""
    source = split_front_matter(_normalise(text), path, shown).source
    if source is None or parse_front_matter(source.front_matter, 2, shown).diagnostics:
        return None
    try:
        return _format_text(text, path, shown, source, schema, None)
    except NotFormattable:
        return None


def _format_text(text: str, path: Path, shown: str, source: Source, schema: Any, change: DataChange | None) -> str:
    again = split_front_matter(_normalise(text), path, shown).source
    if again != source:
        raise NotFormattable("the file changed while it was read")
    body = text[_line_offset(text, source.body_line):]
    if _normalise(body) != source.body:
        raise NotFormattable("the body could not be told apart from the front matter")
    front_matter = format_front_matter(source.front_matter, schema, change)
    verify(source.front_matter, front_matter, shown, change)
    first_break = _BREAK.search(text)
    newline = first_break.group() if first_break else "\n"
    if body and not body.endswith(("\n", "\r")):
        body += newline
    return newline.join(["---", *front_matter.split("\n")[:-1], "---", ""]) + body


@dataclass(frozen=True)
class FormatSettings:
    """What `glossary fmt` was asked to do."""

    root: Path
    content: Path
    schema: Path
    files: tuple[Path, ...] = ()
    check: bool = False


@dataclass
class FormatResult:
    """The files looked at, those changed (or that would change, with --check), and the refusals."""

    files: int = 0
    changed: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def exit_code(self, check: bool) -> int:
        return 1 if self.refused or (check and self.changed) else 0


def _term_files(settings: FormatSettings) -> list[Path]:
    if settings.files:
        named = [path.absolute() for path in settings.files]
    else:
        try:
            named = discover(settings.content, settings.root).files
        except OSError as error:
            raise ConfigError(f"cannot read the content folder {settings.content}: "
                              f"{error.strerror or error}") from error
    unique: dict[str, Path] = {}
    for path in named:
        unique.setdefault(os.path.realpath(path), path)
    return list(unique.values())


def run_format(settings: FormatSettings) -> FormatResult:
    """Format every named file (default: the content folder's terms); write changes unless checking."""
    from glossary.check.validators import load_validator

    validator = load_validator(settings.schema)
    result = FormatResult()
    for path in _term_files(settings):
        outcome = format_file(path, display_path(path, settings.root), validator.schema, validator)
        result.files += 1
        if outcome.data is None:
            result.refused += outcome.refusals()
            continue
        if not outcome.changed:
            continue
        if not settings.check:
            try:
                atomic.replace_file(path, outcome.data)
            except OSError as error:
                result.refused.append(f"{outcome.shown}: not formatted: cannot write it "
                                      f"({error.strerror or error})")
                continue
        result.changed.append(outcome.shown)
    return result
