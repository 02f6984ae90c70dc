"""The ZZS page: the routes by which a substance is (potential) ZZS in the Netherlands, and who takes each."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from chemkg.store import run_named
from chemkg.web.pages.site import SiteData, site_data
from chemkg.zzs_routes import CURRENT, SHOWN, verdict


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

    @property
    def code_id(self) -> str:
        """The criterion's id (eu-pop), as the ZZS register names it."""
        return self.iri.rsplit("/", 1)[-1]


def _evidence(site: SiteData, entity: str) -> tuple[list[str], list[str]]:
    """The annexes of the entity's own and its groups' current listings, and its groups."""
    groups = [g for g, members in site.members.items() if entity in members]
    annexes = []
    for c in site.cells.get(entity, []):
        through = site.inherited.get((entity, c.listing))  # None: the entity's own listing
        if c.status in CURRENT and (through is None or through in groups):
            annexes.append(c.annex)
    return annexes, groups


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
    site = site_data(store)
    for r in run_named(store, "page-zzs-assessments"):
        route = routes.get(r["criterion"])
        if route is None or any(s["entity"] == r["entity"] for s in route.substances):
            continue
        # The same check as the substance page: a route is shown where it holds, anticipated, or the list's word.
        found = verdict(route.code_id, r["derivation"], *_evidence(site, r["entity"]), r["entity"])
        if found in SHOWN:
            route.substances.append(dict(r, route=found))
    return sorted(routes.values(), key=lambda r: (r.leads_to != "zzs", -len(r.substances), r.label))
