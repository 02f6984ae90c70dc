"""The two indexes an officer browses from: every instrument with its annexes, and every substance and group.

Both read the site tables (``site.py``, from the rows the build saved), so filtering the full lists
(thousands of entities) is a pass over Python data, never a SPARQL string built from user input.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chemkg.namespaces import BASE
from chemkg.store import GraphStore
from chemkg.web.pages.paging import page_count, rows_on_page
from chemkg.web.pages.site import LISTED, Annex, EntitySummary, Instrument, SiteData

KIND_ORDER = ("treaty", "amendment", "framework", "eu")
ZZS_CHOICES = ("zzs", "potential-zzs", "none")
PAGE_SIZE = 50


class UnknownFilter(ValueError):
    """A filter value that names nothing in the graph; the message lists what there is."""


def short_id(iri: str) -> str:
    """``https://w3id.org/chemkg/treaty/stockholm/annex-a`` → ``stockholm/annex-a`` (what filters take)."""
    for prefix in (BASE + "treaty/", BASE + "substance/", BASE + "source/import/", BASE):
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return iri


@dataclass(frozen=True)
class AnnexRow:
    annex: Annex
    listings: int
    entities: int  # substances and groups a listed item of the annex reaches (members of listed groups too)


@dataclass(frozen=True)
class InstrumentRow:
    instrument: Instrument
    annexes: list[AnnexRow]
    entities: int


@dataclass(frozen=True)
class OfficialList:
    iri: str
    name: str
    name_nl: str
    entities: int

    @property
    def key(self) -> str:
        return short_id(self.iri)

    def name_in(self, lang: str) -> str:
        return self.name_nl if lang == "nl" and self.name_nl else self.name


@dataclass
class Catalogue:
    """The site tables plus what the indexes add: who each annex reaches, and which lists name whom."""

    site: SiteData
    reached_by_instrument: dict[str, set[str]]
    reached_by_annex: dict[str, set[str]]
    lists: dict[str, OfficialList]
    lists_of: dict[str, set[str]]  # entity → the official lists that name it
    ordered: list[EntitySummary] = field(default_factory=list)  # every entity, by English name

    def instrument_rows(self) -> list[InstrumentRow]:
        """Every instrument in the graph (listing or not), treaties first, each with its annexes."""
        rows = []
        for i in sorted(
            self.site.instruments.values(),
            key=lambda i: (KIND_ORDER.index(i.kind) if i.kind in KIND_ORDER else 9, i.adopted or "", i.short),
        ):
            annexes = [
                AnnexRow(a, a.listings, len(self.reached_by_annex.get(a.iri, ())))
                for a in sorted(self.site.annexes_of(i.iri), key=lambda a: a.iri)
            ]
            rows.append(InstrumentRow(i, annexes, len(self.reached_by_instrument.get(i.iri, ()))))
        return rows


def catalogue(store: GraphStore, site: SiteData) -> Catalogue:
    """The filters' tables over the site tables; the live build keeps one (``Build.catalogue``)."""
    by_instrument: dict[str, set[str]] = defaultdict(set)
    by_annex: dict[str, set[str]] = defaultdict(set)
    for entity, cells in site.cells.items():
        for cell in cells:
            if cell.status in LISTED:
                by_instrument[cell.instrument].add(entity)
                by_annex[cell.annex].add(entity)
    held = store.rows("held-lists")  # the imported lists, with names and editions
    known = {row["source"] for row in held}
    lists_of: dict[str, set[str]] = defaultdict(set)
    named: dict[str, set[str]] = defaultdict(set)
    for row in store.rows("page-entity-lists"):
        # A curated source may be typed official-list too; the filter offers the imported lists only.
        if row["entity"] in site.entities and row["list"] in known:
            lists_of[row["entity"]].add(row["list"])
            named[row["list"]].add(row["entity"])
    lists = {
        row["source"]: OfficialList(row["source"], row["name"], row["nameNl"] or "", len(named.get(row["source"], ())))
        for row in held
    }
    ordered = sorted(site.entities.values(), key=lambda e: (e.label.casefold(), e.iri))
    return Catalogue(site, dict(by_instrument), dict(by_annex), lists, dict(lists_of), ordered)


@dataclass(frozen=True)
class SubstanceFilters:
    """What the substance index is narrowed by; every value is a short id (``stockholm``, ``stockholm/annex-a``)."""

    q: str = ""
    instrument: str = ""
    annex: str = ""
    list: str = ""
    zzs: str = ""
    group: str = ""

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.__dict__.items() if v}


@dataclass
class SubstanceIndex:
    filters: SubstanceFilters
    total: int  # entities in the graph
    matched: list[EntitySummary]
    page: int
    pages: int
    group: EntitySummary | None = None  # the group whose members are shown

    @property
    def shown(self) -> list[EntitySummary]:
        return rows_on_page(self.matched, self.page, PAGE_SIZE)


def _resolve(kind: str, value: str, known: dict[str, str]) -> str:
    """The IRI a short id names among ``known`` (short id → IRI), or an error that lists a few choices."""
    iri = known.get(value.strip().strip("/"))
    if iri is None:
        choices = ", ".join(sorted(known)[:12])
        more = ", …" if len(known) > 12 else ""
        raise UnknownFilter(f"there is no {kind} {value!r}; choose one of: {choices}{more}")
    return iri


def substance_index(cat: Catalogue, filters: SubstanceFilters, page: int = 1) -> SubstanceIndex:
    """The entities that pass every filter, in name order, with the page asked for."""
    site = cat.site
    found = cat.ordered
    group = None
    if filters.instrument:
        iri = _resolve("instrument", filters.instrument, {short_id(i): i for i in site.instruments})
        reached = cat.reached_by_instrument.get(iri, set())
        found = [e for e in found if e.iri in reached]
    if filters.annex:
        iri = _resolve("annex", filters.annex, {short_id(a): a for a in site.annexes})
        reached = cat.reached_by_annex.get(iri, set())
        found = [e for e in found if e.iri in reached]
    if filters.list:
        iri = _resolve("list", filters.list, {short_id(x): x for x in cat.lists})
        found = [e for e in found if iri in cat.lists_of.get(e.iri, ())]
    if filters.zzs:
        if filters.zzs not in ZZS_CHOICES:
            raise UnknownFilter(f"there is no ZZS status {filters.zzs!r}; choose one of: {', '.join(ZZS_CHOICES)}")
        wanted = None if filters.zzs == "none" else filters.zzs
        found = [e for e in found if e.zzs == wanted]
    if filters.group:
        groups = {short_id(g): g for g, e in site.entities.items() if e.is_group}
        iri = _resolve("group", filters.group, groups)
        members = site.members.get(iri, set())
        found = [e for e in found if e.iri in members]
        group = site.entities[iri]
    if filters.q.strip():
        needle = filters.q.strip().casefold()
        found = [
            e
            for e in found
            if needle in e.label.casefold() or needle in e.label_nl.casefold() or any(needle in c for c in e.cas)
        ]
    return SubstanceIndex(filters, len(site.entities), found, page, page_count(len(found), PAGE_SIZE), group)
