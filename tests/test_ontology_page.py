"""The ontology as a page and as a JSON-LD context: every term has an anchor, every link lands on one."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, URIRef

from chemkg.settings import Settings
from chemkg.web.app import create_app

CK = "https://w3id.org/chemkg/ontology#"
PFHXS = "https://w3id.org/chemkg/substance/pfhxs-acid"


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def anchors(client: TestClient) -> set[str]:
    page = client.get("/ontology", headers={"accept": "text/html"})
    assert page.status_code == 200
    return set(re.findall(r'<section class="panel ontology-term" id="([^"]+)"', page.text))


def test_every_class_and_property_of_the_ontology_has_an_anchor(client: TestClient, anchors: set[str]) -> None:
    graph = Graph().parse(data=client.get("/ontology.ttl").text, format="turtle")
    declared = {
        str(s)[len(CK) :]
        for kind in ("Class", "ObjectProperty", "DatatypeProperty")
        for s in graph.subjects(
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(f"http://www.w3.org/2002/07/owl#{kind}")
        )
        if str(s).startswith(CK)
    }
    assert len(declared) > 90 and declared == anchors


def test_a_term_shows_labels_definition_domain_range_and_uses(client: TestClient) -> None:
    page = client.get("/ontology?lang=nl", headers={"accept": "text/html"}).text
    section = page[page.index('id="casNumber"') :]
    section = section[: section.index("</section>")]
    assert "CAS" in section and "Bereik" in section and "xsd:string" in section
    uses = re.search(r"([\d,]+) keer", section)
    assert uses and int(uses.group(1).replace(",", "")) > 100
    assert "/sparql?query=" in section


def test_every_ontology_link_on_the_site_lands_on_an_anchor(client: TestClient, anchors: set[str]) -> None:
    for path in ("/substance/pfhxs-acid", "/treaty/stockholm", "/treaty/stockholm/annex-a", "/sparql", "/ontology"):
        page = client.get(path, headers={"accept": "text/html"})
        for target in re.findall(r'href="/ontology#([^"]+)"', page.text):
            assert target in anchors, f"{path} links /ontology#{target}, which has no anchor"


def test_every_ck_term_the_store_uses_is_on_the_page(client: TestClient, anchors: set[str]) -> None:
    query = "SELECT DISTINCT ?t WHERE { { ?s ?t ?o } UNION { ?s a ?t } FILTER(STRSTARTS(STR(?t), STR(ck:))) }"
    rows = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    used = {r["t"]["value"][len(CK) :] for r in rows}
    assert used and used <= anchors


def test_the_json_ld_context_is_served_and_used_by_the_json_ld_answers(client: TestClient) -> None:
    context = client.get("/ontology/context.jsonld").json()["@context"]
    assert context["ck"] == CK and context["Substance"] == "ck:Substance"
    assert context["casNumber"] == {"@id": "ck:casNumber"}
    entity = client.get("/substance/pfhxs-acid.jsonld")
    document = json.loads(entity.content)
    assert document["@context"] == context
    graph = Graph().parse(data=entity.content, format="json-ld")
    assert (URIRef(PFHXS), URIRef(CK + "casNumber"), Literal("355-46-4")) in graph
    answer = client.get("/sparql", params={"query": f"DESCRIBE <{PFHXS}>"}, headers={"accept": "application/ld+json"})
    assert json.loads(answer.content)["@context"] == context


def test_entity_rdf_carries_the_links_into_it_and_look_ups_out(client: TestClient) -> None:
    graph = Graph().parse(data=client.get("/substance/pfhxs-acid.ttl").text, format="turtle")
    assert any(graph.triples((None, None, URIRef(PFHXS))))  # incoming: its group, its listings
    see_also = {str(o) for o in graph.objects(URIRef(PFHXS), URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"))}
    assert "https://pubchem.ncbi.nlm.nih.gov/#query=355-46-4" in see_also
    assert any("wikidata.org" in url and "P231%3D355-46-4" in url for url in see_also)
    label = graph.value(
        URIRef("https://pubchem.ncbi.nlm.nih.gov/#query=355-46-4"), URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    )
    assert label is not None and "not an identity" in str(label)


def test_the_substance_page_offers_the_look_ups_as_searches(client: TestClient) -> None:
    page = client.get("/substance/pfhxs-acid?lang=en", headers={"accept": "text/html"}).text
    assert 'href="https://pubchem.ncbi.nlm.nih.gov/#query=355-46-4"' in page
    assert "comptox.epa.gov" in page and "does not claim" in page


def test_owl_tools_get_the_ontology_at_ontology_owl_as_rdf_xml(client: TestClient) -> None:
    owl = client.get("/ontology.owl")
    assert owl.status_code == 200 and owl.headers["content-type"].startswith("application/rdf+xml")
    turtle = Graph().parse(data=client.get("/ontology.ttl").text, format="turtle")
    assert len(Graph().parse(data=owl.text, format="xml")) == len(turtle)
