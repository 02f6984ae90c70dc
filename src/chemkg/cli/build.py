"""``chemkg build`` and ``chemkg lint``."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from chemkg.build.pipeline import BuildFailed, build
from chemkg.cli.app import app, console, err, fail, settings
from chemkg.imports.saved import load_imports
from chemkg.registers.files import RegisterFormatError, canonical_text, read_register, register_paths
from chemkg.registers.kinds import KINDS
from chemkg.registers.validate import load
from chemkg.releases.export import ExportFailed, publish_first_release
from chemkg.settings import Settings


@app.command("build")
def build_command(
    graph_dir: Path = typer.Option(None, help="Folder of curated registers [default: CHEMKG_GRAPH_DIR or graph]"),
    store: Path = typer.Option(None, help="Store to write [default: CHEMKG_STORE_PATH or data/store]"),
    index: bool = typer.Option(True, help="Also (re)build the search index."),
    release: bool = typer.Option(True, help="Publish the build as the first release when there is none yet."),
) -> None:
    """Validate the curated registers and build the store (swapped in atomically)."""
    s = settings()
    graph_dir = graph_dir or s.graph_dir
    store = store or s.store
    if not graph_dir.is_dir():
        fail(f"no folder {graph_dir}: run from the project root or set CHEMKG_GRAPH_DIR")
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("compiling registers", total=None)

        def step(name: str, i: int, total: int) -> None:
            progress.update(task, total=total, completed=i, description=f"compiling {name}")

        try:
            report = build(graph_dir, s.ontology_dir, store, progress=step, imports=load_imports(s.imports))
        except BuildFailed as failed:
            progress.stop()
            for problem in failed.problems:
                err.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)
            fail(f"build failed with {len(failed.problems)} problem(s); the previous store is untouched")
    table = Table("named graph", "triples", title=f"Built {store} in {report.seconds:.1f} s")
    for name, count in report.triples.items():
        table.add_row(name, str(count))
    table.add_row("[bold]total", f"[bold]{report.total}")
    console.print(table)
    entities = Table("class", "entities")
    for cls, count in report.entities.items():
        entities.add_row(cls, str(count))
    console.print(entities)
    if release:
        _first_release(s, store)
    if index:
        from chemkg.cli.hooks import after_build

        after_build(s, store)


def _first_release(s: Settings, store: Path) -> None:
    try:
        published = publish_first_release(store, s.graph_dir, s.imports, s.exports)
    except ExportFailed as exc:
        fail(f"the store was built, but the first release was not published: {exc}")
    if published is not None:
        console.print(f"First release {published.version} published in {published.folder}", highlight=False)


@app.command("lint")
def lint_command(
    fix: bool = typer.Option(False, "--fix", help="Rewrite files into canonical form."),
    columns: bool = typer.Option(False, "--columns", help="Print the columns of every register kind."),
    graph_dir: Path = typer.Option(None, help="Folder of curated registers [default: graph]"),
) -> None:
    """Check that every register is valid and in canonical form (--fix rewrites it)."""
    if columns:
        for kind in KINDS.values():
            console.print(f"[bold]{kind.name}[/] ({kind.doc})")
            for column in kind.all_columns:
                flag = "required" if column.required else "optional"
                many = ", multi-valued" if column.multi else ""
                console.print(f"  {column.name:16} {flag}{many}  {column.doc}", highlight=False)
        return
    graph_dir = graph_dir or settings().graph_dir
    root = graph_dir
    not_canonical = []
    for path in register_paths(root):
        try:
            register = read_register(path, root)
        except RegisterFormatError:
            continue  # reported by load() below
        text = canonical_text(register)
        if path.read_text(encoding="utf-8") != text:
            if fix:
                path.write_text(text, encoding="utf-8")
                console.print(f"rewrote {path}")
            else:
                not_canonical.append(path)
    _, problems = load(root)
    for problem in problems:
        err.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)
    for path in not_canonical:
        err.print(f"  {path}: not in canonical form", highlight=False)
    if problems or not_canonical:
        hint = " run `chemkg lint --fix` to rewrite the canonical form;" if not_canonical else ""
        fail(f"{len(problems)} problem(s), {len(not_canonical)} file(s) not canonical;{hint} fix the rest by hand")
    console.print(f"{len(register_paths(root))} register(s) valid and canonical")
