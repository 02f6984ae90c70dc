"""The treaty page and the annex page: what the instrument is, what it obliges, and what it lists."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from chemkg.store import GraphStore
from chemkg.web.pages.describe import Description, describe
from chemkg.web.pages.paging import page_count, rows_on_page
from chemkg.web.pages.site import Annex, Instrument, Obligation, SiteData

if TYPE_CHECKING:
    from chemkg.web.live import Build

CK = "https://w3id.org/chemkg/ontology#"
PAGE_SIZE = 200  # listings per page: CLP's 4,800 on one page were 2.3 MB of HTML, 1.6 s to render


@dataclass
class ListedItem:
    listing: str
    item: str
    label: str
    label_nl: str
    kind: str  # substance, group, entry
    annex: str
    annex_code: str
    status: str
    status_label: str
    status_label_nl: str
    decision: str | None
    decision_iri: str | None
    year: int | None
    adopted: str | None
    in_force: str | None
    group: str | None


@dataclass
class TreatyPage:
    instrument: Instrument
    description: Description
    annexes: list[Annex]
    obligations: list[Obligation]
    items: list[ListedItem]
    annex: Annex | None = None  # set on an annex page

    @property
    def per_year(self) -> dict[int, int]:
        return per_year(self.items)

    @property
    def pages(self) -> int:
        return page_count(len(self.items), PAGE_SIZE)

    def page(self, number: int) -> list[ListedItem]:
        """The listings on page ``number`` (from 1) of the table; the counts and the timeline use them all."""
        return rows_on_page(self.items, number, PAGE_SIZE)


def per_year(items: list[ListedItem]) -> dict[int, int]:
    """Listings adopted per year (current and past listings; pending ones have no year)."""
    counts = Counter(i.year for i in items if i.year and i.status not in ("under-review", "recommended-not-listed"))
    return dict(sorted(counts.items()))


def _kind(type_iri: str | None) -> str:
    if type_iri == CK + "Substance":
        return "substance"
    if type_iri == CK + "SubstanceGroup":
        return "group"
    return "entry"


def listed_items(store: GraphStore, instrument: str, annex: str | None = None) -> list[ListedItem]:
    """The instrument's listings, of one annex only when ``annex`` is given (bound in the query: an annex page of
    a list of thousands, such as CLP, reads its own rows, not the whole instrument's)."""
    items: dict[str, ListedItem] = {}
    same: dict[tuple[str, str, str, str | None], ListedItem] = {}
    bindings = {"instrument": instrument} | ({"annex": annex} if annex is not None else {})
    for r in store.rows("page-instrument-listings", **bindings):
        if r["listing"] in items:
            continue
        item = ListedItem(
            r["listing"],
            r["item"],
            r["itemLabel"],
            r["itemLabelNl"] or r["itemLabel"],
            _kind(r["itemType"]),
            r["annex"],
            r["annexCode"],
            r["status"],
            r["statusLabel"],
            r["statusLabelNl"],
            r["decision"],
            r["decisionIri"],
            r["year"],
            r["adopted"],
            r["inForce"],
            r["group"],
        )
        # Two registers that record one listing (the curated EU table and ECHA's export) make one row.
        first = same.setdefault((item.item, item.annex, item.status, item.group), item)
        if first is item:
            items[r["listing"]] = item
            continue
        for name in ("decision", "decision_iri", "year", "adopted", "in_force"):
            if getattr(first, name) is None:
                setattr(first, name, getattr(item, name))
    return list(items.values())


def treaty_page(store: GraphStore, site: SiteData, iri: str) -> TreatyPage | None:
    instrument = site.instruments.get(iri)
    description = describe(store, iri, with_references=False)
    if instrument is None or description is None:
        return None
    return TreatyPage(instrument, description, site.annexes_of(iri), site.obligations_of(iri), listed_items(store, iri))


def annex_page(store: GraphStore, site: SiteData, iri: str) -> TreatyPage | None:
    annex = site.annexes.get(iri)
    if annex is None:
        return None
    instrument = site.instruments.get(annex.instrument)
    description = describe(store, iri, with_references=False)
    if instrument is None or description is None:
        return None
    items = listed_items(store, annex.instrument, annex=iri)  # a listing is in one annex (ck:inAnnex is functional)
    return TreatyPage(
        instrument, description, site.annexes_of(annex.instrument), site.obligations_governing(iri), items, annex
    )


def page_of(build: Build, iri: str) -> TreatyPage | None:
    """The page of an instrument or annex of this build, read once: the page in either language and its timeline
    share it. CLP's 4,800 listings take 1.5 s to read, which its page, its annex VI page and their two charts
    each paid. Anything that is not an instrument or annex is None and is not kept."""
    site = build.site
    if iri in site.instruments:
        return build.memo(f"treaty-page:{iri}", lambda: treaty_page(build.store, site, iri))
    if iri in site.annexes:
        return build.memo(f"annex-page:{iri}", lambda: annex_page(build.store, site, iri))
    return None
