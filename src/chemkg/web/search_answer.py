"""The search answer as plain data, shared by the JSON API (``routers/search.py``) and the page
(``search_page.py``), so the two cannot drift apart; bad input is a 400 that says what to send."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from chemkg.web.errors import BadRequest, Unavailable
from chemkg.web.live import Build

MAX_QUERY_CHARS = 300  # longer queries are cut to this, with a notice
MAX_INPUT_CHARS = 10_000  # longer ones are refused: no one types that, and it costs the tokenizer
# Control characters other than whitespace, and U+FFFD (what bytes that are not UTF-8 decode to), mean binary.
BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
MAX_LIMIT = 100


def filter_values(raw: list[str] | None) -> list[str]:
    """Filter values from repeated parameters and/or comma-separated lists."""
    return [v.strip() for item in raw or [] for v in item.split(",") if v.strip()]


def search_json(
    build: Build,
    q: str,
    lang: str | None = None,
    types: list[str] | None = None,
    instruments: list[str] | None = None,
    annexes: list[str] | None = None,
    zzs: list[str] | None = None,
    limit: int = 10,
    timings: dict[str, float] | None = None,
) -> dict[str, Any]:
    """The search answer as plain data; raises BadRequest for bad input, Unavailable without an index.

    The milliseconds of the search's parts (``embed``, ``search``) are added to ``timings`` when given, for
    the Server-Timing header.
    """
    from chemkg.search.embedder import ModelUnavailable
    from chemkg.search.engine import LANGS, FilterError

    if not q or not q.strip():
        raise BadRequest.say("search.empty")
    if len(q) > MAX_INPUT_CHARS:
        raise BadRequest.say("search.too_long", length=len(q), most=MAX_INPUT_CHARS, searched=MAX_QUERY_CHARS)
    if BINARY.search(q):
        raise BadRequest.say("search.binary")
    notice = None
    query = " ".join(q.split())
    if len(query) > MAX_QUERY_CHARS:
        query = query[:MAX_QUERY_CHARS]
        notice = f"The query was longer than {MAX_QUERY_CHARS} characters and was cut to the first {MAX_QUERY_CHARS}."
    if lang is not None and lang not in LANGS:
        raise BadRequest(f"Unknown lang {lang!r}; allowed values: {', '.join(LANGS)}.")
    searcher = build.searcher()
    try:
        filters = searcher.filters(types, instruments, annexes, zzs)
    except FilterError as exc:
        raise BadRequest(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
    try:
        result = searcher.search(query, lang=lang, filters=filters, limit=limit)
    except ModelUnavailable as exc:
        raise Unavailable(f"Semantic search is not available: {exc}.", retry_after=60) from None
    if timings is not None:
        timings.update(result.timings)
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
