"""``/docs`` (Swagger UI), with its script and style served by ChemKG itself.

FastAPI's own page loads Swagger UI from a CDN and is blank without internet; here the assets come
from the ``fastapi-offline`` package, installed with ChemKG, so the API docs work offline. (ReDoc is
left out: its page fetches a logo from the ReDoc CDN.)
"""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, Response

from chemkg.web.errors import NotFound

router = APIRouter(include_in_schema=False)

ASSETS = "/static/api-docs"
MEDIA_TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png"}
FILES = ("swagger-ui-bundle.js", "swagger-ui.css", "favicon.png")


def _openapi_url(request: Request) -> str:
    return request.app.openapi_url or "/openapi.json"


@router.get("/docs")
def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=_openapi_url(request),
        title=f"{request.app.title} API",
        swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
        swagger_css_url=f"{ASSETS}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS}/favicon.png",
    )


@router.get(ASSETS + "/{name}")
def asset(name: str) -> Response:
    if name not in FILES:
        raise NotFound(f"There is no API docs asset {name}.")
    body = (resources.files("fastapi_offline") / "static" / name).read_bytes()
    media_type = MEDIA_TYPES[name[name.rindex(".") :]]
    return Response(body, media_type=media_type, headers={"Cache-Control": "public, max-age=86400"})
