"""Close matches for an IRI that does not exist: names of substances (through the resolver) and
paths of every other entity (by fuzzy match on the path), for the 404 page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from chemkg.namespaces import BASE
from chemkg.store import run_named

if TYPE_CHECKING:
    from chemkg.resolve import Resolver

PATH_MIN_SCORE = 70.0


@dataclass(frozen=True)
class Suggestion:
    href: str
    label: str
    note: str


@lru_cache(maxsize=4)
def resolver_for(store: ox.Store) -> Resolver:
    """The resolver for one (read-only) store, built once."""
    from chemkg.resolve import Resolver  # NumPy and RapidFuzz load with the first page that needs names

    return Resolver.from_store(store)


@lru_cache(maxsize=4)
def _paths(store: ox.Store) -> dict[str, str]:
    """Path → English label of every labelled ChemKG entity."""
    return {
        r["entity"][len(BASE) :]: r["label"] for r in run_named(store, "page-labelled") if r["entity"].startswith(BASE)
    }


def suggestions(store: ox.Store, path: str, limit: int = 6) -> list[Suggestion]:
    from rapidfuzz import fuzz, process

    out: dict[str, Suggestion] = {}
    last = path.rstrip("/").rsplit("/", 1)[-1]
    words = last.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
    if words.strip():
        for s in resolver_for(store).suggest(words, limit=limit):
            href = "/" + s.iri[len(BASE) :]
            out.setdefault(href, Suggestion(href, s.label, f"matched “{s.matched}”"))
    paths = _paths(store)
    for found, score, _ in process.extract(path.strip("/"), list(paths), scorer=fuzz.ratio, limit=limit):
        if score >= PATH_MIN_SCORE:
            out.setdefault("/" + found, Suggestion("/" + found, paths[found], "/" + found))
    return list(out.values())[:limit]
