"""Every function in the tool is typed: mypy --strict passes on scripts/glossary."""

from __future__ import annotations

from conftest import REPO
from mypy import api


def test_mypy_strict_passes() -> None:
    out, err, status = api.run(["--strict", "--no-incremental", "--config-file", str(REPO / "pyproject.toml"),
                                str(REPO / "scripts" / "glossary")])
    assert status == 0, out + err
