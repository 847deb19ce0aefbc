"""Time the glossary tool on benchmark glossaries, against the floor and against check-jsonschema.

    python benchmarks/run.py --terms 10000 [--runs 3] [--corpora generated,real,storm] [--keep DIR]

The corpora: `generated` (generate.py: made-up terms, few comments), `real` (realshaped.py: this
repository's own terms replicated to about N, comments, switches and mentions kept) and `storm` (the real
one with its two most linked terms deleted in every copy: broken links by the thousand). For each, in one
run, it times (each a whole process, the median of --runs runs):

- floor: read every file and parse its front matter with PyYAML's C loader, on every core (floor.py);
- lint, cold: `glossary lint` with no cache;
- lint, nothing changed: again, with the cache of the run before;
- lint, one file changed: after appending a line to one term's body;
- lint one file: `glossary lint content/terms/<one>.md` in the big repository, with the cache;
- export, cold: `glossary export` with no cache (lint, then the whole export; not for the storm, which
  export refuses);
- site, cold: `glossary site` with no cache into a new folder (lint, the export, then every page, the
  search index and the rest of the site); and again with nothing changed, when each page is kept;
- check-jsonschema: the same front matter saved as YAML files, against the same schema
  (`pip install check-jsonschema` first; the row is left out if it is not installed; one run from
  10,000 terms, and none beyond 20,000: it takes minutes).

Each row gives the median, the ratio to the floor measured in this same run on the same corpus, and the
peak memory of the largest process (from wait4). Then the issue's targets, judged on these figures.
Machines are noisy: compare ratios, not seconds.
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
from realshaped import write_real_project  # noqa: E402

FLOOR = "floor: read + C-loader parse, all cores"
COLD = "glossary lint, cold (no cache)"
UNCHANGED = "glossary lint, nothing changed"
ONE_CHANGED = "glossary lint, one file changed"
ONE_NAMED = "glossary lint one.md, in the repository"
EXPORT = "glossary export, cold (no cache)"
CHECKER = "check-jsonschema, front matter only"
SITE = "glossary site (export + site), cold"
SITE_AGAIN = "glossary site, nothing changed (pages kept)"


def timed(command: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one run of a command, which must succeed or find problems."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    code = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode()[-2000:] if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if code not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed with exit {code}: {errors}")
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


def build(corpus: str, root: Path, terms: int, broken: float) -> tuple[Path, int]:
    if corpus == "generated":
        return write_project(root, terms, broken), terms
    return write_real_project(root, terms, storm=corpus == "storm")


def measure_corpus(corpus: str, args: argparse.Namespace, work: Path) -> dict[str, tuple[float, int]]:
    """Every row for one corpus, printed as a table; returns {row: (median seconds, peak KiB)}."""
    root = (args.keep or work) / corpus
    content, count = build(corpus, root, args.terms, args.broken)
    cache = root / ".glossary-cache"
    glossary = [sys.executable, "-m", "glossary"]
    files = sorted(content.glob("*.md"))
    one = files[len(files) // 2]
    original = one.read_text(encoding="utf-8")
    edits = iter(range(10**6))

    def no_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def change_one() -> None:
        one.write_text(original + f"\nEdited {next(edits)} times.\n", encoding="utf-8")

    print(f"\n### {corpus}: {count} terms, {sum(p.stat().st_size for p in files) / count / 1024:.1f} KiB each on "
          f"average, {os.cpu_count()} cores, {args.runs} runs each", flush=True)
    rows: dict[str, tuple[float, int]] = {}
    rows[FLOOR] = measure(args.runs, [sys.executable, str(HERE / "floor.py"), str(content)], root)
    rows[COLD] = measure(args.runs, [*glossary, "lint"], root, no_cache)
    rows[UNCHANGED] = measure(args.runs, [*glossary, "lint"], root)
    rows[ONE_CHANGED] = measure(args.runs, [*glossary, "lint"], root, change_one)
    rows[ONE_NAMED] = measure(args.runs, [*glossary, "lint", str(one.relative_to(root))], root)
    one.write_text(original, encoding="utf-8")
    if corpus != "storm" and args.broken == 0 and not args.no_export:
        rows[EXPORT] = measure(args.runs, [*glossary, "export", "--out", str(root / "dist")], root, no_cache)
        site = root / "site"

        def afresh() -> None:
            no_cache()
            shutil.rmtree(site, ignore_errors=True)

        rows[SITE] = measure(args.runs, [*glossary, "site", "--out", str(site)], root, afresh)
        rows[SITE_AGAIN] = measure(args.runs, [*glossary, "site", "--out", str(site)], root, no_cache)
    checker = shutil.which("check-jsonschema", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                                     os.environ.get("PATH", "")]))
    if checker and args.terms <= 20000:
        yaml_files = front_matter_as_yaml(content, root / "yaml")
        rows[CHECKER] = measure(1 if args.terms >= 10000 else min(args.runs, 3), [checker, "--schemafile", str(root / "schema" / "term.schema.json"),
                                                    *yaml_files], root)
    floor = rows[FLOOR][0]
    print("\n| what | median seconds | × floor | peak memory (MB) |\n| --- | ---: | ---: | ---: |")
    for name, (seconds, peak) in rows.items():
        print(f"| {name} | {seconds:.2f} | {seconds / floor:.2f} | {peak / 1024:.0f} |", flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return rows


def print_targets(measured: dict[str, dict[str, tuple[float, int]]]) -> None:
    """The issue's targets, each judged on the ratios measured in this run, one column per corpus."""
    def ratio(top: tuple[float, int] | None, bottom: tuple[float, int] | None) -> float | None:
        return top[0] / bottom[0] if top and bottom else None

    real_cold = measured.get("real", {}).get(COLD)
    rows = [  # (target, bound: a ceiling, or a floor when negative, value for each corpus)
        ("lint cold ÷ floor ≤ 2", 2.0, [ratio(r.get(COLD), r.get(FLOOR)) for r in measured.values()]),
        ("one file changed ÷ lint cold ≤ 0.15", 0.15, [ratio(r.get(ONE_CHANGED), r.get(COLD)) for r in measured.values()]),
        ("lint one.md, seconds ≤ 0.3", 0.3, [r[ONE_NAMED][0] for r in measured.values()]),
        ("storm cold ÷ real cold ≤ 1.3", 1.3, [ratio(r.get(COLD), real_cold) if corpus == "storm" else None
                                              for corpus, r in measured.items()]),
        ("check-jsonschema ÷ lint cold ≥ 10", -10.0, [ratio(r.get(CHECKER), r.get(COLD)) for r in measured.values()]),
        ("site with its export ÷ export ≤ 2", 2.0, [ratio(r.get(SITE), r.get(EXPORT)) for r in measured.values()]),
    ]
    print("\n| target | " + " | ".join(measured) + " |\n| --- |" + " ---: |" * len(measured))
    for name, bound, values in rows:
        cells = ["–" if value is None else f"{value:.2f} {'yes' if (value >= -bound if bound < 0 else value <= bound) else 'no'}"
                 for value in values]
        print(f"| {name} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpora", default="generated,real,storm", help="comma-separated: generated, real, storm")
    parser.add_argument("--broken", type=float, default=0.0, help="share of broken generated files (export needs 0)")
    parser.add_argument("--no-export", action="store_true", help="leave the export rows out")
    parser.add_argument("--keep", type=Path, help="write the corpora under this folder and keep them")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    try:
        measured = {corpus: measure_corpus(corpus, args, work) for corpus in args.corpora.split(",")}
        print_targets(measured)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
