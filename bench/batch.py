"""Batch lookup speed: 10,000 mixed rows (CAS, EC, names en/nl, abbreviations, misspellings, unknowns).

Target: well under 10 s on the built store, end to end (index and coverage built, rows resolved,
CSV and XLSX written). Run: .venv/bin/python bench/batch.py (uses CHEMKG_STORE_PATH or data/store).
"""

from __future__ import annotations

import random
import time

from chemkg.reports.batch import BatchLookup, summary
from chemkg.reports.batch_output import render
from chemkg.settings import load_settings
from chemkg.store import open_store

ROWS = 10_000


def misspell(rng: random.Random, name: str) -> str:
    """Drop, double or swap one letter, as people do when typing names from a printed list."""
    if len(name) < 6:
        return name
    i = rng.randrange(1, len(name) - 2)
    choice = rng.randrange(3)
    if choice == 0:
        return name[:i] + name[i + 1 :]
    if choice == 1:
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def sample_inputs(lookup: BatchLookup, rng: random.Random) -> list[str]:
    by_kind: dict[str, list[str]] = {}
    for entries in lookup.resolver.exact.values():
        for _iri, kind, value in entries:
            by_kind.setdefault(kind, []).append(value)
    names = by_kind["name"] + by_kind.get("synonym", [])
    values = []
    for _ in range(ROWS):
        roll = rng.random()
        if roll < 0.40:
            values.append(rng.choice(by_kind["cas"]))
        elif roll < 0.45:
            values.append(rng.choice(by_kind.get("ec", by_kind["cas"])))
        elif roll < 0.70:
            values.append(rng.choice(names))
        elif roll < 0.80:
            values.append(rng.choice(by_kind["abbreviation"]))
        elif roll < 0.95:
            values.append(misspell(rng, rng.choice(names)))
        else:
            values.append(f"unknown substance {rng.randrange(100_000)}")
    return values


def main() -> None:
    store = open_store(load_settings().store)
    rng = random.Random(7)
    started = time.perf_counter()
    lookup = BatchLookup.from_store(store)
    loaded = time.perf_counter()
    values = sample_inputs(lookup, rng)
    begun = time.perf_counter()
    rows = lookup.run(values)
    resolved = time.perf_counter()
    timings: dict[str, tuple[float, int]] = {}
    for fmt in ("csv", "xlsx", "json"):
        begin = time.perf_counter()
        size = len(render(rows, fmt))
        timings[fmt] = (time.perf_counter() - begin, size)
    counts = summary(rows)
    distinct = len(set(values))
    base = (loaded - started) + (resolved - begun)
    print(f"batch lookup: {len(rows):,} rows ({distinct:,} distinct), outcomes {counts}")
    print(f"  index + coverage from store: {loaded - started:6.2f} s")
    print(f"  resolve + coverage rows:     {resolved - begun:6.2f} s")
    for fmt, (seconds, size) in timings.items():
        print(f"  write {fmt:4} ({size // 1024:>6} KiB):    {seconds:6.2f} s  → end to end {base + seconds:6.2f} s")
    print("  target: end to end under 10 s for each output format")


if __name__ == "__main__":
    main()
