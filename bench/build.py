"""Benchmark: how long `chemkg build` takes on the whole curated graph, and triples per second.

Run: .venv/bin/python bench/build.py  (prints figures; builds into a temporary folder)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from chemkg.build.pipeline import build, compile_graphs

ROOT = Path(__file__).resolve().parent.parent


def main(runs: int = 3) -> None:
    times, triples = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            started = time.perf_counter()
            report = build(ROOT / "graph", ROOT / "ontology", Path(tmp) / "store")
            times.append(time.perf_counter() - started)
            triples = report.total
            print(f"run {i + 1}: {times[-1]:.2f} s, {triples} triples")
    started = time.perf_counter()
    compile_graphs(ROOT / "graph", ROOT / "ontology")
    compile_s = time.perf_counter() - started
    median = statistics.median(times)
    print(f"whole build: median {median:.2f} s over {runs} runs ({triples / median:,.0f} triples/s)")
    print(f"of which read + validate + RDF + SHACL: {compile_s:.2f} s")


if __name__ == "__main__":
    main()
