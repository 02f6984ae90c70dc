"""Start-up of `chemkg serve`: how soon /health, a page and the first search answer, and the memory it takes.

Targets (issue 15): /health <= 1 s and the first search <= 3 s after the command starts. On a machine
busy with other work the wall times stretch; the CPU seconds the server had used by then are printed
beside them (on an idle machine with a free core, wall time is about that). Also printed:
whether the server mapped libtorch (serving must not load torch), and the server's RSS after start-up and
after the first searches.

    .venv/bin/python bench/startup.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path
from urllib.parse import urlencode

from server import cpu_s, request, rss_mb, serving

QUERIES = ["chemicals in firefighting foam", "kwik in thermometers", "brominated flame retardants"]


def one_run() -> dict[str, float | str]:
    with serving() as (port, server, started):
        out: dict[str, float | str] = {}
        while "health" not in out:
            try:
                if request(port, "/health", timeout=2)[0] == 200:
                    out["health"] = time.perf_counter() - started
                    out["health_cpu"] = cpu_s(server.pid)
            except OSError:
                time.sleep(0.01)
            if time.perf_counter() - started > 120:
                raise SystemExit("no /health within 120 s")
        status, _, _ = request(port, "/substance/mercury", headers={"Accept": "text/html"})
        assert status == 200, status
        out["page"] = time.perf_counter() - started
        out["page_cpu"] = cpu_s(server.pid)
        status, body, _ = request(port, "/search?" + urlencode({"q": QUERIES[0]}))
        assert status == 200, body[:200]
        out["search"] = time.perf_counter() - started
        out["search_cpu"] = cpu_s(server.pid)
        out["rss_start"] = rss_mb(server.pid)
        for q in QUERIES * 5:
            request(port, "/search?" + urlencode({"q": q}))
        out["rss_after"] = rss_mb(server.pid)
        maps = Path(f"/proc/{server.pid}/maps").read_text()
        out["torch"] = "yes" if "libtorch" in maps else "no"
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs = [one_run() for _ in range(args.runs)]
    for i, r in enumerate(runs, 1):
        print(
            f"run {i}: /health {r['health']:.2f} s (server CPU {r['health_cpu']:.2f} s), "
            f"substance page {r['page']:.2f} s "
            f"(CPU {r['page_cpu']:.2f} s), first search {r['search']:.2f} s (CPU {r['search_cpu']:.2f} s); "
            f"RSS after start-up {r['rss_start']}, after 15 searches {r['rss_after']}; libtorch mapped: {r['torch']}"
        )
    med = {k: statistics.median(float(r[k]) for r in runs) for k in ("health", "health_cpu", "search", "search_cpu")}
    print(
        f"median of {len(runs)} (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores): "
        f"/health {med['health']:.2f} s, server CPU {med['health_cpu']:.2f} s (target <= 1 s); "
        f"first search {med['search']:.2f} s, server CPU {med['search_cpu']:.2f} s (target <= 3 s)"
    )


if __name__ == "__main__":
    main()
