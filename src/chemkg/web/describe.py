"""The SPARQL 1.1 Service Description and the VoID description of the dataset, from build.json."""

from __future__ import annotations

from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF

from chemkg.namespaces import BASE, CK, DATA_LICENCE, PREFIXES, SD, VOID

FORMATS = URIRef("http://www.w3.org/ns/formats/")
RESULT_FORMATS = ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV")
RDF_FORMATS = ("Turtle", "N-Triples", "JSON-LD", "RDF_XML", "N3", "N-Quads", "TriG")
DATASET = URIRef(BASE + "void#ChemKG")


def _bind(g: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("sd", SD)
    return g


def _dataset(g: Graph, node: URIRef | BNode, info: dict[str, Any] | None, endpoint: str) -> None:
    """What the default graph holds: the union of the named graphs, each described with its size."""
    g.add((node, RDF.type, VOID.Dataset))
    g.add((node, DCTERMS.title, Literal("ChemKG: chemicals governance knowledge graph", lang="en")))
    g.add((node, DCTERMS.license, DATA_LICENCE))
    g.add((node, VOID.sparqlEndpoint, URIRef(endpoint)))
    g.add((node, VOID.uriSpace, Literal(BASE)))
    g.add((node, VOID.vocabulary, URIRef(str(CK))))
    if not info:
        return
    g.add((node, VOID.triples, Literal(int(info.get("triples", 0)))))
    if info.get("built_at"):
        g.add((node, DCTERMS.modified, Literal(info["built_at"], datatype=XSD.dateTime)))
    for name, triples in sorted(info.get("graphs", {}).items()):
        g.add((node, VOID.subset, URIRef(name)))
        g.add((URIRef(name), RDF.type, VOID.Dataset))
        g.add((URIRef(name), VOID.triples, Literal(int(triples))))
    for kind, count in sorted(info.get("entities", {}).items()):
        partition = BNode()
        g.add((node, VOID.classPartition, partition))
        g.add((partition, VOID["class"], CK[kind]))
        g.add((partition, VOID.entities, Literal(int(count))))


def service_description(endpoint: str, info: dict[str, Any] | None) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    g = _bind(Graph())
    service = URIRef(endpoint)
    g.add((service, RDF.type, SD.Service))
    g.add((service, SD.endpoint, service))
    g.add((service, SD.supportedLanguage, SD.SPARQL11Query))
    g.add((service, SD.feature, SD.UnionDefaultGraph))
    for name in RESULT_FORMATS + RDF_FORMATS:
        g.add((service, SD.resultFormat, URIRef(str(FORMATS) + name)))
    dataset = BNode()
    default_graph = BNode()
    g.add((service, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default_graph))
    g.add((default_graph, RDF.type, SD.Graph))
    _dataset(g, default_graph, info, endpoint)
    # build.json lists every named graph: one per register, the ontology and the provenance graph.
    for name in sorted((info or {}).get("graphs", {})):
        named = BNode()
        g.add((dataset, SD.namedGraph, named))
        g.add((named, RDF.type, SD.NamedGraph))
        g.add((named, SD.name, URIRef(name)))
    return g


def void_description(endpoint: str, info: dict[str, Any] | None) -> Graph:
    """The VoID description of ChemKG (served at /void and /.well-known/void)."""
    g = _bind(Graph())
    g.bind("foaf", FOAF)
    _dataset(g, DATASET, info, endpoint)
    g.add((DATASET, FOAF.homepage, URIRef(BASE)))
    g.add((DATASET, VOID.rootResource, URIRef(BASE + "ontology")))
    return g
