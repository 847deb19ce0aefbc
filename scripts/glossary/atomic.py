"""Replace a folder (or one file) whole: write the new one beside it, then swap, so readers see the old or
the new, never half.

On Linux the swap is one `renameat2(RENAME_EXCHANGE)` call; elsewhere two renames, with the old folder
put back if the second fails. A crash before the swap leaves the old folder untouched and a staging
folder behind (`.dist.new-<pid>-<random>`), which the next run removes once its process is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
import secrets
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


@contextlib.contextmanager
def new_folder(out: Path) -> Iterator[Path]:
    """A new, empty folder beside `out` to write into; swapped in for `out` when the block ends without
    an error, and removed (with the old folder, after a swap) in every case."""
    parent = out.parent
    parent.mkdir(parents=True, exist_ok=True)
    remove_stale(parent, out.name)
    staging = parent / f".{out.name}.new-{os.getpid()}-{secrets.token_hex(4)}"
    os.mkdir(staging)  # mode from the umask, as the folder it replaces would have had
    try:
        yield staging
        _swap(staging, out)  # afterwards `staging` holds the old folder, if there was one
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_file(path: Path, data: bytes) -> None:
    """Write one file of the new folder (a seam for tests that crash in the middle)."""
    with open(path, "xb") as handle:
        handle.write(data)


def _swap(staging: Path, out: Path) -> None:
    if not os.path.lexists(out):
        os.rename(staging, out)
    elif not _exchange(staging, out):
        backup = out.parent / f".{out.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
        os.rename(out, backup)
        try:
            os.rename(staging, out)
        except BaseException:
            os.rename(backup, out)
            raise
        os.rename(backup, staging)  # so the caller's clean-up removes the old folder


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step where the system can (Linux 3.15+); False where it cannot."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: this file system or kernel cannot exchange
        return False
    raise OSError(error, os.strerror(error), str(second))


def remove_stale(parent: Path, name: str) -> None:
    """Remove staging folders left by runs that crashed (their process no longer exists).

    An old folder set aside by a swap that never finished is put back if nothing took its place.
    """
    pattern = re.compile(rf"^\.{re.escape(name)}\.(new|old)-(\d+)-[0-9a-f]+$")
    try:
        entries = list(parent.iterdir())
    except OSError:
        return
    for entry in entries:
        match = pattern.match(entry.name)
        if match is None or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not os.path.lexists(parent / name):
            os.rename(entry, parent / name)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def replace_file(path: Path, data: bytes) -> None:
    """Replace one file (the real one, if `path` is a link) with `data`: a temporary file beside it, flushed
    to disk, given the old file's mode (0644 for a new one), then renamed over it."""
    target = Path(os.path.realpath(path))
    target.parent.mkdir(parents=True, exist_ok=True)
    mode = stat.S_IMODE(os.stat(target).st_mode) if target.exists() else 0o644
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
