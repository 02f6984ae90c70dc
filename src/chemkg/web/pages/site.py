"""Facts every page needs (instruments, annexes, obligations, coverage, ZZS status), read once per store.

The store is read-only and swapped as a whole on rebuild, so these small tables are cached per
store object; a swapped-in store gets its own tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from chemkg.store import GraphStore

LISTED = ("listed", "amended")
# Coverage of one instrument for one substance, strongest first.
COVERAGE_ORDER = ("listed", "under-review", "recommended-not-listed", "no-longer-listed", "not-listed")
STATUS_TO_COVERAGE = {
    "listed": "listed",
    "amended": "listed",
    "under-review": "under-review",
    "recommended-not-listed": "recommended-not-listed",
    "deleted": "no-longer-listed",
    "replaced": "no-longer-listed",
}


@dataclass(frozen=True)
class Instrument:
    iri: str
    kind: str  # treaty, amendment, framework, eu
    short: str
    short_nl: str
    label: str
    label_nl: str
    adopted: str | None
    listings: int

    def name(self, lang: str) -> str:
        return self.short_nl if lang == "nl" and self.short_nl else self.short


@dataclass(frozen=True)
class Annex:
    iri: str
    instrument: str
    code: str
    label: str
    label_nl: str
    description: str | None
    description_nl: str | None
    listings: int

    def name(self, lang: str) -> str:
        return self.label_nl if lang == "nl" and self.label_nl else self.label


@dataclass
class Obligation:
    iri: str
    instrument: str
    label: str
    label_nl: str
    description: str | None
    description_nl: str | None
    article: str | None
    reference: str | None
    annexes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Cell:
    """One listing that reaches an entity: directly, through a group, or through an annex entry."""

    listing: str
    via: str
    instrument: str
    annex: str
    annex_code: str
    status: str
    decision: str | None
    year: int | None


@dataclass
class EntitySummary:
    iri: str
    label: str
    label_nl: str
    is_group: bool
    cas: list[str] = field(default_factory=list)
    zzs: str | None = None  # "zzs", "potential-zzs" or None
    zzs_criteria: list[str] = field(default_factory=list)
    zzs_via: str | None = None  # the group the ZZS status comes from, when it is not the entity's own

    def name(self, lang: str) -> str:
        return self.label_nl if lang == "nl" and self.label_nl else self.label


@dataclass
class SiteData:
    instruments: dict[str, Instrument]
    annexes: dict[str, Annex]
    obligations: list[Obligation]
    entities: dict[str, EntitySummary]
    members: dict[str, set[str]]  # group → every member, transitively
    cells: dict[str, list[Cell]]  # entity → the listings that reach it
    decisions: dict[str, str]  # decision code (SC-10/13) → its IRI
    # (entity, listing) → the group or member the listing reaches the entity through; absent when its own
    inherited: dict[tuple[str, str], str] = field(default_factory=dict)
    # entity → (ZZS status, whose assessment gives it): its own, and each group's it belongs to (never a member's)
    zzs_sources: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def through(self, entity: str, cells: list[Cell]) -> list[str]:
        """The groups or members behind ``cells``, or [] when any of them is the entity's own listing."""
        found = [self.inherited.get((entity, c.listing)) for c in cells]
        if not found or None in found:
            return []
        return list(dict.fromkeys(f for f in found if f is not None))

    def annexes_of(self, instrument: str) -> list[Annex]:
        return [a for a in self.annexes.values() if a.instrument == instrument]

    def obligations_governing(self, annex: str) -> list[Obligation]:
        return [o for o in self.obligations if annex in o.annexes]

    def obligations_of(self, instrument: str) -> list[Obligation]:
        return [o for o in self.obligations if o.instrument == instrument]

    def listing_instruments(self) -> list[Instrument]:
        """Instruments that list anything, treaties first, for coverage strips and the matrix."""
        order = {"treaty": 0, "amendment": 1, "eu": 2, "framework": 3}
        found = [i for i in self.instruments.values() if i.listings]
        return sorted(found, key=lambda i: (order.get(i.kind, 9), i.adopted or "", i.short))

    def coverage(self, entity: str) -> dict[str, tuple[str, list[Cell]]]:
        """For each instrument: the entity's coverage state and the listings behind it."""
        by_instrument: dict[str, list[Cell]] = defaultdict(list)
        for cell in self.cells.get(entity, []):
            by_instrument[cell.instrument].append(cell)
        out: dict[str, tuple[str, list[Cell]]] = {}
        for instrument in self.listing_instruments():
            cells = by_instrument.get(instrument.iri, [])
            states = [STATUS_TO_COVERAGE.get(c.status, "not-listed") for c in cells] or ["not-listed"]
            out[instrument.iri] = (min(states, key=COVERAGE_ORDER.index), cells)
        return out


def _entities(store: GraphStore) -> dict[str, EntitySummary]:
    out: dict[str, EntitySummary] = {}
    for row in store.rows("page-entities"):
        entity = out.get(row["entity"])
        if entity is None:
            entity = EntitySummary(
                row["entity"], row["label"], row["labelNl"] or row["label"], row["type"].endswith("SubstanceGroup")
            )
            out[row["entity"]] = entity
        if row["cas"] and row["cas"] not in entity.cas:
            entity.cas.append(row["cas"])
        if row["zzs"]:
            # A substance that is ZZS by any route is ZZS; otherwise potential ZZS.
            if entity.zzs != "zzs":
                entity.zzs = row["zzs"]
            if row["criterion"] and row["criterion"] not in entity.zzs_criteria:
                entity.zzs_criteria.append(row["criterion"])
    return out


def _zzs_sources(entities: dict[str, EntitySummary], members: dict[str, set[str]]) -> dict[str, list[tuple[str, str]]]:
    """Every entity's own ZZS status and those of the groups it belongs to, before any is inherited."""
    own = {iri: e.zzs for iri, e in entities.items() if e.zzs}
    out: dict[str, list[tuple[str, str]]] = {iri: [(status, iri)] for iri, status in own.items()}
    for group, found in sorted(members.items()):
        status = own.get(group)
        if status is not None:
            for member in sorted(found):
                out.setdefault(member, []).append((status, group))
    return out


def _inherit_zzs(entities: dict[str, EntitySummary], members: dict[str, set[str]]) -> None:
    """A group's ZZS status covers its members (as in ``reports.coverage``); a member's never its group."""
    rank = {"zzs": 0, "potential-zzs": 1}
    for group, found in sorted(members.items()):
        status = entities[group].zzs if group in entities else None
        if status is None:
            continue
        for member in found:
            entity = entities.get(member)
            if entity is not None and (entity.zzs is None or rank[status] < rank.get(entity.zzs, 2)):
                entity.zzs = status
                entity.zzs_via = group


def _cells(
    store: GraphStore, members: dict[str, set[str]], entities: dict[str, EntitySummary]
) -> tuple[dict[str, list[Cell]], dict[tuple[str, str], str]]:
    """The listings that reach each entity: its own, its groups' (down) and its members' (up), with what each
    inherited one comes through, the same roll-up as ``reports.coverage``."""
    cells: dict[str, list[Cell]] = defaultdict(list)
    inherited: dict[tuple[str, str], str] = {}
    placed: set[tuple[str, str]] = set()  # (entity, listing) pairs already in cells
    groups_of: dict[str, set[str]] = defaultdict(set)
    for group, found in members.items():
        for member in found:
            groups_of[member].add(group)
    for row in store.rows("page-coverage"):
        # The item itself when it is a substance or group, else the entities an annex entry concerns.
        reached = [row["item"]] if row["item"] in entities else ([row["entity"]] if row["entity"] else [])
        cell = Cell(
            row["listing"],
            row["item"],
            row["instrument"],
            row["annex"],
            row["annexCode"],
            row["status"],
            row["decision"],
            row["year"],
        )
        for target in reached:
            for entity in (target, *sorted(members.get(target, ())), *sorted(groups_of.get(target, ()))):
                key = (entity, cell.listing)
                known = key in placed
                if entity == target:
                    inherited.pop(key, None)  # the entity's own listing (or an entry naming it) wins
                elif not known:
                    inherited[key] = target
                if not known:
                    placed.add(key)
                    cells[entity].append(cell)
    return dict(cells), inherited


def _obligations(store: GraphStore) -> list[Obligation]:
    by_iri: dict[str, Obligation] = {}
    for row in store.rows("page-obligations"):
        ob = by_iri.get(row["obligation"])
        if ob is None:
            ob = Obligation(
                row["obligation"],
                row["instrument"],
                row["label"],
                row["labelNl"] or row["label"],
                row["description"],
                row["descriptionNl"],
                row["article"],
                row["reference"],
            )
            by_iri[row["obligation"]] = ob
        if row["annex"] and row["annex"] not in ob.annexes:
            ob.annexes.append(row["annex"])
    return sorted(by_iri.values(), key=lambda o: (o.instrument, _article_key(o.reference), o.label))


def _article_key(reference: str | None) -> tuple[int, str]:
    digits = "".join(c for c in (reference or "").split("(")[0] if c.isdigit())
    return (int(digits) if digits else 999, reference or "")


def site_data(store: GraphStore) -> SiteData:
    """The site-wide tables of one store; the live build keeps them (``Build.site``)."""
    instruments = {
        r["instrument"]: Instrument(
            r["instrument"],
            r["kind"],
            r["short"],
            r["shortNl"] or r["short"],
            r["label"] or r["short"],
            r["labelNl"] or r["label"] or r["short"],
            r["adopted"],
            r["listings"],
        )
        for r in store.rows("page-instruments")
    }
    annexes = {
        r["annex"]: Annex(
            r["annex"],
            r["instrument"],
            r["code"],
            r["label"],
            r["labelNl"] or r["label"],
            r["description"],
            r["descriptionNl"],
            r["listings"],
        )
        for r in store.rows("page-annexes")
    }
    members: dict[str, set[str]] = defaultdict(set)
    for r in store.rows("page-group-members"):
        members[r["group"]].add(r["member"])
    entities = _entities(store)
    zzs_sources = _zzs_sources(entities, members)
    _inherit_zzs(entities, members)
    decisions = {r["code"]: r["decision"] for r in store.rows("page-decisions")}
    cells, inherited = _cells(store, members, entities)
    return SiteData(
        instruments,
        annexes,
        _obligations(store),
        entities,
        dict(members),
        cells,
        decisions,
        inherited,
        zzs_sources,
    )
