"""``chemkg brief``: a negotiation brief on a substance, group, instrument or ISP-CWP topic."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from chemkg.cli.app import app, err, fail, settings
from chemkg.reports.brief import LANGS, BriefTargetNotFound, build_brief, built_at
from chemkg.reports.brief.render import FORMATS, render
from chemkg.store import StoreMissing, open_store


@app.command("brief")
def brief_command(
    target: str = typer.Argument(..., help="Substance or group (name en/nl, CAS, EC), instrument (stockholm) or topic"),
    lang: str = typer.Option("en", "--lang", help="en or nl"),
    fmt: str = typer.Option(None, "--format", help="md, html or docx (default: from --output's suffix, else md)"),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file; Markdown to stdout if omitted"),
) -> None:
    """Write a brief with identity, status under every instrument, exemptions, EU/ZZS status, open
    processes, ISP-CWP topics and a timeline, every fact with a numbered reference."""
    if lang not in LANGS:
        fail(f"--lang {lang} is not supported; use en or nl")
    if fmt is None:
        suffix = output.suffix.lower().lstrip(".") if output else "md"
        fmt = {"markdown": "md", "htm": "html"}.get(suffix, suffix)
    if fmt not in FORMATS:
        fail(f"format {fmt!r} is not supported; use --format md, html or docx (or an output ending in one of them)")
    if fmt == "docx" and output is None:
        fail("a DOCX brief is a file: add --output brief.docx")
    try:
        store_path = settings().store
        store = open_store(store_path)
        brief = build_brief(store, target, lang, built_at(store_path))
    except (StoreMissing, BriefTargetNotFound) as exc:
        fail(str(exc.args[0]) if exc.args else str(exc))
    body = render(brief, fmt)
    if output is None:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
        return
    output.write_bytes(body)
    err.print(f"{brief.title}: {len(brief.references)} references → {output}", highlight=False)
