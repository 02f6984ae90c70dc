"""``chemkg ask`` and ``chemkg eval-ask``: questions answered with a table, its sources and its SPARQL."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from chemkg.cli.app import app, console, err, fail, settings
from chemkg.store import StoreMissing, open_store

FORMATS = ("table", "json", "csv")


@app.command("ask")
def ask_command(
    question: str = typer.Argument(..., help="A question in English or Dutch, e.g. 'which ZZS are on no treaty'."),
    lang: str = typer.Option(None, "--lang", help="Language of the answer: en or nl [default: the question's]."),
    fmt: str = typer.Option("table", "--format", help="table, json or csv."),
) -> None:
    """Answer a question from the template catalogue, showing how it was understood and the SPARQL used."""
    from chemkg.ask.answer import answer
    from chemkg.ask.lexicon import Lexicon

    if fmt not in FORMATS:
        fail(f"unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
    if lang is not None and lang not in ("en", "nl"):
        fail(f"unknown --lang {lang!r}; use en or nl")
    if not question.strip():
        fail("the question is empty")
    s = settings()
    try:
        store = open_store(s.store)
    except StoreMissing as exc:
        fail(str(exc))
    result = answer(store, Lexicon.from_store(store), question, lang)
    if fmt == "json":
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
        return
    if result.status == "not-understood":
        err.print(
            f"ChemKG has no question template for {question!r}; try `chemkg search {json.dumps(question)}`.",
            highlight=False,
        )
        raise typer.Exit(1)
    if result.status == "ambiguous":
        err.print("The question could mean more than one thing; ask one of these:", highlight=False)
        for alt in result.alternatives:
            err.print(f"  {alt['question']}", highlight=False)
        raise typer.Exit(1)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=result.columns, lineterminator="\n")
        writer.writeheader()
        for row in result.rows:
            writer.writerow({k: " ".join(v) if isinstance(v, list) else v for k, v in row.items()})
        sys.stdout.write(out.getvalue())
        return
    assert result.template is not None
    console.print(
        f"[bold]{escape(result.template.label.get(result.lang, result.template.id))}[/] ({result.template.id})"
    )
    for slot in result.slots():
        console.print(f"  {slot['name']}: {escape(str(slot['label']))}  [dim]← {escape(str(slot['text']))}[/]")
    table = Table(*[c for c in result.columns if c != "sources"])
    for row in result.rows:
        table.add_row(*(escape("" if row[c] is None else str(row[c])) for c in result.columns if c != "sources"))
    console.print(table)
    console.print(f"{len(result.rows)} row(s)")
    if result.sources:
        console.print("Sources:")
        for source in result.sources:
            console.print(f"  {escape(source['title'])} {escape(source['url'])}", highlight=False)
    console.print("SPARQL:")
    console.print(escape(result.sparql), highlight=False, soft_wrap=True)


@app.command("eval-ask")
def eval_ask_command(
    folder: Path = typer.Option(Path("search/ask"), help="Question set: questions.jsonl and gold/*.rq."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Exact-answer accuracy of `chemkg ask` per language and per template, against hand-written gold queries."""
    from chemkg.ask.evaluate import evaluate
    from chemkg.ask.lexicon import Lexicon

    if not (folder / "questions.jsonl").exists():
        fail(f"no question set in {folder}: it needs questions.jsonl and gold/ (run from the project root)")
    s = settings()
    try:
        store = open_store(s.store)
    except StoreMissing as exc:
        fail(str(exc))
    report = evaluate(store, Lexicon.from_store(store), folder).to_json()
    if fmt == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for title, key in (("per language", "by_language"), ("per template", "by_template")):
        table = Table("", "questions", "correct", "accuracy", title=f"Exact answers {title}")
        for name, v in report[key].items():
            table.add_row(name, str(v["questions"]), str(v["correct"]), f"{v['accuracy']:.3f}")
        console.print(table)
    u = report["not_covered_recognised"]
    console.print(
        f"Questions no template covers, recognised as such: {u['correct']}/{u['questions']} ({u['accuracy']:.3f})"
    )
    for w in report["wrong"]:
        console.print(f"  wrong: {escape(w['text'])} (expected {w['expected']}, got {w['got']}; {escape(w['note'])})")
