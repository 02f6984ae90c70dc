"""What runs after a successful build: rebuilding the search index."""

from __future__ import annotations

from pathlib import Path

from chemkg.settings import Settings


def after_build(settings: Settings, store: Path) -> None:
    """Rebuild derived artefacts (the search index) from the new store."""
    from chemkg.cli.app import console, err, fail
    from chemkg.search.embedder import ModelUnavailable, ensure_export
    from chemkg.search.indexer import build_index

    try:
        ensure_export(settings.model_name, settings.model_precision, settings.model_cache_dir, say=err.print)
        report = build_index(settings, store)
    except ModelUnavailable as exc:
        fail(f"the store was built, but the search index was not: {exc}; then run `chemkg index`")
    console.print(
        f"Search index: {report.documents} documents, {report.embedded} passages embedded, "
        f"{report.reused} unchanged ({report.seconds:.1f} s)",
        highlight=False,
    )
