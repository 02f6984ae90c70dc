"""The template catalogue (``templates.ttl``) and the instrument vocabulary (``vocabulary.ttl``) as data.

Both are Turtle files in the package, so the ask feature, the SPARQL editor's examples and the tests
read one description of each question ChemKG can answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import pyoxigraph as ox

ASK = "https://w3id.org/chemkg/ask#"
TEMPLATE_BASE = "https://w3id.org/chemkg/ask/template/"
SH = "http://www.w3.org/ns/shacl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
Term = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass(frozen=True)
class Slot:
    name: str
    kind: str
    required: bool
    accepts: frozenset[str] = frozenset()  # scope kinds (annex, instrument, list, class, status) or "group"
    negated: bool = False  # filled by the scope named after a negation ("… but not on Y")


@dataclass(frozen=True)
class Template:
    id: str
    label: dict[str, str]
    comment: dict[str, str]
    sparql: str
    slots: tuple[Slot, ...]
    cues: dict[str, tuple[re.Pattern[str], ...]]
    context: tuple[re.Pattern[str], ...]  # each must be in the question
    unless: tuple[re.Pattern[str], ...]  # none may be in the question
    absorbs: tuple[re.Pattern[str], ...]  # words the query answers for without a slot
    key: tuple[str, ...]
    priority: int
    examples: dict[str, str] = field(default_factory=dict)

    @property
    def iri(self) -> str:
        return TEMPLATE_BASE + self.id

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)


def _read(name: str) -> list[ox.Quad]:
    data = (resources.files("chemkg.ask") / name).read_bytes()
    return list(ox.parse(data, format=ox.RdfFormat.TURTLE))


def _by_subject(quads: list[ox.Quad]) -> dict[ox.NamedNode | ox.BlankNode, list[tuple[str, Term]]]:
    out: dict[ox.NamedNode | ox.BlankNode, list[tuple[str, Term]]] = defaultdict(list)
    for q in quads:
        if not isinstance(q.object, ox.Triple) and not isinstance(q.subject, ox.Triple):
            out[q.subject].append((q.predicate.value, q.object))
    return out


def _texts(props: list[tuple[str, Term]], predicate: str) -> dict[str, str]:
    return {o.language or "": o.value for p, o in props if p == predicate and isinstance(o, ox.Literal)}


@cache
def templates() -> dict[str, Template]:
    """Every template of the catalogue by id, in the order of the file."""
    quads = _read("templates.ttl")
    subjects = _by_subject(quads)
    out: dict[str, Template] = {}
    for subject, props in subjects.items():
        if not isinstance(subject, ox.NamedNode) or (RDF_TYPE, ox.NamedNode(SH + "SPARQLSelectExecutable")) not in [
            (p, o) for p, o in props
        ]:
            continue
        slots = []
        for p, o in props:
            if p == ASK + "slot":
                sp = subjects[o]  # type: ignore[index]
                values = {k[len(ASK) :]: [v for kk, v in sp if kk == k] for k, _ in sp}
                slots.append(
                    Slot(
                        name=values["name"][0].value,
                        kind=values["kind"][0].value,
                        required=bool(values.get("required")) and values["required"][0].value == "true",
                        accepts=frozenset(v.value for v in values.get("accepts", [])),
                        negated=any(v.value == "negated" for v in values.get("role", [])),
                    )
                )
        cues: dict[str, list[re.Pattern[str]]] = defaultdict(list)
        for p, o in props:
            if p == ASK + "cue" and isinstance(o, ox.Literal):
                cues[o.language or ""].append(re.compile(o.value))
        tid = subject.value[len(TEMPLATE_BASE) :]
        out[tid] = Template(
            id=tid,
            label=_texts(props, RDFS + "label"),
            comment=_texts(props, RDFS + "comment"),
            sparql=next(o.value for p, o in props if p == SH + "select"),
            slots=tuple(sorted(slots, key=lambda s: (s.kind, s.negated, s.name))),
            cues={lang: tuple(c) for lang, c in cues.items()},
            context=tuple(re.compile(o.value) for p, o in props if p == ASK + "context"),
            unless=tuple(re.compile(o.value) for p, o in props if p == ASK + "unless"),
            absorbs=tuple(re.compile(o.value) for p, o in props if p == ASK + "absorbs"),
            key=tuple(sorted(o.value for p, o in props if p == ASK + "key")),
            priority=int(next(o.value for p, o in props if p == ASK + "priority")),
            examples=_texts(props, ASK + "example"),
        )
    return out


@dataclass(frozen=True)
class Alias:
    iri: str
    text: str  # lower-cased, accent-free
    lang: str


@cache
def vocabulary() -> tuple[list[Alias], dict[str, dict[str, str]], dict[str, str]]:
    """Curated aliases, labels of the non-graph scopes (classes, ZZS) and annex codes by IRI."""
    from chemkg.resolve import normalise

    aliases: list[Alias] = []
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    codes: dict[str, str] = {}
    for q in _read("vocabulary.ttl"):
        obj = q.object
        if not isinstance(obj, ox.Literal):
            continue
        subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else ""
        if q.predicate.value == ASK + "alias":
            aliases.append(Alias(subject, normalise(obj.value), obj.language or "en"))
        elif q.predicate.value == RDFS + "label":
            labels[subject][obj.language or "en"] = obj.value
        elif q.predicate.value == ASK + "annexCode":
            codes[subject] = obj.value
    return aliases, dict(labels), codes
