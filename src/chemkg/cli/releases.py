"""``chemkg export`` and ``chemkg diff``: versioned dumps and what changed between two builds."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from chemkg.cli.app import app, console, fail, settings
from chemkg.releases.diff import SnapshotError, diff_paths, text_report
from chemkg.releases.export import ExportFailed, export
from chemkg.releases.feed import atom_feed
from chemkg.store import StoreMissing

FORMATS = ("text", "json", "atom")


@app.command("export")
def export_command(
    output: Path = typer.Option(None, help="Folder to write [default: <CHEMKG_EXPORTS_DIR>/chemkg-<version>]"),
    store: Path = typer.Option(None, help="Store to dump [default: CHEMKG_STORE_PATH or data/store]"),
) -> None:
    """Write a versioned dump: N-Quads, TriG, Turtle, JSON-LD, CSV per register, DCAT/VoID metadata."""
    s = settings()
    try:
        release = export(store or s.store, s.graph_dir, s.imports, s.exports, output)
    except (StoreMissing, ExportFailed) as exc:
        fail(str(exc))
    table = Table("file", "media type", "bytes", "triples / rows", title=f"Release {release.version}")
    for d in release.distributions:
        amount = d.triples if d.triples is not None else d.rows
        table.add_row(d.file, d.media_type, f"{d.bytes:,}", f"{amount:,}" if amount is not None else "")
    console.print(table)
    console.print(f"written to {release.folder} (catalog.ttl describes it in DCAT and VoID)", highlight=False)


@app.command("diff")
def diff_command(
    old: Path = typer.Argument(..., help="The earlier build: a store folder, an export folder or an .nq file."),
    new: Path = typer.Argument(None, help="The later build [default: the current store]."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or atom"),
    output: Path = typer.Option(None, "--output", "-o", help="Write to this file instead of stdout."),
) -> None:
    """List what changed between two builds: listings, listing status, ZZS status, substances."""
    if format not in FORMATS:
        fail(f"unknown format {format!r}; choose one of: {', '.join(FORMATS)}")
    try:
        diff = diff_paths(old, new or settings().store)
    except SnapshotError as exc:
        fail(str(exc))
    if format == "json":
        data = json.dumps(diff.as_json(), indent=2, ensure_ascii=False).encode("utf-8")
    elif format == "atom":
        data = atom_feed(diff)
    else:
        data = (text_report(diff) + "\n").encode("utf-8")
    if output:
        output.write_bytes(data)
        console.print(f"wrote {len(diff.changes)} change(s) to {output}", highlight=False)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
