"""The ZZS page: the routes by which a substance is (potential) ZZS in the Netherlands, and who takes each.

With the official lists in the build a route has up to a few thousand substances, so the page
shows the routes with their counts and one route's substances a page at a time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chemkg.store import GraphStore
from chemkg.web.pages.paging import page_count, rows_on_page
from chemkg.web.pages.site import SiteData
from chemkg.zzs_routes import CURRENT, SHOWN, verdict

PAGE_SIZE = 100
# Statuses read from the RIVM list, which names no route: shown as a route of their own.
LISTED_BY_RIVM = "rivm-list"


@dataclass
class Route:
    iri: str
    code: str
    label: str
    label_nl: str
    description: str | None
    description_nl: str | None
    legal_basis: str | None
    legal_basis_nl: str | None
    leads_to: str | None
    substances: list[dict[str, Any]] = field(default_factory=list)
    key: str = ""  # the `route=` value of its page

    def page(self, number: int) -> list[dict[str, Any]]:
        return rows_on_page(self.substances, number, PAGE_SIZE)

    @property
    def pages(self) -> int:
        return page_count(len(self.substances), PAGE_SIZE)

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


def rivm_route() -> Route:
    return Route(
        "",
        "RIVM_LIST",
        "On the RIVM ZZS list (the list names no route)",
        "Op de RIVM-lijst van ZZS (de lijst noemt geen route)",
        "Substances whose status ChemKG reads from the RIVM list itself; the published list does not say "
        "which criterion applies.",
        "Stoffen waarvan ChemKG de status uit de RIVM-lijst zelf leest; de gepubliceerde lijst zegt niet "
        "welk criterium geldt.",
        "RIVM list of substances of very high concern",
        "RIVM-lijst van zeer zorgwekkende stoffen",
        "zzs",
        key=LISTED_BY_RIVM,
    )


def zzs_routes(store: GraphStore, site: SiteData) -> list[Route]:
    """Every route with its substances (sorted by name); the live build keeps them (``Build.zzs_routes``)."""
    routes = {
        r["criterion"]: Route(
            r["criterion"],
            r["code"],
            r["label"],
            r["labelNl"] or r["label"],
            r["description"],
            r["descriptionNl"],
            r["legalBasis"],
            r["legalBasisNl"],
            r["leadsTo"],
            key=r["criterion"].rsplit("/", 1)[-1],
        )
        for r in store.rows("page-zzs-criteria")
    }
    listed = rivm_route()
    seen: set[tuple[str, str]] = set()
    for r in store.rows("page-zzs-assessments"):
        route = routes.get(r["criterion"]) if r["criterion"] else listed
        if route is None or (route.key, r["entity"]) in seen:
            continue
        seen.add((route.key, r["entity"]))
        # The same check as the substance page: a route is shown where it holds, anticipated, or the list's word.
        found = "unchecked"
        if route.iri:
            found = verdict(route.code_id, r["derivation"], *_evidence(site, r["entity"]), r["entity"])
        if found in SHOWN:
            route.substances.append(dict(r, route=found))
    found_routes = [*routes.values(), listed] if listed.substances else list(routes.values())
    return sorted(found_routes, key=lambda r: (r.leads_to != "zzs", -len(r.substances), r.label))


def route_by_key(routes: list[Route], key: str) -> Route | None:
    return next((r for r in routes if r.key == key), None)
