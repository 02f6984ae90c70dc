"""``GET /ask?q=&lang=``: a question answered from the template catalogue, as JSON for programs and a page
for browsers; the search page shows the same answer above its results when a question is understood.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from chemkg.ask.answer import Answer, answer
from chemkg.ask.lexicon import Lexicon
from chemkg.web.errors import BadRequest
from chemkg.web.negotiation import negotiate, prefers_html
from chemkg.web.page_store import page_store
from chemkg.web.pages.suggest import resolver_for
from chemkg.web.templating import render_page

router = APIRouter(tags=["Ask"])
MAX_QUESTION_CHARS = 300


@lru_cache(maxsize=4)
def lexicon_for(store: ox.Store) -> Lexicon:
    """The lexicon of one (read-only) store, built once, sharing the pages' resolver."""
    return Lexicon.from_store(store, resolver_for(store))


def ask_store(store: ox.Store, q: str, lang: str | None) -> Answer:
    """The answer to ``q``; raises BadRequest for an empty or unknown-language question."""
    if not q or not q.strip():
        raise BadRequest("The question is empty: ask something in q, e.g. /ask?q=which ZZS are on no treaty.")
    if lang is not None and lang not in ("en", "nl"):
        raise BadRequest(f"Unknown lang {lang!r}; allowed values: en, nl.")
    return answer(store, lexicon_for(store), " ".join(q.split())[:MAX_QUESTION_CHARS], lang)


def _search_fallback(request: Request, store: ox.Store, q: str, lang: str) -> list[dict[str, Any]]:
    """What search finds for a question no template covers (names only when there is no index)."""
    from chemkg.web.search_page import engine_cards, name_matches

    found = engine_cards(request, store, q, lang)
    cards = found[0] if found is not None else name_matches(store, q, lang)
    return [{"iri": c.iri, "label": c.label, "kind": c.kind, "reason": c.reason} for c in cards[:10]]


@router.get(
    "/ask",
    summary="Answer a question in English or Dutch with a table, its sources and its SPARQL",
    response_class=Response,
)
def ask(
    request: Request,
    q: str = Query(
        "", description="The question, e.g. 'welke stoffen staan op bijlage A van Stockholm maar niet op Rotterdam'."
    ),
    lang: str | None = Query(None, description="Language of the answer: en or nl (default: the question's)."),
) -> Response:
    store = page_store(request)
    if prefers_html(request):
        negotiate(request, ["text/html"])
        if not q.strip():
            return render_page(request, "ask.html", {"q": "", "answer": None, "results": []})
        result = ask_store(store, q, lang)
        results = _search_fallback(request, store, q, result.lang) if result.status == "not-understood" else []
        return render_page(request, "ask.html", {"q": q, "answer": result, "results": results})
    result = ask_store(store, q, lang)
    body = result.to_json()
    if result.status == "not-understood":
        body["message"] = "No question template fits this question; these are the search results for it."
        body["search"] = _search_fallback(request, store, q, result.lang)
    return JSONResponse(body)
