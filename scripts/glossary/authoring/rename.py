"""Renaming a term: `glossary rename OLD NEW` moves OLD.md to NEW.md and rewrites every reference to it.

References are rewritten where they are written, so comments and layout survive: `related` items,
`superseded_by`, term links in bodies and definitions, and switch comments that name OLD. The YAML is never
dumped again: each value is found by the start and end marks of libyaml's events (the parser's own), each body
link by the link reader. With `--title`, the title changes in the same step and the old title becomes an alias
(a slug is not a name anyone writes, so the old slug is not). The redirects file records the move.
Every new text is computed and read back (the data must be what was meant) before anything is written.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from glossary import atomic
from glossary.authoring.edits import (
    MAX_ALIASES,
    FileChange,
    RenameRefused,
    Retitle,
    TermText,
    retitle,
    term_change,
)
from glossary.authoring.redirects import EntryComments, header_of, render
from glossary.check.textual import fold, names
from glossary.config import ConfigError
from glossary.read.corpus import Corpus, Term, load_corpus
from glossary.read.files import (
    BOM,
    MAX_FILE_BYTES,
    SLUG,
    display_path,
)
from glossary.read.redirects import RedirectsFile, read_redirects, redirects_path

MAX_SLUG = 80
@dataclass(frozen=True)
class RenameRequest:
    """Which term to rename, to what, in which project and content folder."""

    root: Path
    content: Path
    old: str
    new: str
    title: str | None = None  # the term's new title, if it changes too
    schema: Path | None = None  # the term schema, for fmt's order: files in it stay in it


@dataclass
class RenamePlan:
    """Everything a rename would do: the files' new texts, then the move of OLD.md to NEW.md."""

    request: RenameRequest
    old_path: Path
    new_path: Path
    shown_old: str
    shown_new: str
    changes: list[FileChange] = field(default_factory=list)

    def summary(self, dry_run: bool = False) -> str:
        """What was done (or, for a dry run, what would be): 'renamed OLD to NEW; updated N files'."""
        old, new, count = self.request.old, self.request.new, len(self.changes)
        titled = f" (titled {self.request.title!r})" if self.request.title is not None else ""
        if dry_run:
            return f"would rename {old} to {new}{titled}; would update {count} files; nothing was written"
        return f"renamed {old} to {new}{titled}; updated {count} files"


def plan_rename(request: RenameRequest) -> RenamePlan:
    """Work out every change a rename makes, or raise RenameRefused (or ConfigError) saying why not."""
    old, new = request.old, request.new
    _check_names(request)
    corpus = load_corpus(request.content, request.root)
    _refuse_broken_files(corpus, request.root, old)
    terms = corpus.by_slug()
    renamed = terms.get(old)
    if renamed is None or renamed.data is None:
        raise RenameRefused(f"the term '{old}' cannot be read; run 'glossary lint' and fix it first")
    new_title = retitle(renamed, request.title)
    _refuse_name_clash(corpus, renamed, request.title, new_title)
    old_path = request.content / f"{old}.md"
    plan = RenamePlan(request, old_path, request.content / f"{new}.md", display_path(old_path, request.root),
                      display_path(request.content / f"{new}.md", request.root))
    for term in sorted((t for t in corpus.terms if t.data is not None), key=lambda t: t.path):
        change = term_change(term, old, new, term is renamed, new_title if term is renamed else None)
        if change is not None:
            plan.changes.append(change)
    _keep_canonical(plan, request)
    plan.changes.append(_redirects_change(request))
    return plan


def _keep_canonical(plan: RenamePlan, request: RenameRequest) -> None:
    """A file that was in fmt's canonical form stays in it: a new slug can move in the sorted `related`, and
    the new title or alias can need quotes or a line of its own."""
    from glossary.authoring.fmt import canonical_text
    from glossary.check.validators import load_validator

    if request.schema is None:
        return
    schema = load_validator(request.schema).schema
    for change in plan.changes:
        if change.before is not None and canonical_text(change.before, change.path, change.shown, schema) == \
                change.before:
            change.after = canonical_text(change.after, change.path, change.shown, schema) or change.after


def _check_names(request: RenameRequest) -> None:
    old, new = request.old, request.new
    if old == new:
        raise RenameRefused(f"'{old}' is already the term's slug; give a different new slug")
    for role, slug in (("new", new), ("old", old)):
        if not SLUG.fullmatch(slug) or len(slug) > MAX_SLUG:
            raise RenameRefused(f"the {role} slug {slug!r} is not a slug: lower-case letters and digits in words "
                                f"joined by single hyphens, at most {MAX_SLUG} characters")
    if not request.content.is_dir():
        raise ConfigError(f"the content folder {request.content} does not exist; pass --content DIR")
    entries = {entry.casefold(): entry for entry in os.listdir(request.content)}
    if f"{old}.md" not in entries.values():
        raise RenameRefused(f"there is no term '{old}' ({old}.md) in {request.content}")
    taken = entries.get(f"{new}.md".casefold())
    if taken is not None:
        raise RenameRefused(f"'{taken}' already exists in {request.content}; choose another slug, or merge the two "
                            "terms by hand")


def _refuse_broken_files(corpus: Corpus, root: Path, old: str) -> None:
    """A file that cannot be read or parsed may link to OLD where no one can rewrite it: refuse."""
    mention = re.compile(rf"(?<![A-Za-z0-9-]){re.escape(old)}(?![A-Za-z0-9-])")
    for diagnostic in sorted(corpus.diagnostics):
        if not diagnostic.code.startswith("GL0") or diagnostic.severity != "error" or diagnostic.code == "GL014":
            continue
        text = _raw_text(root / diagnostic.path)
        if text is None or mention.search(text) or diagnostic.path.endswith(f"/{old}.md"):
            raise RenameRefused(f"{diagnostic.path}:{diagnostic.line}:{diagnostic.column}: {diagnostic.code} "
                                f"{diagnostic.message}; fix it first, since the file may refer to '{old}'")


def _raw_text(path: Path) -> str | None:
    """A file's text for a search, however broken its encoding; None when it cannot be read at all."""
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_FILE_BYTES * 4).decode("utf-8", errors="replace")
    except OSError:
        return None


def _refuse_name_clash(corpus: Corpus, renamed: Term, title: str | None, new_title: Retitle | None) -> None:
    """A new title must be a one-line name no other term has; the old title, kept as an alias, must fit."""
    if title is None:
        return
    if not title.strip() or title != " ".join(title.split()) or any(ord(char) < 32 for char in title):
        raise RenameRefused(f"the title {title!r} must be one line of text, without spaces at its ends or twice "
                            "in a row")
    for term in corpus.terms:
        if term is not renamed and term.data is not None and fold(title) in {fold(name) for name in names(term)}:
            raise RenameRefused(f"the title '{title}' is already a title or alias of '{term.slug}'; choose another, "
                                "or merge the two terms by hand")
    aliases = renamed.data.get("aliases") if renamed.data else None
    if aliases is not None and not isinstance(aliases, list):
        raise RenameRefused(f"{renamed.path}: aliases is not a list; fix it first")
    if new_title is not None and new_title.old_title and new_title.in_place_of is None \
            and len(aliases or []) >= MAX_ALIASES:
        raise RenameRefused(f"{renamed.path} already has {MAX_ALIASES} aliases, the most allowed, so the old title "
                            f"'{new_title.old_title}' cannot be added; remove one first")


def _redirects_change(request: RenameRequest) -> FileChange:
    """The redirects file with OLD -> NEW added, earlier redirects to OLD sent to NEW, and NEW's own removed.

    Each comment stays with its entry (a removed entry's go with it); the line endings and a byte-order mark
    are kept, so that putting the file back after a failure gives back its exact bytes."""
    path = redirects_path(request.root, request.content)
    found = read_redirects(path, request.root)
    if found.diagnostics:
        first = found.diagnostics[0]
        raise RenameRefused(f"{first.path}:{first.line}:{first.column}: {first.code} {first.message}; fix the "
                            "redirects file first")
    mapping = {old: (request.new if new == request.old else new)
               for old, new in found.mapping().items() if old != request.new}
    mapping[request.old] = request.new
    if not found.exists:
        return FileChange(path, found.shown, None, render(mapping))
    try:
        written = TermText(path.read_bytes())
    except (OSError, UnicodeDecodeError) as error:
        raise RenameRefused(f"{found.shown} cannot be read again ({error}); nothing was changed") from error
    if written.normal != found.text:
        raise RenameRefused(f"{found.shown} changed while it was being read; run the rename again")
    comments, end = _redirect_comments(found)
    after = render(mapping, header_of(found.text), comments, end).replace("\n", written.newline)
    return FileChange(path, found.shown, written.written, after, written.bom)


def _redirect_comments(found: RedirectsFile) -> tuple[dict[str, EntryComments], list[str]]:
    """The comments below the header, each with its entry (by old slug), and those after the last entry.

    A comment on its own line goes with the entry below it; one at the end of a line, with the entry that
    starts on or before that line."""
    from glossary.authoring.comments import find_comments

    text = found.text
    header_end = 0
    for written in text.splitlines(keepends=True):
        if written.strip() and not written.lstrip().startswith("#"):
            break
        header_end += len(written)
    starts = sorted((redirect.old_at[0] - 1, redirect.old) for redirect in found.redirects)  # 0-based lines
    lines = [line for line, _ in starts]
    comments: dict[str, EntryComments] = {}
    end: list[str] = []
    for comment in find_comments(text):
        if comment.start < header_end:
            continue
        line = text.count("\n", 0, comment.start)
        owner = bisect.bisect_right(lines, line) - 1 if not comment.full_line else -1
        if owner >= 0:
            comments.setdefault(starts[owner][1], EntryComments()).trailing.append(comment.text)
            continue
        following = bisect.bisect_right(lines, line)
        if following < len(starts):
            comments.setdefault(starts[following][1], EntryComments()).above.append(comment.text)
        else:
            end.append(comment.text)
    return comments, end


def render_diff(plan: RenamePlan) -> str:
    """What the rename would do, as a unified diff per file and the file's move."""
    parts: list[str] = []
    for change in plan.changes:
        moved = change.path == plan.old_path
        before_name = "/dev/null" if change.before is None else f"a/{change.shown}"
        after_name = f"b/{plan.shown_new if moved else change.shown}"
        parts += difflib.unified_diff(_lines(change.before or ""), _lines(change.after), before_name, after_name)
    if not any(change.path == plan.old_path for change in plan.changes):
        parts.append(f"rename {plan.shown_old} -> {plan.shown_new}\n")
    return "".join(parts)


def _lines(text: str) -> list[str]:
    return [line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
            for line in re.split(r"(?<=\n)", text) if line]


def apply_rename(plan: RenamePlan) -> None:
    """Write each changed file atomically, then move OLD.md to NEW.md; on a failure, put back what was written."""
    written: list[FileChange] = []
    try:
        for change in plan.changes:
            _write_atomically(change.path, change.after, change.bom)
            written.append(change)
        if os.path.lexists(plan.new_path):
            raise RenameRefused(f"{plan.shown_new} appeared while renaming; nothing is left changed")
        os.rename(plan.old_path, plan.new_path)
    except (OSError, RenameRefused):
        for change in reversed(written):
            if change.before is None:
                change.path.unlink(missing_ok=True)
            else:
                _write_atomically(change.path, change.before, change.bom)
        raise


def _write_atomically(path: Path, text: str, bom: bool) -> None:
    atomic.replace_file(path, (BOM if bom else b"") + text.encode("utf-8"))
