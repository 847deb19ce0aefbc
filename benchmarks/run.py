"""Time the glossary tool on benchmark glossaries, against the floor and against check-jsonschema.

    python benchmarks/run.py --terms 10000 [--runs 3] [--corpora generated,real,storm] [--no-site] [--keep DIR]
    python benchmarks/run.py --terms 10000,100000 --runs 1 --no-site --json results.json

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

Each row gives the median, the ratio to the floor measured in this same run on the same corpus, the peak
memory of the largest process, and the CPU seconds of the command and its workers (both from wait4; CPU
time is less moved than wall time by other work on a shared machine, so its ratio is given too). Then
the issue's targets, judged on these figures, for each size; given two sizes or more (`--terms
10000,100000`), also how each grew from the size before (lint and export each within 11 × their time at
a tenth of the size; the peaks are judged in each size's targets: lint under 600 MB, the export under
1.5 GB). The machine's load (as `uptime` gives it) is printed before and after each corpus. Machines
are noisy: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import json
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


def timed(command: list[str], cwd: Path) -> tuple[float, int, float]:
    """Seconds, peak resident memory (KiB) and CPU seconds (its own and its workers') of one run of a
    command, which must succeed or find problems."""
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
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


Row = tuple[float, int, float]  # median seconds, largest peak memory (KiB), median CPU seconds
Rows = dict[str, Row]


def measure(runs: int, command: list[str], cwd: Path, before: Callable[[], None] = lambda: None) -> Row:
    """The median time, the largest peak memory and the median CPU time of several runs, `before` run
    ahead of each."""
    times, peaks, cpu = [], [], []
    for _ in range(runs):
        before()
        seconds, peak, used = timed(command, cwd)
        times.append(seconds)
        peaks.append(peak)
        cpu.append(used)
    return statistics.median(times), max(peaks), statistics.median(cpu)


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


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, as uptime gives them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def measure_corpus(corpus: str, terms: int, args: argparse.Namespace, work: Path) -> Rows:
    """Every row for one corpus, printed as a table."""
    root = (args.keep or work) / f"{corpus}-{terms}"
    content, count = build(corpus, root, terms, args.broken)
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

    print(f"\n### {corpus}: {count} terms, load {load()}, {sum(p.stat().st_size for p in files) / count / 1024:.1f} KiB each on "
          f"average, {os.cpu_count()} cores, {args.runs} runs each", flush=True)
    rows: Rows = {}
    rows[FLOOR] = measure(args.runs, [sys.executable, str(HERE / "floor.py"), str(content)], root)
    rows[COLD] = measure(args.runs, [*glossary, "lint"], root, no_cache)
    rows[UNCHANGED] = measure(args.runs, [*glossary, "lint"], root)
    rows[ONE_CHANGED] = measure(args.runs, [*glossary, "lint"], root, change_one)
    rows[ONE_NAMED] = measure(args.runs, [*glossary, "lint", str(one.relative_to(root))], root)
    one.write_text(original, encoding="utf-8")
    if corpus != "storm" and args.broken == 0 and not args.no_export:
        rows[EXPORT] = measure(args.runs, [*glossary, "export", "--out", str(root / "dist")], root, no_cache)
    if corpus != "storm" and args.broken == 0 and not args.no_export and not args.no_site:
        site = root / "site"

        def afresh() -> None:
            no_cache()
            shutil.rmtree(site, ignore_errors=True)

        rows[SITE] = measure(args.runs, [*glossary, "site", "--out", str(site)], root, afresh)
        rows[SITE_AGAIN] = measure(args.runs, [*glossary, "site", "--out", str(site)], root, no_cache)
    checker = shutil.which("check-jsonschema", path=os.pathsep.join([str(Path(sys.executable).parent),
                                                                     os.environ.get("PATH", "")]))
    if checker and terms <= 20000 and not args.no_checker:
        yaml_files = front_matter_as_yaml(content, root / "yaml")
        rows[CHECKER] = measure(1 if terms >= 10000 else min(args.runs, 3), [checker, "--schemafile", str(root / "schema" / "term.schema.json"),
                                                    *yaml_files], root)
    return finish(corpus, rows, root, args)


def finish(corpus: str, rows: Rows, root: Path, args: argparse.Namespace) -> Rows:
    """The corpus's table printed, its folder removed (unless kept); its rows."""
    floor, floor_cpu = rows[FLOOR][0], rows[FLOOR][2]
    print(f"\nload after {corpus}: {load()}")
    print("\n| what | median seconds | × floor | peak memory (MB) | CPU seconds | CPU × floor's |\n"
          "| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, (seconds, peak, cpu) in rows.items():
        print(f"| {name} | {seconds:.2f} | {seconds / floor:.2f} | {peak / 1024:.0f} | {cpu:.2f} | {cpu / floor_cpu:.2f} |",
              flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    return rows


def ratio(top: Row | None, bottom: Row | None) -> float | None:
    return top[0] / bottom[0] if top and bottom else None


def megabytes(row: Row | None) -> float | None:
    return row[1] / 1024 if row else None


def print_judged(title: str, columns: list[str], rows: list[tuple[str, float, list[float | None]]]) -> None:
    """A table of targets: each row's bound is a ceiling, or a floor when negative; '–' where not measured."""
    print(f"\n{title}\n\n| target | " + " | ".join(columns) + " |\n| --- |" + " ---: |" * len(columns))
    for name, bound, values in rows:
        cells = ["–" if value is None else f"{value:.2f} {'yes' if (value >= -bound if bound < 0 else value <= bound) else 'no'}"
                 for value in values]
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)


def print_targets(terms: int, measured: dict[str, Rows]) -> None:
    """The issue's targets, each judged on the ratios measured in this run, one column per corpus."""
    real_cold = measured.get("real", {}).get(COLD)
    print_judged(f"Targets at {terms:,} terms", list(measured), [
        ("lint cold ÷ floor ≤ 2", 2.0, [ratio(r.get(COLD), r.get(FLOOR)) for r in measured.values()]),
        ("one file changed ÷ lint cold ≤ 0.15", 0.15, [ratio(r.get(ONE_CHANGED), r.get(COLD)) for r in measured.values()]),
        ("lint one.md, seconds ≤ 0.3", 0.3, [r[ONE_NAMED][0] for r in measured.values()]),
        ("storm cold ÷ real cold ≤ 1.3", 1.3, [ratio(r.get(COLD), real_cold) if corpus == "storm" else None
                                              for corpus, r in measured.items()]),
        ("check-jsonschema ÷ lint cold ≥ 10", -10.0, [ratio(r.get(CHECKER), r.get(COLD)) for r in measured.values()]),
        ("site with its export ÷ export ≤ 2", 2.0, [ratio(r.get(SITE), r.get(EXPORT)) for r in measured.values()]),
        ("lint cold, peak MB < 600", 600.0, [megabytes(r.get(COLD)) for r in measured.values()]),
        ("export cold, peak MB < 1,500", 1500.0, [megabytes(r.get(EXPORT)) for r in measured.values()]),
    ])


def print_growth(small: int, large: int, before: dict[str, Rows], after: dict[str, Rows]) -> None:
    """How the larger size's times grew from the smaller's, both measured in this run."""
    within = 11.0 * large / small / 10  # 11 × for ten times the terms
    corpora = [corpus for corpus in after if corpus in before]
    print_judged(f"Growth from {small:,} to {large:,} terms (each × its time at {small:,})", corpora, [
        (f"lint cold ≤ {within:g} ×", within, [ratio(after[c].get(COLD), before[c].get(COLD)) for c in corpora]),
        (f"export cold ≤ {within:g} ×", within, [ratio(after[c].get(EXPORT), before[c].get(EXPORT)) for c in corpora]),
        (f"one file changed ≤ {within:g} ×", within,
         [ratio(after[c].get(ONE_CHANGED), before[c].get(ONE_CHANGED)) for c in corpora]),
    ])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", default="1000",
                        help="how many terms; several sizes, comma-separated, are measured one after the other")
    parser.add_argument("--runs", type=int, default=5, help="runs of each row below 100,000 terms (the median is given)")
    parser.add_argument("--large-runs", type=int, default=1, help="runs of each row from 100,000 terms")
    parser.add_argument("--corpora", default="generated,real,storm", help="comma-separated: generated, real, storm")
    parser.add_argument("--broken", type=float, default=0.0, help="share of broken generated files (export needs 0)")
    parser.add_argument("--no-export", action="store_true", help="leave the export and site rows out")
    parser.add_argument("--no-site", action="store_true", help="leave the site rows out")
    parser.add_argument("--no-checker", action="store_true", help="leave the check-jsonschema row out")
    parser.add_argument("--keep", type=Path, help="write the corpora under this folder and keep them")
    parser.add_argument("--json", type=Path, help="also write every row to this file, as JSON")
    args = parser.parse_args()
    sizes = [int(size) for size in args.terms.split(",")]
    work = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    measured: dict[int, dict[str, Rows]] = {}
    try:
        for terms in sizes:
            runs = args.runs
            if terms >= 100000:
                args.runs = args.large_runs
            measured[terms] = {corpus: measure_corpus(corpus, terms, args, work) for corpus in args.corpora.split(",")}
            args.runs = runs
            print_targets(terms, measured[terms])
        for small, large in zip(sizes, sizes[1:]):
            print_growth(small, large, measured[small], measured[large])
        if args.json:
            args.json.write_text(json.dumps({str(terms): {corpus: {row: {"seconds": seconds, "peak_kib": peak, "cpu_seconds": cpu}
                                                                  for row, (seconds, peak, cpu) in rows.items()}
                                                         for corpus, rows in corpora.items()}
                                             for terms, corpora in measured.items()}, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
