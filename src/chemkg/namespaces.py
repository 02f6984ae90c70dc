"""IRIs: one base, one function per kind of thing. See docs/iris.md for the scheme."""

from __future__ import annotations

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/chemkg/"
CK = Namespace(BASE + "ontology#")
SCHEMA = Namespace("https://schema.org/")
VOID = Namespace("http://rdfs.org/ns/void#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
PAV = Namespace("http://purl.org/pav/")  # provenance, authoring and versioning: pav:retrievedOn
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
DATA_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")

PREFIXES: dict[str, str] = {
    "ck": str(CK),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": str(SCHEMA),
    "void": str(VOID),
    "pav": str(PAV),
}


def iri(path: str) -> URIRef:
    """The IRI of a path such as ``substance/pfhxs``."""
    return URIRef(BASE + path)


def graph_iri(register: str) -> URIRef:
    return URIRef(BASE + "graph/" + register)


def path_of(iri_: str) -> str | None:
    """The service path of a ChemKG IRI (``…/substance/pfhxs`` → ``substance/pfhxs``), else None."""
    return iri_[len(BASE) :] if iri_.startswith(BASE) else None


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
