"""The SPARQL editor page: YASGUI's editor and result views (served from the product itself, see
``make vendor``), the example catalogue (``queries/examples.ttl``) in the page's language, and
completion of ChemKG's prefixes, classes and properties from the ontology in the store.

Without the vendored YASGUI files the page is a plain textarea with a note saying so; queries then
run through ``static/sparql.js`` into a simple table. Either way they go through ``/sparql``, with its
limits (time, rows, read-only, no SERVICE).
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import Response

from chemkg.examples import load_examples
from chemkg.namespaces import PREFIXES
from chemkg.web.i18n import request_language
from chemkg.web.state import app_state
from chemkg.web.templating import render_page

VENDOR_FILES = ("yasgui.min.js", "yasgui.min.css")


def vendor_folder() -> Traversable:
    """Where ``make vendor`` unpacks the pinned YASGUI build (gitignored)."""
    return resources.files("chemkg.web") / "static" / "vendor" / "yasgui"


def editor_installed() -> bool:
    folder = vendor_folder()
    return all((folder / name).is_file() for name in VENDOR_FILES)


def question_examples(request: Request, lang: str) -> list[dict[str, str]]:
    """The ask catalogue's templates, each as its example question and the query it becomes."""
    from chemkg.ask.answer import examples as ask_examples
    from chemkg.web.errors import Unavailable
    from chemkg.web.live import current_build

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
        for e in build.memo(f"ask-examples:{lang}", lambda: ask_examples(build.lexicon, lang))
    ]


def vocabulary(request: Request) -> dict[str, Any]:
    """What the editor completes: ChemKG's prefixes, and its classes and properties with their labels."""
    from chemkg.web.errors import Unavailable
    from chemkg.web.live import current_build

    try:
        terms = current_build(request).ontology_terms
    except Unavailable:
        terms = ()
    return {
        "prefixes": PREFIXES,
        "classes": [{"curie": t.curie, "label": t.label.get("en", "")} for t in terms if t.kind == "class"],
        "properties": [{"curie": t.curie, "label": t.label.get("en", "")} for t in terms if t.kind != "class"],
    }


def query_links(query: str) -> dict[str, str]:
    return {
        "share": "/sparql?" + urlencode({"query": query}),
        "csv": "/sparql?" + urlencode({"query": query, "format": "csv"}),
        "json": "/sparql?" + urlencode({"query": query, "format": "json"}),
    }


def render_sparql_page(request: Request, info: dict[str, Any], query: str | None) -> Response:
    lang = request_language(request)
    catalogue = [
        {
            "name": e.name,
            "title": e.title(lang),
            "description": e.description(lang),
            "keywords": e.keywords,
            "query": e.query,
            "links": query_links(e.query),
        }
        for e in load_examples()
    ]
    examples = load_examples()
    text = query if query is not None else (examples[0].query if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    settings = app_state(request).settings
    context = {
        "query": text,
        "autorun": query is not None,
        "examples": catalogue,
        "questions": question_examples(request, lang),
        "links": query_links(text),
        "info": info,
        "limit": settings.result_limit,
        "timeout": settings.query_timeout_s,
        "editor_installed": editor_installed(),
        "vocabulary": vocabulary(request),
    }
    return render_page(request, "sparql.html", context)
