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

import pyoxigraph as ox

from chemkg.namespaces import PREFIXES

SH = "http://www.w3.org/ns/shacl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CATALOGUE = "https://w3id.org/chemkg/sparql#"
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


def _by_language(graph: ox.Store, subject: ox.NamedNode, predicate: str) -> dict[str, str]:
    out = {}
    for quad in graph.quads_for_pattern(subject, ox.NamedNode(predicate), None):
        if isinstance(quad.object, ox.Literal):
            out[quad.object.language or "en"] = quad.object.value
    return out


def _prefixes(graph: ox.Store, subject: ox.NamedNode) -> tuple[tuple[str, str], ...]:
    declared: dict[str, str] = {}
    for holder in graph.quads_for_pattern(subject, ox.NamedNode(SH + "prefixes"), None):
        for declaration in graph.quads_for_pattern(holder.object, ox.NamedNode(SH + "declare"), None):  # type: ignore[arg-type]
            node = declaration.object
            prefix = next(graph.quads_for_pattern(node, ox.NamedNode(SH + "prefix"), None)).object  # type: ignore[arg-type]
            namespace = next(graph.quads_for_pattern(node, ox.NamedNode(SH + "namespace"), None)).object  # type: ignore[arg-type]
            declared[prefix.value] = namespace.value  # type: ignore[union-attr]
    order = list(PREFIXES)
    return tuple(sorted(declared.items(), key=lambda p: order.index(p[0]) if p[0] in order else len(order)))


def _query_of(graph: ox.Store, subject: ox.NamedNode) -> tuple[str, str]:
    """The form and text of an example's query (``sh:select``, ``sh:ask``, ``sh:construct`` or ``sh:describe``)."""
    for key, form in FORMS.items():
        for quad in graph.quads_for_pattern(subject, ox.NamedNode(SH + key), None):
            if isinstance(quad.object, ox.Literal):
                return form, quad.object.value
    raise ValueError(f"{subject.value} has no sh:select, sh:ask, sh:construct or sh:describe")


@cache
def load_examples() -> tuple[Example, ...]:
    """Every example of the catalogue, in the order of their names (``cq01`` first)."""
    graph = ox.Store()
    text = (resources.files("chemkg.queries") / "examples.ttl").read_bytes()
    graph.load(text, format=ox.RdfFormat.TURTLE)
    examples = []
    executable = ox.NamedNode(SH + "SPARQLExecutable")
    for typed in graph.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), executable):
        subject = typed.subject
        assert isinstance(subject, ox.NamedNode)
        form, body = _query_of(graph, subject)
        identifier = _by_language(graph, subject, DCTERMS + "identifier")["en"]
        keywords = sorted(
            q.object.value
            for q in graph.quads_for_pattern(subject, ox.NamedNode(SCHEMA + "keywords"), None)
            if isinstance(q.object, ox.Literal)
        )
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
