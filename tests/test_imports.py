"""Imports of official lists: a curator imports the RIVM ZZS list and ECHA exports as published.

The fixture files are written in the publishers' own layouts (sheet names, column names, "NULL"
and "-" for missing values, ECHA's legacy CSV with its header lines, BOM and '"'-joined values).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from chemkg.build.with_import import ImportOutcome, NothingValid, run_import
from chemkg.cli import app
from chemkg.imports.parse import ImportFailed, parse_list
from chemkg.imports.saved import load_imports
from chemkg.imports.tables import parse_date
from chemkg.namespaces import graph_iri, iri
from chemkg.store import OxigraphStore, build_info, open_store

FIXTURES = Path(__file__).parent / "fixtures" / "imports"
LEGACY_CSV = FIXTURES / "candidate-list-legacy.csv"
RIVM_HEADER = ("FuncName", "NL naam", "UK naam", "Cas nr", "EC nr", "smiles code")
RIVM_ROWS = (
    ("Lijst ZZS", "bis(2-ethylhexyl)ftalaat", "bis(2-ethylhexyl) phthalate", "117-81-7", "204-211-0", "NULL"),
    ("Lijst ZZS", "chloorpyrifos", "chlorpyrifos", "2921-88-2", "220-864-4", "NULL"),
    ("Lijst ZZS", "fantasiestof", "made-up substance", "50-00-1", "NULL", "NULL"),  # bad CAS checksum
    ("Lijst ZZS", "tetrachloorvinfos", "tetrachlorvinphos", "22248-79-9", "244-848-1", "NULL"),
    ("Lijst ZZS", "NULL", "NULL", "NULL", "NULL", "NULL"),  # no name at all
)
CANDIDATE_HEADER = (
    "Substance name",
    "Description",
    "EC number",
    "CAS number",
    "Date of inclusion",
    "Reason for inclusion",
    "Decision",
    "Regulatory outcome",
    "Regulatory outcome date",
)
CANDIDATE_ROWS = (
    ("Dibutyl phthalate (DBP)", "-", "201-557-4", "84-74-2", "28-Oct-2008", "Toxic for reproduction (Article 57c)",
     "https://chem.echa.europa.eu/doc?name=ed_67_2008_en.pdf", "SVHC ECHA decision", "23-Jan-2024"),
    ("n-hexane", "-", "203-777-6", "110-54-3", "04-Feb-2026", "STOT RE (Article 57(f) - human health)",
     "https://chem.echa.europa.eu/doc?name=D(2025)7771-DC.pdf", "SVHC ECHA decision", "04-Feb-2026"),
    ("Lead chromate", "-", "231-846-0", "7758-97-6", "31-Feb-2010", "Carcinogenic (Article 57a)",
     "https://chem.echa.europa.eu/doc?name=x.pdf", "SVHC ECHA decision", "13-Jan-2010"),
)  # fmt: skip


def write_xlsx(path: Path, sheet: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    workbook.save(path)
    return path


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lists")
    return {
        "rivm": write_xlsx(folder / "ZZS_smiles_20230718.xlsx", "ZZS lijst 18-7-2023", RIVM_HEADER, RIVM_ROWS),
        "candidate": write_xlsx(folder / "candidate_list_full.xlsx", "List_results", CANDIDATE_HEADER, CANDIDATE_ROWS),
    }


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory, lists: dict[str, Path]) -> dict[str, object]:
    """The curated graph, rebuilt twice: with the RIVM list, then also with the Candidate List."""
    root = Path(__file__).resolve().parent.parent
    data = tmp_path_factory.mktemp("imported")
    places = {
        "graph_dir": root / "graph",
        "ontology_dir": root / "ontology",
        "store_path": data / "store",
        "imports_dir": data / "imports",
    }
    rivm = run_import("rivm-zzs", lists["rivm"], **places)
    candidate = run_import("echa-candidate-list", lists["candidate"], **places)
    return {**places, "rivm": rivm, "candidate": candidate, "store": open_store(data / "store")}


def ask(store: OxigraphStore, query: str) -> bool:
    result = store.oxigraph.query(
        "PREFIX ck: <https://w3id.org/chemkg/ontology#>\n" + query, use_default_graph_as_union=True
    )
    assert isinstance(result, ox.QueryBoolean)
    return bool(result)


def test_dates_are_read_as_echa_and_rivm_write_them() -> None:
    assert parse_date("04-Feb-2026") == "2026-02-04"
    assert parse_date("13-mrt-2010") == "2010-03-13"  # the Dutch legacy portal
    assert parse_date("28-okt-2008") == "2008-10-28"
    assert parse_date("18-7-2023") == "2023-07-18"
    assert parse_date("31-Feb-2010") is None
    assert parse_date("soon") is None


def test_a_bad_checksum_cas_rejects_its_row_with_row_number_and_reason(lists: dict[str, Path]) -> None:
    parsed = parse_list("rivm-zzs", lists["rivm"])
    rejected = {r.row: r.reason for r in parsed.rejections}
    assert rejected == {
        4: "CAS 50-00-1 fails its checksum (check digit should be 0, not 1)",
        6: "no substance name",
    }
    assert {r.row for r in parsed.records} == {2, 3, 5}
    assert parsed.accounted
    assert (parsed.as_of, parsed.as_of_basis) == ("2023-07-18", "date in the sheet name 'ZZS lijst 18-7-2023'")


def test_the_legacy_candidate_list_csv_is_read_with_its_header_lines_bom_and_joined_values() -> None:
    parsed = parse_list("echa-candidate-list", LEGACY_CSV)
    assert (parsed.as_of, parsed.as_of_basis) == ("2026-04-01", "export date in the file's header")
    dbp = next(r for r in parsed.records if r.cas == "84-74-2")
    assert dbp.row == 15 and dbp.date == "2008-10-28"
    assert (
        dbp.category
        == "Toxic for reproduction (Article 57c) | Endocrine disrupting properties (Article 57(f) - environment)"
    )
    assert dbp.url == "https://echa.europa.eu/documents/10162/a"
    assert [str(r) for r in parsed.rejections] == [
        "candidate-list-legacy.csv:16: CAS 7758-97-7 fails its checksum (check digit should be 6, not 7)",
        "candidate-list-legacy.csv:18: no substance name",
    ]
    assert parsed.accounted


def test_an_impossible_date_rejects_the_row(lists: dict[str, Path]) -> None:
    parsed = parse_list("echa-candidate-list", lists["candidate"])
    assert [(r.row, r.reason) for r in parsed.rejections] == [
        (4, "date of inclusion '31-Feb-2010' is not a date (expected e.g. 04-Feb-2026)")
    ]
    assert parsed.as_of == "2026-02-04"  # no export date in the file: the newest inclusion


def test_a_file_of_another_kind_is_refused_naming_the_missing_columns(lists: dict[str, Path]) -> None:
    with pytest.raises(ImportFailed, match=r"lacks the column\(s\) date"):
        parse_list("echa-candidate-list", lists["rivm"])


@pytest.mark.slow
def test_rivm_rows_link_to_curated_substances_by_cas(imported: dict[str, object]) -> None:
    store = imported["store"]
    assert isinstance(store, OxigraphStore)
    assessment = iri("zzs/status/import/dehp")
    assert ask(store, f"ASK {{ GRAPH <{graph_iri('import/rivm-zzs')}> {{ <{assessment}> ck:assessedSubstance "
               f"<{iri('substance/dehp')}> ; ck:derivation ck:fromImport ; ck:zzsStatus ck:zzs }} }}")  # fmt: skip
    outcome = imported["rivm"]
    assert isinstance(outcome, ImportOutcome) and outcome.summary is not None
    assert outcome.summary.linked == {"cas": 2, "new": 1}


@pytest.mark.slow
def test_a_substance_no_curator_has_added_becomes_an_imported_entity(imported: dict[str, object]) -> None:
    store = imported["store"]
    assert isinstance(store, OxigraphStore)
    new = iri("substance/import-cas-22248-79-9")
    assert ask(store, f'ASK {{ <{new}> a ck:ImportedEntity , ck:Substance ; ck:casNumber "22248-79-9" }}')
    assert ask(store, f'ASK {{ <{new}> <http://www.w3.org/2004/02/skos/core#prefLabel> "tetrachloorvinfos"@nl }}')


@pytest.mark.slow
def test_the_list_version_date_is_the_named_graphs_provenance(imported: dict[str, object]) -> None:
    store = imported["store"]
    assert isinstance(store, OxigraphStore)
    gi = graph_iri("import/rivm-zzs")
    dated = '"2023-07-18"^^<http://www.w3.org/2001/XMLSchema#date>'
    assert ask(store, f"ASK {{ <{gi}> <http://purl.org/dc/terms/modified> {dated} }}")
    info = build_info(imported["store_path"])  # type: ignore[arg-type]
    assert info["imports"]["rivm-zzs"]["rows_rejected"] == 2
    assert info["imports"]["echa-candidate-list"]["as_of"] == "2026-02-04"


@pytest.mark.slow
def test_the_rivm_list_takes_precedence_over_a_rule_derived_status(imported: dict[str, object]) -> None:
    store = imported["store"]
    assert isinstance(store, OxigraphStore)
    assert ask(store, f"ASK {{ <{iri('zzs/status/import/chlorpyrifos')}> <http://purl.org/dc/terms/replaces> "
               f"<{iri('zzs/status/chlorpyrifos')}> }}")  # fmt: skip
    outcome = imported["rivm"]
    assert isinstance(outcome, ImportOutcome) and outcome.zzs is not None
    assert [i.label for i in outcome.zzs.confirmed] == ["Chlorpyrifos"]
    assert "Triphenyl phosphate" in [i.label for i in outcome.zzs.not_on_list]
    missed = {i.iri: i.curated for i in outcome.zzs.missed_by_rules}
    assert missed[str(iri("substance/import-cas-22248-79-9"))] is False


@pytest.mark.slow
def test_a_candidate_list_row_becomes_a_listing_of_the_curated_substance(imported: dict[str, object]) -> None:
    store = imported["store"]
    assert isinstance(store, OxigraphStore)
    listing = iri("listing/import/reach/candidate-list/dbp")
    assert ask(
        store,
        f"""ASK {{ <{listing}> ck:listedItem <{iri("substance/dbp")}> ;
        ck:inAnnex <{iri("treaty/reach/candidate-list")}> ; ck:listingStatus ck:listed ;
        ck:adoptedOn "2008-10-28"^^<http://www.w3.org/2001/XMLSchema#date> ; ck:derivation ck:fromImport }}""",
    )


@pytest.mark.slow
def test_each_list_is_kept_as_a_dated_snapshot_with_its_rejected_rows_and_origin(
    imported: dict[str, object], lists: dict[str, Path]
) -> None:
    saved = {s.kind: s for s in load_imports(imported["imports_dir"])}  # type: ignore[arg-type]
    assert set(saved) == {"rivm-zzs", "echa-candidate-list"}
    rivm = saved["rivm-zzs"]
    assert rivm.folder.relative_to(imported["imports_dir"]).as_posix() == "rivm-zzs/2023-07-18"  # type: ignore[arg-type]
    assert [(r.row, r.reason) for r in rivm.rejections][1] == (6, "no substance name")
    assert rivm.meta["sha256"] == hashlib.sha256(lists["rivm"].read_bytes()).hexdigest()
    assert rivm.meta["publisher"] == "RIVM" and rivm.meta["url"].startswith("https://rvs.rivm.nl/")
    assert "hergebruik" in rivm.meta["terms"] and rivm.meta["read_on"] == date.today().isoformat()
    assert not any(p.name.startswith(".") for p in rivm.folder.parent.iterdir()), "no staged folder is left behind"


@pytest.mark.slow
def test_a_file_without_one_valid_row_changes_nothing(imported: dict[str, object], tmp_path: Path) -> None:
    bad = write_xlsx(tmp_path / "zzs.xlsx", "ZZS lijst 1-1-2024", RIVM_HEADER, [RIVM_ROWS[2], RIVM_ROWS[4]])
    before = json.dumps(build_info(imported["store_path"]))  # type: ignore[arg-type]
    kept = load_imports(imported["imports_dir"])  # type: ignore[arg-type]
    with pytest.raises(NothingValid) as failure:
        run_import(
            "rivm-zzs", bad, **{k: imported[k] for k in ("graph_dir", "ontology_dir", "store_path", "imports_dir")}
        )  # type: ignore[arg-type]
    assert [r.row for r in failure.value.parsed.rejections] == [2, 3]
    assert json.dumps(build_info(imported["store_path"])) == before  # type: ignore[arg-type]
    assert [s.meta for s in load_imports(imported["imports_dir"])] == [s.meta for s in kept]  # type: ignore[arg-type]


def test_the_cli_reports_each_rejected_row_and_exits_with_a_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = write_xlsx(tmp_path / "zzs.xlsx", "ZZS lijst 1-1-2024", RIVM_HEADER, [RIVM_ROWS[2]])
    monkeypatch.setenv("CHEMKG_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CHEMKG_IMPORTS_DIR", str(tmp_path / "official"))
    result = CliRunner().invoke(app, ["import", "rivm-zzs", str(bad), "--no-index"])
    assert result.exit_code == 1
    assert "zzs.xlsx:2: CAS 50-00-1 fails its checksum" in result.output
    assert "the store is unchanged" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "data" / "store").exists()
    assert not (tmp_path / "official").exists()


def test_an_unknown_kind_is_refused_with_the_kinds_to_choose_from(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", "echa-everything", str(LEGACY_CSV)])
    assert result.exit_code == 1
    assert "choose one of: rivm-zzs, echa-candidate-list" in result.output
