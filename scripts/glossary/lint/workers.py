"""Worker processes that never outlive the command: a job over many items, split over every core.

`in_parallel(job, items)` gives `job(items)`, in order, computed in forked worker processes when the
items are many. The workers end with the command, whatever ends it:

- the main process finishes, fails, or is stopped by SIGTERM or SIGINT (Ctrl-C): it ends its workers
  itself, waiting a bounded time for each (`stopping_on_signals` turns both signals into SystemExit, so
  that every `finally` runs, such as the cache's removal of a half-written file);
- the main process is killed outright (SIGKILL, or the out-of-memory killer): on Linux each worker asked
  the kernel to kill it when its parent dies (PR_SET_PDEATHSIG), and each checks, before every chunk,
  that its parent is still the one that started it;
- a worker dies: the run stops with a message instead of waiting for ever for its share.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # multiprocessing is imported only where workers start: most runs never need it
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

from glossary.config import ConfigError

PARALLEL_FROM = 1000  # items; fewer are handled in this process, where starting workers would cost more
STOP_WAIT = 2.0  # seconds a stopping worker is given before it is killed
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

Job = Callable[[list[Any]], list[Any]]


def usable_cores() -> int:
    """The cores this process may run on; 1 where processes cannot be forked (Windows, macOS)."""
    import multiprocessing

    if "fork" not in multiprocessing.get_all_start_methods() or os.uname().sysname != "Linux":
        return 1
    return len(os.sched_getaffinity(0))


def in_parallel(job: Job, items: list[Any]) -> list[Any]:
    """job(items), split over forked worker processes when the items are many; results in order."""
    cores = usable_cores() if len(items) >= PARALLEL_FROM else 1
    if cores < 2:
        return job(items)
    size = -(-len(items) // (cores * 4))  # a few chunks per core, so that a slow one does not hold up the rest
    chunks = [items[start:start + size] for start in range(0, len(items), size)]
    with stopping_on_signals():
        pool = _Pool(job, chunks, min(cores, len(chunks)))
        try:
            results = pool.run()
        finally:
            pool.close()
    return [result for chunk in results for result in chunk]


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """SIGTERM and SIGINT raise SystemExit(128 + the signal) while inside, so cleanup code runs.

    Only in the main thread, and only where the signal still has Python's default handling: a program
    that set its own handler keeps it."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    defaults = {signal.SIGTERM: signal.SIG_DFL, signal.SIGINT: signal.default_int_handler}
    replaced = {number: signal.getsignal(number) for number in defaults
                if signal.getsignal(number) is defaults[number]}
    for number in replaced:
        signal.signal(number, _exit_on_signal)
    try:
        yield
    finally:
        for number, handler in replaced.items():
            signal.signal(number, handler)


def _exit_on_signal(number: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + number)


class _Pool:
    """Forked workers, each sent the number of a chunk to do and answering with its results."""

    def __init__(self, job: Job, chunks: list[list[Any]], size: int) -> None:
        self.chunks = chunks
        import multiprocessing

        self.workers: list[tuple[BaseProcess, Connection]] = []
        context = multiprocessing.get_context("fork")
        parent = os.getpid()
        for _ in range(size):
            ours, theirs = context.Pipe()
            # The chunks and the job are inherited through fork, never pickled: only numbers go out.
            process = context.Process(target=_serve, args=(job, chunks, theirs, parent), daemon=True)
            self.workers.append((process, ours))
            process.start()
            theirs.close()

    def run(self) -> list[list[Any]]:
        """Every chunk's results, in order; ConfigError when a worker dies before it answers."""
        results: list[list[Any] | None] = [None] * len(self.chunks)
        waiting = iter(range(len(self.chunks)))
        busy: dict[Connection, BaseProcess] = {}
        for process, connection in self.workers:
            number = next(waiting, None)
            if number is not None:
                connection.send(number)
                busy[connection] = process
        from multiprocessing.connection import wait

        while busy:
            ready = wait([*busy, *(process.sentinel for process in busy.values())])
            for connection in [c for c in busy if c in ready or busy[c].sentinel in ready]:
                number, chunk = _receive(connection)
                results[number] = chunk
                number = next(waiting, None)
                if number is None:
                    del busy[connection]
                else:
                    connection.send(number)
        return [chunk for chunk in results if chunk is not None]

    def close(self) -> None:
        """Tell the workers to stop, and make sure each has ended, waiting a bounded time for each."""
        for process, connection in self.workers:
            with contextlib.suppress(OSError, ValueError):
                connection.send(None)
            connection.close()
        for process, _ in self.workers:
            process.join(STOP_WAIT)
            if process.is_alive():
                process.terminate()
                process.join(STOP_WAIT)
            if process.is_alive():
                process.kill()
                process.join(STOP_WAIT)


def _receive(connection: Connection) -> tuple[int, list[Any]]:
    """A worker's answer: the chunk's number and results; ConfigError if the worker died instead."""
    try:
        answer: tuple[int, bool, Any] | None = connection.recv() if connection.poll() else None
    except (EOFError, OSError):
        answer = None
    if answer is None:
        raise ConfigError("a worker process stopped before it finished its share of the work; the system "
                          "may be out of memory: free some and run again")
    number, done, value = answer
    if not done:
        raise RuntimeError(f"a worker process failed on its share of the work:\n{value}")
    return number, value


def _serve(job: Job, chunks: list[list[Any]], connection: Connection, parent: int) -> None:
    """A worker: die with the parent, leave Ctrl-C to it, and do each chunk it is sent until told to stop."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides, and ends the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while os.getppid() == parent:  # a parent that died before the kernel was asked: stop now
        try:
            number = connection.recv()
        except (EOFError, OSError):
            return
        if number is None:
            return
        try:
            connection.send((number, True, job(chunks[number])))
        except Exception:
            import traceback

            connection.send((number, False, traceback.format_exc()))


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG); elsewhere, do nothing."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass  # no prctl: the check of the parent before every chunk remains
