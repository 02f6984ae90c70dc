"""``chemkg query``: SPARQL from an argument, a file, stdin or the example catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import typer
from rich.markup import escape
from rich.table import Table

from chemkg.cli.app import app, console, fail, settings
from chemkg.sparql import GRAPH_FORMATS, RESULT_FORMATS, QuerySyntaxError, run
from chemkg.store import StoreMissing, named_queries, open_store, term_value


@app.command("query")
def query_command(
    query: str = typer.Argument(None, help="SPARQL text, '-' for stdin, or omit and use --file/--example."),
    file: Path = typer.Option(None, "--file", "-f", help="Read the query from a file."),
    example: str = typer.Option(None, "--example", "-e", help="Run a named example query (see --list)."),
    list_examples: bool = typer.Option(False, "--list", help="List the example queries."),
    fmt: str = typer.Option(
        "table", "--format", help="table, csv, tsv, json, xml (SELECT/ASK); turtle, nt, jsonld (CONSTRUCT)"
    ),
) -> None:
    """Run a SPARQL query against the built store (default graph = union of all named graphs)."""
    examples = named_queries()
    if list_examples:
        for name, q in examples.items():
            console.print(f"[bold]{name}[/]  {q.title}", highlight=False)
        return
    if example:
        if example not in examples:
            fail(f"no example query {example!r}; choose one of: {', '.join(examples)}")
        text = examples[example].text
    elif file:
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as exc:
            fail(f"cannot read {file}: {exc.strerror}")
    elif query == "-" or (query is None and not sys.stdin.isatty()):
        text = sys.stdin.read()
    elif query:
        text = query
    else:
        fail("give a query as an argument, with --file, on stdin, or with --example NAME")
    s = settings()
    try:
        store = open_store(s.store)
        result = run(store, text)
    except StoreMissing as exc:
        fail(str(exc))
    except QuerySyntaxError as exc:
        fail(f"the query does not parse: {exc}", code=2)
    except OSError as exc:
        fail(f"the store could not be read: {exc}")
    write_result(result, fmt)


def write_result(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str) -> None:
    if isinstance(result, ox.QueryTriples):
        if fmt == "table":
            fmt = "turtle"
        if fmt not in GRAPH_FORMATS:
            fail(f"--format {fmt} is not a graph format; use one of: turtle, nt, jsonld, rdfxml")
        sys.stdout.write((result.serialize(format=GRAPH_FORMATS[fmt]) or b"").decode("utf-8"))
        return
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            console.print("yes" if bool(result) else "no")
            return
        names = [v.value for v in result.variables]
        table = Table(*names)
        count = 0
        for solution in result:
            table.add_row(*(escape(str(term_value(solution[n]) or "")) for n in names))
            count += 1
        console.print(table)
        console.print(f"{count} row(s)")
        return
    if fmt not in RESULT_FORMATS:
        fail(f"--format {fmt} is not a result format; use one of: table, {', '.join(RESULT_FORMATS)}")
    sys.stdout.write((result.serialize(format=RESULT_FORMATS[fmt]) or b"").decode("utf-8"))
