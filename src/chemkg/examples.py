"""The SPARQL example catalogue (``queries/examples.ttl``) as data: one description per example.

Each example is an RDF description in the shape of the SIB ``sparql-examples`` (``sh:select``,
``rdfs:label`` and ``rdfs:comment`` in English and Dutch, ``schema:keywords``), so the query editor,
``chemkg query --example``, the reports and the ask feature read the same catalogue, and any other
tool that knows that shape can too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from chemkg.namespaces import PREFIXES

SH = "http://www.w3.org/ns/shacl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
FORMS = {"select": "SELECT", "ask": "ASK", "construct": "CONSTRUCT", "describe": "DESCRIBE"}


@dataclass(frozen=True)
class Example:
    """One example query: its name (``cq01-…``), IRI, labels and comments by language, and its query."""

    name: str
    iri: str
    label: dict[str, str]
    comment: dict[str, str]
    keywords: tuple[str, ...]
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    body: str  # the query as written, without PREFIX lines
    prefixes: tuple[tuple[str, str], ...]

    @property
    def query(self) -> str:
        """The query complete with its PREFIX lines, runnable on any endpoint that holds ChemKG's data."""
        return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in self.prefixes) + self.body

    def title(self, lang: str) -> str:
        return self.label.get(lang) or self.label["en"]

    def description(self, lang: str) -> str:
        return self.comment.get(lang) or self.comment["en"]


class _Graph:
    """The catalogue file's triples, indexed by subject and predicate (a file read once, not a store)."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.triples = triples
        self.index: dict[tuple[str, str], list[ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]] = {}
        for t in triples:
            self.index.setdefault((str(t.subject), t.predicate.value), []).append(t.object)

    def objects(self, subject: ox.NamedNode | ox.BlankNode, predicate: str) -> list[Any]:
        return self.index.get((str(subject), predicate), [])


def _by_language(graph: _Graph, subject: ox.NamedNode, predicate: str) -> dict[str, str]:
    out = {}
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, ox.Literal):
            out[obj.language or "en"] = obj.value
    return out


def _prefixes(graph: _Graph, subject: ox.NamedNode) -> tuple[tuple[str, str], ...]:
    declared: dict[str, str] = {}
    for holder in graph.objects(subject, SH + "prefixes"):
        for node in graph.objects(holder, SH + "declare"):
            prefix = graph.objects(node, SH + "prefix")[0]
            namespace = graph.objects(node, SH + "namespace")[0]
            declared[prefix.value] = namespace.value
    order = list(PREFIXES)
    return tuple(sorted(declared.items(), key=lambda p: order.index(p[0]) if p[0] in order else len(order)))


def _query_of(graph: _Graph, subject: ox.NamedNode) -> tuple[str, str]:
    """The form and text of an example's query (``sh:select``, ``sh:ask``, ``sh:construct`` or ``sh:describe``)."""
    for key, form in FORMS.items():
        for obj in graph.objects(subject, SH + key):
            if isinstance(obj, ox.Literal):
                return form, obj.value
    raise ValueError(f"{subject.value} has no sh:select, sh:ask, sh:construct or sh:describe")


@cache
def load_examples() -> tuple[Example, ...]:
    """Every example of the catalogue, in the order of their names (``cq01`` first)."""
    text = (resources.files("chemkg.queries") / "examples.ttl").read_bytes()
    graph = _Graph(list(ox.parse(text, format=ox.RdfFormat.TURTLE)))
    examples = []
    executable = ox.NamedNode(SH + "SPARQLExecutable")
    for typed in graph.triples:
        if typed.predicate.value != RDF_TYPE or typed.object != executable:
            continue
        subject = typed.subject
        assert isinstance(subject, ox.NamedNode)
        form, body = _query_of(graph, subject)
        identifier = _by_language(graph, subject, DCTERMS + "identifier")["en"]
        keywords = sorted(o.value for o in graph.objects(subject, SCHEMA + "keywords") if isinstance(o, ox.Literal))
        examples.append(
            Example(
                name=identifier,
                iri=subject.value,
                label=_by_language(graph, subject, RDFS + "label"),
                comment=_by_language(graph, subject, RDFS + "comment"),
                keywords=tuple(keywords),
                form=form,
                body=body,
                prefixes=_prefixes(graph, subject),
            )
        )
    return tuple(sorted(examples, key=lambda e: e.name))


def example(name: str) -> Example | None:
    """The example of that name (``cq09-montreal-annex-f-gwp``), or None."""
    return next((e for e in load_examples() if e.name == name), None)
