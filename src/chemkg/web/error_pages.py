"""Exceptions into answers: one handler per kind, one JSON shape, one HTML page.

JSON shape (pinned by a test)::

    {"error": {"status": 400, "title": "Malformed query", "detail": "error at 1:10: ..."}}

Only faults of ChemKG itself become 500s, and only those are logged.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from chemkg.web.errors import ChemKGError
from chemkg.web.json_response import JSONResponse
from chemkg.web.negotiation import prefers_html
from chemkg.web.templating import render_page

log = logging.getLogger("chemkg.web")


def error_body(status: int, title: str, detail: str) -> dict[str, dict[str, object]]:
    return {"error": {"status": status, "title": title, "detail": detail}}


def error_response(
    request: Request, status: int, title: str, detail: str, headers: Mapping[str, str], dutch: str | None = None
) -> Response:
    """JSON for API clients (in English), an HTML page for browsers (in Dutch too, where ``dutch`` is given)."""
    if prefers_html(request) and hasattr(request.app.state, "chemkg"):
        context = {"status": status, "title": title, "detail": detail, "dutch": dutch}
        return render_page(request, "error.html", context, status, headers)
    return JSONResponse(error_body(status, title, detail), status_code=status, headers=dict(headers))


async def handle_chemkg_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ChemKGError)
    if exc.status >= 500:  # 500: a fault of ChemKG or its engine; 503: a store or index not (yet) there
        (log.error if exc.status == 500 else log.warning)(
            "%s %s → %s: %s", request.method, request.url.path, exc.status, exc.detail
        )
    return error_response(request, exc.status, exc.title, exc.detail, exc.headers, exc.dutch)


async def handle_http_error(request: Request, exc: Exception) -> Response:
    """Routing errors from Starlette (404, 405) in the same shape."""
    assert isinstance(exc, StarletteHTTPException)
    titles = {404: "Not found", 405: "Method not allowed"}
    detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404:
        detail = f"There is nothing at {request.url.path}. See /docs for what the service offers."
    elif exc.status_code == 405:
        detail = f"{request.method} is not supported on {request.url.path}."
    return error_response(request, exc.status_code, titles.get(exc.status_code, detail), detail, exc.headers or {})


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """Parameters that fail validation: 400 naming each parameter and what is wrong with it."""
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in e.get('loc', ())[1:]) or 'request'}: {e.get('msg', 'invalid')}"
        for e in exc.errors()
    )
    return error_response(request, 400, "Bad request", f"Invalid parameters: {problems}.", {})


async def handle_internal_error(request: Request, exc: Exception) -> Response:
    """A fault of ChemKG: logged with its traceback; the user gets a sentence, never the traceback."""
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    detail = "ChemKG failed to answer this request; the fault has been logged. Please try again later."
    return error_response(request, 500, "Internal error", detail, {})


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ChemKGError, handle_chemkg_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(Exception, handle_internal_error)
