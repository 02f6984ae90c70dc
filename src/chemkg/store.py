"""The store: open the built Oxigraph store read-only and run named queries with bound values."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from chemkg.namespaces import sparql_prefixes

BUILD_INFO = "build.json"
TABLES = "tables"  # results of the whole-graph named queries, written by the build beside the store
# Named queries without parameters that read the whole graph (pages, search documents, coverage, resolver):
# seconds each on Oxigraph at full size, so the build runs them once and readers load the rows.
PRECOMPUTED = (
    "entity-members",
    "entity-names",
    "held-lists",
    "page-coverage",
    "page-entities",
    "page-entity-lists",
    "page-group-members",
    "page-zzs-assessments",
    "search-entities",
    "search-imported",
    "search-links",
    "search-listings",
    "search-names",
)
_OPENED: dict[int, tuple[ox.Store, Path]] = {}  # the folder of each store opened here (a store has no path)
_KEEP_OPENED = 8


class StoreMissing(Exception):
    """No built store where one was expected."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str


def open_store(path: Path) -> ox.Store:
    """Open a built store read-only; say how to build one when there is none."""
    if not (path / BUILD_INFO).exists():
        raise StoreMissing(f"no built store at {path}; run `chemkg build` first")
    store = ox.Store.read_only(str(path.resolve()))
    _OPENED[id(store)] = (store, path.resolve())
    while len(_OPENED) > _KEEP_OPENED:
        del _OPENED[next(iter(_OPENED))]
    return store


def build_info(path: Path) -> dict[str, Any]:
    try:
        info: dict[str, Any] = json.loads((path / BUILD_INFO).read_text(encoding="utf-8"))
        return info
    except FileNotFoundError:
        raise StoreMissing(f"no built store at {path}; run `chemkg build` first") from None


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every ``queries/*.rq`` file (its first comment line is its title) and every example of the catalogue."""
    from chemkg.examples import load_examples

    out = {}
    for entry in sorted(resources.files("chemkg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            body = entry.read_text(encoding="utf-8")
            first = body.splitlines()[0] if body else ""
            title = first.lstrip("# ").strip() if first.startswith("#") else entry.name
            # Prefixes are declared once, here, so every query is complete as it is served or shown.
            out[entry.name[:-3]] = NamedQuery(
                entry.name[:-3], title, f"# {title}\n{sparql_prefixes()}" + body.split("\n", 1)[1]
            )
    for e in load_examples():
        out[e.name] = NamedQuery(e.name, e.comment["en"], f"# {e.comment['en']}\n{e.query}")
    return dict(sorted(out.items()))


def term_value(term: Any) -> Any:
    """A plain Python value for an Oxigraph term (IRIs and literals as strings, numbers as numbers)."""
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value if term.datatype else ""
        if datatype.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        if datatype.endswith(("#decimal", "#double", "#float")):
            return float(term.value)
        return term.value
    return term.value


def select(store: ox.Store, query: str, **bindings: Any) -> list[dict[str, Any]]:
    """Run a SELECT with values bound by substitution (never by string formatting)."""
    substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
        ox.Variable(k): to_term(v) for k, v in bindings.items()
    }
    result = store.query(query, substitutions=substitutions, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions), "select() runs SELECT queries"
    names = [v.value for v in result.variables]
    return [{n: term_value(s[n]) for n in names} for s in result]


def run_named(store: ox.Store, name: str, **bindings: Any) -> list[dict[str, Any]]:
    """Rows of a named query; whole-graph queries of a built store come from the rows the build saved."""
    if not bindings and name in PRECOMPUTED:
        rows = _saved_rows(store, name)
        if rows is not None:
            return rows
    return select(store, named_queries()[name].text, **bindings)


def _saved_rows(store: ox.Store, name: str) -> list[dict[str, Any]] | None:
    opened = _OPENED.get(id(store))
    if opened is None or opened[0] is not store:
        return None
    try:
        rows: list[dict[str, Any]] = json.loads((opened[1] / TABLES / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # an older build without saved rows: run the query
    return rows


def save_tables(path: Path) -> None:
    """Run the whole-graph named queries once on a freshly written store and save their rows beside it."""
    store = ox.Store.read_only(str(path))
    folder = path / TABLES
    folder.mkdir(exist_ok=True)
    queries = named_queries()
    for name in PRECOMPUTED:
        rows = select(store, queries[name].text)
        (folder / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    del store


def to_term(value: Any) -> ox.NamedNode | ox.Literal:
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return ox.NamedNode(value)
    return (
        ox.Literal(str(value))
        if not isinstance(value, int)
        else ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    )
