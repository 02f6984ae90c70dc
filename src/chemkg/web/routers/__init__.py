"""Every router the app includes. To add one: write ``routers/<resource>.py`` with a ``router`` and
add it to ``ROUTERS`` here (one line)."""

from __future__ import annotations

from fastapi import APIRouter

from chemkg.web.routers import entities, meta, pages, reports, sparql

ROUTERS: list[APIRouter] = [
    sparql.router,
    reports.router,
    pages.router,
    entities.router,
    meta.router,
]
