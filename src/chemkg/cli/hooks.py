"""What runs after a successful build: rebuilding the search index."""

from __future__ import annotations

from pathlib import Path

from chemkg.settings import Settings


def after_build(settings: Settings, store: Path) -> None:
    """Rebuild derived artefacts (the search index) from the new store."""
    from chemkg.search.indexer import build_index

    build_index(settings, store)
