"""``/ontology``: the ontology as a page (every class and property with its anchor) and as data, and
ChemKG's JSON-LD context at a stable URL (``/ontology/context.jsonld``), the one the JSON-LD output uses.
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from fastapi.responses import Response

from chemkg.namespaces import ONTOLOGY_GRAPH, ONTOLOGY_IRI
from chemkg.web.live import CurrentBuild
from chemkg.web.negotiation import RDF_DOCUMENT_TYPES, content_type, negotiate, render_rdf
from chemkg.web.pages.describe import describe, graph_of
from chemkg.web.routers.entities import ALTERNATES, SUFFIXES, not_found
from chemkg.web.sparql_page import query_links
from chemkg.web.templating import render_page

router = APIRouter(tags=["Linked data"])
OFFERED = ["text/html", *RDF_DOCUMENT_TYPES]
OWL_VERSION_IRI = "http://www.w3.org/2002/07/owl#versionIRI"


@router.get("/ontology/context.jsonld", summary="ChemKG's JSON-LD context")
def context(build: CurrentBuild) -> Response:
    """The prefixes and one term per class and property; every JSON-LD answer of ChemKG carries it."""
    body = json.dumps({"@context": build.jsonld_context}, ensure_ascii=False, indent=1)
    return Response(body, media_type="application/ld+json", headers={"Access-Control-Allow-Origin": "*"})


@router.get("/ontology/{version}", include_in_schema=False, response_class=Response)
def ontology_version(request: Request, build: CurrentBuild, version: str) -> Response:
    """The ontology's versionIRI (ontology/0.1.0): the ontology itself while that is the version built."""
    store = build.store
    if not store.holds(str(ONTOLOGY_IRI), OWL_VERSION_IRI, f"{ONTOLOGY_IRI}/{version}"):
        return not_found(request, build, f"ontology/{version}")
    return ontology(request, build)


# OWL tools (Protégé, ROBOT) look for /ontology.owl: RDF/XML, as .rdf
ONTOLOGY_SUFFIXES = {**SUFFIXES, ".owl": "application/rdf+xml", ".rdf": "application/rdf+xml"}


@router.get("/ontology", summary="The ChemKG ontology", response_class=Response)
@router.get("/ontology.{suffix}", include_in_schema=False, response_class=Response)
def ontology(request: Request, build: CurrentBuild, suffix: str | None = None) -> Response:
    """The whole ontology graph for machines; for people, every class and property with its anchor."""
    store = build.store
    media_type = ONTOLOGY_SUFFIXES.get(f".{suffix}") if suffix else None
    if suffix and media_type is None:
        return not_found(request, build, f"ontology.{suffix}")
    media_type = media_type or negotiate(request, OFFERED)
    if media_type != "text/html":
        body = render_rdf(graph_of(store, str(ONTOLOGY_GRAPH)), media_type, build.jsonld_context)
        return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})
    description = describe(store, str(ONTOLOGY_IRI), with_references=False)
    if description is None:
        return not_found(request, build, "ontology")
    terms = build.ontology_terms
    context = {
        "d": description,
        "terms": terms,
        "classes": [t for t in terms if t.kind == "class"],
        "properties": [t for t in terms if t.kind != "class"],
        "uses": {t.name: query_links(uses_query(t.curie, t.kind))["share"] for t in terms},
        "alternates": [{"label": label, "href": f"/ontology{suffix}", "type": mt} for label, suffix, mt in ALTERNATES],
    }
    return render_page(request, "ontology.html", context)


def uses_query(curie: str, kind: str) -> str:
    """A query that lists where a term is used (its instances, or the triples that use the property).

    ``curie`` comes from the ontology graph (``ck:`` and a local name), never from the request.
    """
    if kind == "class":
        return (
            f"SELECT ?instance ?label WHERE {{\n  ?instance a {curie} .\n"
            '  OPTIONAL { ?instance skos:prefLabel ?label FILTER(LANG(?label) = "en") }\n} LIMIT 100'
        )
    return f"SELECT ?subject ?value WHERE {{\n  ?subject {curie} ?value .\n}} LIMIT 100"
