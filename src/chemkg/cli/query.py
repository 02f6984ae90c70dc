"""``chemkg query``: SPARQL from an argument, a file, stdin or the example catalogue."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import typer
from rich.markup import escape
from rich.table import Table

from chemkg.cli.app import app, console, fail, settings
from chemkg.sparql import QuerySyntaxError, column_order
from chemkg.store import GraphStore, StoreMissing, named_queries, open_store, term_value
from chemkg.web.formats import by_name, names_for
from chemkg.web.pages.ontology import chemkg_context
from chemkg.web.results import WRITERS, write_boolean, write_graph


@app.command("query")
def query_command(
    query: str = typer.Argument(None, help="SPARQL text, '-' for stdin, or omit and use --file/--example."),
    file: Path = typer.Option(None, "--file", "-f", help="Read the query from a file."),
    example: str = typer.Option(None, "--example", "-e", help="Run a named example query (see --list)."),
    list_examples: bool = typer.Option(False, "--list", help="List the example queries."),
    fmt: str = typer.Option(
        "table",
        "--format",
        help="table, json, xml, csv, tsv (SELECT/ASK); turtle, nt, json-ld, rdfxml, n3, nq, trig (CONSTRUCT/DESCRIBE)",
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
        result = store.sparql(text)
    except StoreMissing as exc:
        fail(str(exc))
    except QuerySyntaxError as exc:
        fail(f"the query does not parse: {exc}", code=2)
    except OSError as exc:
        fail(f"the store could not be read: {exc}")
    write_result(result, fmt, text, store)


def write_result(
    result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, fmt: str, query: str, store: GraphStore
) -> None:
    """Print the answer in the format asked for, from the same format table and writers as ``/sparql``."""
    out = sys.stdout.buffer
    if isinstance(result, ox.QueryTriples):
        graph_format = by_name("turtle" if fmt == "table" else fmt, "rdf")
        if graph_format is None or graph_format.rdf is None:
            fail(f"--format {fmt} is not a graph format; use one of: {', '.join(names_for('rdf'))}")
        context = chemkg_context(store) if graph_format.rdf == ox.RdfFormat.JSON_LD else None
        write_graph(list(result), graph_format.rdf, out.write, context)
        out.flush()
        return
    if fmt == "table":
        if isinstance(result, ox.QueryBoolean):
            console.print("yes" if bool(result) else "no")
            return
        names = column_order(query, [v.value for v in result.variables])
        table = Table(*names)
        count = 0
        for solution in result:
            table.add_row(*(escape(str(term_value(solution[n]) or "")) for n in names))
            count += 1
        console.print(table)
        console.print(f"{count} row(s)")
        return
    results_format = by_name(fmt, "results")
    if results_format is None or results_format.results is None:
        fail(f"--format {fmt} is not a result format; use one of: table, {', '.join(names_for('results'))}")
    if isinstance(result, ox.QueryBoolean):
        write_boolean(bool(result), results_format.results, out.write)
    else:
        names = column_order(query, [v.value for v in result.variables])
        WRITERS[results_format.results](names, [[s[n] for n in names] for s in result], out.write)
    out.flush()
