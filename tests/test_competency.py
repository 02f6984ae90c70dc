"""The competency questions: each example query answers its question from the curated graph (the
official lists are left out: cq02 alone takes a minute and a half over them on Oxigraph)."""

from typing import Any

import pyoxigraph as ox
import pytest

from chemkg.store import OxigraphStore, named_queries, term_value

EXAMPLES = named_queries()
S = "https://w3id.org/chemkg/substance/"


@pytest.fixture(scope="module")
def store(curated_store: OxigraphStore) -> OxigraphStore:
    """The questions are about the curated registers, so they are asked of the curated graph alone."""
    return curated_store


def answer(store: OxigraphStore, name: str) -> list[dict[str, Any]]:
    result = store.sparql(EXAMPLES[name].text)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    return [{n: term_value(s[n]) for n in names} for s in result]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_every_named_query_has_a_title_and_parses(store: OxigraphStore, name: str) -> None:
    query = EXAMPLES[name]
    assert query.title and not query.title.endswith(".rq")
    ox.Store().query(query.text)  # parses (on an empty store) or raises SyntaxError


def test_cq01_stockholm_annex_a_lists_pfhxs_with_sc_10_13_in_2022(store: OxigraphStore) -> None:
    rows = answer(store, "cq01-stockholm-annex-a")
    pfhxs = [r for r in rows if r["item"] == S + "pfhxs"]
    assert pfhxs and pfhxs[0]["decision"] == "SC-10/13" and pfhxs[0]["year"] == 2022
    assert {S + "aldrin", S + "pfoa", S + "pcb"} <= {r["item"] for r in rows}
    assert all(r["source"] for r in rows)


def test_cq02_facts_by_cas_carry_a_source_for_every_fact(store: OxigraphStore) -> None:
    rows = answer(store, "cq02-facts-by-cas")
    assert rows and all(r["source"] and r["graph"] for r in rows)
    assert any(r["property"] == "inAnnex" and "Annex A" in str(r["value"]) for r in rows)
    assert any(r["graph"].endswith("/graph/listings/stockholm") for r in rows)
    # Only facts about PFHxS and its groups: a BIND inside its own { } once left ?fact unbound, which
    # matched every sourced triple in the store (the provenance of every graph among them).
    facts = {r["fact"] for r in rows}
    assert not any("/graph/" in f for f in facts), "provenance records are not facts about the substance"
    assert all("pfhxs" in f or "pfas" in f for f in facts), sorted(f for f in facts if "pfhxs" not in f)[:5]


def test_cq03_stockholm_but_not_rotterdam_includes_pfhxs_but_not_aldrin(store: OxigraphStore) -> None:
    items = {r["item"] for r in answer(store, "cq03-stockholm-not-rotterdam")}
    assert S + "pfhxs" in items  # listed under Stockholm in 2022, not in Rotterdam Annex III
    assert S + "aldrin" not in items  # in both
    assert S + "pfos" not in items


def test_cq04_zzs_without_a_treaty_includes_bisphenol_a_but_not_mercury(store: OxigraphStore) -> None:
    items = {r["substance"] for r in answer(store, "cq04-zzs-without-treaty")}
    assert S + "bisphenol-a" in items
    assert S + "mercury" not in items and S + "pfos" not in items and S + "asbestos" not in items


def test_cq05_timeline_counts_stockholm_listings_per_year(store: OxigraphStore) -> None:
    rows = answer(store, "cq05-listings-per-year")
    stockholm = {r["year"]: r["listings"] for r in rows if r["treaty"] == "Stockholm Convention"}
    assert stockholm[2001] >= 12 and stockholm[2009] >= 9 and 2025 in stockholm


def test_cq06_pfos_group_has_its_acid_and_pfosf_and_its_annex_b_listing(store: OxigraphStore) -> None:
    rows = answer(store, "cq06-group-members")
    members = {r["member"] for r in rows if r["member"]}
    assert {S + "pfos-acid", S + "pfosf"} <= members
    assert any("Annex B" in (r["annex"] or "") for r in rows)


def test_cq07_exemptions_include_pfoa_fire_fighting_foam(store: OxigraphStore) -> None:
    rows = answer(store, "cq07-exemptions")
    assert any(r["item"] == S + "pfoa" and "foam" in r["exemption"].lower() for r in rows)
    assert {r["kind"] for r in rows} >= {"specific exemption", "acceptable purpose"}


def test_cq08_basel_entries_for_mercury_include_y29_and_a1030(store: OxigraphStore) -> None:
    codes = {r["code"] for r in answer(store, "cq08-basel-entries-for-substance")}
    assert {"Y29", "A1030"} <= codes


def test_cq09_annex_f_hfcs_with_gwp_include_hfc_134a_at_1430(store: OxigraphStore) -> None:
    rows = answer(store, "cq09-montreal-annex-f-gwp")
    gwp = {r["label"]: r["gwp"] for r in rows}
    assert len(rows) >= 18
    assert any(label.startswith("HFC-134a") and value == 1430 for label, value in gwp.items())


def test_cq10_panel_topics_link_pfas_and_mercury(store: OxigraphStore) -> None:
    rows = answer(store, "cq10-panel-topic-substances")
    assert {S + "pfas", S + "mercury"} <= {r["substance"] for r in rows}
    assert {r["status"] for r in rows} == {"candidate"}  # nothing has been agreed yet


def test_cq11_kwik_finds_mercury(store: OxigraphStore) -> None:
    rows = answer(store, "cq11-substance-by-dutch-name")
    assert rows[0]["substance"] == S + "mercury" and rows[0]["nl"] == "Kwik"


def test_cq12_counts_zzs_per_criterion(store: OxigraphStore) -> None:
    counts = {r["criterion"].rsplit("/", 1)[1]: r["substances"] for r in answer(store, "cq12-zzs-per-criterion")}
    assert counts["eu-pop"] >= 30 and counts["cmr-clp"] >= 20 and counts["pfas-group"] >= 5
