"""``chemkg batch``: check a list of substances against every instrument, ZZS and the EU lists."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from chemkg.cli.app import app, err, fail, settings
from chemkg.reports.batch import BatchLookup, summary
from chemkg.reports.batch_input import BatchInputError, input_format, read_values
from chemkg.reports.batch_output import output_format, render
from chemkg.store import StoreMissing, open_store


@app.command("batch")
def batch_command(
    input_file: str = typer.Argument(..., metavar="INPUT", help="Text (one per line), .csv or .xlsx file; '-' = stdin"),
    column: str = typer.Option(None, "--column", "-c", help="CSV/XLSX column with the identifiers: name or number"),
    output: Path = typer.Option(None, "--output", "-o", help="Write .csv, .xlsx or .json; CSV to stdout if omitted"),
    lang: str = typer.Option("en", "--lang", help="Language of names and XLSX headings: en or nl"),
) -> None:
    """Resolve every row (CAS, EC, InChIKey, name en/nl, abbreviation, misspelling) and show its coverage."""
    if lang not in ("en", "nl"):
        fail(f"--lang {lang} is not supported; use en or nl")
    try:
        fmt = output_format(output) if output else "csv"
    except ValueError as exc:
        fail(str(exc))
    if input_file == "-":
        data, name = sys.stdin.buffer.read(), None
    else:
        path = Path(input_file)
        if not path.is_file():
            fail(f"no input file {input_file}; give a text, CSV or XLSX file, or '-' for stdin")
        data, name = path.read_bytes(), path.name
    try:
        values = read_values(data, input_format(name, data), column)
    except BatchInputError as exc:
        fail(str(exc))
    if not values:
        fail("the input has no rows; put one identifier or name per line (or per row of the chosen column)")
    try:
        store = open_store(settings().store)
    except StoreMissing as exc:
        fail(str(exc))
    rows = BatchLookup.from_store(store).run(values)
    body = render(rows, fmt, lang)
    counts = summary(rows)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    else:
        output.write_bytes(body)
    err.print(
        f"{counts['rows']} rows: {counts['resolved']} resolved, {counts['fuzzy']} fuzzy, "
        f"{counts['unresolved']} unresolved, {counts['invalid']} invalid" + (f" → {output}" if output else ""),
        highlight=False,
    )
