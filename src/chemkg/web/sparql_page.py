"""The SPARQL editor page: a plain textarea, the example catalogue (the ``cq*`` named queries) one
click away, and results fetched from ``/sparql`` by ``static/sparql.js`` into a table.

Queries run through the endpoint, so the page has its limits (time, rows, read-only, no SERVICE).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from chemkg.store import NamedQuery, named_queries
from chemkg.web.state import app_state
from chemkg.web.templating import render_page

EXAMPLE_PREFIX = "cq"


def examples() -> list[NamedQuery]:
    """The competency questions, in their numbered order."""
    return [q for name, q in sorted(named_queries().items()) if name.startswith(EXAMPLE_PREFIX)]


def question_examples(request: Request) -> list[dict[str, str]]:
    """The ask catalogue's templates, each as its example question and the query it becomes."""
    from chemkg.ask.answer import examples as ask_examples
    from chemkg.web.errors import Unavailable
    from chemkg.web.i18n import request_language
    from chemkg.web.live import current_build

    lang = request_language(request)
    try:
        build = current_build(request)
    except Unavailable:  # no store yet: the editor still works, without the question catalogue
        return []
    return [
        {
            "title": e.template.label.get(lang, e.template.label["en"]),
            "question": e.question,
            "ask": "/ask?" + urlencode({"q": e.question}),
            "share": query_links(e.sparql)["share"],
            "query": e.sparql,
        }
        for e in ask_examples(build.lexicon, lang)
    ]


def query_links(query: str) -> dict[str, str]:
    return {
        "share": "/sparql?" + urlencode({"query": query}),
        "csv": "/sparql?" + urlencode({"query": query, "format": "csv"}),
        "json": "/sparql?" + urlencode({"query": query, "format": "json"}),
    }


def render_sparql_page(request: Request, info: dict[str, Any], query: str | None) -> Response:
    catalogue = examples()
    questions = question_examples(request)
    text = query if query is not None else (catalogue[0].text if catalogue else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    settings = app_state(request).settings
    context = {
        "query": text,
        "autorun": query is not None,
        "examples": [{"q": q, "links": query_links(q.text)} for q in catalogue],
        "questions": questions,
        "links": query_links(text),
        "info": info,
        "limit": settings.result_limit,
        "timeout": settings.query_timeout_s,
    }
    return render_page(request, "sparql.html", context)
