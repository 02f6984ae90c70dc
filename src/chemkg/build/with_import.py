"""``chemkg import``: validate a list file, then rebuild the store with it, or change nothing at all."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from chemkg.build.pipeline import BuildReport, Progress, build
from chemkg.imports.graph import ImportSummary
from chemkg.imports.parse import ImportFailed, parse_list
from chemkg.imports.records import ParsedList
from chemkg.imports.saved import commit, discard, load_imports, stage
from chemkg.imports.zzs import ZZSComparison, zzs_comparison
from chemkg.store import build_info, open_store


class NothingValid(ImportFailed):
    """Not one row passed validation; the rejections say why."""

    def __init__(self, parsed: ParsedList) -> None:
        super().__init__(
            f"no row of {parsed.file.name} passed validation ({len(parsed.rejections)} rejected); "
            "nothing was imported and the store is unchanged"
        )
        self.parsed = parsed


@dataclass
class ImportOutcome:
    parsed: ParsedList
    build: BuildReport
    summary: ImportSummary | None
    zzs: ZZSComparison | None


def run_import(
    kind: str,
    file: Path,
    *,
    graph_dir: Path,
    ontology_dir: Path,
    store_path: Path,
    imports_dir: Path,
    as_of: str | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Parse and validate ``file``; rebuild the store with it; keep the new edition only when the build succeeded.

    Order: stage the snapshot in a hidden folder under ``imports_dir/<kind>`` → build a new store
    from graph/ plus the newest edition of every list (the staged one in place of this kind's) →
    swap the store in → rename the staged folder to its edition. Any failure before the swap leaves
    both the store and the snapshots exactly as they were.
    """
    parsed = parse_list(kind, file, as_of)
    if not parsed.records:
        raise NothingValid(parsed)
    imports_dir.mkdir(parents=True, exist_ok=True)
    staged = stage(parsed, imports_dir)
    try:
        imports = load_imports(imports_dir, replace={parsed.kind: staged})
        report = build(graph_dir, ontology_dir, store_path, progress, imports)
    except BaseException:
        discard(staged)
        raise
    commit(staged)
    summaries = build_info(store_path).get("imports", {})
    summary = ImportSummary(**summaries[parsed.kind]) if parsed.kind in summaries else None
    comparison = None
    if parsed.kind == "rivm-zzs":
        store = open_store(store_path)
        comparison = zzs_comparison(store)
        del store
    return ImportOutcome(parsed, report, summary, comparison)
