"""Time `glossary preview`: from saving a term to its page showing the change, on a copy of a glossary.

    python benchmarks/preview.py [--content content/terms] [--saves 10]

It copies the glossary (by default this repository's own terms) with the schema and pyproject.toml into
a temporary folder, starts `glossary preview --port 0` there as a writer would (a separate process,
serving on 127.0.0.1), then saves one term `--saves` times, each with a new sentence in its body, and
asks for its page every 10 ms until the sentence is there (at most 30 s a save). Beside it, as the
baseline in the same run, `glossary build` of the same copy. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, OSError):
        return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=REPO / "content" / "terms")
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="glossary-preview-bench-"))
    shutil.copytree(args.content, root / "content" / "terms")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    glossary = [sys.executable, "-m", "glossary"]
    started = time.perf_counter()
    subprocess.run([*glossary, "build"], cwd=root, check=True, capture_output=True)
    build = time.perf_counter() - started
    server = subprocess.Popen([*glossary, "preview", "--port", "0"], cwd=root, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found is None:
            raise SystemExit(f"the preview did not start: {line}")
        term = sorted((root / "content" / "terms").glob("*.md"))[0]
        url = f"{found.group(0)}terms/{term.stem}/"
        original, times = term.read_text(encoding="utf-8"), []
        for number in range(args.saves):
            marker = f"Saved for the benchmark, time {number}."
            term.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            saved = time.perf_counter()
            for _ in range(3000):
                if marker in page(url):
                    break
                time.sleep(0.01)
            else:
                raise SystemExit(f"save {number} never showed on {url}")
            times.append(time.perf_counter() - saved)
            time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(root, ignore_errors=True)
    terms = len(list(args.content.glob("*.md")))
    print(f"{terms} terms, {args.saves} saves of {term.name}")
    print(f"| what | seconds |\n| --- | ---: |\n| glossary build (the baseline, a whole process) | {build:.2f} |")
    print(f"| save to page shown, median | {statistics.median(times):.2f} |\n| save to page shown, slowest | {max(times):.2f} |")


if __name__ == "__main__":
    main()
