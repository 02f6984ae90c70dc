"""Everything known about one substance or group, gathered from the store as plain data.

Used by ``chemkg lookup``, the substance page and the negotiation brief, so all three show the
same facts with the same sources.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from chemkg.profile_reader import (
    PREF_LABEL,
    ZZS_ROUTE_UNSTATED,
    Reader,
    exemption_rows,
    groups_and_members,
    identity_rows,
    listing_rows,
    relation_rows,
    topic_rows,
    zzs_rows,
)
from chemkg.store import GraphStore
from chemkg.zzs_routes import CURRENT, check_routes


@dataclass(frozen=True)
class Citation:
    title: str
    url: str | None = None
    locator: str | None = None
    confidence: str | None = None
    standing: str | None = None  # 'official' or 'secondary': briefs list official sources first

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Citation:
        """The citation in a query row: sourceTitle, sourceUrl, locator, confidence and sourceStanding."""
        return cls(
            row.get("sourceTitle") or "",
            row.get("sourceUrl"),
            row.get("locator"),
            row.get("confidence"),
            row.get("sourceStanding"),
        )

    def text(self) -> str:
        where = f", {self.locator}" if self.locator else ""
        flag = " (unconfirmed)" if self.confidence == "memory" else ""
        return f"{self.title}{where}{flag}"


@dataclass
class Listing:
    iri: str
    instrument: str
    instrument_iri: str
    instrument_nl: str
    annex: str
    annex_code: str
    annex_iri: str
    annex_nl: str
    status: str
    status_label: str
    status_label_nl: str
    via: str
    via_label: str
    via_label_nl: str | None = None
    # "self" (the entity's own listing), "group" (a group it belongs to), "member" (one of its members) or
    # "entry" (an annex entry that concerns it or one of those); inherited_from names that group or member.
    via_kind: str = "self"
    inherited_from: str | None = None
    inherited_label: str | None = None
    inherited_label_nl: str | None = None
    decisions: list[str] = field(default_factory=list)
    adopted: str | None = None
    year: int | None = None
    in_force: str | None = None
    category: str | None = None
    categories: list[str] = field(default_factory=list)  # every hazard class (CLP) or reason (Candidate List)
    group: str | None = None
    phase_out: str | None = None
    odp: float | None = None
    gwp: float | None = None
    summary: str | None = None
    summary_nl: str | None = None
    exemptions: list[dict[str, Any]] = field(default_factory=list)  # one per exemption, with its "citations"
    citations: list[Citation] = field(default_factory=list)


@dataclass
class Profile:
    iri: str
    is_group: bool
    labels: dict[str, str]
    synonyms: dict[str, list[str]]
    abbreviations: list[str]
    identifiers: dict[str, list[str]]
    descriptions: dict[str, str]
    citations: list[Citation]
    members: list[dict[str, Any]]
    member_of: list[dict[str, Any]]
    listings: list[Listing]
    zzs: list[dict[str, Any]]
    topics: list[dict[str, Any]]

    def label(self, lang: str = "en") -> str:
        return self.labels.get(lang) or self.labels.get("en") or self.iri

    @property
    def direct_listings(self) -> list[Listing]:
        return [x for x in self.listings if x.inherited_from is None]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def has_expired(expires: str | None, today: date | None = None) -> bool:
    """Whether an exemption's expiry (``2025-12-03``, ``2025-12`` or ``2025``) lies before ``today``; a date given
    only to the month or year runs to the end of it."""
    if not expires:
        return False
    today = today or date.today()
    parts = expires.strip().split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2][:2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day) < today
    except (ValueError, IndexError):  # not a date: say nothing rather than something wrong
        return False


def _add_unique(items: list[Any], item: Any) -> None:
    if item is not None and item not in items:
        items.append(item)


def load_profile(store: GraphStore, iri: str) -> Profile | None:
    """The profile of one substance or group, or ``None`` when the IRI is not one."""
    # One reader for every lookup of the profile: the entity's listings, groups and ZZS statuses read the same
    # annexes, instruments and sources. Same rows as queries/entity-*.rq, read by index lookups (tests keep
    # them equal): a query per entity costs more than the rest of the profile.
    reader = Reader(store)
    identity = identity_rows(store, iri, reader)
    if not identity:
        return None
    labels: dict[str, str] = {}
    synonyms: dict[str, list[str]] = defaultdict(list)
    identifiers: dict[str, list[str]] = defaultdict(list)
    descriptions: dict[str, str] = {}
    abbreviations: list[str] = []
    citations: list[Citation] = []
    is_group = False
    for row in identity:
        is_group = is_group or row["type"].endswith("SubstanceGroup")
        prop, value, lang = row["property"], row["value"], row["lang"] or ""
        if prop == "label":
            labels[lang] = value
        elif prop == "synonym":
            _add_unique(synonyms[lang or "en"], value)
        elif prop == "abbreviation":
            _add_unique(abbreviations, value)
        elif prop == "description":
            descriptions[lang] = value
        else:
            _add_unique(identifiers[prop], value)
        _add_unique(citations, Citation.from_row(row))
    relations = relation_rows(store, iri, reader)
    members = [r for r in relations if r["relation"] == "has-member"]
    member_of = [r for r in relations if r["relation"] == "member-of"]
    listings = _listings(store, reader, iri)
    groups = [node for node, relation in groups_and_members(reader, iri) if relation == "group"]
    # A member's listing does not make its group meet a criterion: only the entity's own and its groups' count.
    annexes = [
        x.annex_iri
        for x in listings
        if x.status in CURRENT and (x.inherited_from is None or x.inherited_from in groups)
    ]
    # Same rows as entity-zzs.rq / entity-topics.rq (by index lookups), each route checked against the listings.
    zzs = [dict(row, via=iri) for row in check_routes(zzs_rows(store, iri, reader), annexes, groups)]
    zzs = _each_route_once(zzs + _inherited_zzs(store, reader, groups, listings), iri)
    topics = topic_rows(store, iri, reader)
    return Profile(
        iri,
        is_group,
        labels,
        dict(synonyms),
        abbreviations,
        dict(identifiers),
        descriptions,
        citations,
        _unique_by(members, "other"),
        _unique_by(member_of, "other"),
        listings,
        zzs,
        _unique_by(topics, "topic"),
    )


def _unique_by(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    seen: dict[Any, dict[str, Any]] = {}
    for row in rows:
        seen.setdefault(row[key], row)
    return list(seen.values())


def _listings(store: GraphStore, reader: Reader, entity: str) -> list[Listing]:
    by_iri: dict[str, Listing] = {}
    for row in listing_rows(store, entity, reader):
        listing = by_iri.get(row["listing"])
        if listing is not None and listing.inherited_from is not None and row["inheritedFrom"] is None:
            del by_iri[row["listing"]]  # an annex entry naming the entity itself beats the same entry via a group
            listing = None
        if listing is None:
            listing = Listing(
                iri=row["listing"],
                instrument=row["instrumentLabel"],
                instrument_iri=row["instrument"],
                instrument_nl=row["instrumentLabelNl"],
                annex=row["annexLabel"],
                annex_code=row["annexCode"],
                annex_iri=row["annex"],
                annex_nl=row["annexLabelNl"],
                status=row["status"],
                status_label=row["statusLabel"],
                status_label_nl=row["statusLabelNl"],
                via=row["via"],
                via_label=row["viaLabel"],
                via_label_nl=row["viaLabelNl"],
                via_kind=row["viaKind"],
                inherited_from=row["inheritedFrom"],
                inherited_label=_label(reader, row["inheritedFrom"], "en"),
                inherited_label_nl=_label(reader, row["inheritedFrom"], "nl"),
                adopted=row["adopted"],
                year=row["year"],
                in_force=row["inForce"],
                category=row["category"],
                group=row["group"],
                phase_out=row["phaseOut"],
                odp=row["odp"],
                gwp=row["gwp"],
                summary=row["summary"],
                summary_nl=row["summaryNl"],
            )
            by_iri[row["listing"]] = listing
        _add_unique(listing.decisions, row["decision"])
        _add_unique(listing.categories, row["category"])
        _add_unique(
            listing.citations,
            Citation.from_row(row),
        )
    for row in exemption_rows(store, entity, reader):
        # A row per source of an exemption: one exemption, citing each of its sources.
        listing = by_iri.get(row["listing"])
        if listing is None:
            continue
        key = (row["exemption"], row["kind"])
        same = next((e for e in listing.exemptions if (e["exemption"], e["kind"]) == key), None)
        if same is None:
            listing.exemptions.append({**row, "citations": [Citation.from_row(row)]})
        else:
            _add_unique(same["citations"], Citation.from_row(row))
    return _merge_same_listings(list(by_iri.values()))


def _merge_same_listings(listings: list[Listing]) -> list[Listing]:
    """One listing for each fact: two registers that record the same listing (an ECHA export and the curated
    EU table, say) become one that cites both, so a page or a brief states the fact once."""
    merged: dict[tuple[Any, ...], Listing] = {}
    for listing in listings:
        key = (
            listing.annex_iri,
            listing.status,
            listing.adopted,
            listing.via,
            listing.inherited_from,
            listing.category,
            listing.group,
        )
        first = merged.setdefault(key, listing)
        if first is listing:
            continue
        for name in ("decisions", "categories", "citations"):
            for item in getattr(listing, name):
                _add_unique(getattr(first, name), item)
        known = {e["exemption"] for e in first.exemptions}
        first.exemptions.extend(e for e in listing.exemptions if e["exemption"] not in known)
        for name in ("in_force", "year", "phase_out", "odp", "gwp"):
            if getattr(first, name) is None:
                setattr(first, name, getattr(listing, name))
        for name in ("summary", "summary_nl"):  # the fuller account of the two
            if len(getattr(listing, name) or "") > len(getattr(first, name) or ""):
                setattr(first, name, getattr(listing, name))
    return list(merged.values())


def _each_route_once(zzs: list[dict[str, Any]], entity: str) -> list[dict[str, Any]]:
    """Each ZZS route once: not again through a group when the entity has it itself (PFOA and PFAS: OSPAR), and
    the RIVM list's status without a route only where no status gives one (as the gap report, cq04, says it)."""
    own = {(z["status"], z["criterionLabel"]) for z in zzs if z["via"] == entity}
    stated = any(z["criterionLabel"] != ZZS_ROUTE_UNSTATED[0] for z in zzs)
    return [
        z
        for z in zzs
        if not (z["via"] != entity and (z["status"], z["criterionLabel"]) in own)
        and not (stated and z["criterionLabel"] == ZZS_ROUTE_UNSTATED[0])
    ]


def _inherited_zzs(
    store: GraphStore, reader: Reader, groups: list[str], listings: list[Listing]
) -> list[dict[str, Any]]:
    """The ZZS statuses of the groups an entity belongs to, each marked ``via`` its group: a group's status
    covers its members (never the other way round), its routes checked against the group's own listings."""
    out: list[dict[str, Any]] = []
    for group in groups:
        above = [n for n, relation in groups_and_members(reader, group) if relation == "group"]
        annexes = [x.annex_iri for x in listings if x.status in CURRENT and x.inherited_from in (group, *above)]
        label, label_nl = _label(reader, group, "en"), _label(reader, group, "nl")
        for row in check_routes(zzs_rows(store, group, reader), annexes, above):
            out.append(dict(row, via=group, viaLabel=label, viaLabelNl=label_nl))
    return out


def _label(reader: Reader, iri: str | None, lang: str) -> str | None:
    return reader.text(iri, PREF_LABEL, lang) if iri else None
