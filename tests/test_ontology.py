"""The ontology documents itself: every term has a label and a definition in English and Dutch."""

import re
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

ONTOLOGY = Path(__file__).resolve().parent.parent / "ontology" / "chemkg.ttl"
CK = "https://w3id.org/chemkg/ontology#"
graph = Graph().parse(ONTOLOGY)
TERMS = sorted(
    {
        s
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for s in graph.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(CK)
    }
)


def test_the_ontology_has_a_version_iri() -> None:
    assert graph.value(URIRef("https://w3id.org/chemkg/ontology"), OWL.versionIRI) is not None


@pytest.mark.parametrize("term", TERMS, ids=lambda t: str(t)[len(CK) :])
def test_every_term_has_english_and_dutch_label_and_definition(term: URIRef) -> None:
    for predicate in (RDFS.label, SKOS.definition):
        languages = {getattr(o, "language", None) for o in graph.objects(term, predicate)}
        assert {"en", "nl"} <= languages, f"{term} lacks an en or nl {predicate}"


def test_every_term_the_build_writes_is_declared() -> None:
    """A typo in a predicate would otherwise produce silently unqueryable data."""
    source = "\n".join(p.read_text() for p in (ONTOLOGY.parent.parent / "src" / "chemkg" / "build").glob("*.py"))
    used = set(re.findall(r"\bCK\.([A-Za-z]+)", source))
    declared = {str(s)[len(CK) :] for s in graph.subjects() if str(s).startswith(CK)}
    missing = used - declared
    assert not missing, f"used but not declared in the ontology: {missing}"
