"""Close matches for an IRI that does not exist: names of substances (through the resolver) and
paths of every other entity (by fuzzy match on the path), for the 404 page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from chemkg.namespaces import BASE
from chemkg.store import GraphStore

if TYPE_CHECKING:
    from chemkg.resolve import Resolver

PATH_MIN_SCORE = 70.0


@dataclass(frozen=True)
class Suggestion:
    href: str
    label: str
    matched: str | None = None  # the name that matched, for a substance found by name; else the path looks alike


def labelled_paths(store: GraphStore) -> dict[str, str]:
    """Path → English label of every labelled ChemKG entity; the live build keeps them (``Build.paths``)."""
    return {r["entity"][len(BASE) :]: r["label"] for r in store.rows("page-labelled") if r["entity"].startswith(BASE)}


def suggestions(resolver: Resolver, paths: dict[str, str], path: str, limit: int = 6) -> list[Suggestion]:
    from rapidfuzz import fuzz, process

    out: dict[str, Suggestion] = {}
    last = path.rstrip("/").rsplit("/", 1)[-1]
    words = last.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
    if words.strip():
        for s in resolver.suggest(words, limit=limit):
            href = "/" + s.iri[len(BASE) :]
            out.setdefault(href, Suggestion(href, s.label, s.matched))
    for found, score, _ in process.extract(path.strip("/"), list(paths), scorer=fuzz.ratio, limit=limit):
        if score >= PATH_MIN_SCORE:
            out.setdefault("/" + found, Suggestion("/" + found, paths[found]))
    return list(out.values())[:limit]
