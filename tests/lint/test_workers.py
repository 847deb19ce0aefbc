"""Worker processes never outlive the command: killed, stopped or interrupted mid-run, `glossary lint`
leaves no process behind and no half-written cache file; a worker that dies or fails stops the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Project, term
from glossary.lint import workers

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="worker processes are forked on Linux only")

# `glossary lint` on a small project, made to use workers, whose workers each say they started and then
# take far longer than any test waits: the run is always stopped mid-way.
_SLOW_LINT = """
import os, sys, time
from pathlib import Path
from glossary import cli
from glossary.lint import files, workers
workers.PARALLEL_FROM = 2
workers.usable_cores = lambda: 2
def slow(chunk):
    (Path(sys.argv[1]) / str(os.getpid())).write_text("started")
    time.sleep(600)
    return []
files._check_chunk = slow
cli.main(["lint"], prog_name="glossary")
"""


def session_processes(session: int) -> list[int]:
    """The processes still running (zombies aside) in a session, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, session_id = fields[0], int(fields[3])
        if session_id == session and state != "Z":
            found.append(int(entry.name))
    return found


def wait_for(condition, seconds: float = 60.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def start_slow_lint(tmp_path: Path) -> tuple[subprocess.Popen[bytes], Path, Project]:
    project = Project(tmp_path / "project")
    for slug in ("alpha", "beta", "gamma", "delta"):
        project.write(f"{slug}.md", term(slug))
    started = tmp_path / "started"
    started.mkdir()
    with open(tmp_path / "stderr", "wb") as errors:
        child = subprocess.Popen([sys.executable, "-c", _SLOW_LINT, str(started)], cwd=project.root,
                                 start_new_session=True, stdout=subprocess.DEVNULL, stderr=errors)
    if not wait_for(lambda: len(list(started.iterdir())) >= 2):
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        pytest.fail(f"the workers never started: {(tmp_path / 'stderr').read_text()[-2000:]}")
    return child, started, project


@pytest.mark.parametrize("number", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_no_worker_outlives_the_main_process(tmp_path: Path, number: int) -> None:
    child, started, project = start_slow_lint(tmp_path)
    worker_ids = {int(path.name) for path in started.iterdir()}
    assert worker_ids and child.pid not in worker_ids
    try:
        child.send_signal(number)
        code = child.wait(timeout=30)
        assert wait_for(lambda: not session_processes(child.pid), 10), \
            f"left running after {signal.Signals(number).name}: {session_processes(child.pid)}"
    finally:
        for pid in session_processes(child.pid):
            os.kill(pid, signal.SIGKILL)
    if number != signal.SIGKILL:  # stopped, not killed: it ends its workers itself and exits 128 + signal
        assert code == 128 + number, (tmp_path / "stderr").read_text()[-2000:]
        assert not list((project.root / ".glossary-cache").glob("*.tmp"))


_DYING_WORKER = """
import os, sys
from glossary.lint import workers
workers.PARALLEL_FROM = 2
workers.usable_cores = lambda: 2
def job(items):
    if 3 in items:
        os._exit(1)  # as the kernel's out-of-memory killer, or a crash in native code, ends a worker
    return items
try:
    workers.in_parallel(job, list(range(10)))
except Exception as error:
    print(type(error).__name__, error)
    sys.exit(3)
sys.exit(0)
"""


def test_a_worker_that_dies_stops_the_run_with_a_message() -> None:
    # The limit below only guards the suite against a hang: the code answers at once.
    child = subprocess.Popen([sys.executable, "-c", _DYING_WORKER], start_new_session=True,
                             stdout=subprocess.PIPE, text=True)
    try:
        output, _ = child.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        pytest.fail("in_parallel hung after a worker process died")
    assert child.returncode == 3 and output.startswith("ConfigError a worker process stopped")
    assert not session_processes(child.pid)


def failing(items: list[int]) -> list[int]:
    if 7 in items:
        raise ValueError("seven")
    return [item * 2 for item in items]


def test_a_worker_that_fails_stops_the_run_with_its_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "usable_cores", lambda: 2)
    with pytest.raises(RuntimeError, match="ValueError: seven"):
        workers.in_parallel(failing, list(range(20)))
    assert workers.in_parallel(failing, list(range(7))) == [item * 2 for item in range(7)]


def test_results_come_back_in_order_from_every_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    monkeypatch.setattr(workers, "usable_cores", lambda: 3)
    pids = workers.in_parallel(lambda items: [(item, os.getpid()) for item in items], list(range(100)))
    assert [item for item, _ in pids] == list(range(100))
    assert len({pid for _, pid in pids}) == 3 and os.getpid() not in {pid for _, pid in pids}


@pytest.mark.skipif(signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL, reason="the test runner handles SIGTERM")
def test_sigterm_becomes_system_exit_inside_and_the_handlers_are_restored() -> None:
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    with pytest.raises(SystemExit) as stopped:
        with workers.stopping_on_signals():
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(10)  # the handler raises long before
    assert stopped.value.code == 128 + signal.SIGTERM
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
