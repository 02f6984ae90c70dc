"""Links out of an entity: look-ups in PubChem, CompTox and Wikidata by CAS RN or InChIKey, and the
links into it (incoming triples) for its RDF.

The look-ups are search URLs, given as ``rdfs:seeAlso`` with a label that says so: ChemKG does not
assert that the record found there is the same substance.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox

from chemkg.store import GraphStore
from chemkg.web.pages.describe import Description

CK = "https://w3id.org/chemkg/ontology#"
SCHEMA = "https://schema.org/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
IDENTIFIERS = {"cas": CK + "casNumber", "inchikey": SCHEMA + "inChIKey"}
KIND_NAMES = {"cas": "CAS RN", "inchikey": "InChIKey"}
SEARCHES = (  # site, identifier kind, search URL with {} for the value
    ("PubChem", "inchikey", "https://pubchem.ncbi.nlm.nih.gov/#query={}"),
    ("PubChem", "cas", "https://pubchem.ncbi.nlm.nih.gov/#query={}"),
    ("CompTox", "cas", "https://comptox.epa.gov/dashboard/search-results?input_type=synonym&inputs={}"),
    ("CompTox", "inchikey", "https://comptox.epa.gov/dashboard/search-results?input_type=inchikey&inputs={}"),
    ("Wikidata", "cas", "https://www.wikidata.org/w/index.php?search=haswbstatement%3AP231%3D{}"),
    ("Wikidata", "inchikey", "https://www.wikidata.org/w/index.php?search=haswbstatement%3AP235%3D{}"),
)
INCOMING_LIMIT = 2000


@dataclass(frozen=True)
class Lookup:
    """A search in another database for one identifier of an entity."""

    site: str
    kind: str
    value: str
    url: str

    @property
    def label(self) -> str:
        return f"{self.site} search for {KIND_NAMES[self.kind]} {self.value} (a look-up, not an identity)"


def lookups(identifiers: dict[str, list[str]]) -> list[Lookup]:
    """One search per site and identifier the entity has (``identifiers``: kind → values)."""
    return [
        Lookup(site, kind, value, template.format(quote(value, safe="")))
        for site, kind, template in SEARCHES
        for value in identifiers.get(kind, [])
    ]


def identifiers_of(description: Description) -> dict[str, list[str]]:
    return {
        kind: [v.text for v in description.properties.get(predicate, []) if v.text]
        for kind, predicate in IDENTIFIERS.items()
    }


def lookup_triples(iri: str, found: list[Lookup]) -> list[ox.Triple]:
    subject, see_also, label = ox.NamedNode(iri), ox.NamedNode(RDFS + "seeAlso"), ox.NamedNode(RDFS + "label")
    out = []
    for lookup in found:
        target = ox.NamedNode(lookup.url)
        out.append(ox.Triple(subject, see_also, target))
        out.append(ox.Triple(target, label, ox.Literal(lookup.label, language="en")))
    return out


def incoming_triples(store: GraphStore, iri: str, limit: int = INCOMING_LIMIT) -> list[ox.Triple]:
    """The triples that point at ``iri`` (its listings, its group's members, …), once each, at most ``limit``."""
    seen: dict[ox.Triple, None] = {}
    for triple in store.pointing_to(iri):
        seen.setdefault(triple)
        if len(seen) >= limit:
            break
    return list(seen)


def entity_rdf(store: GraphStore, description: Description) -> list[ox.Triple]:
    """What an entity's RDF download carries: its description, the links into it and the look-ups out."""
    extra = incoming_triples(store, description.iri) + lookup_triples(
        description.iri, lookups(identifiers_of(description))
    )
    return list(dict.fromkeys(description.triples + extra))
