"""``GET /search``: plain-language search as JSON; browsers get the search page from the same route.

The JSON is built by :func:`search_json`, which the HTML page can call too. The embedding model is
loaded in a background thread when the app starts (:func:`chemkg.web.app.warm_up_in_background`), so ``/health``,
SPARQL and pages answer at once and the first search does not pay for the model load.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from chemkg.web.errors import BadRequest, Unavailable
from chemkg.web.negotiation import prefers_html
from chemkg.web.page_store import page_store
from chemkg.web.search_page import absent_identifier

log = logging.getLogger("chemkg.web")
router = APIRouter(tags=["Search"])

MAX_QUERY_CHARS = 300  # longer queries are cut to this, with a notice
MAX_INPUT_CHARS = 10_000  # longer ones are refused: no one types that, and it costs the tokenizer
# Control characters other than whitespace, and U+FFFD (what bytes that are not UTF-8 decode to), mean binary.
BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
MAX_LIMIT = 100


def _values(raw: list[str] | None) -> list[str]:
    """Filter values from repeated parameters and/or comma-separated lists."""
    return [v.strip() for item in raw or [] for v in item.split(",") if v.strip()]


def searcher_for(index: Path) -> Any:
    """The loaded index, or a 503 that says how to build one."""
    from chemkg.search.engine import get_searcher
    from chemkg.search.indexer import IndexMissing

    try:
        return get_searcher(index)
    except IndexMissing as exc:
        raise Unavailable(f"Search is not available: {exc}.", retry_after=60) from None


def search_json(
    index: Path,
    q: str,
    lang: str | None = None,
    types: list[str] | None = None,
    instruments: list[str] | None = None,
    annexes: list[str] | None = None,
    zzs: list[str] | None = None,
    limit: int = 10,
) -> dict[str, Any]:
    """The search answer as plain data; raises BadRequest for bad input, Unavailable without an index."""
    from chemkg.search.embedder import ModelUnavailable
    from chemkg.search.engine import LANGS, FilterError

    if not q or not q.strip():
        raise BadRequest("The query is empty: give a substance, identifier or question in q, e.g. /search?q=pfos.")
    if len(q) > MAX_INPUT_CHARS:
        raise BadRequest(
            f"The query is {len(q):,} characters long; send at most {MAX_INPUT_CHARS:,} "
            f"(only the first {MAX_QUERY_CHARS} are searched)."
        )
    if BINARY.search(q):
        raise BadRequest("The query contains control characters or bytes that are not UTF-8 text; send plain text.")
    notice = None
    query = " ".join(q.split())
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        notice = f"The query was longer than {MAX_QUERY_CHARS} characters and was cut to the first {MAX_QUERY_CHARS}."
    if lang is not None and lang not in LANGS:
        raise BadRequest(f"Unknown lang {lang!r}; allowed values: {', '.join(LANGS)}.")
    searcher = searcher_for(index)
    try:
        filters = searcher.filters(types, instruments, annexes, zzs)
    except FilterError as exc:
        raise BadRequest(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
    try:
        result = searcher.search(query, lang=lang, filters=filters, limit=limit)
    except ModelUnavailable as exc:
        raise Unavailable(f"Semantic search is not available: {exc}.", retry_after=60) from None
    return {
        "query": query,
        "lang": result.lang,
        "mode": result.mode,
        "notice": notice,
        "filters": {k: v for k, v in asdict(filters).items() if v},
        "read_as": result.read_as,
        "count": len(result.hits),
        "results": [h.to_json() for h in result.hits],
    }


@router.get(
    "/search",
    summary="Plain-language search in English or Dutch (JSON; browsers get the search page)",
    response_class=Response,
)
def search(
    request: Request,
    q: str = Query("", description="What to look for: a name, identifier, use, hazard or question."),
    lang: str | None = Query(None, description="Language of labels in the answer: en or nl (default: the query's)."),
    type: list[str] | None = Query(None, description="Entity types, e.g. substance,group,obligation."),
    instrument: list[str] | None = Query(None, description="Instrument ids, e.g. stockholm,rotterdam."),
    annex: list[str] | None = Query(None, description="Annex ids, e.g. stockholm/annex-a."),
    zzs: list[str] | None = Query(None, description="ZZS status: zzs, potential-zzs or none."),
    limit: int = Query(10, ge=1, le=MAX_LIMIT, description=f"Most results (1–{MAX_LIMIT})."),
) -> Response:
    if prefers_html(request):
        from chemkg.web.routers import pages

        return pages.search(request, q)
    absent = absent_identifier(page_store(request), q) if q.strip() else None
    if absent is not None:
        return JSONResponse({"query": q.strip(), "count": 0, "results": [], "absent": absent})
    body = search_json(
        request.app.state.settings.index,
        q,
        lang,
        _values(type),
        _values(instrument),
        _values(annex),
        _values(zzs),
        limit,
    )
    return JSONResponse(body)


def load_search_model(index: Path) -> None:
    """Load the embedding model of the index (no index: nothing to do; failing: the first search says why)."""
    from chemkg.search.engine import load_model
    from chemkg.search.indexer import MANIFEST

    if not (index / MANIFEST).exists():
        return
    try:
        load_model(index)
    except Exception:  # a failed load only means the first search tries again and reports the reason
        log.warning("loading the search model failed; the first search will try again", exc_info=True)


def warm_up_search(index: Path) -> None:
    """Load the index and the model and run one query, so the first user does not wait for them."""
    from chemkg.search.indexer import MANIFEST

    if not (index / MANIFEST).exists():
        return
    try:
        searcher_for(index).warm_up()
    except Exception:  # a failed warm-up only means the first search loads the model itself
        log.warning("search warm-up failed; the first search will load the model", exc_info=True)
