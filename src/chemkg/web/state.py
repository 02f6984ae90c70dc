"""What one app holds for its whole life, typed: settings, templates, the query pool and the live build.

Routes take these as dependencies (``Config``, ``Pool``, ``CurrentBuild`` in ``live.py``) instead of
reading ``request.app.state`` attributes, so the type checker sees what a route uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Request

from chemkg.settings import Settings
from chemkg.web.pool import QueryPool

if TYPE_CHECKING:
    from fastapi.templating import Jinja2Templates

    from chemkg.web.live import LiveBuild


@dataclass
class AppState:
    settings: Settings
    templates: Jinja2Templates
    pool: QueryPool
    live: LiveBuild


def app_state(request: Request) -> AppState:
    """The app's state; the one place that reads ``request.app.state``."""
    state: AppState = request.app.state.chemkg
    return state


def app_settings(request: Request) -> Settings:
    return app_state(request).settings


def query_pool(request: Request) -> QueryPool:
    return app_state(request).pool


Config = Annotated[Settings, Depends(app_settings)]
Pool = Annotated[QueryPool, Depends(query_pool)]
