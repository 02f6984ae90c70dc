"""RIVM's ZZS rules applied to every substance in the build, curated or known only from a list.

A substance is ZZS by rule when one of its current listings meets a criterion that RIVM applies
automatically (``RULES``). The statuses land in the named graph ``zzs-rules``, each with the
criteria that hold, the listings they rest on (``prov:wasDerivedFrom``) and those listings'
sources. Curated ZZS rows (``graph/zzs``) are richer and win: no rule status is written for a
substance the curators have assessed. A status read from the RIVM list ``dcterms:replaces`` the
rule status of the same substance, which is how the list takes precedence while the comparison
of list and rules stays a query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV

from chemkg.namespaces import CK, iri
from chemkg.registers.validate import Catalogue
from chemkg.terms import node

GRAPH = "zzs-rules"
# Annex → the ZZS criterion (graph/zzs-criteria.csv) that a current listing in it meets.
RULES: dict[str, str] = {
    "clp/annex-vi-cmr": "cmr-clp",
    "reach/candidate-list": "reach-svhc",
    "eu-pops/annex-i": "eu-pop",
    "eu-pops/annex-ii": "eu-pop",
    "eu-pops/annex-iii": "eu-pop",
    "eu-pops/annex-iv": "eu-pop",
    "eu-pops/annex-v": "eu-pop",
    "ospar/lcpa": "ospar-lcpa",
}
RIVM_GRAPH = "import/rivm-zzs"


def key_of(entity: URIRef) -> str:
    return str(entity).rsplit("/", 1)[-1]


def triples(graphs: Iterable[Graph], predicate: URIRef) -> Iterable[tuple[URIRef, URIRef]]:
    for g in graphs:
        for s, o in g.subject_objects(predicate):
            if isinstance(s, URIRef) and isinstance(o, URIRef):
                yield s, o


def rule_graph(graphs: dict[str, Graph], catalogue: Catalogue) -> Graph:
    """The rule-derived ZZS statuses of every substance not assessed by the curators."""
    annexes = {node("annexes", a): a for a in RULES}
    data = [g for name, g in graphs.items() if name not in ("ontology", "provenance")]
    listed = {s for s, o in triples(data, CK.listingStatus) if o == CK.listed}
    items = dict(triples(data, CK.listedItem))
    evidence: dict[URIRef, dict[str, list[URIRef]]] = defaultdict(lambda: defaultdict(list))
    for listing, annex in triples(data, CK.inAnnex):
        if annex in annexes and listing in listed and listing in items:
            evidence[items[listing]][RULES[annexes[annex]]].append(listing)
    curated = {node("substances", row.get("substance")) for row in catalogue.of_kind("zzs")}
    sources: dict[URIRef, set[URIRef]] = defaultdict(set)
    for g in data:
        for subject, src in g.subject_objects(DCTERMS.source):
            if isinstance(subject, URIRef) and isinstance(src, URIRef):
                sources[subject].add(src)
    rivm: dict[URIRef, list[URIRef]] = defaultdict(list)
    if RIVM_GRAPH in graphs:
        for assessment, entity in graphs[RIVM_GRAPH].subject_objects(CK.assessedSubstance):
            if isinstance(assessment, URIRef) and isinstance(entity, URIRef):
                rivm[entity].append(assessment)
    g = Graph()
    for entity in sorted(evidence):
        if entity in curated:
            continue
        routes = evidence[entity]
        assessment = iri(f"zzs/status/rule/{key_of(entity)}")
        g.add((assessment, RDF.type, CK.ZZSAssessment))
        g.add((assessment, CK.assessedSubstance, entity))
        g.add((assessment, CK.zzsStatus, CK.zzs))
        g.add((assessment, CK.derivation, CK.byRule))
        g.add((assessment, CK.confidence, CK.confirmed))
        for route in sorted(routes):
            g.add((assessment, CK.zzsCriterion, node("zzs-criteria", route)))
            for listing in routes[route]:
                g.add((assessment, PROV.wasDerivedFrom, listing))
                for src in sources.get(listing, ()):
                    g.add((assessment, DCTERMS.source, src))
        locator = "; ".join(
            f"{route}: {', '.join(key_of(x) for x in sorted(routes[route]))}" for route in sorted(routes)
        )
        g.add((assessment, CK.sourceLocator, Literal(f"by rule from the listings {locator}")))
        g.add(
            (assessment, RDFS.label, Literal(f"{key_of(entity)}: ZZS by rule ({', '.join(sorted(routes))})", lang="en"))
        )
        for listed_status in rivm.get(entity, []):
            g.add((listed_status, DCTERMS.replaces, assessment))
    return g
