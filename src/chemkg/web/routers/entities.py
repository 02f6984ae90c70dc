"""Dereferenceable IRIs: every ``https://w3id.org/chemkg/<path>`` is served at ``/<path>``.

One route per IRI space. A browser gets the entity's page (a dedicated one for substances, groups,
instruments and annexes, a property table for the rest); a linked-data client gets Turtle,
N-Triples or JSON-LD by ``Accept``, ``format=`` or a ``.ttl`` / ``.nt`` / ``.jsonld`` suffix, through
the same negotiation helper and renderer table as ``/sparql``.
"""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from chemkg.namespaces import BASE
from chemkg.store import GraphStore
from chemkg.web.errors import BadRequest, NotFound
from chemkg.web.live import Build, CurrentBuild
from chemkg.web.negotiation import RDF_DOCUMENT_TYPES, content_type, negotiate, prefers_html, render_rdf
from chemkg.web.pages.describe import Description, describe, exists, graph_of
from chemkg.web.pages.lookups import entity_rdf, lookups
from chemkg.web.pages.panel import panel_page
from chemkg.web.pages.substance import substance_page
from chemkg.web.pages.suggest import suggestions
from chemkg.web.pages.treaty import TreatyPage, page_of
from chemkg.web.related import related_for
from chemkg.web.templating import render_page

router = APIRouter(tags=["Linked data"])

CK = "https://w3id.org/chemkg/ontology#"
IRI_SPACES = (
    "substance",
    "treaty",
    "listing",
    "exemption",
    "entry",
    "decision",
    "meeting",
    "zzs",
    "panel",
    "event",
    "source",
    "graph",
    "membership",  # an imported substance's membership of a curated group, read from the group's definition
    "correspondence",  # what an official list's entry is, as a curator states it (graph/official-names.csv)
)
SUFFIXES = {".ttl": "text/turtle", ".nt": "application/n-triples", ".jsonld": "application/ld+json"}
OFFERED = ["text/html", *RDF_DOCUMENT_TYPES]
ALTERNATES = (
    ("Turtle", ".ttl", "text/turtle"),
    ("N-Triples", ".nt", "application/n-triples"),
    ("JSON-LD", ".jsonld", "application/ld+json"),
)


def _is_iri(text: str) -> bool:
    """Whether ``text`` is an IRI at all (RFC 3987: no spaces, quotes, angle brackets, controls, …)."""
    try:
        ox.NamedNode(text)
    except ValueError:
        return False
    return True


def _resolve_path(store: GraphStore, path: str) -> tuple[str, str | None]:
    """The IRI a path names and the media type its suffix asks for (None: negotiate)."""
    if exists(store, BASE + path):
        return BASE + path, None
    for suffix, media_type in SUFFIXES.items():
        if path.endswith(suffix) and exists(store, BASE + path[: -len(suffix)]):
            return BASE + path[: -len(suffix)], media_type
    return BASE + path, None


def not_found(request: Request, build: Build, path: str) -> Response:
    """A 404 that suggests close matches: a page for people, the JSON error (with hints) for programs."""
    found = suggestions(build.resolver, build.paths, path)
    detail = f"ChemKG has no entity at /{path} (IRI {BASE}{path})."
    if prefers_html(request):
        return render_page(
            request,
            "error.html",
            {"status": 404, "title": "Not found", "detail": detail, "suggestions": found},
            status_code=404,
        )
    hint = "; ".join(f"{s.label} ({s.href})" for s in found)
    raise NotFound(detail + (f" Close matches: {hint}." if hint else " Try /search?q=…"))


def _alternates(path: str) -> list[dict[str, str]]:
    return [{"label": label, "href": f"/{path}{suffix}", "type": mt} for label, suffix, mt in ALTERNATES]


def _generic(request: Request, build: Build, description: Description, path: str) -> Response:
    return render_page(request, "entity.html", {"d": description, "path": path, "alternates": _alternates(path)})


def _substance(request: Request, build: Build, description: Description, path: str) -> Response:
    page = substance_page(
        build.store, build.site, description.iri, related=related_for(request, build, description.iri)
    )
    if page is None:
        return _generic(request, build, description, path)
    context = {
        "page": page,
        "p": page.profile,
        "decisions": build.site.decisions,
        "alternates": _alternates(path),
        "lookups": lookups(page.profile.identifiers),
    }
    return render_page(request, "substance.html", context)


def _treaty_like(request: Request, build: Build, page: TreatyPage, path: str) -> Response:
    site = build.site
    instruments = sorted(site.instruments.values(), key=lambda i: (i.kind != "treaty", i.short))
    number = _page_number(request.query_params.get("page"), page.pages)
    context = {
        "page": page,
        "number": number,
        "shown": page.page(number),
        "path": path,
        "all_instruments": instruments,
        "alternates": _alternates(path),
    }
    return render_page(request, "treaty.html", context)


def _page_number(raw: str | None, pages: int) -> int:
    """``?page=`` of a paged table: a whole number from 1 to ``pages`` (default 1)."""
    if raw is None:
        return 1
    # ASCII digits only ("²" is a digit to str.isdigit but not to int) and short enough for int() to read
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw.lstrip("0")) <= 9 else 0
    if number < 1:
        raise BadRequest.say("page.not_a_number", pages=pages, raw=raw[:20])
    if number > pages:
        raise NotFound.say("page.past_end", pages=pages, page=number)
    return number


def _treaty(request: Request, build: Build, description: Description, path: str) -> Response:
    page = page_of(build, description.iri)
    if page is None:
        return _generic(request, build, description, path)
    return _treaty_like(request, build, page, path)


def _annex(request: Request, build: Build, description: Description, path: str) -> Response:
    page = page_of(build, description.iri)
    if page is None:
        return _generic(request, build, description, path)
    return _treaty_like(request, build, page, path)


def _panel(request: Request, build: Build, description: Description, path: str) -> Response:
    page = panel_page(build.store, description.iri)
    if page is None:
        return _generic(request, build, description, path)
    return render_page(request, "panel.html", {"page": page, "alternates": _alternates(path)})


# The page for an entity of each class; anything else gets the generic property table.
PAGES: dict[str, Callable[[Request, Build, Description, str], Response]] = {
    CK + "Substance": _substance,
    CK + "SubstanceGroup": _substance,
    CK + "Instrument": _treaty,
    CK + "Annex": _annex,
    CK + "Panel": _panel,
}


def is_named_graph(store: GraphStore, iri: str) -> bool:
    return iri.startswith(BASE + "graph/") and iri in store.graph_names()


def _named_graph(request: Request, build: Build, iri: str, suffix_type: str | None) -> Response:
    """A named graph that has no description of its own (the provenance graph): its content."""
    media_type = suffix_type or negotiate(request, OFFERED)
    triples = graph_of(build.store, iri)
    if media_type != "text/html":
        return Response(
            render_rdf(triples, media_type, build.jsonld_context),
            media_type=content_type(media_type),
            headers={"Vary": "Accept"},
        )
    path = iri[len(BASE) :]
    description = Description(iri, [], {}, {iri: {"": path}})
    context = {"d": description, "path": path, "alternates": _alternates(path), "graph_size": len(triples)}
    return render_page(request, "entity.html", context)


def serve_entity(request: Request, build: Build, path: str) -> Response:
    store = build.store
    if not _is_iri(BASE + path):  # "substance/pfos acid", "substance/<": no entity can have such an IRI
        return not_found(request, build, path)
    iri, suffix_type = _resolve_path(store, path)
    description = describe(store, iri)
    if description is None and is_named_graph(store, iri):
        return _named_graph(request, build, iri, suffix_type)
    if description is None:
        return not_found(request, build, path)
    media_type = suffix_type or negotiate(request, OFFERED)
    if media_type != "text/html":
        body = render_rdf(entity_rdf(store, description), media_type, build.jsonld_context)
        return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})
    clean_path = iri[len(BASE) :]
    for type_iri in description.types:
        if type_iri in PAGES:
            return PAGES[type_iri](request, build, description, clean_path)
    return _generic(request, build, description, clean_path)


def _space_route(space: str) -> None:
    def handler(request: Request, build: CurrentBuild, rest: str) -> Response:  # plain def: runs in a thread
        return serve_entity(request, build, f"{space}/{rest}")

    handler.__name__ = f"entity_{space}"
    router.add_api_route(
        f"/{space}/{{rest:path}}",
        handler,
        methods=["GET"],
        summary=f"Dereference https://w3id.org/chemkg/{space}/…",
        response_class=Response,
    )


for _space in IRI_SPACES:
    _space_route(_space)
