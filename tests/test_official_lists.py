"""The official lists ship with ChemKG: a Dutch officer meets thousands of substances, and every one
of them on the RIVM ZZS list, the ECHA lists and CLP Annex VI is answered from a fresh clone, with its
list, edition and source; a substance on none of them is said to be on none of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chemkg.cli import app
from chemkg.imports.kinds import IMPORT_KINDS
from chemkg.imports.records import RECORD_COLUMNS
from chemkg.imports.saved import load_imports
from chemkg.namespaces import iri
from chemkg.reports.batch import BatchLookup
from chemkg.resolve import Resolver
from chemkg.settings import Settings
from chemkg.store import OxigraphStore, build_info, sparql_prefixes
from chemkg.web.app import create_app

# The session store holds the official lists only when it runs slow tests (see conftest.py).
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
OFFICIAL = ROOT / "graph" / "official"
EDITIONS = {
    "rivm-zzs": "2023-07-18",
    "echa-candidate-list": "2026-02-04",
    "echa-annex-xiv": "2022-04-08",
    "echa-annex-xvii": "2025-10-02",
    "echa-pops": "2025-09-25",
    "echa-clp": "2025-09-01",
}
runner = CliRunner()


def ask(store: OxigraphStore, query: str) -> list[dict[str, object]]:
    return store.select(sparql_prefixes() + query)


@pytest.fixture(scope="module")
def resolver(store: OxigraphStore) -> Resolver:
    return Resolver.from_store(store)


def test_every_official_list_ships_as_a_dated_snapshot_with_its_origin() -> None:
    saved = {s.kind: s for s in load_imports(OFFICIAL)}
    assert {k: s.edition for k, s in saved.items()} == EDITIONS
    for kind, snapshot in saved.items():
        meta = snapshot.meta
        assert meta["publisher"] == IMPORT_KINDS[kind].publisher and meta["url"].startswith("https://")
        assert meta["terms"] and meta["read_on"] and len(meta["sha256"]) == 64
        assert meta["rows_imported"] + meta["rows_rejected"] == meta["rows_read"], f"{kind}: every row accounted for"
        header = (snapshot.folder / "rows.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == RECORD_COLUMNS
    assert saved["rivm-zzs"].meta["rows_read"] == 2110
    assert saved["echa-clp"].meta["rows_read"] == 4762


def test_the_default_build_holds_every_list_in_its_own_named_graph_with_the_edition(
    built_store: Path, store: OxigraphStore
) -> None:
    info = build_info(built_store)
    assert {k: v["as_of"] for k, v in info["imports"].items()} == EDITIONS
    rows = ask(
        store,
        """SELECT ?g ?modified ?sha WHERE {
             GRAPH <https://w3id.org/chemkg/graph/provenance> { ?g dcterms:modified ?modified ; dcterms:source ?src }
             ?src schema:sha256 ?sha }""",
    )
    found = {str(r["g"]).rsplit("/", 1)[-1]: str(r["modified"]) for r in rows}
    assert found == EDITIONS


def test_a_dutch_officer_looks_up_a_zzs_substance_that_only_the_rivm_list_names(
    resolver: Resolver, built_store: Path
) -> None:
    for typed in ("87-61-6", "1,2,3-trichloorbenzeen", "1,2,3-trichlorobenzene"):
        found = resolver.resolve(typed)
        assert found.entity is not None and found.entity.iri == str(iri("substance/import-cas-87-61-6")), typed
    result = runner.invoke(app, ["lookup", "87-61-6"], env={"CHEMKG_STORE_PATH": str(built_store), "COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "1,2,3-trichlorobenzene" in result.output and "ZZS: zzs" in result.output
    assert "RIVM list of substances of very high concern (ZZS), edition of 2023-07-18" in result.output


def test_a_valid_cas_on_no_list_is_answered_plainly_in_lookup_batch_and_search(
    built_store: Path, store: OxigraphStore, settings: Settings
) -> None:
    result = runner.invoke(app, ["lookup", "7732-18-5"], env={"CHEMKG_STORE_PATH": str(built_store)})
    plain = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "CAS 7732-18-5 is not on any list ChemKG holds: " in plain
    assert "RIVM ZZS list (18-07-2023)" in plain and "ECHA Candidate List (04-02-2026)" in plain
    assert "Stockholm" in plain and "Traceback" not in plain

    [row] = BatchLookup.from_store(store).run(["7732-18-5"])
    assert row.resolution.status == "unresolved" and "not on any list ChemKG holds" in (row.resolution.message or "")
    assert not any(cell.value for cell in row.coverage.values()), "an absent substance fills no coverage column"

    with TestClient(create_app(settings)) as client:
        body = client.get("/search", params={"q": "CAS 7732-18-5"}, headers={"accept": "application/json"}).json()
        page = client.get("/search", params={"q": "7732-18-5"}, headers={"accept": "text/html"}).text
    assert body["results"] == [] and "not on any list ChemKG holds" in body["absent"]
    assert "RIVM ZZS list (18-07-2023)" in page


def test_a_mistyped_cas_in_search_says_which_check_digit_it_needs(settings: Settings) -> None:
    """PFOS is 1763-23-1: search answers the typo with the checksum, as lookup and batch do, not with silence."""
    with TestClient(create_app(settings)) as client:
        body = client.get("/search", params={"q": "1763-23-2"}, headers={"accept": "application/json"}).json()
        page = client.get("/search", params={"q": "1763-23-2"}, headers={"accept": "text/html"}).text
    assert body["results"] == [] and "check digit should be 1, not 2" in body["absent"]
    assert "check digit should be 1, not 2" in page


def test_a_dutch_officer_reads_why_an_identifier_found_nothing_in_dutch(settings: Settings) -> None:
    dutch = {"accept": "text/html", "accept-language": "nl-NL,nl;q=0.9"}
    with TestClient(create_app(settings)) as client:
        typo = client.get("/search", params={"q": "1763-23-2"}, headers=dutch).text
        water = client.get("/search", params={"q": "7732-18-5"}, headers=dutch).text
    assert "CAS 1763-23-2 klopt niet: het controlecijfer moet 1 zijn, niet 2" in typo
    assert "CAS 7732-18-5 staat op geen" in water and "not on any list" not in water


def test_a_single_substance_never_makes_its_group_zzs(resolver: Resolver, store: OxigraphStore) -> None:
    tellurium = resolver.resolve("13494-80-9").entity
    assert tellurium is not None and tellurium.iri == str(iri("substance/import-cas-13494-80-9"))
    assert not tellurium.is_group
    group_statuses = ask(
        store,
        """SELECT ?a WHERE { GRAPH <https://w3id.org/chemkg/graph/import/rivm-zzs> {
             ?a ck:assessedSubstance <https://w3id.org/chemkg/substance/tellurium-compounds> } }""",
    )
    assert group_statuses == []


def test_rivms_rules_make_a_candidate_list_substance_zzs_though_the_2023_list_predates_it(
    resolver: Resolver, store: OxigraphStore
) -> None:
    sulphone = resolver.resolve("80-07-9").entity  # bis(4-chlorophenyl) sulphone, on the Candidate List
    assert sulphone is not None
    rows = ask(
        store,
        f"""SELECT ?route ?derivation ?listing WHERE {{
              ?a ck:assessedSubstance <{sulphone.iri}> ; ck:zzsStatus ck:zzs ; ck:zzsCriterion ?route ;
                 ck:derivation/skos:notation ?derivation ; prov:wasDerivedFrom ?listing }}""",
    )
    assert {(str(r["route"]).rsplit("/", 1)[-1], r["derivation"]) for r in rows} == {("reach-svhc", "rule")}
    assert all("/reach/candidate-list/" in str(r["listing"]) for r in rows)


def test_hazard_classes_are_data_so_zzs_classified_carc_1a_is_a_query(store: OxigraphStore) -> None:
    rows = ask(
        store,
        """SELECT DISTINCT ?cas WHERE {
             ?listing ck:inAnnex <https://w3id.org/chemkg/treaty/clp/annex-vi-cmr> ; ck:listingStatus ck:listed ;
                      ck:category "Carc. 1A" ; ck:listedItem ?s .
             ?s ck:casNumber ?cas .
             ?a ck:assessedSubstance ?s ; ck:zzsStatus ck:zzs . }""",
    )
    cas = {r["cas"] for r in rows}
    assert {"71-43-2", "75-01-4"} <= cas  # benzene, vinyl chloride
    assert len(cas) > 100


def test_two_clp_entries_that_name_one_cas_stay_two_listings(store: OxigraphStore) -> None:
    rows = ask(
        store,
        """SELECT ?index WHERE { ?s ck:casNumber "7632-04-4" . ?l ck:listedItem ?s ; skos:notation ?index ;
             ck:inAnnex/ck:instrument <https://w3id.org/chemkg/treaty/clp> }""",
    )
    assert {r["index"] for r in rows} == {"005-017-00-7", "005-017-01-4"}
    clp = json.loads((OFFICIAL / "echa-clp" / EDITIONS["echa-clp"] / "edition.json").read_text(encoding="utf-8"))
    assert clp["cas_in_several_entries"] == 47, "the import reports CAS numbers that several entries name"
    assert clp["cas_in_several_entries_examples"]["10486-00-7"] == ["005-018-00-2", "005-018-01-X"]


def test_the_official_names_register_knows_every_list_chemkg_imports() -> None:
    # graph/official-names.csv names its list by import kind; a new kind must be usable there too.
    from chemkg.registers.kinds import OFFICIAL_LISTS

    assert set(OFFICIAL_LISTS) == set(IMPORT_KINDS)
