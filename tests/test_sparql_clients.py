"""Researchers' own tools against a real running server: SPARQLWrapper and rdflib's SPARQLStore.

Each return format as the client sends it by default (no ``setOnlyConneg``), by GET and by POST.
"""

from __future__ import annotations

import csv
import io

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, GET, JSON, JSONLD, N3, POST, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

pytestmark = pytest.mark.slow

PFHXS = "https://w3id.org/chemkg/substance/pfhxs-acid"
CAS_QUERY = """PREFIX ck: <https://w3id.org/chemkg/ontology#>
SELECT ?substance WHERE { ?substance ck:casNumber "355-46-4" }"""


@pytest.fixture(scope="module")
def endpoint(live_site: str) -> str:
    """The SPARQL endpoint of a real server, as a researcher's client meets it."""
    return f"{live_site}/sparql"


def wrapper(endpoint: str, fmt: str, query: str = CAS_QUERY) -> SPARQLWrapper:
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def test_sparqlwrapper_json(endpoint: str) -> None:
    data = wrapper(endpoint, JSON).queryAndConvert()
    assert [b["substance"]["value"] for b in data["results"]["bindings"]] == [PFHXS]  # type: ignore[index]


def test_sparqlwrapper_xml_via_post(endpoint: str) -> None:
    client = wrapper(endpoint, XML)
    client.setMethod(POST)
    document = client.queryAndConvert()
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]  # type: ignore[attr-defined]
    assert uris == [PFHXS]


def test_sparqlwrapper_csv(endpoint: str) -> None:
    raw = wrapper(endpoint, CSV).queryAndConvert()
    assert list(csv.reader(io.StringIO(raw.decode()))) == [["substance"], [PFHXS]]  # type: ignore[union-attr]


def test_sparqlwrapper_construct_into_an_rdflib_graph(endpoint: str) -> None:
    query = f"CONSTRUCT {{ <{PFHXS}> ?p ?o }} WHERE {{ <{PFHXS}> ?p ?o }}"
    client = wrapper(endpoint, TURTLE, query)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    assert (URIRef(PFHXS), URIRef("https://w3id.org/chemkg/ontology#casNumber"), Literal("355-46-4")) in graph


def test_rdflib_sparqlstore_select_and_construct(endpoint: str) -> None:
    store = SPARQLStore(endpoint)
    rows = list(store.query(CAS_QUERY))
    assert [str(r[0]) for r in rows] == [PFHXS]  # type: ignore[index]
    construct = store.query(f"CONSTRUCT WHERE {{ <{PFHXS}> ?p ?o }}")
    assert any(str(o) == "355-46-4" for o in construct.graph.objects())  # type: ignore[union-attr]
    assert store.query(f"ASK {{ <{PFHXS}> ?p ?o }}").askAnswer is True


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_tsv(endpoint: str, method: str) -> None:
    client = wrapper(endpoint, TSV)
    client.setMethod(method)
    raw = client.queryAndConvert()
    assert raw.decode().splitlines() == ["?substance", f"<{PFHXS}>"]  # type: ignore[union-attr]


@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize(("fmt", "rdflib_format"), [(TURTLE, "turtle"), (N3, "n3"), (RDFXML, "xml"), (XML, "xml")])
def test_sparqlwrapper_construct_in_each_rdf_format(endpoint: str, method: str, fmt: str, rdflib_format: str) -> None:
    client = wrapper(endpoint, fmt, f"CONSTRUCT WHERE {{ <{PFHXS}> ck:casNumber ?cas }}")
    client.setMethod(method)
    raw = client.query().response.read()
    graph = Graph().parse(data=raw, format=rdflib_format)
    assert set(graph.objects()) == {Literal("355-46-4")}


@pytest.mark.parametrize("method", [GET, POST])
def test_sparqlwrapper_json_ld_without_only_conneg(endpoint: str, method: str) -> None:
    client = wrapper(endpoint, JSONLD, f"CONSTRUCT WHERE {{ <{PFHXS}> ck:casNumber ?cas }}")
    client.setMethod(method)
    graph = client.queryAndConvert()
    assert set(graph.objects()) == {Literal("355-46-4")}  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(endpoint: str, fmt: str) -> None:
    client = wrapper(endpoint, fmt, f"ASK {{ <{PFHXS}> ck:casNumber '355-46-4' }}")
    result = client.queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True  # type: ignore[index]
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[union-attr]


def test_sparqlwrapper_relative_iris_resolve_against_the_endpoint(endpoint: str) -> None:
    client = wrapper(endpoint, TURTLE, "CONSTRUCT { <s> <p> 1 } WHERE {}")
    client.setMethod(POST)
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")  # type: ignore[arg-type]
    base = endpoint.rsplit("/", 1)[0]
    assert set(graph.subjects()) == {URIRef(f"{base}/s")}
