"""What common SPARQL clients send, as they send it, and the answers they need.

The Accept headers and parameters are those of Apache Jena (``WebContent``), YASGUI, SPARQLWrapper
(``format``, ``output`` and ``results`` at once) and curl (no Accept at all).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

from chemkg.settings import Settings
from chemkg.web.app import create_app

PFHXS = "https://w3id.org/chemkg/substance/pfhxs-acid"
CAS = 'SELECT ?substance WHERE { ?substance ck:casNumber "355-46-4" }'
CONSTRUCT = f"CONSTRUCT {{ <{PFHXS}> ?p ?o }} WHERE {{ <{PFHXS}> ?p ?o }}"
JENA_SELECT = (
    "application/sparql-results+json,application/sparql-results+xml;q=0.9,text/tab-separated-values;q=0.7,"
    "text/csv;q=0.5,application/json;q=0.2,application/xml;q=0.2,*/*;q=0.1"
)
JENA_GRAPH = "text/turtle,application/n-triples;q=0.9,application/ld+json;q=0.8,application/rdf+xml;q=0.7,*/*;q=0.3"


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def media(response: object) -> str:
    return response.headers["content-type"].split(";")[0]  # type: ignore[attr-defined,no-any-return]


# -- the failing W3C protocol test, and BASE -------------------------------------------------------


def test_relative_iris_in_a_posted_construct_resolve_against_the_endpoint(client: TestClient) -> None:
    r = client.post("/sparql", data={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, headers={"accept": "text/turtle"})
    assert r.status_code == 200, r.text
    graph = Graph().parse(data=r.text, format="turtle")
    assert set(graph) == {(URIRef("http://testserver/s"), URIRef("http://testserver/p"), Literal(1))}


def test_a_base_in_the_query_wins_over_the_endpoint(client: TestClient) -> None:
    query = "BASE <https://example.org/x/> CONSTRUCT { <s> <p> 1 } WHERE {}"
    r = client.get("/sparql", params={"query": query}, headers={"accept": "application/n-triples"})
    assert r.text.startswith("<https://example.org/x/s> <https://example.org/x/p>")


# -- short errors ------------------------------------------------------------------------------------


def test_an_undeclared_prefix_is_named_with_its_position(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE {\n  ?s chebi:role ?o }"})
    assert r.status_code == 400
    detail = r.json()["error"]["detail"]
    assert "`chebi:` is not declared (line 2, column" in detail
    assert "PREFIX chebi:" in detail
    assert "\\u{" not in detail and len(detail) < 300


def test_a_syntax_error_stays_short(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o . FILTER( }"})
    detail = r.json()["error"]["detail"]
    assert r.status_code == 400 and "(line 1, column" in detail and len(detail) < 300


# -- columns in the query's order ------------------------------------------------------------------


def test_select_star_keeps_the_order_of_the_query(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ck:casNumber ?cas . ?s a ?class } LIMIT 1"})
    assert json.loads(r.content)["head"]["vars"] == ["s", "cas", "class"]
    tsv = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "format": "tsv"})
    assert tsv.text.splitlines()[0] == "?s\t?p\t?o"


def test_an_explicit_projection_keeps_its_order(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?o ?s ?p WHERE { ?s ?p ?o } LIMIT 1", "format": "csv"})
    assert r.text.splitlines()[0] == "o,s,p"


# -- HEAD and OPTIONS ----------------------------------------------------------------------------------


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    get = client.get("/sparql", params={"query": CAS})
    head = client.head("/sparql", params={"query": CAS})
    assert head.status_code == 200 and head.content == b""
    assert media(head) == media(get) == "application/sparql-results+json"
    assert client.head("/sparql", headers={"accept": "text/turtle"}).status_code == 200


def test_options_lists_the_methods(client: TestClient) -> None:
    r = client.options("/sparql")
    assert r.status_code == 204
    assert r.headers["allow"] == "GET, HEAD, POST, OPTIONS"
    assert client.options("/substance/pfhxs-acid").headers["allow"] == "GET, HEAD, OPTIONS"


def test_every_page_answers_head(client: TestClient) -> None:
    for path in ("/ontology", "/substance/pfhxs-acid", "/ontology/context.jsonld"):
        head = client.head(path)
        assert head.status_code == 200 and head.content == b"", path
        assert head.headers["content-type"] == client.get(path).headers["content-type"]


# -- format parameters as clients send them ------------------------------------------------------------

SPARQLWRAPPER_SELECT = {  # SPARQLWrapper's return format → what it sends besides Accept
    "json": ["json"],
    "xml": ["xml"],
    "csv": ["csv"],
    "tsv": ["tsv", "text/tab-separated-values"],
}
SELECT_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}


def sparqlwrapper_params(query: str, values: list[str]) -> list[tuple[str, str]]:
    return [("query", query)] + [(name, v) for name in ("format", "output", "results") for v in values]


@pytest.mark.parametrize("fmt", SPARQLWRAPPER_SELECT)
def test_sparqlwrapper_parameters_for_a_select(client: TestClient, fmt: str) -> None:
    r = client.get("/sparql", params=sparqlwrapper_params(CAS, SPARQLWRAPPER_SELECT[fmt]))
    assert r.status_code == 200, r.text
    assert media(r) == SELECT_MEDIA[fmt]
    assert PFHXS in r.text


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["turtle"], "text/turtle"),
        (["n3"], "text/n3"),
        (["xml"], "application/rdf+xml"),
        (["rdf+xml", "application/rdf+xml"], "application/rdf+xml"),
        (["json-ld", "application/ld+json"], "application/ld+json"),
    ],
)
def test_sparqlwrapper_parameters_for_a_construct(client: TestClient, values: list[str], expected: str) -> None:
    r = client.get("/sparql", params=sparqlwrapper_params(CONSTRUCT, values))
    assert r.status_code == 200, r.text
    assert media(r) == expected
    graph = Graph().parse(data=r.content, format={"text/n3": "n3"}.get(expected, expected))
    assert (URIRef(PFHXS), URIRef("https://w3id.org/chemkg/ontology#casNumber"), Literal("355-46-4")) in graph


def test_format_names_that_disagree_are_400_naming_both(client: TestClient) -> None:
    r = client.get("/sparql", params=[("query", CAS), ("format", "json"), ("output", "csv")])
    assert r.status_code == 400
    detail = r.json()["error"]["detail"]
    assert "`json`" in detail and "`csv`" in detail


# -- Accept headers of Jena, YASGUI and curl -----------------------------------------------------------


def test_jena_accept_headers(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": CAS}, headers={"accept": JENA_SELECT})
    ask = client.get("/sparql", params={"query": "ASK {}"}, headers={"accept": JENA_SELECT})
    construct = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": JENA_GRAPH})
    assert media(select) == media(ask) == "application/sparql-results+json"
    assert media(construct) == "text/turtle"


def test_yasgui_posts_a_form_with_its_accept_header(client: TestClient) -> None:
    select = client.post(
        "/sparql", data={"query": CAS}, headers={"accept": "application/sparql-results+json,*/*;q=0.9"}
    )
    construct = client.post("/sparql", data={"query": CONSTRUCT}, headers={"accept": "text/turtle,*/*;q=0.9"})
    assert media(select) == "application/sparql-results+json" and PFHXS in select.text
    assert media(construct) == "text/turtle" and "355-46-4" in construct.text


def test_curl_without_accept_gets_json_results_and_turtle_graphs(client: TestClient) -> None:
    select = client.get("/sparql", params={"query": CAS}, headers={"accept": ""})
    construct = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": ""})
    assert media(select) == "application/sparql-results+json"
    assert media(construct) == "text/turtle"


def test_json_ld_carries_chemkgs_context_and_the_same_triples(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "application/ld+json"})
    document = json.loads(r.content)
    assert document["@context"]["ck"] == "https://w3id.org/chemkg/ontology#"
    turtle = client.get("/sparql", params={"query": CONSTRUCT}, headers={"accept": "text/turtle"})
    assert Graph().parse(data=r.content, format="json-ld").isomorphic(Graph().parse(data=turtle.text, format="turtle"))
