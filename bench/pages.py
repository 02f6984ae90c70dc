"""Substance page render time: server side, the full request through the app (profile from the store,
coverage, obligations, template), for a spread of substances and groups at the real graph size.

Also the pages that grow with the official lists (a spread of substances only a list names, /zzs and one
route's page, /matrix pages, the treaties and substance indexes, filtered, and /panel), each against its
target: substance pages p95 ≤ 150 ms, the list pages ≤ 300 ms.
Run: .venv/bin/python bench/pages.py (uses CHEMKG_STORE_PATH or data/store).
"""

from __future__ import annotations

import statistics
import time

from fastapi.testclient import TestClient

from chemkg.settings import load_settings
from chemkg.store import open_store
from chemkg.web.app import create_app

SAMPLE = ("pfhxs", "pfhxs-acid", "pfos", "pfoa", "mercury", "ddt", "cfc-11", "lead", "hbcdd", "pfas")
LIST_PAGES = (
    "/zzs",
    "/zzs?route=cmr-clp",
    "/zzs?route=rivm-list&page=10",
    "/matrix",
    "/matrix?show=zzs&page=3",
    "/matrix?show=all&page=20",
    "/treaties",
    "/substances",
    "/substances?zzs=zzs&list=rivm-zzs&page=10",
    "/substances?q=chlor&instrument=stockholm",
    "/panel",
)
ROUNDS = 5
BROWSER = {"accept": "text/html"}


def main() -> None:
    settings = load_settings()
    store = open_store(settings.store)
    names = {r["entity"] for r in store.rows("entity-names")}
    paths = [f"/substance/{s}" for s in SAMPLE if f"https://w3id.org/chemkg/substance/{s}" in names]
    from_lists = sorted(n for n in names if "/substance/import-" in n)
    paths += ["/" + n.split("https://w3id.org/chemkg/", 1)[1] for n in from_lists[:: max(1, len(from_lists) // 10)]]
    with TestClient(create_app(settings)) as client:
        started = time.perf_counter()
        client.get(paths[0], headers=BROWSER)  # first request: opens the store, builds the site tables
        print(f"first request (cold caches): {(time.perf_counter() - started) * 1000:.0f} ms")
        timings: dict[str, list[float]] = {p: [] for p in paths}
        for _ in range(ROUNDS):
            for path in paths:
                t = time.perf_counter()
                response = client.get(path, headers=BROWSER)
                timings[path].append((time.perf_counter() - t) * 1000)
                assert response.status_code == 200, path
    every = sorted(x for xs in timings.values() for x in xs)
    print(f"{len(paths)} substance pages × {ROUNDS} rounds = {len(every)} renders")
    for path, xs in timings.items():
        print(f"  {path:28} median {statistics.median(xs):7.1f} ms")
    p50 = statistics.median(every)
    p95 = every[int(len(every) * 0.95) - 1]
    print(f"p50 {p50:.1f} ms   p95 {p95:.1f} ms   max {every[-1]:.1f} ms   (target p95 ≤ 150 ms)")
    with TestClient(create_app(settings)) as client:
        for path in LIST_PAGES:
            first = time.perf_counter()
            assert client.get(path, headers=BROWSER).status_code == 200, path
            first_ms = (time.perf_counter() - first) * 1000
            xs = []
            for _ in range(ROUNDS):
                t = time.perf_counter()
                client.get(path, headers=BROWSER)
                xs.append((time.perf_counter() - t) * 1000)
            print(
                f"  {path:32} first {first_ms:7.1f} ms, then median {statistics.median(xs):6.1f} ms  (target ≤ 300 ms)"
            )


if __name__ == "__main__":
    main()
