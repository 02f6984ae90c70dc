"""The /sparql endpoint follows the SPARQL 1.1 Protocol: one test per rule, named after the rule."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient
from rdflib import RDF, Graph, Namespace
from rdflib.query import Result

from chemkg.settings import Settings
from chemkg.web.app import create_app

PFHXS_CAS = 'SELECT ?substance WHERE { ?substance ck:casNumber "355-46-4" }'
PFHXS = "https://w3id.org/chemkg/substance/pfhxs-acid"
PROVENANCE = "https://w3id.org/chemkg/graph/provenance"
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
# The W3C's IRIs for result formats (https://www.w3.org/ns/formats/), as a service description names them.
W3C_FORMATS = "http://www.w3.org/ns/formats/"
SELECT_FORMAT_NAMES = {
    "application/sparql-results+json": "SPARQL_Results_JSON",
    "application/sparql-results+xml": "SPARQL_Results_XML",
    "text/csv": "SPARQL_Results_CSV",
    "text/tab-separated-values": "SPARQL_Results_TSV",
}
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
GRAPH_TYPES = {
    "text/turtle": "turtle",
    "application/n-triples": "nt",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-quads": "nquads",
    "application/trig": "trig",
}


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


def bindings(response: object) -> list[dict[str, str]]:
    data = json.loads(response.content)  # type: ignore[attr-defined]
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


# -- ways to send a query --------------------------------------------------------------------------


def test_query_via_get(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/sparql-results+json")
    assert bindings(r) == [{"substance": PFHXS}]


def test_query_via_post_form(client: TestClient) -> None:
    r = client.post("/sparql", data={"query": PFHXS_CAS})
    assert r.status_code == 200
    assert bindings(r) == [{"substance": PFHXS}]


def test_query_via_post_directly(client: TestClient) -> None:
    r = client.post("/sparql", content=PFHXS_CAS, headers={"content-type": "application/sparql-query"})
    assert r.status_code == 200
    assert bindings(r) == [{"substance": PFHXS}]


def test_query_given_twice_is_400_naming_the_rule(client: TestClient) -> None:
    r = client.get("/sparql", params=[("query", PFHXS_CAS), ("query", "ASK {}")])
    assert r.status_code == 400
    assert "exactly one `query`" in r.json()["error"]["detail"]


def test_query_in_url_and_body_is_400(client: TestClient) -> None:
    r = client.post(
        "/sparql", params={"query": "ASK {}"}, content=PFHXS_CAS, headers={"content-type": "application/sparql-query"}
    )
    assert r.status_code == 400
    assert "once" in r.json()["error"]["detail"]
    r = client.post("/sparql", params={"query": "ASK {}"}, data={"query": PFHXS_CAS})
    assert r.status_code == 400


def test_unsupported_media_type_is_415(client: TestClient) -> None:
    r = client.post("/sparql", content=PFHXS_CAS, headers={"content-type": "text/plain"})
    assert r.status_code == 415
    assert "application/sparql-query" in r.json()["error"]["detail"]


def test_post_without_content_type_is_415(client: TestClient) -> None:
    r = client.post("/sparql", content=b"query=ASK%20%7B%7D")
    assert r.status_code == 415


def test_non_utf8_body_is_rejected(client: TestClient) -> None:
    declared = client.post(
        "/sparql", content=PFHXS_CAS.encode(), headers={"content-type": "application/sparql-query; charset=latin-1"}
    )
    assert declared.status_code == 415
    invalid = client.post("/sparql", content=b"ASK { \xff }", headers={"content-type": "application/sparql-query"})
    assert invalid.status_code == 400


def test_empty_query_is_400(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "  "}).status_code == 400


def test_malformed_query_is_400_with_the_parser_position(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    error = r.json()["error"]
    assert error["title"] == "Malformed query"
    assert "(line 1, column " in error["detail"]  # where the parser stopped


def test_update_via_get_is_400(client: TestClient) -> None:
    r = client.get("/sparql", params={"update": "CLEAR ALL"})
    assert r.status_code == 400
    assert "POST" in r.json()["error"]["detail"]


def test_update_via_post_is_403_read_only(client: TestClient) -> None:
    direct = client.post("/sparql", content="CLEAR ALL", headers={"content-type": "application/sparql-update"})
    form = client.post("/sparql", data={"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"})
    assert direct.status_code == form.status_code == 403
    assert "read-only" in direct.json()["error"]["detail"]
    # and nothing changed
    assert client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> <urn:c> }"}).json()["boolean"] is False


def test_update_text_sent_as_a_query_is_400(client: TestClient) -> None:
    assert client.get("/sparql", params={"query": "CLEAR ALL"}).status_code == 400


def test_federated_service_is_refused(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403
    assert "SERVICE" in r.json()["error"]["detail"]


def test_other_methods_are_405(client: TestClient) -> None:
    r = client.put("/sparql", content=PFHXS_CAS)
    assert r.status_code == 405
    assert r.json()["error"]["status"] == 405


# -- content negotiation ----------------------------------------------------------------------------


@pytest.mark.parametrize("media_type", SELECT_TYPES)
def test_each_select_format_parses_back(client: TestClient, media_type: str) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS}, headers={"accept": media_type})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type
    # pyoxigraph (which refuses lossy CSV) and rdflib (which cannot read TSV) read it back to the same answer
    if media_type != "text/csv":
        parsed = ox.parse_query_results(r.content, format=ox.QueryResultsFormat.from_media_type(media_type))
        assert isinstance(parsed, ox.QuerySolutions)
        assert [str(s["substance"].value) for s in parsed] == [PFHXS]  # type: ignore[union-attr]
    if media_type != "text/tab-separated-values":
        result = Result.parse(io.BytesIO(r.content), format=SELECT_TYPES[media_type])
        assert [str(row[0]) for row in result] == [PFHXS]  # type: ignore[index]


@pytest.mark.parametrize("media_type", ["application/sparql-results+json", "application/sparql-results+xml"])
def test_ask_answers_parse_back(client: TestClient, media_type: str) -> None:
    r = client.get("/sparql", params={"query": "ASK { ?s ck:casNumber '355-46-4' }"}, headers={"accept": media_type})
    parsed = ox.parse_query_results(r.content, format=ox.QueryResultsFormat.from_media_type(media_type))
    assert isinstance(parsed, ox.QueryBoolean) and bool(parsed) is True


@pytest.mark.parametrize("media_type", GRAPH_TYPES)
def test_each_construct_format_parses_back(client: TestClient, media_type: str) -> None:
    query = f"CONSTRUCT {{ <{PFHXS}> ?p ?o }} WHERE {{ <{PFHXS}> ?p ?o }}"
    r = client.get("/sparql", params={"query": query}, headers={"accept": media_type})
    assert r.status_code == 200
    assert r.headers["content-type"].split(";")[0] == media_type
    graph = Graph().parse(data=r.content, format=GRAPH_TYPES[media_type])
    assert any(str(o) == "355-46-4" for o in graph.objects())


def test_describe_returns_the_substance(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": f"DESCRIBE <{PFHXS}>"}, headers={"accept": "text/turtle"})
    assert r.status_code == 200
    assert "355-46-4" in r.text


def test_accept_with_q_values_picks_the_preferred_format(client: TestClient) -> None:
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    r = client.get("/sparql", params={"query": PFHXS_CAS}, headers={"accept": accept})
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["substance"], [PFHXS]]


def test_combined_accept_of_rdflib_sparqlstore_serves_both_query_forms(client: TestClient) -> None:
    accept = "application/rdf+xml, application/sparql-results+xml"
    select = client.get("/sparql", params={"query": PFHXS_CAS}, headers={"accept": accept})
    construct = client.get(
        "/sparql", params={"query": f"CONSTRUCT WHERE {{ <{PFHXS}> ?p ?o }}"}, headers={"accept": accept}
    )
    assert select.headers["content-type"].startswith("application/sparql-results+xml")
    assert construct.headers["content-type"].startswith("application/rdf+xml")


def test_format_parameter_overrides_accept(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS, "format": "tsv"}, headers={"accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    construct = client.get("/sparql", params={"query": f"CONSTRUCT WHERE {{ <{PFHXS}> ?p ?o }}", "format": "json"})
    assert construct.headers["content-type"].startswith("application/ld+json")


def test_nothing_acceptable_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS}, headers={"accept": "image/png"})
    assert r.status_code == 406
    assert "application/sparql-results+json" in r.json()["error"]["detail"]


def test_graph_format_for_a_select_is_406(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS}, headers={"accept": "text/turtle"})
    assert r.status_code == 406
    assert "SELECT" in r.json()["error"]["detail"]


# -- dataset ----------------------------------------------------------------------------------------


def test_default_graph_is_the_union_of_named_graphs(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    per_graph = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert int(bindings(r)[0]["n"]) == int(bindings(per_graph)[0]["n"]) > 1000


def test_graph_variable_exposes_register_graphs_and_provenance(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    graphs = {row["g"] for row in bindings(r)}
    assert PROVENANCE in graphs
    assert "https://w3id.org/chemkg/graph/listings/stockholm" in graphs
    where = client.get("/sparql", params={"query": 'SELECT ?g WHERE { GRAPH ?g { ?s ck:casNumber "355-46-4" } }'})
    assert [row["g"] for row in bindings(where)] == ["https://w3id.org/chemkg/graph/substances/pops"]


def test_default_graph_uri_restricts_the_default_graph(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS, "default-graph-uri": PROVENANCE})
    assert bindings(r) == []
    r = client.get(
        "/sparql",
        params={"query": PFHXS_CAS, "default-graph-uri": "https://w3id.org/chemkg/graph/substances/pops"},
    )
    assert bindings(r) == [{"substance": PFHXS}]


def test_named_graph_uri_limits_graph_variable(client: TestClient) -> None:
    r = client.get(
        "/sparql",
        params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": PROVENANCE},
    )
    assert bindings(r) == [{"g": PROVENANCE}]


def test_from_clause_in_the_query_is_honoured(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": f"SELECT ?s FROM <{PROVENANCE}> WHERE {{ ?s ck:casNumber ?c }}"})
    assert bindings(r) == []


def test_dataset_iri_must_be_absolute(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS, "default-graph-uri": "not an iri"})
    assert r.status_code == 400
    assert "default-graph-uri" in r.json()["error"]["detail"]


# -- describing the service --------------------------------------------------------------------------


def test_service_description_without_query(client: TestClient) -> None:
    """SPARQL 1.1 Service Description: one sd:Service at this endpoint, its language, features, formats, and
    every named graph a query can reach (a build may also list a graph its rules left empty)."""
    r = client.get("/sparql", headers={"accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    services = list(g.subjects(RDF.type, SD.Service))
    assert len(services) == 1
    service = services[0]
    assert [str(e) for e in g.objects(service, SD.endpoint)] == ["http://testserver/sparql"]
    assert SD.SPARQL11Query in set(g.objects(service, SD.supportedLanguage))
    assert SD.UnionDefaultGraph in set(g.objects(service, SD.feature))
    formats = {str(f) for f in g.objects(service, SD.resultFormat)}
    assert {W3C_FORMATS + name for name in SELECT_FORMAT_NAMES.values()} <= formats
    named = {str(n) for n in g.objects(None, SD.name)}
    every_graph = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert {row["g"] for row in bindings(every_graph)} <= named and PROVENANCE in named


def test_browser_gets_an_html_page_for_the_endpoint(client: TestClient) -> None:
    r = client.get("/sparql", headers={"accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "SPARQL" in r.text


def test_void_description(client: TestClient) -> None:
    for path in ("/void", "/.well-known/void"):
        r = client.get(path, headers={"accept": "text/turtle"})
        assert r.status_code == 200
        g = Graph().parse(data=r.text, format="turtle")
        assert len(g) > 10
        assert "void:sparqlEndpoint" in r.text


def test_cors_lets_browser_clients_query(client: TestClient) -> None:
    r = client.get("/sparql", params={"query": PFHXS_CAS}, headers={"origin": "https://yasgui.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options(
        "/sparql",
        headers={
            "origin": "https://yasgui.example",
            "access-control-request-method": "POST",
            "access-control-request-headers": "content-type",
        },
    )
    assert pre.status_code == 200


# -- limits ----------------------------------------------------------------------------------------


def test_result_limit_cut_is_signalled(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"result_limit": 5}))) as small:
        r = small.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
        assert r.status_code == 200
        assert len(bindings(r)) == 5
        assert r.headers["x-chemkg-truncated"] == "true"
        assert "5 results" in r.headers["x-chemkg-note"]
        whole = small.get("/sparql", params={"query": PFHXS_CAS})
        assert "x-chemkg-truncated" not in whole.headers


def test_large_results_stream_in_chunks(client: TestClient) -> None:
    with client.stream("GET", "/sparql", params={"query": "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "format": "tsv"}) as r:
        chunks = list(r.iter_raw())
    assert len(chunks) > 1
    body = b"".join(chunks).decode()
    assert body.startswith("?s\t?p\t?o\n")
    assert body.count("\n") == 10_001  # the header and the default limit of rows
