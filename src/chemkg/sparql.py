"""Running SPARQL against a store and serialising the answer in the format asked for.

Shared by the CLI and the HTTP endpoint so both speak the same formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from chemkg.namespaces import PREFIXES

RESULT_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
}


class QuerySyntaxError(ValueError):
    """The query does not parse; the message gives the parser's words and position."""


@dataclass(frozen=True)
class QueryForm:
    kind: str  # "SELECT", "ASK", "CONSTRUCT", "DESCRIBE"


_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_UPDATE = re.compile(
    r"^\s*(?:(?:PREFIX\s+\S*\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
    r"(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


def strip_comments_and_strings(query: str) -> str:
    """The query with comments, strings and IRIs blanked out, for finding its form keyword."""
    out = re.sub(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', '""', query)
    out = re.sub(r"<[^<>\s]*>", "<>", out)
    return re.sub(r"#[^\n]*", "", out)


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; UPDATE for an update request."""
    cleaned = strip_comments_and_strings(query)
    if _UPDATE.match(cleaned):
        return "UPDATE"
    match = _FORM.search(cleaned)
    return match.group(1).upper() if match else "SELECT"


_DATASET_CLAUSE = re.compile(r"(?<![\w:?$])FROM\s+(?:NAMED\s+)?(?:<|[\w.-]*:)", re.IGNORECASE)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE\b(?![:\w-])", re.IGNORECASE)


def declares_dataset(query: str) -> bool:
    """True when the query names its own dataset with FROM / FROM NAMED."""
    return bool(_DATASET_CLAUSE.search(strip_comments_and_strings(query)))


def uses_service(query: str) -> bool:
    """True when the query calls a remote endpoint with SERVICE (federation, which ChemKG refuses)."""
    return bool(_SERVICE.search(strip_comments_and_strings(query)))


def dataset_options(
    query: str, default_graphs: list[str] | None = None, named_graphs: list[str] | None = None
) -> dict[str, object]:
    """Which graphs the query sees, as pyoxigraph arguments.

    Protocol parameters (default-graph-uri / named-graph-uri) win over FROM clauses, FROM clauses
    win over the default; the default graph is the union of all named graphs.
    """
    if default_graphs is not None or named_graphs is not None:
        return {
            "default_graph": [ox.NamedNode(g) for g in default_graphs or []],
            "named_graphs": [ox.NamedNode(g) for g in named_graphs] if named_graphs is not None else None,
        }
    if declares_dataset(query):
        return {}
    return {"use_default_graph_as_union": True}


def run(
    store: ox.Store,
    query: str,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
    default_prefixes: bool = True,
) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Run a query over the union of the named graphs (or the graphs the caller or the query names)."""
    kwargs = dataset_options(query, default_graphs, named_graphs)
    if default_prefixes:
        kwargs["prefixes"] = PREFIXES
    try:
        return store.query(query, **kwargs)  # type: ignore[arg-type]
    except SyntaxError as exc:
        raise QuerySyntaxError(str(exc)) from None
