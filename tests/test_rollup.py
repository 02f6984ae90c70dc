"""Groups roll up both ways, the same in every view: per-entity invariants over the whole curated graph.

A member is covered by its groups' listings, a group shows its members' listings, and every view (the
profile behind lookup, pages and briefs; the batch coverage model; the matrix) tells direct from inherited.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from chemkg.profile import Profile, load_profile
from chemkg.reports.coverage import CELL_VALUES, COLUMNS, Coverage
from chemkg.resolve import Resolver, normalise
from chemkg.store import OxigraphStore
from chemkg.web.pages.site import SiteData, site_data

SUBSTANCE = "https://w3id.org/chemkg/substance/"
CURRENT = ("listed", "amended")


@pytest.fixture(scope="module")
def coverage(store: OxigraphStore) -> Coverage:
    return Coverage.from_store(store)


@pytest.fixture(scope="module")
def site(store: OxigraphStore) -> SiteData:
    return site_data(store)


@pytest.fixture(scope="module")
def memberships(store: OxigraphStore) -> list[tuple[str, str]]:
    return [(r["member"], r["group"]) for r in store.rows("entity-members")]


def test_a_group_shows_the_stockholm_listings_of_its_members_and_says_through_which(
    profiles: dict[str, Profile],
) -> None:
    """The story: PFAS showed only OSPAR, while PFOS, PFOA, PFHxS and the long-chain PFCAs are listed."""
    pfas = profiles[SUBSTANCE + "pfas"]
    stockholm = [x for x in pfas.listings if x.instrument_iri.endswith("/stockholm") and x.status in CURRENT]
    assert {x.inherited_from for x in stockholm} >= {SUBSTANCE + "pfos", SUBSTANCE + "pfoa", SUBSTANCE + "lc-pfca"}
    assert all(x.via_kind == "member" for x in stockholm)
    assert [x for x in pfas.direct_listings if x.instrument_iri.endswith("/ospar")]


def test_trichloroethylene_shows_basel_through_the_halogenated_solvents_group(profiles: dict[str, Profile]) -> None:
    tce = profiles[SUBSTANCE + "trichloroethylene"]
    basel = [x for x in tce.listings if x.instrument_iri.endswith("/basel")]
    assert basel and all(x.inherited_from == SUBSTANCE + "halogenated-organic-solvents" for x in basel)
    assert any(x.via_label == "Halogenated organic solvents" or x.via_kind == "entry" for x in basel)


def test_every_membership_rolls_listings_both_ways_in_the_coverage_model(
    coverage: Coverage, memberships: list[tuple[str, str]]
) -> None:
    """For every (member, group) and column: a group's value reaches the member, a member's the group."""
    assert len(memberships) > 50
    missing = []
    for member, group in memberships:
        for column in COLUMNS:
            g, m = coverage.row(group)[column.key], coverage.row(member)[column.key]
            if g.direct and not m.value:
                missing.append(f"{member} lacks {column.key} of its group {group}")
            if m.direct and not g.value:
                missing.append(f"{group} lacks {column.key} of its member {member}")
    assert missing == []


def test_for_every_entity_the_profile_and_the_coverage_model_agree_on_direct_and_inherited(
    coverage: Coverage, profiles: dict[str, Profile]
) -> None:
    """Lookup, pages and briefs read the profile; batch reads the coverage model: they tell the same story."""
    disagree = []
    for iri, profile in profiles.items():
        row = coverage.row(iri)
        for column in COLUMNS:
            reached = [x for x in profile.listings if column.covers(x.annex_iri) and x.status in CURRENT]
            cell = row[column.key]
            if bool(reached) != (cell.value == CELL_VALUES["listed"]):
                disagree.append(f"{iri} {column.key}: profile {len(reached)} listings, cell {cell.value!r}")
            elif reached and any(x.inherited_from is None for x in reached) != cell.direct:
                disagree.append(f"{iri} {column.key}: direct in profile ≠ direct in cell")
    assert disagree == []


def test_for_every_entity_the_matrix_and_the_coverage_model_agree(coverage: Coverage, site: SiteData) -> None:
    """The coverage matrix and substance strip (site data) and the batch model (coverage) are one roll-up."""
    disagree = []
    for iri in site.entities:
        row = coverage.row(iri)
        cells = site.cells.get(iri, [])
        for column in COLUMNS:
            listed = [c for c in cells if column.covers(c.annex) and c.status in CURRENT]
            cell = row[column.key]
            if bool(listed) != (cell.value == "listed"):
                disagree.append(f"{iri} {column.key}: matrix {len(listed)} listings, batch {cell.value!r}")
            elif listed and (site.through(iri, listed) == []) != cell.direct:
                disagree.append(f"{iri} {column.key}: matrix and batch differ on direct")
    assert disagree == []


def test_every_substance_a_group_definition_names_as_an_example_is_a_member(
    store: OxigraphStore, memberships: list[tuple[str, str]]
) -> None:
    """ "Solvents … such as trichloroethylene": the group's own words make the substance a member."""
    resolver = Resolver.from_store(store)
    members = {(m, g) for m, g in memberships}
    imported_class = ox.NamedNode("https://w3id.org/chemkg/ontology#ImportedEntity")
    imported = {q.subject.value for q in store.oxigraph.quads_for_pattern(None, None, imported_class)}
    missing = []
    for group in (e for e in resolver.entities.values() if e.is_group):
        profile = load_profile(store, group.iri)
        assert profile is not None
        example = re.search(r"such as ([^.;(]*)", profile.descriptions.get("en", ""))
        if not example:
            continue
        for name in re.split(r",\s*|\s+and\s+|\s+or\s+", example.group(1)):
            named = {iri for iri, kind, _ in resolver.exact.get(normalise(name), []) if kind in ("name", "synonym")}
            named -= {group.iri, *imported}  # curated registers only: an imported row is linked by the importer
            if named and not any((iri, group.iri) in members for iri in named):
                missing.append(f"{group.iri} names {name!r} but none of {sorted(named)} is a member")
    assert missing == []


def test_for_every_entity_lookup_batch_and_matrix_agree_on_zzs(
    coverage: Coverage, site: SiteData, profiles: dict[str, Profile]
) -> None:
    """ZZS flows from a group to its members, never up; the profile, batch cell and matrix say the same."""
    words = {"zzs": "ZZS", "potential-zzs": "potential ZZS", None: ""}
    disagree = []
    for iri, profile in profiles.items():
        statuses = {z["status"] for z in profile.zzs}
        status = "zzs" if "zzs" in statuses else ("potential-zzs" if statuses else None)
        cell = coverage.row(iri)["zzs"].value
        matrix = site.entities[iri].zzs if iri in site.entities else None
        if not (words[status] == cell == words[matrix]):
            disagree.append(f"{iri}: profile {status}, batch {cell!r}, matrix {matrix}")
    assert disagree == []


def test_a_members_zzs_status_never_makes_its_group_zzs(coverage: Coverage, profiles: dict[str, Profile]) -> None:
    for iri, profile in profiles.items():
        if profile.is_group and not [z for z in profile.zzs if z["via"] == iri]:
            assert not any(z["via"] == m["other"] for m in profile.members for z in profile.zzs), iri
            inherited_from = coverage.row(iri)["zzs"].kinds.values()
            assert "member" not in inherited_from, iri
