"""Reading: find the term files, decode them, and split the front matter from the body.

Every failure with a file is returned as a diagnostic value, never raised: a file that cannot be read, is
too large, is not UTF-8, or has no (or an unclosed) front matter block. Only a content folder that cannot
be listed at all raises (OSError), which the lint job turns into a configuration error.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from glossary.diagnostics import Diagnostic, problem

MAX_FILE_BYTES = 256 * 1024  # a generous term is 10 KB; anything this size is a mistake, not a term
TERM_SUFFIX = ".md"
BOM = b"\xef\xbb\xbf"
_CLOSING_LINE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_OPENING_LINE = re.compile(r"---[ \t]*(?:\n|$)")

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # a file name without .md: lower-case words joined by hyphens


@dataclass(frozen=True, slots=True)  # slots: a large glossary keeps one per term
class Source:
    """One decoded term file, split into its YAML front matter and its Markdown body."""

    path: Path
    display: str
    slug: str
    front_matter: str
    front_matter_line: int
    body: str
    body_line: int


@dataclass
class ReadResult:
    """What reading one file gives: a source, or diagnostics saying why there is none."""

    source: Source | None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Discovery:
    """The term files found in a content folder, and the entries refused as terms (with why)."""

    files: list[Path]
    refused: list[Path]
    diagnostics: list[Diagnostic]


def display_path(path: Path, root: Path) -> str:
    """The path as users see it: relative to the project root where it can be, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def discover(content: Path, root: Path) -> Discovery:
    """List the term files of a content folder; report files that are not terms or link outside it."""
    files: list[Path] = []
    refused: list[Path] = []
    found: list[Diagnostic] = []
    real_content = content.resolve()
    for entry in sorted(os.scandir(content), key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        path = _child(content, entry.name)
        if _is_directory(entry):
            for nested in _nested_terms(path) if not entry.is_symlink() else []:  # a link may lead to /
                found.append(problem("GL204", display_path(nested, root), 1, 1, _nested_message(nested, content)))
                refused.append(nested)
            continue
        if entry.is_symlink() and _resolves_outside(path, real_content):
            found.append(problem("GL014", display_path(path, root), 1, 1, _outside_message(path)))
            refused.append(path)
            continue
        if not entry.name.endswith(TERM_SUFFIX):
            found.append(problem("GL202", display_path(path, root), 1, 1, _not_markdown_message(entry.name)))
            refused.append(path)
            continue
        files.append(path)
    return Discovery(files, refused, found)


def _child(folder: Path, name: str) -> Path:
    """folder / name, for a name read from the folder: pathlib's own quick way where there is one (a large
    glossary lists ten thousand names), else the usual one."""
    make = getattr(folder, "_make_child_relpath", None)
    child = make(name) if make is not None else None
    return child if isinstance(child, Path) and child.name == name else folder / name


MAX_NESTING = 8  # how deep subfolders are searched for misplaced term files


def _nested_terms(folder: Path) -> list[Path]:
    """Markdown files in a subfolder and its subfolders, skipping hidden folders and links, not too deep."""
    found: list[Path] = []
    waiting = [(folder, 1)]
    while waiting:
        current, depth = waiting.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.is_symlink():
                continue
            if _is_directory(entry) and depth < MAX_NESTING:
                waiting.append((current / entry.name, depth + 1))
            elif entry.name.endswith(TERM_SUFFIX):
                found.append(current / entry.name)
    return sorted(found)


def _nested_message(path: Path, content: Path) -> str:
    return (f"'{path.relative_to(content).as_posix()}' is in a subfolder, so it was not read as a term: terms "
            f"live directly in the content folder; move it to '{path.name}' there")


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _resolves_outside(path: Path, folder: Path) -> bool:
    """True for a link whose target is outside the folder; a dangling or looping link is reading's problem."""
    try:
        return not path.resolve(strict=True).is_relative_to(folder)
    except (OSError, RuntimeError):
        return False


def _outside_message(path: Path) -> str:
    return (
        f"'{path.name}' is a symbolic link to a file outside the content folder, so it was not read; "
        "put the term file itself in the content folder"
    )


def _not_markdown_message(name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return (
        f"'{name}' is not a Markdown term file, so it was not read; rename it to '{stem}{TERM_SUFFIX}' "
        "if it is a term, or move it out of the content folder"
    )


def slug_of(path: Path) -> str:
    """A term's slug: its file name without the .md suffix."""
    return path.name[: -len(TERM_SUFFIX)] if path.name.endswith(TERM_SUFFIX) else path.stem


def read_source(path: Path, shown: str) -> ReadResult:
    """Read one term file into a Source, or say why it cannot be one."""
    return read_source_and_digest(path, shown)[0]


def read_source_and_digest(path: Path, shown: str) -> tuple[ReadResult, str | None]:
    """read_source, and the SHA-256 of the bytes it read (None if none were): the lint cache's key."""
    raw = _read_bytes(path, shown)
    if isinstance(raw, Diagnostic):
        return ReadResult(None, [raw]), None
    return _source_of(raw, path, shown), hashlib.sha256(raw).hexdigest()


def source_of_bytes(raw: bytes, path: Path, shown: str) -> ReadResult:
    """A term file's bytes held in memory (an editor's unsaved text) read as `read_source` reads the file."""
    if len(raw) > MAX_FILE_BYTES:
        return ReadResult(None, [_too_large(shown)])
    return _source_of(raw, path, shown)


def _source_of(raw: bytes, path: Path, shown: str) -> ReadResult:
    text = _decode(raw, shown)
    if isinstance(text, Diagnostic):
        return ReadResult(None, [text])
    return split_front_matter(text, path, shown)


def _read_bytes(path: Path, shown: str) -> bytes | Diagnostic:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            return problem("GL001", shown, 1, 1, "this is a folder, not a term file; name term files <slug>.md")
        if not stat.S_ISREG(mode):  # a pipe or a device would block, or never end
            return problem("GL001", shown, 1, 1, "this is not a regular file (a pipe, socket or device), "
                                                 "so it was not read; term files are plain text files")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of symbolic links, on some Pythons
        reason = getattr(error, "strerror", None) or str(error) or type(error).__name__
        return problem("GL001", shown, 1, 1, f"the file cannot be read ({reason}); check that it exists and is readable")
    if len(raw) > MAX_FILE_BYTES:
        return _too_large(shown)
    return raw


def _too_large(shown: str) -> Diagnostic:
    return problem("GL002", shown, 1, 1, f"the file is larger than {MAX_FILE_BYTES // 1024} KiB, far more than a "
                                         "term needs; split it or move long material elsewhere")


def _decode(raw: bytes, shown: str) -> str | Diagnostic:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return problem("GL003", shown, 1, 1, "the file is UTF-16 text; save it as UTF-8")
    if raw.startswith(BOM):
        raw = raw[len(BOM):]
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        return problem("GL003", shown, line, 1, "the file holds NUL bytes, so it is not UTF-8 text (it may be "
                                                "UTF-16 or a binary file); save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start:error.start].decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        return problem(
            "GL003", shown, line, column,
            f"byte 0x{byte:02X} at byte offset {error.start} is not valid UTF-8; "
            "save the file as UTF-8 (your editor's encoding setting)",
        )
    # CRLF and lone CR both count as one line break, as YAML counts them, so lines stay aligned.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _closing_line(text: str, start: int) -> tuple[int, int] | None:
    """Where the first line from `start` on that is --- or ... (spaces after allowed) starts and ends: what
    _CLOSING_LINE finds, by plain string search (the body that follows is never scanned)."""
    first = _CLOSING_LINE.match(text, start)
    if first is not None:
        return start, first.end()
    found = None
    for mark in ("\n---", "\n..."):
        at = text.find(mark, start)
        while at >= 0 and (found is None or at < found[0]):
            line = _CLOSING_LINE.match(text, at + 1)
            if line is not None:
                found = (at + 1, line.end())
                break
            at = text.find(mark, at + 1)
    return found


def split_front_matter(text: str, path: Path, shown: str) -> ReadResult:
    """Split decoded text at its `---` lines into front matter and body."""
    opening = _OPENING_LINE.match(text)
    if opening is None:
        return ReadResult(None, [problem(
            "GL004", shown, 1, 1,
            "the file does not start with front matter; its first line must be --- followed by the "
            "YAML fields (title, summary, ...) and a closing --- line",
        )])
    closing = _closing_line(text, opening.end())
    if closing is None:
        return ReadResult(None, [problem(
            "GL005", shown, 1, 1,
            "the front matter opened on line 1 is never closed; add a line with --- after the last field",
        )])
    closing_start, closing_end = closing
    front_matter = text[opening.end():closing_start]
    body_start = text.find("\n", closing_end)
    body = "" if body_start < 0 else text[body_start + 1:]
    closing_line = text.count("\n", 0, closing_start) + 1
    return ReadResult(Source(
        path=path,
        display=shown,
        slug=slug_of(path),
        front_matter=front_matter,
        front_matter_line=2,
        body=body,
        body_line=closing_line + 1,
    ))
