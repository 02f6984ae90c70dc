"""One JSON convention for pages: the page's URL answers ``Accept: application/json`` (or ``?format=json``)
with the page's content as JSON, whose response model is in the OpenAPI description; browsers (and
clients that accept anything) get the page."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import BaseModel

from chemkg.web.json_response import JSONResponse
from chemkg.web.negotiation import negotiate

PAGE_OR_JSON = ["text/html", "application/json"]
# For a route's ``responses=``: its response model documents the JSON; the same URL also serves HTML.
HTML_TOO: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "The page; with Accept: application/json, the JSON below"}
}


def wants_json(request: Request) -> bool:
    """True when the client asks for JSON (406 when it accepts neither JSON nor HTML)."""
    return negotiate(request, PAGE_OR_JSON) == "application/json"


def json_page(body: BaseModel) -> JSONResponse:
    return JSONResponse(body, headers={"Vary": "Accept, Accept-Language"})
