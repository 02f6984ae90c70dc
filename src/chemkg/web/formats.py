"""The renderer table: every format ChemKG answers in, its media type and the names ``format=`` accepts.

Kept free of web imports so query workers can load it cheaply.
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
