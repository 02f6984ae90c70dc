"""Health, version and the VoID description: what an operator or a crawler asks first."""

from __future__ import annotations

import platform
import re
from importlib.metadata import version
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from chemkg import __version__
from chemkg.store import StoreMissing, build_info
from chemkg.web.describe import void_description
from chemkg.web.errors import NotFound
from chemkg.web.negotiation import RDF_DOCUMENT_TYPES, content_type, negotiate, render_rdf
from chemkg.web.templating import render_page

router = APIRouter(tags=["Service"])
# Package versions do not change while the process runs; importlib.metadata is slow, so read them once.
VERSIONS = {name: version(name) for name in ("pyoxigraph", "fastapi")}


def _build(request: Request) -> dict[str, Any] | None:
    try:
        return build_info(request.app.state.settings.store)
    except StoreMissing:
        return None


@router.get("/health", summary="Is the service ready?")
async def health(request: Request) -> JSONResponse:
    """200 when the store is loaded, 503 when it is not; says whether the search index exists."""
    settings = request.app.state.settings
    info = _build(request)
    index = settings.index
    body = {
        "status": "ok" if info else "unavailable",
        "store": {
            "loaded": info is not None,
            "built_at": info.get("built_at") if info else None,
            "git_revision": info.get("git_revision") if info else None,
            "triples": info.get("triples") if info else None,
            "graphs": len(info.get("graphs", {})) if info else 0,
        },
        "index": {"loaded": index.exists() and any(index.iterdir()) if index.is_dir() else False},
        "query_workers": {"size": settings.query_workers, "alive": request.app.state.pool.alive()},
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

    folder = request.app.state.settings.graph_dir.parent / "docs"
    path = folder / f"{name}.md"
    if not DOC_NAME.match(name) or not path.is_file():
        raise NotFound(f"there is no document {name!r}; the API is described at /docs")
    text = path.read_text(encoding="utf-8")
    title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#")), name)
    body = MarkdownIt("commonmark", {"html": False}).render(text)  # raw HTML in the file is escaped
    return render_page(request, "doc.html", {"title": title, "body": body})
