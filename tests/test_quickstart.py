"""The README's quick start, run for real: its first command, in a fresh copy of the repository, with
this machine's own /usr/bin/python3 (on Debian and Ubuntu a Python that refuses `pip install`, PEP 668),
sets up .venv and writes dist/; run again, it reuses .venv.

The copy holds the sample glossary instead of the repository's terms, so that the state of the glossary
(lint's business) cannot fail this test of the tool. `.ci/run` installs python3-venv where it is missing.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE

SYSTEM_PYTHON = Path("/usr/bin/python3")


def first_command() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme.split("## Quick start")[1].split("\n## ")[0], re.S)
    return shlex.split(blocks[0])


def system_python_problem() -> str | None:
    """Why this machine cannot run the test, or None."""
    if not SYSTEM_PYTHON.is_file():
        return f"{SYSTEM_PYTHON} does not exist on this machine"
    done = subprocess.run([str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info >= (3, 11))"],
                          capture_output=True, text=True, check=False)
    if done.stdout.strip() != "True":
        return f"{SYSTEM_PYTHON} is older than Python 3.11, which the tool needs"
    if shutil.which("git") is None:
        return "git is not installed"
    return None


def fresh_copy(where: Path) -> Path:
    """The files a clone of this working tree would hold (tracked, and new ones Git does not ignore), with
    the sample glossary as its content."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, listed):
        source = REPO / name
        if name.startswith("content/") or not source.is_file():  # content: see below; deleted but tracked
            continue
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, where / name)
    shutil.copytree(SAMPLE, where / "content" / "terms")
    return where


@pytest.mark.skipif(system_python_problem() is not None, reason=str(system_python_problem()))
def test_the_first_quick_start_command_works_with_the_system_python(tmp_path: Path) -> None:
    clone = fresh_copy(tmp_path / "clone")
    env = {key: value for key, value in os.environ.items()
           if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env["PATH"] = "/usr/bin:/bin"  # so that python3 is the system's, not this test's virtual environment's
    assert shutil.which("python3", path=env["PATH"]) == str(SYSTEM_PYTHON)
    command = first_command()
    first = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert first.returncode == 0, first.stdout + first.stderr
    bundle = clone / "dist" / "glossary.json"
    assert bundle.is_file() and '"count": 12' in bundle.read_text(encoding="utf-8")
    assert "source .venv/bin/activate" in first.stderr
    venv_python = clone / ".venv" / "bin" / "python"
    version = subprocess.run([str(venv_python), "-c", "import sys; print(sys.base_prefix)"], capture_output=True,
                             text=True, check=True).stdout.strip()
    assert version == subprocess.run([str(SYSTEM_PYTHON), "-c", "import sys; print(sys.base_prefix)"],
                                     capture_output=True, text=True, check=True).stdout.strip()
    shutil.rmtree(clone / "dist")
    again = subprocess.run(command, cwd=clone, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert again.returncode == 0, again.stderr
    assert "installing" not in again.stderr and "creating .venv" not in again.stderr  # .venv is reused
    assert bundle.is_file()


def test_bootstrap_says_what_to_install_when_venv_is_missing(tmp_path: Path) -> None:
    """A Python without a working venv module (Debian without python3-venv) gets the package's name."""
    clone = fresh_copy(tmp_path / "clone")
    fake = tmp_path / "python-without-venv"
    fake.write_text(f"#!/bin/sh\nif [ \"$1 $2\" = '-m venv' ]; then echo 'ensurepip is not available' >&2; exit 1; fi\n"
                    f"exec {shlex.quote(sys.executable)} \"$@\"\n", encoding="utf-8")
    fake.chmod(0o755)
    done = subprocess.run([sys.executable, "-c", "import runpy, sys; sys.executable = sys.argv[1]; "
                           "sys.argv = [sys.argv[2]]; runpy.run_path(sys.argv[0], run_name='__main__')",
                           str(fake), str(clone / "scripts" / "bootstrap.py")],
                          cwd=clone, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1
    assert "python3-venv" in done.stderr and "Traceback" not in done.stderr
    assert not (clone / ".venv").exists()  # nothing half-made is left behind
