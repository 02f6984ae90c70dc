"""``chemkg report``: the gap reports (ZZS without a treaty, Stockholm-not-Rotterdam, …) as a table or CSV."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from chemkg.cli.app import app, console, fail, settings
from chemkg.namespaces import path_of
from chemkg.reports.gaps import DEFAULT_YEARS, REPORTS, BadReportParameter, UnknownReport, run_report
from chemkg.store import StoreMissing, open_store


@app.command("report")
def report_command(
    name: str = typer.Argument(None, help="Report name; omit to list the reports."),
    years: int = typer.Option(DEFAULT_YEARS, "--years", help="For expiring-exemptions: how many years ahead."),
    output: Path = typer.Option(None, "--output", "-o", help="Write the report as CSV to this file."),
    lang: str = typer.Option("en", "--lang", help="Language of the title: en or nl"),
) -> None:
    """Run a gap report over the whole graph; each is also an example SPARQL query."""
    if lang not in ("en", "nl"):
        fail(f"--lang {lang} is not supported; use en or nl")
    if name is None:
        for report in REPORTS.values():
            console.print(f"[bold]{report.name}[/]  {escape(report.title[lang])}  [dim]({report.query}.rq)[/]")
        return
    if output is not None and output.suffix.lower() != ".csv":
        fail(f"reports are exported as CSV; end the output name in .csv, not {output.name!r}")
    try:
        store = open_store(settings().store)
        result = run_report(store, name, years=years)
    except (StoreMissing, BadReportParameter) as exc:
        fail(str(exc))
    except UnknownReport as exc:
        fail(str(exc.args[0]))
    if output is not None:
        output.write_text(result.to_csv(), encoding="utf-8")
        console.print(f"{len(result.rows)} rows → {output}", highlight=False)
        return
    title = result.report.title[lang]
    if result.parameters:
        title += f" ({result.parameters['from']} – {result.parameters['until']})"
    table = Table(*result.columns, title=escape(title))
    for row in result.rows:
        table.add_row(*(escape(_shown(row.get(c))) for c in result.columns))
    console.print(table)
    console.print(f"{len(result.rows)} rows", highlight=False)


def _shown(value: object) -> str:
    """IRIs as their short path (substance/pfos); empty cells as nothing."""
    if value is None:
        return ""
    return (path_of(value) or value) if isinstance(value, str) else str(value)
