"""Set up the project in .venv and build the glossary, or run the tests: the README's quick start.

    python3 scripts/bootstrap.py          # .venv with the tool in it, then `glossary build`
    python3 scripts/bootstrap.py test     # .venv with the test tools too, then pytest (arguments pass on)

It works where `pip install` is refused (PEP 668: the Python of Debian 12, Ubuntu 23.04 and later, and
Homebrew), since it installs into a virtual environment of its own, `.venv` at the repository's root.
It needs Python 3.11 or newer with its `venv` module (on Debian and Ubuntu, the `python3-venv` package).
Run again, it reuses `.venv` and installs again only when pyproject.toml has changed. This file runs on
older Pythons too, so that it can say what is missing instead of failing on new syntax.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv")
STAMP = os.path.join(VENV, "glossary-installed.json")  # what was installed, and from which pyproject.toml
NEWER = ("python3.14", "python3.13", "python3.12", "python3.11")
NEEDED = (3, 11)


class Stop(Exception):
    """A problem the user must fix first; the message says how."""


def venv_python():  # type: () -> str
    folder = "Scripts" if os.name == "nt" else "bin"
    return os.path.join(VENV, folder, "python.exe" if os.name == "nt" else "python")


def new_enough(python):  # type: (str) -> bool
    """Whether `python` runs and is Python 3.11 or newer."""
    try:
        done = subprocess.run([python, "-c", "import sys; sys.exit(sys.version_info < (3, 11))"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    except OSError:
        return False
    return done.returncode == 0


def base_python():  # type: () -> str
    """This Python if it is 3.11 or newer, else the newest python3.1x on PATH."""
    if sys.version_info >= NEEDED:
        return sys.executable
    for name in NEWER:
        found = shutil.which(name)
        if found and new_enough(found):
            return found
    raise Stop("the glossary tool needs Python 3.11 or newer, and this is Python %d.%d (%s). Install a newer "
               "Python (from python.org, or your system's packages, such as python3.11 on Debian or Ubuntu, or "
               "`brew install python` on macOS), then run this again with it." % (
                   sys.version_info[0], sys.version_info[1], sys.executable))


def make_venv():  # type: () -> None
    """Create .venv, or make it again if it is there but broken; refuse one with too old a Python."""
    if os.path.exists(venv_python()):
        if new_enough(venv_python()):
            return
        if subprocess.run([venv_python(), "-c", ""], stderr=subprocess.DEVNULL, check=False).returncode == 0:
            raise Stop(".venv holds a Python older than 3.11; delete the .venv folder and run this again")
    python = base_python()
    print("creating .venv with %s" % python, file=sys.stderr)
    done = subprocess.run([python, "-m", "venv", "--clear", VENV], check=False)
    if done.returncode != 0 or not os.path.exists(venv_python()):
        shutil.rmtree(VENV, ignore_errors=True)
        raise Stop("%s could not create a virtual environment (.venv): its venv module is missing or incomplete. "
                   "On Debian or Ubuntu, install it with `sudo apt install python3-venv` (on Ubuntu, or for "
                   "another version, python3.X-venv, X being the minor version); elsewhere, install Python from "
                   "python.org. Then run this again." % python)


def install(extras):  # type: (str) -> None
    """pip install -e .[extras] into .venv, unless the same (or more) was installed from this pyproject.toml."""
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    wanted = {"pyproject": digest, "extras": extras}
    try:
        with open(STAMP, encoding="utf-8") as handle:
            done = json.load(handle)
        if done.get("pyproject") == digest and extras in ("", done.get("extras")):
            return
    except (OSError, ValueError, AttributeError):
        pass
    target = "." + ("[%s]" % extras if extras else "")
    print("installing the glossary tool%s into .venv" % (" and the test tools" if extras else ""), file=sys.stderr)
    command = [venv_python(), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-e", target]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise Stop("pip could not install the project into .venv (its messages are above); fix that, then run "
                   "this again")
    with open(STAMP, "w", encoding="utf-8") as handle:
        json.dump(wanted, handle)


def main(arguments):  # type: (list[str]) -> int
    if arguments[:1] in (["-h"], ["--help"]):
        print(__doc__)
        return 0
    testing = arguments[:1] == ["test"]
    if arguments and not testing:
        print("bootstrap: unknown action %r; use no action (set up and build) or `test`" % arguments[0],
              file=sys.stderr)
        return 2
    try:
        make_venv()
        install("test" if testing else "")
    except Stop as stop:
        print("bootstrap: %s" % stop, file=sys.stderr)
        return 1
    if testing:  # as in an activated .venv: tests that run `glossary` (the pre-commit hooks) find this one
        env = dict(os.environ, VIRTUAL_ENV=VENV,
                   PATH=os.pathsep.join([os.path.dirname(venv_python()), os.environ.get("PATH", "")]))
        return subprocess.run([venv_python(), "-m", "pytest", *arguments[1:]], cwd=ROOT, env=env,
                              check=False).returncode
    built = subprocess.run([venv_python(), "-m", "glossary", "build"], cwd=ROOT, check=False).returncode
    activate = ".venv\\Scripts\\activate" if os.name == "nt" else "source .venv/bin/activate"
    print("the glossary command is in .venv: run `%s` to use it in this terminal" % activate, file=sys.stderr)
    return built


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
