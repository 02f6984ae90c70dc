"""The coverage row: under which instruments, EU lists and Dutch ZZS policy a substance falls.

The cells are columns over the one roll-up the pages and the matrix read (``SiteData`` in
``chemkg.web.pages.site``: which listings reach each entity, directly or through which group or member,
and whose ZZS assessment applies), so the batch, the briefs and the matrix cannot disagree. It is read
once, so a batch of 10,000 rows costs no query per row.

Groups roll up both ways: a member is covered by its groups' listings and a group shows its members'
listings, and every cell says whether the entity's own listing gives its value (``direct``) or which
groups or members it comes through (``via``, with ``kinds``). ZZS status only flows down, from a group
to its members: one member's status says nothing about the rest of its group.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chemkg.namespaces import BASE
from chemkg.store import GraphStore
from chemkg.web.pages.site import SiteData, site_data


@dataclass(frozen=True)
class Column:
    key: str
    en: str
    nl: str
    annexes: tuple[str, ...]  # annex paths or instrument prefixes ("treaty/basel/") this column covers

    def covers(self, annex_iri: str) -> bool:
        path = annex_iri.removeprefix(BASE)
        return any(path == a or (a.endswith("/") and path.startswith(a)) for a in self.annexes)


COLUMNS: tuple[Column, ...] = (
    Column("stockholm_a", "Stockholm A", "Stockholm A", ("treaty/stockholm/annex-a",)),
    Column("stockholm_b", "Stockholm B", "Stockholm B", ("treaty/stockholm/annex-b",)),
    Column("stockholm_c", "Stockholm C", "Stockholm C", ("treaty/stockholm/annex-c",)),
    Column("rotterdam_iii", "Rotterdam III", "Rotterdam III", ("treaty/rotterdam/annex-iii",)),
    Column("minamata", "Minamata", "Minamata", ("treaty/minamata/",)),
    Column("basel", "Basel", "Bazel", ("treaty/basel/",)),
    Column("montreal", "Montreal", "Montreal", ("treaty/montreal/",)),
    Column("eu_pops", "EU POPs", "EU POP's", ("treaty/eu-pops/",)),
    Column("reach_candidate", "REACH Candidate List", "REACH-kandidaatslijst", ("treaty/reach/candidate-list",)),
    Column("reach_xiv", "REACH Annex XIV", "REACH bijlage XIV", ("treaty/reach/annex-xiv",)),
    Column("reach_xvii", "REACH Annex XVII", "REACH bijlage XVII", ("treaty/reach/annex-xvii",)),
    Column("clp_cmr", "CLP CMR 1A/1B", "CLP CMR 1A/1B", ("treaty/clp/annex-vi-cmr",)),
    Column("ospar", "OSPAR", "OSPAR", ("treaty/ospar/",)),
)
ZZS_COLUMN = Column("zzs", "ZZS", "ZZS", ())

# Listing statuses as shown in a coverage cell, strongest first; deleted and replaced listings cover nothing.
CELL_VALUES = {"listed": "listed", "amended": "listed", "under-review": "under review"}
CELL_VALUES["recommended-not-listed"] = "recommended"
CELL_RANK = {"listed": 0, "under review": 1, "recommended": 2}
CELL_NL = {"listed": "geplaatst", "under review": "in beoordeling", "recommended": "aanbevolen"}
ZZS_CELL = {"zzs": "ZZS", "potential-zzs": "potential ZZS"}
ZZS_NL = {"ZZS": "ZZS", "potential ZZS": "potentiële ZZS"}


@dataclass
class Cell:
    value: str = ""
    via: list[str] = field(default_factory=list)  # IRIs of the groups or members that carry the value
    direct: bool = False  # the entity's own listing (or an annex entry naming it) gives the value
    kinds: dict[str, str] = field(default_factory=dict)  # via IRI → "group" or "member"

    @property
    def inherited(self) -> bool:
        return bool(self.value) and not self.direct

    def text(self, labels: dict[str, str] | None = None) -> str:
        """The value as a cell shows it: "listed", or "listed (via PFOS)" when only inherited."""
        if not self.inherited:
            return self.value
        names = [(labels or {}).get(v) or v.rsplit("/", 1)[-1] for v in self.via]
        return f"{self.value} (via {', '.join(names)})"


class Coverage:
    """Coverage cells per entity IRI and column key."""

    def __init__(
        self,
        listings: list[dict[str, str]],
        zzs: list[dict[str, str]],
        memberships: list[dict[str, str]] | None = None,
    ) -> None:
        self.cells: dict[str, dict[str, Cell]] = defaultdict(dict)
        self.groups_of: dict[str, set[str]] = defaultdict(set)  # transitively, as the site's members are
        for m in memberships or []:
            self.groups_of[m["member"]].add(m["group"])
        for row in listings:
            value = CELL_VALUES.get(row["status"])
            if value is None:
                continue
            for column in COLUMNS:
                if column.covers(row["annex"]):
                    self._put(row["entity"], column.key, value, row["via"], CELL_RANK)
        for row in zzs:
            value = ZZS_CELL.get(row["status"])
            if value is not None:
                self._put(row["entity"], ZZS_COLUMN.key, value, row["via"], {"ZZS": 0, "potential ZZS": 1})

    def kind_of(self, entity: str, via: str) -> str:
        if via == entity:
            return "self"
        return "group" if via in self.groups_of.get(entity, ()) else "member"

    def _put(self, entity: str, key: str, value: str, via: str, rank: dict[str, int]) -> None:
        cell = self.cells[entity].setdefault(key, Cell())
        if not cell.value or rank[value] < rank[cell.value]:
            cell.value = value
            cell.via = []
            cell.kinds = {}
            cell.direct = False
        if value != cell.value:
            return
        if via == entity:
            cell.direct = True
        elif via not in cell.via:
            cell.via.append(via)
            cell.kinds[via] = self.kind_of(entity, via)

    @classmethod
    def from_site(cls, site: SiteData) -> Coverage:
        """The columns over the site's roll-up: every listing that reaches an entity, and through what."""
        listings = [
            {
                "entity": entity,
                "via": site.inherited.get((entity, c.listing), entity),
                "annex": c.annex,
                "status": c.status,
            }
            for entity, cells in site.cells.items()
            for c in cells
        ]
        zzs = [
            {"entity": entity, "status": status, "via": via}
            for entity, found in site.zzs_sources.items()
            for status, via in found
        ]
        memberships = [{"group": g, "member": m} for g, found in site.members.items() for m in found]
        return cls(listings, zzs, memberships)

    @classmethod
    def from_store(cls, store: GraphStore) -> Coverage:
        return cls.from_site(site_data(store))

    def row(self, entity: str) -> dict[str, Cell]:
        """Every column for one entity, empty cells included, in column order."""
        found = self.cells.get(entity, {})
        return {c.key: found.get(c.key, Cell()) for c in (*COLUMNS, ZZS_COLUMN)}


def column_label(key: str, lang: str) -> str:
    for column in (*COLUMNS, ZZS_COLUMN):
        if column.key == key:
            return column.nl if lang == "nl" else column.en
    raise KeyError(key)


def cell_label(value: str, lang: str) -> str:
    """A cell's text in ``lang``; an inherited cell keeps its "(via …)" names."""
    if lang != "nl":
        return value
    head, via, rest = value.partition(" (via ")
    return (CELL_NL.get(head) or ZZS_NL.get(head) or head) + via + rest
