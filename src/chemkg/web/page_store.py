"""The store the pages read, opened read-only in the web process and reopened after a rebuild swap.

SPARQL from users runs in killable workers (``pool.py``); pages run only ChemKG's own named queries,
which are fast and bounded, so they read the store directly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox
from fastapi import Request

from chemkg.store import StoreMissing, open_store
from chemkg.web.errors import Unavailable


def page_store(request: Request) -> ox.Store:
    """The open store for this app; a new build swapped in behind the symlink is picked up."""
    target = os.path.realpath(request.app.state.settings.store)
    cached: tuple[str, ox.Store] | None = getattr(request.app.state, "page_store", None)
    if cached is None or cached[0] != target:
        try:
            store = open_store(Path(target))
        except StoreMissing as exc:
            raise Unavailable(f"{exc}.", retry_after=60) from None
        cached = (target, store)
        request.app.state.page_store = cached
    return cached[1]
