"""The example catalogue is data: SIB-shaped RDF descriptions in English and Dutch, each query runnable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph, Namespace
from rdflib.namespace import RDF, RDFS

from chemkg.examples import example, load_examples
from chemkg.store import OxigraphStore

SH = Namespace("http://www.w3.org/ns/shacl#")
EXAMPLES = load_examples()


def test_the_catalogue_holds_the_sixteen_competency_questions() -> None:
    assert [e.name[:4] for e in EXAMPLES] == [f"cq{n:02d}" for n in range(1, 17)]
    assert example("cq09-montreal-annex-f-gwp") is not None and example("cq99") is None


@pytest.mark.parametrize("e", EXAMPLES, ids=lambda e: e.name)
def test_each_example_is_described_in_english_and_dutch(e) -> None:  # type: ignore[no-untyped-def]
    assert set(e.label) == set(e.comment) == {"en", "nl"}
    assert e.label["en"] != e.label["nl"] and e.comment["en"] != e.comment["nl"]
    assert e.keywords and e.iri == f"https://w3id.org/chemkg/sparql#{e.name}"
    assert e.query.startswith("PREFIX ck: <https://w3id.org/chemkg/ontology#>\n")


@pytest.mark.parametrize("e", EXAMPLES, ids=lambda e: e.name)
def test_each_example_runs_as_written_without_the_endpoints_prefixes(store: OxigraphStore, e) -> None:  # type: ignore[no-untyped-def]
    result = store.sparql(e.query, default_prefixes=False)
    assert isinstance(result, ox.QuerySolutions) and e.form == "SELECT"


def test_the_catalogue_has_the_shape_other_sparql_example_tools_read(project_root) -> None:  # type: ignore[no-untyped-def]
    graph = Graph().parse(project_root / "src" / "chemkg" / "queries" / "examples.ttl")
    executables = set(graph.subjects(RDF.type, SH.SPARQLExecutable))
    assert len(executables) == len(EXAMPLES)
    for subject in executables:
        assert graph.value(subject, SH.select) is not None
        assert {label.language for label in graph.objects(subject, RDFS.comment)} == {"en", "nl"}  # type: ignore[attr-defined]
