"""What runs after a successful build: rebuilding the search index when search is installed."""

from __future__ import annotations

from pathlib import Path

from chemkg.settings import Settings


def after_build(settings: Settings, store: Path) -> None:
    """Rebuild derived artefacts (the search index) from the new store."""
    try:
        from chemkg.search.indexer import build_index
    except ImportError:
        return
    build_index(settings, store)
