"""The ontology as a page and as data: every class and property with its labels, definition, domain,
range and how often the store uses it; and the JSON-LD context derived from the same terms.

Every ``/ontology#Term`` link on the site lands on the anchor this page gives each term.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from chemkg.namespaces import CK, ONTOLOGY_GRAPH, PREFIXES
from chemkg.store import GraphStore

OWL = "http://www.w3.org/2002/07/owl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
KINDS = {OWL + "Class": "class", OWL + "ObjectProperty": "object", OWL + "DatatypeProperty": "datatype"}
TERMS_QUERY = f"""
SELECT ?term ?kind ?p ?o WHERE {{
  GRAPH <{ONTOLOGY_GRAPH}> {{
    VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty }}
    ?term a ?kind .
    OPTIONAL {{ ?term ?p ?o VALUES ?p {{ rdfs:label skos:definition rdfs:domain rdfs:range rdfs:subClassOf
                                          rdfs:subPropertyOf }} }}
  }}
}}"""
CLASS_USES = "SELECT ?term (COUNT(*) AS ?uses) WHERE { GRAPH ?g { ?s a ?term } } GROUP BY ?term"
PROPERTY_USES = "SELECT ?term (COUNT(*) AS ?uses) WHERE { GRAPH ?g { ?s ?term ?o } } GROUP BY ?term"


@dataclass
class OntologyTerm:
    """A class or property of the ontology, as the page and the editor's completion show it."""

    iri: str
    kind: str  # class, object or datatype
    label: dict[str, str] = field(default_factory=dict)
    definition: dict[str, str] = field(default_factory=dict)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    uses: int = 0

    @property
    def name(self) -> str:
        """The local name: the anchor on /ontology and the term in the JSON-LD context."""
        return self.iri.rsplit("#", 1)[-1]

    @property
    def curie(self) -> str:
        return compact(self.iri)

    def text(self, attribute: str, lang: str) -> str:
        values: dict[str, str] = getattr(self, attribute)
        return values.get(lang) or values.get("en") or ""


def compact(iri: str) -> str:
    """``ck:Substance`` for an IRI in one of ChemKG's prefixes, else the IRI itself."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _uses(store: GraphStore, query: str) -> dict[str, int]:
    return {row["term"]: int(row["uses"]) for row in store.select(query)}


def ontology_terms(store: GraphStore, with_uses: bool = True) -> tuple[OntologyTerm, ...]:
    """Every class, then every property, of the ontology graph in the store, by local name.

    How often the store uses each term is counted over the whole graph (``with_uses``); the JSON-LD
    context needs only the ontology graph. The live build keeps both (``Build.ontology_terms``)."""
    result = store.sparql(TERMS_QUERY)  # terms, not plain values: the labels keep their language
    assert isinstance(result, ox.QuerySolutions)
    terms: dict[str, OntologyTerm] = {}
    for row in result:
        iri = row["term"].value
        if not iri.startswith(str(CK)):
            continue
        term = terms.setdefault(iri, OntologyTerm(iri, KINDS[row["kind"].value]))
        predicate, value = row["p"], row["o"]
        if predicate is None or value is None:
            continue
        if predicate.value == RDFS + "label" and isinstance(value, ox.Literal):
            term.label[value.language or "en"] = value.value
        elif predicate.value == SKOS + "definition" and isinstance(value, ox.Literal):
            term.definition[value.language or "en"] = value.value
        elif isinstance(value, ox.NamedNode):
            target = {
                RDFS + "domain": term.domain,
                RDFS + "range": term.range,
                RDFS + "subClassOf": term.parents,
                RDFS + "subPropertyOf": term.parents,
            }[predicate.value]
            if value.value not in target:
                target.append(value.value)
    classes, properties = (_uses(store, CLASS_USES), _uses(store, PROPERTY_USES)) if with_uses else ({}, {})
    for term in terms.values():
        term.uses = (classes if term.kind == "class" else properties).get(term.iri, 0)
        for values in (term.domain, term.range, term.parents):
            values.sort()
    order = {"class": 0, "object": 1, "datatype": 1}
    return tuple(sorted(terms.values(), key=lambda t: (order[t.kind], t.name.lower())))


def jsonld_context(terms: tuple[OntologyTerm, ...]) -> dict[str, object]:
    """ChemKG's JSON-LD context: the prefixes, then one term per class and property.

    Object properties take IRIs (``"@type": "@id"``); datatype properties with one XSD range other
    than string carry it, so values read back with their datatype.
    """
    context: dict[str, object] = dict(PREFIXES)
    for term in terms:
        if term.kind == "class":
            context[term.name] = term.curie
            continue
        definition: dict[str, str] = {"@id": term.curie}
        if term.kind == "object":
            definition["@type"] = "@id"
        elif len(term.range) == 1 and term.range[0].startswith(XSD) and term.range[0] != XSD + "string":
            definition["@type"] = compact(term.range[0])
        context[term.name] = definition
    return context


def chemkg_context(store: GraphStore) -> dict[str, object]:
    """The JSON-LD context of the ontology in ``store`` (served at /ontology/context.jsonld)."""
    return jsonld_context(ontology_terms(store, with_uses=False))
