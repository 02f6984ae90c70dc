"""``GET /search``: plain-language search as JSON; browsers get the search page from the same route.

The JSON comes from :func:`chemkg.web.search_answer.search_json`, which the page calls too. The index
and its embedding model load in background threads when the app starts
(:func:`chemkg.web.app.warm_up_in_background`), so ``/health``, SPARQL and pages answer at once and the
first search does not pay for the model load.

The route is ``async`` and hands the whole answer (the build, the search, the JSON) to one worker
thread: a synchronous route with a synchronous dependency would cross to a worker thread twice per
search, and each crossing costs a wake-up of a thread, which on a busy machine is a good part of a
millisecond.
"""

from __future__ import annotations

import time

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from chemkg.web.json_response import JSONResponse
from chemkg.web.live import current_build
from chemkg.web.negotiation import prefers_html
from chemkg.web.search_answer import MAX_LIMIT, filter_values, search_json
from chemkg.web.search_page import absent_identifier, search_page_response

router = APIRouter(tags=["Search"])


@router.get(
    "/search",
    summary="Plain-language search in English or Dutch (JSON; browsers get the search page)",
    response_class=Response,
)
async def search(
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
        return await run_in_threadpool(lambda: search_page_response(request, current_build(request), q))
    filters = filter_values(type), filter_values(instrument), filter_values(annex), filter_values(zzs)
    return await run_in_threadpool(answer, request, q, lang, filters, limit)


def answer(
    request: Request, q: str, lang: str | None, filters: tuple[list[str], list[str], list[str], list[str]], limit: int
) -> Response:
    """The JSON answer, made in a worker thread (the search embeds the query and must not hold up the loop)."""
    started = time.perf_counter()
    build = current_build(request)
    absent = absent_identifier(build, q) if q.strip() else None
    if absent is not None:
        return JSONResponse({"query": q.strip(), "count": 0, "results": [], "absent": absent})
    timings: dict[str, float] = {}
    response = JSONResponse(search_json(build, q, lang, *filters, limit, timings=timings))
    timings["answer"] = (time.perf_counter() - started) * 1000
    response.headers["Server-Timing"] = server_timing(timings)
    return response


TIMING_NAMES = {
    "embed": "embedding the query",
    "search": "the whole search",
    "answer": "the whole answer with its JSON",
}


def server_timing(timings: dict[str, float]) -> str:
    """A Server-Timing header (W3C): where a search's time went, for browsers' developer tools and benches."""
    return ", ".join(
        f'{name};dur={timings[name]:.2f};desc="{desc}"' for name, desc in TIMING_NAMES.items() if name in timings
    )
