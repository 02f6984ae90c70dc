"""Health, version and the VoID description: what an operator or a crawler asks first."""

from __future__ import annotations

import platform
import re
from importlib.metadata import version
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from chemkg import __version__
from chemkg.store import StoreMissing, build_info
from chemkg.web.describe import void_description
from chemkg.web.errors import NotFound
from chemkg.web.json_response import JSONResponse
from chemkg.web.live import index_state
from chemkg.web.negotiation import RDF_DOCUMENT_TYPES, content_type, negotiate, render_rdf
from chemkg.web.state import app_state
from chemkg.web.templating import render_page

router = APIRouter(tags=["Service"])
# Package versions do not change while the process runs; importlib.metadata is slow, so read them once.
VERSIONS = {name: version(name) for name in ("pyoxigraph", "fastapi")}


def _build(request: Request) -> dict[str, Any] | None:
    try:
        return build_info(app_state(request).settings.store)
    except StoreMissing:
        return None


def _index(request: Request, info: dict[str, Any] | None) -> dict[str, Any]:
    """The live build's verdict on its search index; before the build opens, the same check on the files."""
    state = app_state(request)
    build = state.live.peek()
    if build is not None and info is not None and build.built_at == info.get("built_at"):
        return build.index.as_json() | {"loaded": build.searcher_loaded()}
    return index_state(state.settings.index, info.get("built_at") if info else None).as_json() | {"loaded": False}


@router.get("/health", summary="Is the service ready?")
async def health(request: Request) -> JSONResponse:
    """200 when the store is there, 503 when it is not; says whether the search index can serve it, and why not.

    Async and light (two small files read, no store opened), so it answers at once even while other
    requests keep the worker threads busy.
    """
    state = app_state(request)
    settings = state.settings
    info = _build(request)
    body = {
        "status": "ok" if info else "unavailable",
        "store": {
            "loaded": info is not None,
            "built_at": info.get("built_at") if info else None,
            "git_revision": info.get("git_revision") if info else None,
            "triples": info.get("triples") if info else None,
            "graphs": len(info.get("graphs", {})) if info else 0,
        },
        "index": _index(request, info),
        "query_workers": {"size": settings.query_workers, "alive": state.pool.alive()},
    }
    return JSONResponse(body, status_code=200 if info else 503)


@router.get("/version", summary="Software and graph versions")
async def version_info(request: Request) -> dict[str, Any]:
    info = _build(request) or {}
    return {
        "chemkg": __version__,
        "graph": {"built_at": info.get("built_at"), "git_revision": info.get("git_revision")},
        "python": platform.python_version(),
        **VERSIONS,
    }


@router.get("/void", summary="VoID description of the dataset")
@router.get("/.well-known/void", include_in_schema=False)
async def void(request: Request) -> Response:
    media_type = negotiate(request, RDF_DOCUMENT_TYPES)
    endpoint = str(request.url.replace(path="/sparql", query="", fragment=""))
    body = render_rdf(void_description(endpoint, _build(request)), media_type)
    return Response(body, media_type=content_type(media_type), headers={"Vary": "Accept"})


DOC_NAME = re.compile(r"^[a-z][a-z0-9-]{0,40}$")


@router.get("/docs/{name}", include_in_schema=False)
def project_doc(request: Request, name: str) -> Response:
    """A page of the project's docs/ (the ontology cites docs/iris for its IRI scheme), read next to graph/."""
    from markdown_it import MarkdownIt

    folder = app_state(request).settings.graph_dir.parent / "docs"
    path = folder / f"{name}.md"
    if not DOC_NAME.match(name) or not path.is_file():
        raise NotFound(f"there is no document {name!r}; the API is described at /docs")
    text = path.read_text(encoding="utf-8")
    title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), name)
    body = MarkdownIt("commonmark", {"html": False}).render(text)  # raw HTML in the file is escaped
    return render_page(request, "doc.html", {"title": title, "body": body})
