"""English names from the graph → their Dutch names, for tables whose queries return English labels.

The gap reports are catalogue queries (researchers run them as they are), so they select English
labels; a Dutch page swaps each label the graph also names in Dutch: substances, groups, annexes,
instruments, ZZS routes and exemptions.
"""

from __future__ import annotations

from chemkg.store import GraphStore
from chemkg.web.pages.site import SiteData


def dutch_labels(store: GraphStore, site: SiteData) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in site.entities.values():
        if e.label_nl and e.label_nl != e.label:
            out.setdefault(e.label, e.label_nl)
    for a in site.annexes.values():
        out.setdefault(a.label, a.label_nl)
    for i in site.instruments.values():
        out.setdefault(i.short, i.short_nl)
        out.setdefault(i.label, i.label_nl)
    for name in ("page-zzs-criteria", "page-exemption-labels"):
        for r in store.rows(name):
            if r["labelNl"]:
                out.setdefault(r["label"], r["labelNl"])
    return out
