"""Time the glossary tool on a generated glossary, against the floor and against check-jsonschema.

    python benchmarks/run.py --terms 10000 [--runs 5] [--broken 0] [--keep DIR]

In one run, on one generated corpus, it times (each a whole process, the median of --runs runs):

- floor: read every file and parse its front matter with PyYAML's C loader, on every core (floor.py);
- lint, cold: `glossary lint` with no cache;
- lint, nothing changed: again, with the cache of the run before;
- lint, one file changed: after appending a line to one term's body;
- lint one file: `glossary lint content/terms/<one>.md` in the big repository, with the cache;
- export, cold: `glossary export` with no cache (lint, then the whole export);
- site, cold: `glossary site` with no cache into a new folder (lint, the export, then every page, the
  search index and the rest of the site); and again with nothing changed, when each page is kept;
- check-jsonschema: the same front matter saved as YAML files, against the same schema
  (`pip install check-jsonschema` first; the row is left out if it is not installed).

Each row gives the median, the ratio to the floor measured in this same run, and the peak memory of
the largest process (from wait4). Machines are noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_project  # noqa: E402


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one run of a command, which must succeed or find problems."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit {code}: {process.stderr.read().decode()[-2000:]}"
                         if process.stderr else f"{command} failed")
    return elapsed, usage.ru_maxrss


def measure(runs: int, command: list[str], cwd: Path, before: Callable[[], None] = lambda: None) -> tuple[float, int]:
    """The median time and the largest peak memory of several runs, `before` run ahead of each."""
    times, peaks = [], []
    for _ in range(runs):
        before()
        seconds, peak = timed(command, cwd)
        times.append(seconds)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def front_matter_as_yaml(content: Path, target: Path) -> list[str]:
    """Each term's front matter alone, as <slug>.yaml, for check-jsonschema."""
    target.mkdir()
    for path in sorted(content.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        end = text.find("\n---\n", 4)
        (target / f"{path.stem}.yaml").write_text(text[4:end + 1] if end > 0 else "", encoding="utf-8")
    return sorted(str(path) for path in target.glob("*.yaml"))


def print_targets(seconds: dict[str, float], floor: float) -> None:
    """The issue's targets, each with the ratio measured in this run."""
    cold = seconds["glossary lint, cold (no cache)"]
    checks = [("lint cold ≤ 1.3 × floor", cold / floor, 1.3),
              ("lint, one file changed ≤ 0.15 × lint cold", seconds["glossary lint, one file changed"] / cold, 0.15),
              ("lint one.md ≤ 0.25 s", seconds["glossary lint one.md, in the repository"], 0.25)]
    if "glossary export, cold (no cache)" in seconds:
        export = seconds["glossary export, cold (no cache)"]
        checks.append(("export ≤ 2 × lint cold", export / cold, 2.0))
        site = seconds["glossary site (export + site), cold"]
        checks.append(("site alone (site − export) ≤ 2 × export", (site - export) / export, 2.0))
        checks.append(("site with its export ≤ 2 × export", site / export, 2.0))
    if "check-jsonschema, front matter only" in seconds:
        checks.append(("check-jsonschema ÷ lint cold ≥ 10", seconds["check-jsonschema, front matter only"] / cold, -10))
        checks.append(("check-jsonschema ÷ lint, nothing changed ≥ 10",
                       seconds["check-jsonschema, front matter only"] / seconds["glossary lint, nothing changed"], -10))
    print("\n| target | measured | met |\n| --- | ---: | --- |")
    for name, value, bound in checks:
        met = value >= -bound if bound < 0 else value <= bound
        print(f"| {name} | {value:.2f} | {'yes' if met else 'no'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--broken", type=float, default=0.0, help="share of broken files (export needs 0)")
    parser.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    root = args.keep or work / "project"
    content = write_project(root, args.terms, args.broken)
    cache = root / ".glossary-cache"
    glossary = [sys.executable, "-m", "glossary"]
    one = sorted(content.glob("*.md"))[len(list(content.glob("*.md"))) // 2]
    original = one.read_text(encoding="utf-8")
    edits = iter(range(10**6))

    def no_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def change_one() -> None:
        one.write_text(original + f"\nEdited {next(edits)} times.\n", encoding="utf-8")

    rows: list[tuple[str, float, int]] = []
    print(f"{args.terms} terms, {sum(p.stat().st_size for p in content.glob('*.md')) / args.terms / 1024:.1f} KiB "
          f"each on average, {os.cpu_count()} cores, {args.runs} runs each", flush=True)
    rows.append(("floor: read + C-loader parse, all cores", *measure(
        args.runs, [sys.executable, str(HERE / "floor.py"), str(content)], root)))
    rows.append(("glossary lint, cold (no cache)", *measure(args.runs, [*glossary, "lint"], root, no_cache)))
    rows.append(("glossary lint, nothing changed", *measure(args.runs, [*glossary, "lint"], root)))
    rows.append(("glossary lint, one file changed", *measure(args.runs, [*glossary, "lint"], root, change_one)))
    rows.append(("glossary lint one.md, in the repository", *measure(
        args.runs, [*glossary, "lint", str(one.relative_to(root))], root)))
    one.write_text(original, encoding="utf-8")
    if args.broken == 0:
        out = work / "dist"
        rows.append(("glossary export, cold (no cache)", *measure(
            args.runs, [*glossary, "export", "--out", str(out)], root, no_cache)))
        site = work / "site"

        def afresh() -> None:
            no_cache()
            shutil.rmtree(site, ignore_errors=True)

        rows.append(("glossary site (export + site), cold", *measure(
            args.runs, [*glossary, "site", "--out", str(site)], root, afresh)))
        rows.append(("glossary site, nothing changed (pages kept)", *measure(
            args.runs, [*glossary, "site", "--out", str(site)], root, no_cache)))
    checker = shutil.which("check-jsonschema")
    if checker and args.terms <= 20000:
        files = front_matter_as_yaml(content, work / "yaml")
        rows.append(("check-jsonschema, front matter only", *measure(
            min(args.runs, 3), [checker, "--schemafile", str(root / "schema" / "term.schema.json"), *files], root)))

    floor = rows[0][1]
    print(f"\n| what | median seconds | × floor | peak memory (MB) |\n| --- | ---: | ---: | ---: |")
    for name, seconds, peak in rows:
        print(f"| {name} | {seconds:.2f} | {seconds / floor:.2f} | {peak / 1024:.0f} |")
    print_targets({name: seconds for name, seconds, _ in rows}, floor)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
