"""``GET /ask?q=&lang=``: a question answered from the template catalogue, as JSON for programs and a page
for browsers; the search page shows the same answer above its results when a question is understood.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from chemkg.web.i18n import request_language
from chemkg.web.json_response import JSONResponse
from chemkg.web.live import Build, CurrentBuild
from chemkg.web.negotiation import negotiate, prefers_html
from chemkg.web.questions import ask_build
from chemkg.web.search_page import engine_cards, name_matches
from chemkg.web.templating import render_page

NOT_UNDERSTOOD = {
    "en": "No question template fits this question; these are the search results for it.",
    "nl": "Geen vraagsjabloon past bij deze vraag; dit zijn de zoekresultaten ervoor.",
}

router = APIRouter(tags=["Ask"])


def _search_fallback(request: Request, build: Build, q: str, lang: str) -> list[dict[str, Any]]:
    """What search finds for a question no template covers (names only when there is no index)."""
    found = engine_cards(request, build, q, lang)
    cards = found[0] if found is not None else name_matches(build, q, lang)
    return [{"iri": c.iri, "label": c.label, "kind": c.kind, "reason": c.reason} for c in cards[:10]]


@router.get(
    "/ask",
    summary="Answer a question in English or Dutch with a table, its sources and its SPARQL",
    response_class=Response,
)
def ask(
    request: Request,
    build: CurrentBuild,
    q: str = Query(
        "", description="The question, e.g. 'welke stoffen staan op bijlage A van Stockholm maar niet op Rotterdam'."
    ),
    lang: str | None = Query(None, description="Language of the answer: en or nl (default: the question's)."),
) -> Response:
    if prefers_html(request):
        negotiate(request, ["text/html"])
        if not q.strip():
            return render_page(request, "ask.html", {"q": "", "answer": None, "results": []})
        result = ask_build(build, q, lang)
        page_lang = request_language(request)  # the page's language, which a question of a few odd words does not tell
        results = _search_fallback(request, build, q, page_lang) if result.status == "not-understood" else []
        return render_page(request, "ask.html", {"q": q, "answer": result, "results": results})
    result = ask_build(build, q, lang)
    body = result.to_json()
    if result.status == "not-understood":
        body["message"] = NOT_UNDERSTOOD[result.lang if result.lang in NOT_UNDERSTOOD else "en"]
        body["search"] = _search_fallback(request, build, q, result.lang)
    return JSONResponse(body)
