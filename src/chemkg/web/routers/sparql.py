"""``/sparql``: the SPARQL 1.1 Protocol endpoint (query via GET, POST form and POST body).

Queries run in the worker pool under the time limit; this module only reads the request, negotiates
the format and turns the worker's reply into a response (streamed when it is large).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from chemkg.sparql import uses_service
from chemkg.store import StoreMissing, build_info
from chemkg.web.describe import service_description
from chemkg.web.errors import BadRequest, ChemKGError, Forbidden, NotFound, Unavailable
from chemkg.web.negotiation import (
    GRAPH_TYPES,
    RDF_DOCUMENT_TYPES,
    RESULT_TYPES,
    choose_named,
    content_type,
    negotiate,
    not_acceptable,
    prefers_html,
    render_rdf,
)
from chemkg.web.protocol import FORM, QUERY_BODY, UPDATE_BODY, ProtocolRequest, read_get, read_post
from chemkg.web.sparql_page import VENDOR_FILES, render_sparql_page, vendor_folder
from chemkg.web.state import app_state
from chemkg.web.worker import Job

router = APIRouter(tags=["SPARQL"])

QUERY_PARAMETERS: list[dict[str, Any]] = [
    {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "The SPARQL query (once)."},
    {
        "name": "default-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": "Graphs merged into the default graph (default: the union of all named graphs).",
    },
    {
        "name": "named-graph-uri",
        "in": "query",
        "schema": {"type": "array", "items": {"type": "string"}},
        "description": "Graphs visible to GRAPH (default: all).",
    },
    {
        "name": "format",
        "in": "query",
        "schema": {"type": "string"},
        "description": "Instead of Accept: json, xml, csv, tsv, turtle, nt, json-ld, rdfxml, n3, nq, trig, or a "
        "media type. `output` and `results` are read the same way; names given more than once must agree.",
    },
]
POST_BODY: dict[str, Any] = {
    "content": {
        QUERY_BODY: {"schema": {"type": "string"}},
        FORM: {"schema": {"type": "object", "properties": {"query": {"type": "string"}}}},
        UPDATE_BODY: {"schema": {"type": "string"}, "description": "Refused: the endpoint is read-only (403)."},
    }
}
READ_ONLY = (
    "This SPARQL endpoint is read-only. ChemKG's data changes through the curated registers in graph/ "
    "and `chemkg build`; see docs/sparql.md."
)


@router.get("/sparql", openapi_extra={"parameters": QUERY_PARAMETERS}, summary="SPARQL query (GET)")
async def sparql_get(request: Request) -> Response:
    """Run ``query``; without one, describe the service (SPARQL 1.1 Service Description)."""
    protocol = read_get(request)
    # The description and the editor page are rendered in a thread: the event loop only waits on workers.
    if protocol.query is None:
        return await run_in_threadpool(describe_service, request, protocol)
    if protocol.format is None and prefers_html(request):
        # A shared link opened in a browser: the editor with the query, which it runs.
        return await run_in_threadpool(sparql_html_page, request, _build_info(request), protocol.query)
    return await answer(request, protocol)


@router.post(
    "/sparql",
    openapi_extra={"parameters": QUERY_PARAMETERS[1:], "requestBody": POST_BODY},
    summary="SPARQL query (POST form or body)",
)
async def sparql_post(request: Request) -> Response:
    """Run the query in the body (``application/sparql-query``) or in the form (``query=``)."""
    protocol = await read_post(request)
    if protocol.update is not None:
        raise Forbidden(READ_ONLY)
    if protocol.query is None:
        raise BadRequest("The POST has no `query`; send one as a form field or as an application/sparql-query body.")
    return await answer(request, protocol)


async def answer(request: Request, protocol: ProtocolRequest) -> Response:
    query = protocol.query or ""
    if uses_service(query):
        raise Forbidden("Federated queries (SERVICE) are not allowed: this endpoint does not call other services.")
    accept = request.headers.get("accept")
    results_type = choose_named(accept, RESULT_TYPES, protocol.formats)
    graph_type = choose_named(accept, GRAPH_TYPES, protocol.formats)
    if results_type is None and graph_type is None:
        raise not_acceptable(RESULT_TYPES + GRAPH_TYPES, ", ".join(protocol.formats) or None)
    state = app_state(request)
    settings, pool = state.settings, state.pool
    job = Job(
        query,
        results_type,
        graph_type,
        settings.result_limit,
        protocol.default_graphs,
        protocol.named_graphs,
        base_iri=endpoint_url(request),
    )
    build = await run_in_threadpool(state.live.current)  # the store of the live build (opened once per build)
    reply = await pool.execute(job, build.store_path)
    meta = reply.meta
    if meta.status != 200:
        raise ChemKGError(meta.detail, status=meta.status, title=meta.title)
    headers = {"Vary": "Accept", "X-ChemKG-Result-Limit": str(settings.result_limit)}
    if meta.truncated:
        headers["X-ChemKG-Truncated"] = "true"
        headers["X-ChemKG-Note"] = (
            f"The answer was cut at {settings.result_limit} results (CHEMKG_RESULT_LIMIT); "
            "use LIMIT and OFFSET to page through the rest."
        )
    media = content_type(meta.media_type)
    if reply.stream is not None:
        return StreamingResponse(reply.stream, media_type=media, headers=headers)
    return Response(reply.body, media_type=media, headers=headers)


def endpoint_url(request: Request) -> str:
    """The endpoint's own URL: the base IRI of queries sent to it (RFC 3986 §5.1.3, the retrieval URI)."""
    return str(request.url.replace(query="", fragment=""))


def describe_service(request: Request, protocol: ProtocolRequest) -> Response:
    """GET /sparql without a query: the Service Description as RDF, or a page for a browser."""
    info = _build_info(request)
    media_type = negotiate(request, ["text/turtle", "text/html", *RDF_DOCUMENT_TYPES[1:]], protocol.format)
    if media_type == "text/html":
        return sparql_html_page(request, info)
    body = render_rdf(service_description(endpoint_url(request), info), media_type)
    return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})


def _build_info(request: Request) -> dict[str, Any] | None:
    try:
        return build_info(app_state(request).settings.store)
    except StoreMissing:
        return None


def sparql_html_page(request: Request, info: dict[str, Any] | None, query: str | None = None) -> Response:
    """The query editor for people (``web/sparql_page.py``): examples, a results table, downloads."""
    if info is None:
        raise Unavailable("No built store yet; run `chemkg build`.", retry_after=60)
    return render_sparql_page(request, info, query)


VENDOR_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@router.get("/static/vendor/yasgui/{name}", include_in_schema=False)
def yasgui_asset(name: str) -> Response:
    """YASGUI's pinned build, unpacked by ``make vendor`` at install time (never fetched at run time)."""
    if name not in VENDOR_FILES or not (vendor_folder() / name).is_file():
        raise NotFound(f"There is no vendored file {name}; run `make vendor` to install the query editor.")
    body = (vendor_folder() / name).read_bytes()
    media_type = VENDOR_TYPES[name[name.rfind(".") :]]
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=86400"})
