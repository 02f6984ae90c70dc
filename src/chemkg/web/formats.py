"""The format table: every format ChemKG answers in, its media type and the names that ask for it.

The one table for the HTTP service (``Accept`` and ``format=``) and the CLI (``chemkg query
--format``). Kept free of web imports so query workers and the CLI can load it cheaply.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox


@dataclass(frozen=True)
class Format:
    """One way to render: its media type, the ``format=`` names that ask for it, and the serialiser."""

    media_type: str
    names: tuple[str, ...]
    label: str
    rdf: ox.RdfFormat | None = None
    results: ox.QueryResultsFormat | None = None


FORMATS: tuple[Format, ...] = (
    Format("application/sparql-results+json", ("json", "srj"), "SPARQL JSON", results=ox.QueryResultsFormat.JSON),
    Format("application/sparql-results+xml", ("xml", "srx"), "SPARQL XML", results=ox.QueryResultsFormat.XML),
    Format("text/csv", ("csv",), "CSV", results=ox.QueryResultsFormat.CSV),
    Format("text/tab-separated-values", ("tsv",), "TSV", results=ox.QueryResultsFormat.TSV),
    Format("text/turtle", ("turtle", "ttl"), "Turtle", rdf=ox.RdfFormat.TURTLE),
    Format("application/n-triples", ("nt", "ntriples", "n-triples"), "N-Triples", rdf=ox.RdfFormat.N_TRIPLES),
    Format("application/ld+json", ("json-ld", "jsonld", "json"), "JSON-LD", rdf=ox.RdfFormat.JSON_LD),
    Format("application/rdf+xml", ("rdfxml", "rdf+xml", "rdf", "xml"), "RDF/XML", rdf=ox.RdfFormat.RDF_XML),
    Format("text/n3", ("n3",), "N3", rdf=ox.RdfFormat.N3),
    Format("application/n-quads", ("nq", "nquads", "n-quads"), "N-Quads", rdf=ox.RdfFormat.N_QUADS),
    Format("application/trig", ("trig",), "TriG", rdf=ox.RdfFormat.TRIG),
    Format("text/html", ("html",), "HTML"),
    # Plain JSON is what many clients ask for; it gets the SPARQL JSON (or JSON-LD) body under its own name.
    Format("application/json", ("json",), "JSON", results=ox.QueryResultsFormat.JSON, rdf=ox.RdfFormat.JSON_LD),
)
BY_MEDIA_TYPE: dict[str, Format] = {f.media_type: f for f in FORMATS}

RESULT_TYPES: list[str] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
]
GRAPH_TYPES: list[str] = [
    "text/turtle",
    "application/n-triples",
    "application/ld+json",
    "application/rdf+xml",
    "text/n3",
    "application/n-quads",
    "application/trig",
    "application/json",
]
RDF_DOCUMENT_TYPES: list[str] = [t for t in GRAPH_TYPES if t not in ("application/n-quads", "application/trig")]


def by_name(name: str, kind: str) -> Format | None:
    """The format a short name (``ttl``, ``json-ld``) or media type asks for, for a ``results`` or ``rdf`` answer.

    ``json`` and ``xml`` mean SPARQL JSON / XML for results and JSON-LD / RDF/XML for a graph.
    """
    wanted = name.strip().lower()
    for fmt in FORMATS:
        fits = fmt.results is not None if kind == "results" else fmt.rdf is not None
        if fits and (wanted == fmt.media_type or wanted in fmt.names):
            return fmt
    return None


def names_for(kind: str) -> list[str]:
    """The first short name of every format of a kind, for help texts and error messages."""
    offered = RESULT_TYPES if kind == "results" else GRAPH_TYPES
    return [BY_MEDIA_TYPE[t].names[0] for t in offered if t != "application/json"]
