"""The store: the one interface the product queries (:class:`GraphStore`) and its implementation over the
built Oxigraph store, opened read-only (:class:`OxigraphStore`).

Pages, reports, search and the SPARQL endpoint ask a :class:`GraphStore` for what they need: rows of a
named query with bound values, a few triple reads by name ("statements about an IRI"), the public SPARQL
query, the dump. Nothing outside this module calls pyoxigraph's store (``tests/test_layout.py`` holds the
rule), so a remote SPARQL engine can stand behind the same interface.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from chemkg.namespaces import BASE, PREFIXES, sparql_prefixes
from chemkg.sparql import QuerySyntaxError, dataset_options, explain_syntax_error

QueryResult = ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

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


class StoreMissing(Exception):
    """No built store where one was expected."""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    text: str


def open_store(path: Path) -> OxigraphStore:
    """Open a built store read-only; say how to build one when there is none."""
    if not (path / BUILD_INFO).exists():
        raise StoreMissing(f"no built store at {path}; run `chemkg build` first")
    return OxigraphStore(ox.Store.read_only(str(path.resolve())), path.resolve())


def load_dump(path: Path) -> OxigraphStore:
    """An in-memory store of an N-Quads dump (an export of an earlier build)."""
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return OxigraphStore(store)


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


def write_quads(path: Path, quads: list[ox.Quad]) -> None:
    """Write a new store at ``path`` in one bulk load: each bulk load writes its own files, so one is fastest."""
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.flush()
    store.optimize()
    del store


def save_tables(path: Path) -> None:
    """Run the whole-graph named queries once on a freshly written store and save their rows beside it."""
    store = OxigraphStore(ox.Store.read_only(str(path)))  # no folder: nothing saved yet to read back
    folder = path / TABLES
    folder.mkdir(exist_ok=True)
    queries = named_queries()
    for name in PRECOMPUTED:
        rows = store.select(queries[name].text)
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


class GraphStore(Protocol):
    """What the product asks of a store: every read of pages, reports, search and the endpoint goes here.

    Terms come back as pyoxigraph terms (``ox.Triple``, ``ox.NamedNode``, ``ox.Literal``): an RDF data
    model, not an engine; a remote implementation makes them from the results it parses.
    """

    def rows(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        """Rows of the named query ``name`` (``queries/*.rq`` or an example) with values bound, as plain
        values; the whole-graph tables (:data:`PRECOMPUTED`) come from what the build saved."""
        ...

    def select(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        """Rows of a SELECT made by the product itself (the question lexicon's lists), values bound."""
        ...

    def sparql(
        self,
        query: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        default_prefixes: bool = True,
        base_iri: str = BASE,
    ) -> QueryResult:
        """Any query, as the public endpoint runs it: over the union of the named graphs unless the caller
        or the query names the dataset; ChemKG's prefixes declared; relative IRIs against ``base_iri``.
        Raises :class:`chemkg.sparql.QuerySyntaxError` with a short message when the query does not parse."""
        ...

    def about(self, iri: str, predicate: str | None = None) -> Iterator[ox.Triple]:
        """The statements about ``iri`` (as subject), with ``predicate`` only when given; in every graph."""
        ...

    def pointing_to(self, iri: str, predicate: str | None = None) -> Iterator[ox.Triple]:
        """The statements with ``iri`` as object, with ``predicate`` only when given; in every graph."""
        ...

    def holds(self, subject: str, predicate: str, obj: str) -> bool:
        """Whether the statement ``subject predicate obj`` (all three IRIs) is in some graph."""
        ...

    def is_a(self, iri: str, type_iri: str) -> bool:
        """Whether ``iri`` is stated to be of type ``type_iri``."""
        ...

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        """Every triple of one named graph (the ontology, a register), for a whole-graph download."""
        ...

    def graph_names(self) -> set[str]:
        """The IRIs of the named graphs."""
        ...

    def quad_count(self) -> int:
        """How many statements the store holds, over all graphs."""
        ...

    def dump(self, path: Path, format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Write every graph to ``path`` in a quad format (N-Quads, TriG), for a release."""
        ...


class OxigraphStore:
    """A :class:`GraphStore` over an embedded Oxigraph store (a built store on disk, or a dump in memory)."""

    def __init__(self, store: ox.Store, folder: Path | None = None) -> None:
        self.oxigraph = store  # the engine itself: for tests that check what the build wrote, never the product
        self.folder = folder  # the built store's folder, beside which the build saved its tables

    def rows(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        if not bindings and name in PRECOMPUTED:
            rows = self._saved_rows(name)
            if rows is not None:
                return rows
        return self.select(named_queries()[name].text, **bindings)

    def _saved_rows(self, name: str) -> list[dict[str, Any]] | None:
        if self.folder is None:
            return None
        try:
            rows: list[dict[str, Any]] = json.loads((self.folder / TABLES / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # an older build without saved rows: run the query
        return rows

    def select(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_term(v) for k, v in bindings.items()
        }  # bound as terms, never formatted into the text
        result = self.oxigraph.query(query, substitutions=substitutions, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions), "select() runs SELECT queries"
        names = [v.value for v in result.variables]
        return [{n: term_value(s[n]) for n in names} for s in result]

    def sparql(
        self,
        query: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        default_prefixes: bool = True,
        base_iri: str = BASE,
    ) -> QueryResult:
        kwargs = dataset_options(query, default_graphs, named_graphs)
        if default_prefixes:
            kwargs["prefixes"] = PREFIXES
        try:
            return self.oxigraph.query(query, base_iri=base_iri, **kwargs)  # type: ignore[arg-type]
        except SyntaxError as exc:
            raise QuerySyntaxError(explain_syntax_error(query, str(exc))) from None

    def about(self, iri: str, predicate: str | None = None) -> Iterator[ox.Triple]:
        by = ox.NamedNode(predicate) if predicate is not None else None
        return (q.triple for q in self.oxigraph.quads_for_pattern(ox.NamedNode(iri), by, None))

    def pointing_to(self, iri: str, predicate: str | None = None) -> Iterator[ox.Triple]:
        by = ox.NamedNode(predicate) if predicate is not None else None
        return (q.triple for q in self.oxigraph.quads_for_pattern(None, by, ox.NamedNode(iri)))

    def holds(self, subject: str, predicate: str, obj: str) -> bool:
        pattern = self.oxigraph.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), ox.NamedNode(obj))
        return next(iter(pattern), None) is not None

    def is_a(self, iri: str, type_iri: str) -> bool:
        return self.holds(iri, RDF_TYPE, type_iri)

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        return [q.triple for q in self.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(graph))]

    def graph_names(self) -> set[str]:
        return {g.value for g in self.oxigraph.named_graphs() if isinstance(g, ox.NamedNode)}

    def quad_count(self) -> int:
        return len(self.oxigraph)

    def dump(self, path: Path, format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        self.oxigraph.dump(str(path), format=format, prefixes=prefixes)
