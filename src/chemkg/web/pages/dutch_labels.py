"""English names from the graph → their Dutch names, for tables whose queries return English labels.

The gap reports are catalogue queries (researchers run them as they are), so they select English
labels; a Dutch page swaps each label the graph also names in Dutch: substances, groups, annexes,
instruments and ZZS routes.
"""

from __future__ import annotations

from functools import lru_cache

import pyoxigraph as ox

from chemkg.store import run_named
from chemkg.web.pages.site import site_data


@lru_cache(maxsize=4)
def dutch_labels(store: ox.Store) -> dict[str, str]:
    site = site_data(store)
    out: dict[str, str] = {}
    for e in site.entities.values():
        if e.label_nl and e.label_nl != e.label:
            out.setdefault(e.label, e.label_nl)
    for a in site.annexes.values():
        out.setdefault(a.label, a.label_nl)
    for i in site.instruments.values():
        out.setdefault(i.short, i.short_nl)
        out.setdefault(i.label, i.label_nl)
    for r in run_named(store, "page-zzs-criteria"):
        if r["labelNl"]:
            out.setdefault(r["label"], r["labelNl"])
    return out
