"""``chemkg stats``: coverage of the built graph, so gaps in the data are visible."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from chemkg.cli.app import app, console, fail, settings
from chemkg.store import StoreMissing, open_store

REPORTS = {
    "listings": ("stats-listings", "Listings per instrument, annex and status"),
    "substances": ("stats-substances", "Substances and groups: identity and status coverage"),
    "confidence": ("stats-confidence", "Facts per kind and confidence of their source"),
}


@app.command("stats")
def stats_command(fmt: str = typer.Option("table", "--format", help="table or json")) -> None:
    """Print coverage: listings per instrument and annex, identity coverage, facts per confidence."""
    if fmt not in ("table", "json"):
        fail(f"--format {fmt} is not supported; use table or json")
    try:
        store = open_store(settings().store)
    except StoreMissing as exc:
        fail(str(exc))
    results = {name: store.rows(query) for name, (query, _) in REPORTS.items()}
    if fmt == "json":
        console.print_json(json.dumps(results))
        return
    for name, rows in results.items():
        table = Table(*(rows[0].keys() if rows else ["(none)"]), title=REPORTS[name][1])
        for row in rows:
            table.add_row(*(str(v) for v in row.values()))
        console.print(table)
