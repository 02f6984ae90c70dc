"""Jinja2 templates (autoescaped) and the one function routes use to render a page."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from chemkg.profile import has_expired
from chemkg.web.i18n import COOKIE, Translator, language_links, pick_language
from chemkg.web.state import app_state


@cache
def _environment() -> jinja2.Environment:
    """One template environment per process, so each template is compiled once however many apps are made
    (the tests make dozens; the crawl of every page spent 3 s compiling templates for its own). The templates
    are package files that change only with the code, so a page does not ask the file system whether they did."""
    folder = resources.files("chemkg.web") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)), autoescape=jinja2.select_autoescape(), auto_reload=False
    )
    env.filters["expired"] = has_expired  # asked at each rendering: a server runs past expiry dates
    return env


def make_templates() -> Jinja2Templates:
    return Jinja2Templates(env=_environment())


# Pages run only the site's own script files: no inline script, no javascript: link (a shared SPARQL query
# can return any IRI), no plug-ins, and no framing by other sites.
CONTENT_SECURITY_POLICY = "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"


def render_page(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render ``template`` with the app's templates; every page gets ``request``, ``settings`` and its
    language: ``lang``, the translator ``t`` and ``lang_links`` for the language switch."""
    state = app_state(request)
    asked = request.query_params.get("lang")
    lang = pick_language(asked, request.cookies, request.headers.get("accept-language"))
    page = {
        "settings": state.settings,
        "lang": lang,
        "t": Translator(lang),
        "lang_links": language_links(request.url.path, request.query_params),
    }
    response = state.templates.TemplateResponse(
        request, template, {**page, **(context or {})}, status_code=status_code, headers=dict(headers or {})
    )
    response.headers["Vary"] = "Accept, Accept-Language, Cookie"  # the same URL differs by these
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    if asked == lang:  # remember an explicit choice
        response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, samesite="lax")
    return response
