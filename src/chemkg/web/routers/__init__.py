"""Every router the app includes. To add one: write ``routers/<resource>.py`` with a ``router`` and
add it to ``ROUTERS`` here (one line)."""

from __future__ import annotations

from fastapi import APIRouter

from chemkg.web.routers import (
    api_docs,
    ask,
    browse,
    entities,
    imports,
    meta,
    ontology,
    pages,
    releases,
    reports,
    search,
    sparql,
)

ROUTERS: list[APIRouter] = [
    sparql.router,
    reports.router,
    imports.router,
    releases.router,
    ask.router,
    search.router,  # before pages: /search answers JSON and hands browsers to the page
    browse.router,
    pages.router,
    ontology.router,  # before entities: /ontology/context.jsonld and the ontology page
    entities.router,
    meta.router,
    api_docs.router,
]
