"""``chemkg index``, ``chemkg search`` and ``chemkg eval-search``."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import typer
from rich.table import Table

from chemkg.cli.app import app, console, err, fail, settings
from chemkg.store import StoreMissing


@app.command("index")
def index_command(
    store: Path = typer.Option(None, help="Store to index [default: CHEMKG_STORE_PATH or data/store]"),
) -> None:
    """(Re)build the search index from the store; only passages whose text changed are embedded."""
    from chemkg.search.embedder import ModelUnavailable, ensure_export
    from chemkg.search.indexer import build_index

    s = settings()
    try:
        ensure_export(s.model_name, s.model_precision, s.model_cache_dir, say=err.print)
        report = build_index(s, store or s.store)
    except (StoreMissing, ModelUnavailable) as exc:
        fail(str(exc))
    console.print(
        f"Indexed {report.documents} documents ({report.passages} passages: {report.embedded} embedded, "
        f"{report.reused} unchanged) into {report.path} in {report.seconds:.1f} s",
        highlight=False,
    )


@app.command("search")
def search_command(
    query: str = typer.Argument(..., help="A name, identifier, use, hazard or question, in English or Dutch."),
    lang: str = typer.Option(None, "--lang", help="Language of the labels shown: en or nl [default: the query's]"),
    type_: list[str] = typer.Option(None, "--type", help="Only these entity types (repeatable)."),
    instrument: list[str] = typer.Option(None, "--instrument", help="Only entities under these instruments."),
    annex: list[str] = typer.Option(None, "--annex", help="Only entities in these annexes, e.g. stockholm/annex-a."),
    zzs: list[str] = typer.Option(None, "--zzs", help="Only this ZZS status: zzs, potential-zzs or none."),
    limit: int = typer.Option(10, "--limit", min=1, max=100, help="Most results."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Search the graph in plain language and see why each result matched."""
    from chemkg.search.embedder import ModelUnavailable
    from chemkg.search.engine import LANGS, FilterError, get_searcher
    from chemkg.search.indexer import IndexMissing

    if fmt not in ("table", "json"):
        fail(f"unknown --format {fmt!r}; use table or json")
    if not query.strip():
        fail("the query is empty; give a substance, identifier or question")
    if lang is not None and lang not in LANGS:
        fail(f"unknown --lang {lang!r}; use one of {', '.join(LANGS)}")
    s = settings()
    try:
        searcher = get_searcher(s.index)
        filters = searcher.filters(type_, instrument, annex, zzs)
        result = searcher.search(query, lang=lang, filters=filters, limit=limit)
    except (IndexMissing, FilterError, ModelUnavailable) as exc:
        fail(str(exc))
    if fmt == "json":
        body = {
            "query": query,
            "lang": result.lang,
            "read_as": result.read_as,
            "results": [asdict(h) for h in result.hits],
        }
        typer.echo(json.dumps(body, ensure_ascii=False, indent=2))
        return
    if not result.hits:
        err.print("no results", highlight=False)
        raise typer.Exit(0)
    table = Table("#", "type", "label", "why", title=f"{query} ({_read_as(result.read_as)})", show_lines=False)
    for n, hit in enumerate(result.hits, start=1):
        table.add_row(str(n), hit.type, f"{hit.label}\n[dim]{hit.iri}[/]", _why(hit.explanation))
    console.print(table)


def _read_as(read_as: dict[str, object]) -> str:
    parts = [f"read as {read_as.get('language')}"]
    if read_as.get("translated"):
        parts.append(f"dense query: {read_as['translated']}")
    if read_as.get("corrections"):
        parts.append("corrected: " + ", ".join(f"{a}→{b}" for a, b in dict(read_as["corrections"]).items()))  # type: ignore[call-overload]
    return "; ".join(parts)


def _why(explanation: dict[str, object]) -> str:
    parts = [f"exact {e['kind']} {e['value']}" for e in explanation.get("exact") or []]  # type: ignore[attr-defined]
    for match in (explanation.get("matched") or [])[:2]:  # type: ignore[index]
        parts.append(f"{match['field']}: {match['text'][:60]}")
    parts.append(f"lexical #{explanation.get('lexical_rank') or '–'}, dense #{explanation.get('dense_rank') or '–'}")
    return "\n".join(parts)


@app.command("eval-search")
def eval_search_command(
    folder: Path = typer.Option(Path("search"), help="BEIR-layout query set: queries.jsonl and qrels/test.tsv."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """nDCG@10, Recall@10 and MRR of lexical, dense and hybrid search, per language."""
    from chemkg.search.embedder import ModelUnavailable
    from chemkg.search.engine import get_searcher
    from chemkg.search.evaluate import evaluate
    from chemkg.search.indexer import IndexMissing

    if not (folder / "queries.jsonl").exists() or not (folder / "qrels" / "test.tsv").exists():
        fail(f"no query set in {folder}: it needs queries.jsonl and qrels/test.tsv (run from the project root)")
    s = settings()
    try:
        scores = evaluate(get_searcher(s.index), folder)
    except (IndexMissing, ModelUnavailable) as exc:
        fail(str(exc))
    if fmt == "json":
        typer.echo(json.dumps({m: {lang: asdict(v) for lang, v in by.items()} for m, by in scores.items()}, indent=2))
        return
    table = Table("mode", "lang", "queries", "nDCG@10", "Recall@10", "MRR", title=f"Search evaluation on {folder}")
    for mode, by_lang in scores.items():
        for lang, v in by_lang.items():
            table.add_row(mode, lang, str(v.queries), f"{v.ndcg:.3f}", f"{v.recall:.3f}", f"{v.mrr:.3f}")
    console.print(table)
