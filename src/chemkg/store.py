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
    return ox.Store.read_only(str(path.resolve()))


def build_info(path: Path) -> dict[str, Any]:
    try:
        info: dict[str, Any] = json.loads((path / BUILD_INFO).read_text(encoding="utf-8"))
        return info
    except FileNotFoundError:
        raise StoreMissing(f"no built store at {path}; run `chemkg build` first") from None


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every ``queries/*.rq`` file: its first comment line is its title."""
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
    return out


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
    return select(store, named_queries()[name].text, **bindings)


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
