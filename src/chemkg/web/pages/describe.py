"""What the store says about one IRI: its own triples (a concise bounded description) plus the
labels of the nodes it links to, as plain rows for the generic page and as RDF for machines."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from chemkg.namespaces import BASE, PREFIXES
from chemkg.store import GraphStore

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
LABEL_PREDICATES = (
    ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
    ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
    ox.NamedNode("http://www.w3.org/2004/02/skos/core#notation"),
)
REFERENCE_LIMIT = 200


@dataclass(frozen=True)
class Value:
    """An object of a triple: an IRI (with its label, if any) or a literal (with its language)."""

    text: str
    iri: str | None = None
    lang: str = ""
    datatype: str | None = None


@dataclass
class Description:
    iri: str
    types: list[str]
    properties: dict[str, list[Value]]  # predicate IRI → values, in a stable order
    labels: dict[str, dict[str, str]]  # IRI → lang → label, for the subject and every linked node
    referenced_by: list[tuple[str, str]] = field(default_factory=list)  # (subject IRI, predicate IRI)
    triples: list[ox.Triple] = field(default_factory=list)

    def label(self, iri: str, lang: str = "en") -> str:
        found = self.labels.get(iri, {})
        return found.get(lang) or found.get("en") or found.get("") or short_form(iri)


def short_form(iri: str) -> str:
    """``ck:listedItem`` for an ontology term, ``substance/pfhxs`` for a ChemKG IRI, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    if iri.startswith(BASE):
        return iri[len(BASE) :]
    return iri


def _labels_of(store: GraphStore, node: ox.NamedNode) -> tuple[dict[str, str], list[ox.Triple]]:
    labels: dict[str, str] = {}
    triples: list[ox.Triple] = []
    for predicate in LABEL_PREDICATES:
        for triple in store.about(node.value, predicate.value):
            obj = triple.object
            if isinstance(obj, ox.Literal):
                labels.setdefault(obj.language or "", obj.value)
                triples.append(triple)
    return labels, triples


def exists(store: GraphStore, iri: str) -> bool:
    """Whether the store says anything about the IRI (as subject)."""
    return next(store.about(iri), None) is not None


def describe(store: GraphStore, iri: str, with_references: bool = True) -> Description | None:
    """The description of ``iri``, or ``None`` when the store has no triple about it."""
    seen: set[ox.Triple] = set()
    triples: list[ox.Triple] = []
    for triple in store.about(iri):
        if triple not in seen:
            seen.add(triple)
            triples.append(triple)
    if not triples:
        return None
    properties: dict[str, list[Value]] = {}
    labels: dict[str, dict[str, str]] = {}
    extra: list[ox.Triple] = []
    types: list[str] = []
    for triple in sorted(triples, key=lambda t: (t.predicate.value, str(t.object))):
        obj = triple.object
        if isinstance(obj, ox.NamedNode):
            if triple.predicate == RDF_TYPE:
                types.append(obj.value)
            if obj.value not in labels:
                labels[obj.value], more = _labels_of(store, obj)
                extra.extend(more)
            value = Value(obj.value, iri=obj.value)
        elif isinstance(obj, ox.Literal):
            datatype = obj.datatype.value if obj.datatype else None
            value = Value(obj.value, lang=obj.language or "", datatype=datatype)
        else:
            value = Value(str(obj))
        properties.setdefault(triple.predicate.value, []).append(value)
        if triple.predicate in LABEL_PREDICATES and isinstance(obj, ox.Literal):
            labels.setdefault(iri, {}).setdefault(obj.language or "", obj.value)
    for predicate in properties:
        if predicate not in labels:
            labels[predicate], _ = _labels_of(store, ox.NamedNode(predicate))
    referenced_by: list[tuple[str, str]] = []
    if with_references:
        for triple in store.pointing_to(iri):
            if not isinstance(triple.subject, ox.NamedNode):
                continue
            pair = (triple.subject.value, triple.predicate.value)
            if pair not in referenced_by:
                referenced_by.append(pair)
                if triple.subject.value not in labels:
                    labels[triple.subject.value], _ = _labels_of(store, triple.subject)
                if len(referenced_by) >= REFERENCE_LIMIT:
                    break
    return Description(iri, types, properties, labels, referenced_by, list(dict.fromkeys(triples + extra)))


def graph_of(store: GraphStore, graph_iri: str) -> list[ox.Triple]:
    """Every triple of one named graph (the ontology, or a register), for a whole-graph download."""
    return store.graph_triples(graph_iri)
