"""``chemkg import`` and ``chemkg imports …``: official lists in, with every rejected row reported."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from chemkg.build.pipeline import BuildFailed, build
from chemkg.build.with_import import NothingValid, run_import
from chemkg.cli.app import app, console, err, fail, settings
from chemkg.imports.kinds import IMPORT_KINDS
from chemkg.imports.parse import ImportFailed
from chemkg.imports.records import Rejection
from chemkg.imports.saved import load_imports, remove
from chemkg.imports.zzs import ZZSComparison, zzs_comparison
from chemkg.store import StoreMissing, open_store

imports_app = typer.Typer(help="Imported official lists: list them, show rejected rows, compare ZZS, remove.")
app.add_typer(imports_app, name="imports")
SHOWN = 30


def print_rejections(rejections: list[Rejection], limit: int | None = SHOWN) -> None:
    for rejection in rejections[:limit] if limit else rejections:
        err.print(f"  rejected {rejection}", highlight=False, markup=False, soft_wrap=True)
    if limit and len(rejections) > limit:
        err.print(f"  … and {len(rejections) - limit} more (all of them: `chemkg imports rejected <kind>`)")


def print_zzs(report: ZZSComparison, limit: int = 10) -> None:
    counts = report.counts()
    console.print(
        f"[bold]ZZS: the RIVM list takes precedence over rule-derived status.[/]\n"
        f"  rule-derived statuses the list confirms: {counts['confirmed']}\n"
        f"  on the list, but no rule derives them: {counts['missed_by_rules']} "
        f"({counts['missed_by_rules_curated']} of them curated substances)\n"
        f"  rule-derived, but not on the list: {counts['not_on_list']}\n"
        f"  on both, with a different status: {counts['status_differs']}",
        highlight=False,
    )
    for title, items in (("not on the list", report.not_on_list), ("status differs", report.status_differs)):
        for item in items[:limit]:
            console.print(
                f"    {title}: {item.label} (rule: {item.rule_status or '-'}, list: {item.list_status or '-'})",
                highlight=False,
                markup=False,
            )


@app.command("import")
def import_command(
    kind: str = typer.Argument(..., help=f"One of: {', '.join(IMPORT_KINDS)}"),
    file: Path = typer.Argument(..., help="The list as published (XLSX, or ECHA's legacy CSV)."),
    as_of: str = typer.Option(None, "--as-of", help="The list's version date, when the file does not say it."),
    store: Path = typer.Option(None, help="Store to rebuild [default: CHEMKG_STORE_PATH or data/store]"),
    index: bool = typer.Option(True, help="Also rebuild the search index."),
) -> None:
    """Validate an official list and rebuild the store with it (swapped in atomically, or not at all)."""
    s = settings()
    store = store or s.store
    if kind not in IMPORT_KINDS:
        fail(f"no import kind {kind!r}; choose one of: {', '.join(IMPORT_KINDS)}")
    try:
        outcome = run_import(
            kind,
            file,
            graph_dir=s.graph_dir,
            ontology_dir=s.ontology_dir,
            store_path=store,
            imports_dir=s.imports,
            as_of=as_of,
        )
    except NothingValid as exc:
        print_rejections(exc.parsed.rejections)
        fail(str(exc))
    except ImportFailed as exc:
        fail(f"{exc}; nothing was imported and the store is unchanged")
    except BuildFailed as failed:
        for problem in failed.problems:
            err.print(f"  {problem}", highlight=False, markup=False, soft_wrap=True)
        fail(f"the rebuild failed with {len(failed.problems)} problem(s); the store and the imports are unchanged")
    parsed = outcome.parsed
    print_rejections(parsed.rejections)
    table = Table("", "", title=f"Imported {IMPORT_KINDS[kind].title}", show_header=False)
    table.add_row("file", str(file))
    table.add_row("version", f"{parsed.as_of} ({parsed.as_of_basis})")
    table.add_row("rows read", str(parsed.rows_read))
    table.add_row("rows imported", str(len(parsed.imported_rows)))
    table.add_row("rows rejected", str(len(parsed.rejections)))
    shared = parsed.shared_identifiers() if IMPORT_KINDS[kind].numbered_entries else {}
    if shared:
        examples = "; ".join(f"{cas} in {', '.join(entries)}" for cas, entries in list(shared.items())[:3])
        table.add_row("CAS in several entries", f"{len(shared)} (each entry kept as its own listing), e.g. {examples}")
    if outcome.summary:
        linked = ", ".join(f"{how} {n}" for how, n in outcome.summary.linked.items())
        table.add_row("linked by", linked)
        table.add_row("new entities", str(outcome.summary.entities_created))
        table.add_row("named graph", f"https://w3id.org/chemkg/graph/{IMPORT_KINDS[kind].graph}")
    table.add_row("store", f"{store} ({outcome.build.total} triples, {outcome.build.seconds:.1f} s)")
    console.print(table)
    if outcome.zzs:
        print_zzs(outcome.zzs)
    if index:
        from chemkg.cli.hooks import after_build

        after_build(s, store)


@imports_app.command("list")
def list_command() -> None:
    """The imported lists, with their version dates and row counts."""
    saved = load_imports(settings().imports)
    if not saved:
        console.print(f"no list snapshots under {settings().imports}; see `chemkg import --help`")
        return
    table = Table("kind", "edition", "file", "read", "imported", "rejected", "read on", "snapshot")
    for item in saved:
        m = item.meta
        table.add_row(
            item.kind,
            item.as_of,
            item.source_file,
            str(m["rows_read"]),
            str(m["rows_imported"]),
            str(m["rows_rejected"]),
            str(m.get("read_on", "")),
            str(item.folder),
        )
    console.print(table)


@imports_app.command("rejected")
def rejected_command(kind: str = typer.Argument(..., help="The import kind")) -> None:
    """Every rejected row of an import, with its file, row and reason."""
    found = [i for i in load_imports(settings().imports) if i.kind == kind]
    if not found:
        fail(f"no import of kind {kind!r}; see `chemkg imports list`")
    for rejection in found[0].rejections:
        console.print(str(rejection), highlight=False, markup=False, soft_wrap=True)
    err.print(f"{len(found[0].rejections)} rejected row(s)")


@imports_app.command("zzs")
def zzs_command(
    store: Path = typer.Option(None, help="Store to read [default: CHEMKG_STORE_PATH or data/store]"),
) -> None:
    """Compare the imported RIVM ZZS list with the rule-derived ZZS statuses."""
    path = store or settings().store
    try:
        report = zzs_comparison(open_store(path))
    except StoreMissing as exc:
        fail(str(exc))
    if report is None:
        fail("no RIVM ZZS list is imported in this store; run `chemkg import rivm-zzs <file>` first")
    print_zzs(report, limit=1000)


@imports_app.command("remove")
def remove_command(
    kind: str = typer.Argument(..., help="The import kind to remove"),
    store: Path = typer.Option(None, help="Store to rebuild [default: CHEMKG_STORE_PATH or data/store]"),
) -> None:
    """Remove an imported list and rebuild the store without it."""
    s = settings()
    current = load_imports(s.imports)
    if kind not in {i.kind for i in current}:
        fail(f"no import of kind {kind!r}; see `chemkg imports list`")
    try:
        report = build(s.graph_dir, s.ontology_dir, store or s.store, imports=[i for i in current if i.kind != kind])
    except BuildFailed as failed:
        fail(f"the rebuild failed with {len(failed.problems)} problem(s); the import and the store are unchanged")
    remove(s.imports, kind)
    console.print(f"removed {kind}; rebuilt the store ({report.total} triples)")
