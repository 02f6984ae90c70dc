"""The ZZS page: the routes by which a substance is (potential) ZZS in the Netherlands, and who takes each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from chemkg.store import run_named


@dataclass
class Route:
    iri: str
    code: str
    label: str
    label_nl: str
    description: str | None
    description_nl: str | None
    legal_basis: str | None
    leads_to: str | None
    substances: list[dict[str, Any]] = field(default_factory=list)


def zzs_routes(store: ox.Store) -> list[Route]:
    routes = {
        r["criterion"]: Route(
            r["criterion"],
            r["code"],
            r["label"],
            r["labelNl"] or r["label"],
            r["description"],
            r["descriptionNl"],
            r["legalBasis"],
            r["leadsTo"],
        )
        for r in run_named(store, "page-zzs-criteria")
    }
    for r in run_named(store, "page-zzs-assessments"):
        route = routes.get(r["criterion"])
        if route is not None and all(s["entity"] != r["entity"] for s in route.substances):
            route.substances.append(r)
    return sorted(routes.values(), key=lambda r: (r.leads_to != "zzs", -len(r.substances), r.label))
