"""Reading a published export, file by file, from a folder or an http(s) URL (the standard library's
urllib only): what `export --previous` continues and what `sync` mirrors.

`get(path)` gives a file's bytes, or None when it is not there (no such file; HTTP 404 or 410). Anything
else (a server error, no connection, a file too large to be part of an export) raises Unreachable, whose
message says what and where.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO, Any

import orjson

from glossary import __version__
from glossary.config import ConfigError

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DIGEST = re.compile(r"sha256:[0-9a-f]{64}")
TIMEOUT = 30  # seconds without a byte before a request is given up
MAX_FILE = 2**30  # 1 GiB: a 100,000-term bundle is a few hundred MB
NOT_THERE = (404, 410)


class Unreachable(Exception):
    """A file of the published export could not be read (the message says which and why)."""


class _HttpOnly(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) addresses only (urllib would follow one to ftp: too)."""

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: Any, newurl: str) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise urllib.error.HTTPError(newurl, code, "a redirect to another kind of address", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Published:
    """A published export: a folder, or the http(s) URL of its top (ending in '/').

    `fresh`: ask past caches for the current files (a query no cache has seen), for the publish job,
    which must read exactly the export it follows."""

    def __init__(self, where: str, fresh: bool = False) -> None:
        self.url = where if is_url(where) else None
        self.folder = None if self.url else Path(where)
        if self.url and not self.url.endswith("/"):
            self.url += "/"
        self.query = f"?fresh={secrets.token_hex(8)}" if fresh else ""
        self.opener = urllib.request.build_opener(_HttpOnly)
        self.requested: list[str] = []  # the paths fetched, in order (what a sync reports)

    def __str__(self) -> str:
        return self.url or str(self.folder)

    def where(self, path: str) -> str:
        """A file's address, for messages."""
        return self.url + path if self.url else str(Path(str(self.folder)) / path)

    def get(self, path: str, limit: int = MAX_FILE) -> bytes | None:
        """The bytes of the file at `path` (such as 'terms/gpu.json'), or None if it is not there."""
        self.requested.append(path)
        return self._fetch(path, limit) if self.url else self._read(path, limit)

    def _read(self, path: str, limit: int) -> bytes | None:
        file = Path(str(self.folder)) / path
        try:
            if not file.exists():
                return None
            if not file.is_file():
                raise Unreachable(f"{file} is not a file")
            if os.path.getsize(file) > limit:
                raise Unreachable(f"{file} is over {limit // 2**20} MiB: far larger than a file of an export")
            return file.read_bytes()
        except OSError as error:
            raise Unreachable(f"cannot read {file}: {error.strerror or error}") from None

    def _fetch(self, path: str, limit: int) -> bytes | None:
        url = self.where(path)
        request = urllib.request.Request(url + self.query, headers={
            "User-Agent": f"glossary/{__version__}", "Accept-Encoding": "identity", "Cache-Control": "no-cache"})
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                data: bytes = response.read(limit + 1)
        except urllib.error.HTTPError as error:
            error.close()
            if error.code in NOT_THERE:
                return None
            raise Unreachable(f"{url}: the server answered {error.code} {error.reason}") from None
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            reason = getattr(error, "reason", None) or error
            raise Unreachable(f"{url}: {reason}") from None
        if len(data) > limit:
            raise Unreachable(f"{url} is over {limit // 2**20} MiB: far larger than a file of an export")
        return data


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes ("sha256:…"), read a piece at a time; None if it cannot be read."""
    found = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while piece := handle.read(1 << 20):
                found.update(piece)
    except OSError:
        return None
    return "sha256:" + found.hexdigest()


def is_url(where: str) -> bool:
    return where.lower().startswith(("http://", "https://"))


def published(where: str, fresh: bool = False) -> Published:
    """The export at a folder or an http(s) URL; another kind of address is a usage error."""
    scheme = urllib.parse.urlsplit(where).scheme
    if len(scheme) > 1 and not is_url(where):  # one letter is a Windows drive
        raise ConfigError(f"{where!r} is neither a folder nor an http(s) address of a published export")
    if is_url(where) and not urllib.parse.urlsplit(where).netloc:
        raise ConfigError(f"{where!r} names no server; give an address such as https://example.org/glossary/")
    if is_url(where) and urllib.parse.urlsplit(where).query + urllib.parse.urlsplit(where).fragment:
        raise ConfigError(f"{where!r}: give the export's address without a query or fragment")
    if not is_url(where) and not Path(where).is_dir():
        raise ConfigError(f"{where!r} is no folder: give the folder (or http(s) address) of a published export")
    return Published(where, fresh)


EXPORT_FILES = frozenset({"glossary.json", "index.json", "glossary.jsonld", "changes.json", "export.schema.json"})
_FOLDERS = {"terms": r"[a-z0-9-]+\.json", "changes": r"(?:index|[0-9]+)\.json"}  # what each folder may hold
# the standards files (index.json's `formats`): at the top, and in the folders of the Vale and docs-site files,
# where <Name> is a name of letters and digits
_STANDARDS_FILES = re.compile(r"glossary\.ttl|glossary\.skos\.jsonld|glossary\.tbx"
                              r"|vale/config/vocabularies/[A-Za-z0-9]+/(?:accept|reject)\.txt|vale/[A-Za-z0-9]+/Terms\.yml"
                              r"|docusaurus/glossary\.json|mkdocs/abbreviations\.md")
_STANDARDS_FOLDERS = re.compile(r"vale(?:/config(?:/vocabularies(?:/[A-Za-z0-9]+)?)?|/[A-Za-z0-9]+)?|docusaurus|mkdocs")
SITE_MANIFEST = "site.json"  # written by the site beside the export: every file the site wrote


def not_export_file(folder: Path) -> str | None:
    """Why `folder` may hold someone's files, or None when it holds only what an export (and the site built
    with it, whose files its manifest lists) writes."""
    try:
        orjson.loads((folder / "index.json").read_bytes())["terms"]  # small, unlike the bundle
        if not (folder / "glossary.json").is_file():
            raise OSError
    except (OSError, ValueError, RecursionError, KeyError, TypeError):
        return "it has no readable glossary.json and index.json"
    site = _site_files(folder)
    if site is None:
        return f"it holds a {SITE_MANIFEST} that is not a site's list of its files"
    known_folders = site.folders | set(_FOLDERS)
    for top, folders, files in os.walk(folder):
        here = Path(top).relative_to(folder)
        for name in sorted(folders) + sorted(files):
            path = (here / name).as_posix()
            known = (path in known_folders or _STANDARDS_FOLDERS.fullmatch(path) is not None) if name in folders \
                else _exported(path) or path in site.files
            if not known or (folder / path).is_symlink():
                return f"it holds {path}"
    return None


class _SiteFiles:
    def __init__(self, files: set[str]) -> None:
        self.files = files | ({SITE_MANIFEST} if files else set())
        self.folders = {parent.as_posix() for path in files for parent in Path(path).parents if parent != Path(".")}


def _site_files(folder: Path) -> _SiteFiles | None:
    """The files the site's manifest lists (none without one), or None for a manifest that cannot be read."""
    try:
        listed = orjson.loads((folder / SITE_MANIFEST).read_bytes())["files"]
    except FileNotFoundError:
        return _SiteFiles(set())
    except (OSError, ValueError, RecursionError, KeyError, TypeError):
        return None
    if not isinstance(listed, list) or not all(isinstance(path, str) and path and ".." not in path.split("/")
                                               and not path.startswith("/") for path in listed):
        return None
    return _SiteFiles(set(listed))


def standards_file(path: str) -> bool:
    """A standards file an export may write (listed in index.json's `formats`), by where it lies."""
    return _STANDARDS_FILES.fullmatch(path) is not None


def _exported(path: str) -> bool:
    """A file an export writes, by where it lies."""
    if standards_file(path):
        return True
    folder, _, name = path.rpartition("/")
    if not folder:
        return name in EXPORT_FILES
    return folder in _FOLDERS and re.fullmatch(_FOLDERS[folder], name) is not None


def replaceable(path: Path, shown: str, kind: str, command: str) -> Path:
    """`path` resolved, where `command` may replace it whole with a new {kind}: not a file, and holding
    nothing but what an export holds. Raises ConfigError (with the fix) otherwise."""
    target = path.resolve()
    if target.exists() and not target.is_dir():
        raise ConfigError(f"{shown} is a file; give a folder for the {kind}")
    if target.is_dir() and any(target.iterdir()):
        stranger = not_export_file(target)
        if stranger is not None:
            raise ConfigError(f"{shown} is not an earlier {kind} ({stranger}); {command} replaces the whole "
                              "folder, so give an empty or new folder, or remove what is yours from it")
    return target


def checked_slug(value: Any) -> str:
    """A slug read from a published export (it names a file: nothing else may pass). Raises ValueError."""
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise ValueError(f"{value!r} is not a slug")
    return value


def checked_format_path(value: Any) -> str:
    """A standards file's path read from index.json's `formats` (it names a file: only those an export writes)."""
    if not isinstance(value, str) or not standards_file(value):
        raise ValueError(f"{value!r} is not the path of a standards file an export writes")
    return value


def checked_digest(value: Any) -> str:
    if not isinstance(value, str) or not DIGEST.fullmatch(value):
        raise ValueError(f"{value!r} is not a sha256: digest")
    return value


def checked_entry(value: Any) -> int:
    """The number of an entry of the change feed, from 1."""
    if type(value) is not int or value < 1:
        raise ValueError(f"{value!r} is not an entry number of the change feed")
    return value
