"""Batch lookup: an analyst checks a consultation list against every instrument in one go."""

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from chemkg.cli import app
from chemkg.reports.batch import BatchLookup
from chemkg.reports.batch_input import MAX_ROWS, BatchInputError, input_format, read_values
from chemkg.reports.batch_output import render
from chemkg.store import OxigraphStore

runner = CliRunner()
FOUR = ["355-46-5", "kwik", "chlorpyriphos", "xyzzy foo"]


@pytest.fixture(scope="module")
def lookup(store: OxigraphStore) -> BatchLookup:
    return BatchLookup.from_store(store)


def test_four_kinds_of_input_come_back_as_four_rows_each_with_its_own_outcome(lookup: BatchLookup) -> None:
    """A bad-checksum CAS, a Dutch name, a misspelling and an unknown string, in that order."""
    rows = lookup.run(FOUR)
    assert [r.row for r in rows] == [1, 2, 3, 4]
    assert [r.input for r in rows] == FOUR
    assert [r.resolution.status for r in rows] == ["invalid", "resolved", "fuzzy", "unresolved"]
    bad_cas, kwik, misspelt, unknown = (r.flat() for r in rows)
    assert "checksum" in bad_cas["message"] and bad_cas["entity_id"] == ""
    assert kwik["entity_id"] == "substance/mercury" and kwik["cas"] == "7439-97-6"
    assert kwik["minamata"] == "listed" and kwik["zzs"] == "ZZS"
    assert misspelt["entity_id"] == "substance/chlorpyrifos" and 0.85 <= misspelt["confidence"] < 1
    assert unknown["entity_id"] == "" and unknown["message"]


def test_coverage_follows_group_listings(lookup: BatchLookup) -> None:
    """PFHxS acid is not listed by name in Stockholm; its group is (SC-10/13), so the row says listed."""
    (row,) = lookup.run(["355-46-4"])
    assert row.coverage["stockholm_a"].value == "listed"
    assert "https://w3id.org/chemkg/substance/pfhxs" in row.coverage["stockholm_a"].via
    assert row.coverage["minamata"].value == ""


def test_rotterdam_recommended_but_not_listed_is_not_shown_as_listed(lookup: BatchLookup) -> None:
    (row,) = lookup.run(["mercury"])
    assert row.coverage["rotterdam_iii"].value == "recommended"


def test_csv_input_with_a_named_column_keeps_empty_cells_as_rows() -> None:
    data = b"id;Stof;opmerking\n1;kwik;a\n2;;b\n3;DDT;c\n"
    assert read_values(data, input_format("list.csv", data), "stof") == ["kwik", "", "DDT"]
    assert read_values(data, "csv", "2") == ["kwik", "", "DDT"]


def test_a_missing_column_choice_lists_the_columns_to_choose_from() -> None:
    with pytest.raises(BatchInputError, match="'Stof'"):
        read_values(b"id,Stof\n1,kwik\n", "csv", None)
    with pytest.raises(BatchInputError, match="no column named 'CAS'"):
        read_values(b"id,Stof\n1,kwik\n", "csv", "CAS")


def test_xlsx_input_reads_the_chosen_column_and_numbers_as_text(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Name", "CAS"])
    sheet.append(["Kwik", "7439-97-6"])
    sheet.append([1234, None])
    out = io.BytesIO()
    workbook.save(out)
    data = out.getvalue()
    assert input_format("list.xlsx", data) == "xlsx"
    assert read_values(data, "xlsx", "CAS") == ["7439-97-6", ""]
    assert read_values(data, "xlsx", "1") == ["Kwik", "1234"]


def test_more_than_ten_thousand_rows_is_refused_with_advice() -> None:
    data = ("\n".join(["kwik"] * (MAX_ROWS + 1))).encode()
    with pytest.raises(BatchInputError, match="split it"):
        read_values(data, "text")


def test_outputs_in_csv_xlsx_and_json_carry_every_row(lookup: BatchLookup) -> None:
    rows = lookup.run(FOUR)
    parsed = list(csv.DictReader(io.StringIO(render(rows, "csv").decode())))
    assert [r["input"] for r in parsed] == FOUR and parsed[1]["zzs"] == "ZZS"
    body = json.loads(render(rows, "json"))
    assert body["summary"] == {"rows": 4, "resolved": 1, "fuzzy": 1, "unresolved": 1, "invalid": 1}
    assert body["rows"][2]["suggestions"] and body["rows"][1]["coverage"]["minamata"] == "listed"
    sheet = load_workbook(io.BytesIO(render(rows, "xlsx", "nl"))).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("Rij", "Invoer", "Uitkomst") and len(values) == 5
    assert "geplaatst" in values[2]


def test_the_batch_command_writes_the_format_named_by_the_suffix(built_store: Path, tmp_path: Path) -> None:
    source = tmp_path / "consultation.txt"
    source.write_text("\n".join(FOUR), encoding="utf-8")
    target = tmp_path / "result.xlsx"
    env = {"CHEMKG_STORE_PATH": str(built_store)}
    result = runner.invoke(app, ["batch", str(source), "--output", str(target)], env=env)
    assert result.exit_code == 0, result.output
    assert load_workbook(target).worksheets[0].max_row == 5
    to_stdout = runner.invoke(app, ["batch", "-"], input="kwik\n", env=env)
    assert to_stdout.exit_code == 0 and "substance/mercury" in to_stdout.stdout


def test_the_batch_command_refuses_an_unknown_output_suffix(built_store: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.txt"
    source.write_text("kwik\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(source), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 1 and ".csv, .xlsx or .json" in result.output


def test_a_row_that_is_one_chemical_word_away_fills_no_coverage_column(lookup: BatchLookup) -> None:
    """The story: tetrachloroethylene came back with trichloroethylene's ZZS and CMR status."""
    tetra, penta = lookup.run(["tetrachloroethylene", "pentachloroethylene"])
    assert tetra.resolution.entity is None or not tetra.resolution.entity.iri.endswith("/trichloroethylene")
    flat = penta.flat()
    assert flat["outcome"] == "unresolved" and flat["entity_id"] == "" and flat["suggestions"]
    assert all(cell.value == "" for cell in penta.coverage.values())
