"""Time the language server: from a `didChange` to its `publishDiagnostics`, on a benchmark glossary.

    python benchmarks/lsp.py --terms 10000 [--changes 20] [--corpus real|generated] [--keep DIR]

It writes the corpus (by default the real-shaped one of realshaped.py, this repository's own terms
replicated to about N; or generate.py's made-up terms, as benchmarks/README.md describes them), starts
`glossary lsp` over stdio as an editor would (with `debounce` 0, so that each change is linted at once),
opens one term, then changes a line of its front matter `--changes` times, one change at a time, and
times each change until the server publishes that version's diagnostics. It also times a change of the
title (which the names check reads across terms), the first open (which reads the whole glossary), and,
as the baseline in the same run, `glossary lint` on the same one file with its cache warm. Last, the
server's memory (its peak resident size, from /proc). Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_project  # noqa: E402
from realshaped import write_real_project  # noqa: E402


class Client(BaseLanguageClient):
    """An editor that only waits for diagnostics."""

    def __init__(self) -> None:
        super().__init__("benchmark", "1")
        self.published: asyncio.Queue[tuple[float, types.PublishDiagnosticsParams]] = asyncio.Queue()

        @self.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: types.PublishDiagnosticsParams) -> None:
            self.published.put_nowait((time.perf_counter(), params))

        @self.feature(types.WINDOW_SHOW_MESSAGE)
        def said(params: types.ShowMessageParams) -> None:
            print(f"server says: {params.message}", file=sys.stderr)

    async def arrival(self, uri: str, version: int) -> float:
        """When the diagnostics of `version` of `uri` arrived."""
        while True:
            arrived, params = await asyncio.wait_for(self.published.get(), 600)
            if params.uri == uri and params.version == version:
                return arrived


def change(uri: str, version: int, line: int, old: str, new: str) -> types.DidChangeTextDocumentParams:
    """One incremental change, as an editor sends a keystroke's: `old` (the whole line) becomes `new`."""
    return types.DidChangeTextDocumentParams(types.VersionedTextDocumentIdentifier(version, uri), [
        types.TextDocumentContentChangePartial(types.Range(types.Position(line, 0), types.Position(line, len(old))),
                                               new)])


def peak_memory(pid: int) -> tuple[int, int]:
    """The server's resident memory now and at its peak, in MiB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) // 1024, int(status["VmHWM"].split()[0]) // 1024


async def serve_and_time(root: Path, changes: int) -> dict[str, float]:
    target = sorted((root / "content" / "terms").glob("*.md"))[len(list((root / "content" / "terms").glob("*.md"))) // 2]
    uri, text = target.as_uri(), target.read_text(encoding="utf-8")
    lines = text.split("\n")
    summary = next(n for n, line in enumerate(lines) if line.startswith("summary:"))
    if lines[summary].rstrip().endswith((">", ">-", "|", "|-")):
        summary += 1  # a folded or literal summary: its first line of text
    plain = lines[summary]
    indent = len(plain) - len(plain.lstrip())
    edited = plain.replace("summary: ", "summary: A ", 1) if plain.startswith("summary: ") else \
        plain[:indent] + "A " + plain[indent:]
    title = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    client = Client()
    await client.start_io(sys.executable, "-m", "glossary", "lsp")
    await client.initialize_async(types.InitializeParams(
        capabilities=types.ClientCapabilities(), root_uri=root.as_uri(), initialization_options={"debounce": 0, "poll": 60}))
    client.initialized(types.InitializedParams())
    found: dict[str, float] = {}
    sent = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "markdown", 1, text)))
    found["first open (reads the glossary)"] = await client.arrival(uri, 1) - sent
    times = []
    for number in range(changes):
        old = lines[summary]
        lines[summary] = new = edited if number % 2 == 0 else plain
        sent = time.perf_counter()
        client.text_document_did_change(change(uri, number + 2, summary, old, new))
        times.append(await client.arrival(uri, number + 2) - sent)
        await asyncio.sleep(0.05)
    found["didChange in the front matter -> publishDiagnostics, median"] = statistics.median(times)
    found["the same, slowest of the middle 90%"] = sorted(times)[int(len(times) * 0.9) - 1]
    old = lines[title]
    sent = time.perf_counter()
    client.text_document_did_change(change(uri, changes + 2, title, old, old + " Two"))
    found["didChange of the title -> publishDiagnostics"] = await client.arrival(uri, changes + 2) - sent
    server = client._server
    assert server is not None
    found["memory now (MiB)"], found["memory at peak (MiB)"] = peak_memory(server.pid)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    found["baseline: glossary lint FILE, cache warm"] = lint_one(root, target)
    return found


def lint_one(root: Path, target: Path, runs: int = 3) -> float:
    """The median seconds of `glossary lint FILE` as a whole process, after one run to fill the cache."""
    command = [sys.executable, "-m", "glossary", "lint", str(target)]
    subprocess.run(command, cwd=root, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=root, capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def load() -> str:
    """The machine's load averages over 1, 5 and 15 minutes, as uptime gives them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", type=int, default=1000)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--corpus", choices=("real", "generated"), default="real",
                        help="real: this repository's terms replicated (realshaped.py); generated: generate.py's")
    parser.add_argument("--keep", type=Path, help="generate the corpus here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or Path(temporary) / "glossary"
        if args.corpus == "real":
            count = write_real_project(root, args.terms)[1]
        else:
            write_project(root, args.terms)
            count = args.terms
        print(f"{args.corpus} corpus: {count:,} terms; load before {load()}", flush=True)
        found = asyncio.run(serve_and_time(root, args.changes))
    baseline = found["baseline: glossary lint FILE, cache warm"]
    print(f"load after: {load()}\n")
    print(f"| what ({count:,} terms, {args.corpus}) | ms | × baseline |")
    print("| --- | ---: | ---: |")
    for name, value in found.items():
        if "MiB" in name:
            print(f"| {name} | {value:.0f} | |")
        else:
            print(f"| {name} | {value * 1000:.0f} | {value / baseline:.2f} |")


if __name__ == "__main__":
    main()
