"""Gap reports: a policy officer asks where Dutch, EU and global lists do not line up."""

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chemkg.cli import app
from chemkg.reports.gaps import REPORTS, BadReportParameter, UnknownReport, cutoff, run_report
from chemkg.store import OxigraphStore, named_queries

runner = CliRunner()
SUBSTANCE = "https://w3id.org/chemkg/substance/"


def items(store: OxigraphStore, name: str, **kw: object) -> set[str]:
    result = run_report(store, name, **kw)  # type: ignore[arg-type]
    key = result.columns[0]
    return {row[key] for row in result.rows}


def test_every_report_is_a_query_in_the_example_catalogue() -> None:
    catalogue = named_queries()
    for report in REPORTS.values():
        assert report.query in catalogue and catalogue[report.query].title


def test_zzs_without_treaty_lists_benzene_but_not_mercury(store: OxigraphStore) -> None:
    """Benzene is ZZS (CMR) and under no treaty; mercury is ZZS but covered by Minamata."""
    found = items(store, "zzs-without-treaty")
    assert SUBSTANCE + "benzene" in found
    assert SUBSTANCE + "mercury" not in found


def test_stockholm_not_rotterdam_lists_mirex_but_not_aldrin(store: OxigraphStore) -> None:
    found = items(store, "stockholm-not-rotterdam")
    assert SUBSTANCE + "mirex" in found
    assert SUBSTANCE + "aldrin" not in found  # aldrin is in Rotterdam Annex III too


def test_poprc_candidates_that_are_already_zzs_include_pfoa(store: OxigraphStore) -> None:
    result = run_report(store, "poprc-candidates-zzs-svhc")
    pfoa = [r for r in result.rows if r["item"] == SUBSTANCE + "pfoa"]
    assert pfoa and pfoa[0]["zzs"] == "ZZS" and pfoa[0]["annex"] == "A"


def test_rotterdam_recommended_not_listed_includes_chrysotile_with_its_meetings(store: OxigraphStore) -> None:
    result = run_report(store, "rotterdam-recommended-not-listed")
    chrysotile = [r for r in result.rows if r["item"] == SUBSTANCE + "chrysotile-asbestos"]
    assert chrysotile and "COP-3" in chrysotile[0]["consideredAt"]
    assert SUBSTANCE + "aldrin" not in {r["item"] for r in result.rows}


def test_expiring_exemptions_respect_the_window_at_the_precision_of_the_expiry(store: OxigraphStore) -> None:
    """UV-328's aircraft-parts exemption ends 2030-12-31; PCB's deadline is the year 2028."""
    five = run_report(store, "expiring-exemptions", years=5, today=date(2026, 1, 1))
    expires = {(r["item"], r["expires"]) for r in five.rows}
    assert (SUBSTANCE + "uv-328", "2030-12-31") in expires and (SUBSTANCE + "pcb", "2028") in expires
    assert five.parameters == {"years": 5, "from": "2026-01-01", "until": "2031-01-01"}
    late = run_report(store, "expiring-exemptions", years=1, today=date(2028, 6, 1))
    assert {r["expires"] for r in late.rows} == {"2028"}  # a year-only date counts for the whole year
    assert not run_report(store, "expiring-exemptions", years=1, today=date(2031, 1, 2)).rows


def test_report_errors_say_what_to_do(store: OxigraphStore) -> None:
    with pytest.raises(UnknownReport, match="choose one of"):
        run_report(store, "nonsense")
    with pytest.raises(BadReportParameter, match="between 1 and"):
        run_report(store, "expiring-exemptions", years=0)
    assert cutoff(date(2028, 2, 29), 1) == date(2029, 2, 28)


def test_the_report_command_exports_csv(built_store: Path, tmp_path: Path) -> None:
    target = tmp_path / "gap.csv"
    env = {"CHEMKG_STORE_PATH": str(built_store)}
    result = runner.invoke(app, ["report", "zzs-without-treaty", "--output", str(target)], env=env)
    assert result.exit_code == 0, result.output
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "substance,label,criterion,zzsVia,listedMembers,knownFrom"
    assert any("substance/benzene" in line for line in lines)
    listed = runner.invoke(app, ["report"], env=env)
    assert "expiring-exemptions" in listed.output
    wrong = runner.invoke(app, ["report", "zzs-without-treaty", "-o", str(tmp_path / "gap.xlsx")], env=env)
    assert wrong.exit_code == 1 and ".csv" in wrong.output


def test_secondary_only_lists_facts_no_official_source_supports(store: OxigraphStore) -> None:
    result = run_report(store, "secondary-only")
    facts = {row["fact"] for row in result.rows}
    assert "https://w3id.org/chemkg/meeting/unea-7" in facts  # only news reports of UNEA-7 were found
    assert "https://w3id.org/chemkg/meeting/sc-cop-12" not in facts  # the BRS Secretariat's newsroom
    assert "https://w3id.org/chemkg/decision/sc-12-9" not in facts  # Tractatenblad 2026, 52
    assert all(row["sources"] and row["type"] for row in result.rows)
