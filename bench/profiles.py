"""Every entity's profile, as the tests of invariants over all of them load it: milliseconds per profile and CPU.

Opens the built store afresh (so the reader's per-store cache starts empty, as in a test session or after a
rebuild), loads the profile of every entity of ``entity-names`` once, then once more on the same store (what a
serving process sees once the shared labels and sources are cached). Prints the CPU of each pass, the
milliseconds per profile and the slowest entities of the first pass.

    .venv/bin/python bench/profiles.py [--store data/store]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from chemkg.profile import load_profile
from chemkg.settings import load_settings
from chemkg.store import GraphStore, open_store


def one_pass(store: GraphStore, entities: list[str]) -> tuple[float, list[tuple[float, str]]]:
    """CPU seconds of loading every profile, and each entity's milliseconds (wall)."""
    times: list[tuple[float, str]] = []
    start = time.process_time()
    for iri in entities:
        began = time.perf_counter()
        load_profile(store, iri)
        times.append(((time.perf_counter() - began) * 1000, iri))
    return time.process_time() - start, times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=load_settings().store)
    args = parser.parse_args()
    store = open_store(args.store)
    entities = sorted({r["entity"] for r in store.rows("entity-names")})
    for name in ("fresh store", "warm store"):
        cpu, times = one_pass(store, entities)
        print(f"{name}: {len(entities)} profiles, {cpu:.2f} s CPU, {cpu / len(entities) * 1000:.2f} ms per profile")
        if name == "fresh store":
            slowest = ", ".join(f"{iri.rsplit('/', 1)[-1]} {ms:.1f} ms" for ms, iri in sorted(times)[-3:][::-1])
            print(f"  slowest: {slowest}")


if __name__ == "__main__":
    main()
