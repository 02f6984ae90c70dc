"""The substance or group page: the profile (shared with ``chemkg lookup``) arranged for reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from chemkg.profile import Citation, Listing, Profile, load_profile
from chemkg.store import GraphStore
from chemkg.web.pages.site import STATUS_TO_COVERAGE, Instrument, Obligation, SiteData

BASEL = "https://w3id.org/chemkg/treaty/basel"
MEMBER_ROWS = 12  # per annex: a group with thousands of imported members still reads as a page


@dataclass
class CoverageCell:
    instrument: Instrument
    state: str
    listings: list[str]  # IRIs of the listings behind the state
    through: list[str] = field(default_factory=list)  # labels of the groups or members it is inherited through
    through_nl: list[str] = field(default_factory=list)  # the same in Dutch


@dataclass
class ObligationGroup:
    instrument: Instrument
    annexes: list[str]  # annex codes that bring these obligations
    obligations: list[Obligation]


@dataclass
class ZZSRoute:
    """One route by which the substance is (potential) ZZS, with every source that says so."""

    status: str
    criterion: str
    label: str
    label_nl: str
    derivation: str
    date: str | None
    sources: list[Citation] = field(default_factory=list)
    via: str | None = None  # the group the status comes from, when it is not the substance's own
    via_label: str | None = None
    via_label_nl: str | None = None


def zzs_routes(rows: list[dict[str, Any]]) -> list[ZZSRoute]:
    routes: dict[tuple[str, str, str | None], ZZSRoute] = {}
    for r in rows:
        inherited = r.get("via") not in (None, r["entity"])
        route = routes.setdefault(
            (r["status"], r["criterion"], r.get("via")),
            ZZSRoute(
                r["status"],
                r["criterion"],
                r["criterionLabel"],
                r["criterionLabelNl"],
                r["derivation"],
                r["date"],
                via=r["via"] if inherited else None,
                via_label=r.get("viaLabel") if inherited else None,
                via_label_nl=r.get("viaLabelNl") if inherited else None,
            ),
        )
        citation = Citation.from_row(r)
        if citation not in route.sources:
            route.sources.append(citation)
    return sorted(routes.values(), key=lambda z: (z.status != "zzs", z.via is not None, z.label))


@dataclass
class SubstancePage:
    profile: Profile
    coverage: list[CoverageCell]
    treaty_listings: list[Listing]
    basel_listings: list[Listing]
    eu_listings: list[Listing]
    obligations: list[ObligationGroup]
    zzs_status: str | None
    zzs: list[ZZSRoute]
    related: list[dict[str, Any]] = field(default_factory=list)
    more_member_listings: int = 0  # members' listings left out of the tables (beyond MEMBER_ROWS per annex)

    @property
    def listings(self) -> list[Listing]:
        return self.treaty_listings + self.basel_listings + self.eu_listings


def _order(site: SiteData) -> dict[str, int]:
    return {i.iri: n for n, i in enumerate(site.listing_instruments())}


def _obligations(site: SiteData, listings: list[Listing]) -> list[ObligationGroup]:
    """Obligations that govern the annexes where the substance is currently listed, per instrument."""
    groups: dict[str, ObligationGroup] = {}
    for listing in listings:
        if STATUS_TO_COVERAGE.get(listing.status) != "listed":
            continue
        for ob in site.obligations_governing(listing.annex_iri):
            instrument = site.instruments.get(ob.instrument)
            if instrument is None:
                continue
            group = groups.setdefault(ob.instrument, ObligationGroup(instrument, [], []))
            if listing.annex_code not in group.annexes:
                group.annexes.append(listing.annex_code)
            if ob not in group.obligations:
                group.obligations.append(ob)
    return list(groups.values())


def substance_page(
    store: GraphStore, site: SiteData, iri: str, related: list[dict[str, Any]] | None = None
) -> SubstancePage | None:
    """Everything the substance page shows, or ``None`` when the IRI is no substance or group."""
    profile = load_profile(store, iri)
    if profile is None:
        return None
    order = _order(site)
    listings = sorted(
        profile.listings,
        key=lambda x: (order.get(x.instrument_iri, 99), x.annex_code, x.year or 0, x.iri),
    )
    listings, more = _cap_member_listings(listings)
    eu = [x for x in listings if getattr(site.instruments.get(x.instrument_iri), "kind", "") == "eu"]
    basel = [x for x in listings if x.instrument_iri == BASEL]
    treaty = [x for x in listings if x not in eu and x not in basel]
    coverage = []
    for instrument, (state, cells) in site.coverage(iri).items():
        behind = [c for c in cells if STATUS_TO_COVERAGE.get(c.status) == state]
        via = site.through(iri, behind)
        through = [site.entities[i].name("en") if i in site.entities else i for i in via]
        through_nl = [site.entities[i].name("nl") if i in site.entities else i for i in via]
        coverage.append(
            CoverageCell(site.instruments[instrument], state, [c.listing for c in behind], through, through_nl)
        )
    statuses = {row["status"] for row in profile.zzs}
    zzs = "zzs" if "zzs" in statuses else ("potential-zzs" if statuses else None)
    return SubstancePage(
        profile,
        coverage,
        treaty,
        basel,
        eu,
        _obligations(site, treaty + basel),
        zzs,
        zzs_routes(profile.zzs),
        related or [],
        more,
    )


def _cap_member_listings(listings: list[Listing]) -> tuple[list[Listing], int]:
    """All listings of the entity and its groups; its members' listings up to MEMBER_ROWS per annex."""
    kept: list[Listing] = []
    per_annex: dict[str, int] = {}
    left_out = 0
    for x in listings:
        if x.via_kind == "member":
            per_annex[x.annex_iri] = per_annex.get(x.annex_iri, 0) + 1
            if per_annex[x.annex_iri] > MEMBER_ROWS:
                left_out += 1
                continue
        kept.append(x)
    return kept, left_out
