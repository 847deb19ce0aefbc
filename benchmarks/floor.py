"""The floor: read every term file and parse its front matter with PyYAML's C loader, on every core.

No linter can do less and still read the front matter, so every figure in the benchmark is given as a
ratio to this one, measured in the same run on the same files.

    python benchmarks/floor.py CONTENT_FOLDER
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from pathlib import Path

import yaml


def parse_all(paths: list[str]) -> int:
    """Read and parse each file; the number of front matters that parsed to a mapping."""
    parsed = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        end = text.find("\n---", 4)
        try:
            data = yaml.load(text[4:end] if text.startswith("---\n") and end > 0 else "", Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            continue
        parsed += isinstance(data, dict)
    return parsed


def main() -> None:
    folder = Path(sys.argv[1])
    paths = sorted(str(path) for path in folder.glob("*.md"))
    cores = os.cpu_count() or 1
    chunks = [paths[start::cores] for start in range(cores)]
    with multiprocessing.get_context("fork").Pool(cores) as pool:
        parsed = sum(pool.map(parse_all, chunks))
    print(f"{parsed} of {len(paths)} front matters parsed on {cores} cores")


if __name__ == "__main__":
    main()
