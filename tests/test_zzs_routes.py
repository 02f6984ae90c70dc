"""ZZS routes agree with the listings: a route is claimed only where its criterion holds, and a Stockholm
listing the EU POPs Regulation does not carry yet is an anticipated route, labelled so everywhere."""

from __future__ import annotations

import pytest

from chemkg.profile import Profile
from chemkg.profile_reader import Reader, groups_and_members, zzs_rows
from chemkg.reports.brief import build_brief
from chemkg.store import OxigraphStore
from chemkg.zzs_routes import EVIDENCE, verdict

SUBSTANCE = "https://w3id.org/chemkg/substance/"
EU_POP = "Listed under the EU POPs Regulation"


@pytest.fixture(scope="module")
def zzs_profiles(profiles: dict[str, Profile]) -> dict[str, Profile]:
    """The profiles of the entities with a ZZS status."""
    return {iri: p for iri, p in profiles.items() if p.zzs}


@pytest.mark.parametrize("entity", ["chlorpyrifos", "mccp", "lc-pfca"])
def test_a_stockholm_pop_not_yet_in_the_eu_pops_regulation_is_not_zzs_via_that_regulation(
    zzs_profiles: dict[str, Profile], entity: str
) -> None:
    profile = zzs_profiles[SUBSTANCE + entity]
    assert not [x for x in profile.listings if "/eu-pops/" in x.annex_iri]
    labels = [z["criterionLabel"] for z in profile.zzs]
    assert EU_POP not in labels
    anticipated = [z for z in profile.zzs if z["route"] == "anticipated"]
    assert anticipated and all("anticipated" in z["criterionLabel"] for z in anticipated)


def test_the_brief_says_anticipated_too(store: OxigraphStore) -> None:
    brief = build_brief(store, "substance/chlorpyrifos", "en")
    text = " ".join(f.text for s in brief.sections for f in s.facts)
    assert "anticipated in the EU POPs Regulation" in text and EU_POP not in text


def test_for_every_entity_each_shown_route_has_its_listing_or_says_why_not(
    store: OxigraphStore, zzs_profiles: dict[str, Profile]
) -> None:
    """Over every ZZS status: a route with a listing criterion shows 'holds' only when the entity or one of
    its groups has that listing; otherwise it is anticipated, or the RIVM list's own word, never ChemKG's."""
    wrong = []
    for iri, profile in zzs_profiles.items():
        own = [x for x in profile.listings if x.status in ("listed", "amended") and x.via_kind != "member"]
        for z in profile.zzs:
            code = (z["criterion"] or "").rsplit("/", 1)[-1]
            if code not in EVIDENCE:
                continue
            has = any(
                any(x.annex_iri.removeprefix("https://w3id.org/chemkg/").startswith(p) for p in EVIDENCE[code])
                for x in own
            )
            if z["route"] == "holds" and not has:
                wrong.append(f"{iri}: {code} shown as holding without its listing")
            if z["route"] == "per-list" and z["derivation"] == "rule":
                wrong.append(f"{iri}: {code} derived by rule without its listing")
    assert wrong == []


def test_no_route_chemkg_derives_by_rule_is_unsupported_by_the_listings(
    store: OxigraphStore, zzs_profiles: dict[str, Profile]
) -> None:
    """Data invariant: every rule-derived route holds or is anticipated (none is silently dropped)."""
    reader = Reader(store)
    dropped = []
    for iri, profile in zzs_profiles.items():
        groups = [n for n, rel in groups_and_members(reader, iri) if rel == "group"]
        annexes = [
            x.annex_iri
            for x in profile.listings
            if x.status in ("listed", "amended") and (x.inherited_from is None or x.inherited_from in groups)
        ]
        for z in zzs_rows(store, iri):
            code = (z["criterion"] or "").rsplit("/", 1)[-1]
            if z["derivation"] == "rule" and verdict(code, "rule", annexes, groups, iri) == "unsupported":
                dropped.append(f"{iri}: {code}")
    assert dropped == []


def test_the_zzs_page_lists_chlorpyrifos_under_the_eu_pops_route_only_as_anticipated(store: OxigraphStore) -> None:
    from chemkg.web.pages.site import site_data
    from chemkg.web.pages.zzs import zzs_routes

    eu_pop = next(r for r in zzs_routes(store, site_data(store)) if r.code_id == "eu-pop")
    chlorpyrifos = [s for s in eu_pop.substances if s["entity"] == SUBSTANCE + "chlorpyrifos"]
    assert chlorpyrifos and chlorpyrifos[0]["route"] == "anticipated"
    assert all(s["route"] in ("holds", "anticipated", "per-list") for s in eu_pop.substances)
