"""``create_app(settings)``: the FastAPI application, built on demand (never at import time).

``chemkg serve`` runs it with uvicorn as a factory; tests build their own with their settings.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from chemkg import __version__
from chemkg.settings import Settings, SettingsError, load_settings
from chemkg.web.error_pages import install_error_handlers
from chemkg.web.errors import Unavailable
from chemkg.web.live import LiveBuild
from chemkg.web.methods import HeadAndOptions
from chemkg.web.pool import QueryPool
from chemkg.web.routers import ROUTERS
from chemkg.web.state import AppState
from chemkg.web.templating import make_templates

log = logging.getLogger("chemkg.web")

DESCRIPTION = """ChemKG: how chemical substances are governed by the Stockholm, Rotterdam, Basel and Minamata
conventions, the Montreal Protocol, EU lists and the Dutch ZZS policy.

* `/sparql` is a SPARQL 1.1 Protocol endpoint (read-only; default graph = union of the named graphs).
* `/void` describes the dataset; `/health` and `/version` are for operators.
* Pages (`/treaties`, `/substances`, `/panel`, `/zzs`, `/reports`, …) answer `Accept: application/json` (or
  `?format=json`) at the same URL with their content as JSON; the response models are below.
"""
EXPOSED_HEADERS = ["X-ChemKG-Truncated", "X-ChemKG-Result-Limit", "X-ChemKG-Note", "Retry-After", "Server-Timing"]


def check_settings(settings: Settings) -> None:
    """Refuse settings the service cannot honour, naming the variable."""
    if not settings.read_only:
        raise SettingsError(
            "CHEMKG_READ_ONLY=false: SPARQL Update is not supported. The store is rebuilt from graph/ by "
            "`chemkg build` and swapped in whole, so an update would be lost; change the registers instead."
        )


WARM_PAGES = ("/substance/mercury", "/")
EXPLANATIONS_AFTER_S = 5.0


def warm_pages(app: FastAPI) -> None:
    """Render a few pages in-process, so their imports, templates and caches are ready.

    Done before the model import, which holds the interpreter (and module import locks) for seconds:
    pages whose code and caches are already loaded need only milliseconds, so they answer within 2 s
    of start-up.
    """
    import asyncio

    import httpx

    async def visit() -> None:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://warm-up") as client:
            for path in WARM_PAGES:
                await client.get(path, headers={"accept": "text/html"})

    asyncio.run(visit())


def warm_up_in_background(app: FastAPI) -> threading.Thread:
    """The search index, pages, a first query and names, in one thread; the search model loads in another; the
    documents' explanations follow once start-up is over.

    ONNX Runtime releases the GIL while it prepares the model, so that second of work overlaps the
    page and index warm-up instead of following it.
    """
    state: AppState = app.state.chemkg
    try:
        build = state.live.current()
    except Unavailable:  # no store yet: nothing to warm; the first request says how to build one
        build = None
    if build is not None:
        threading.Thread(target=build.load_search_model, name="chemkg-model-load", daemon=True).start()

    def run() -> None:
        if build is not None:
            build.load_searcher()  # pages' related substances come from it too
        try:
            warm_pages(app)
        except Exception:  # a cold cache only costs the first visitor some time
            log.warning("page warm-up failed", exc_info=True)
        if build is not None:
            build.warm_up_search()
            build.warm_up_names()
            # Not yet: its CPU second would compete with the first visitors (the first search came 0.4 s later).
            later = threading.Timer(EXPLANATIONS_AFTER_S, build.warm_up_explanations)
            later.daemon = True
            later.start()

    thread = threading.Thread(target=run, name="chemkg-warm-up", daemon=True)
    thread.start()
    return thread


def one_blas_thread() -> None:
    """Matrix products in requests are small (a query or an entity against the passage vectors): on one
    thread 0.2-0.4 ms, on OpenBLAS's two 8 ms whenever the other core is busy, as its threads wait for each
    other, and after each product those threads spin, which cost the server 20 ms of CPU per search.

    NumPy is imported first: the limit applies to the BLAS libraries loaded when it is set, and the server
    loads NumPy lazily, with the search index.
    """
    import numpy  # noqa: F401  (loads its OpenBLAS, so the limit reaches it)
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    one_blas_thread()
    if app.state.chemkg.settings.warm_up:
        warm_up_in_background(app)  # pages, the search index and its model load while the service already answers
    # What is alive after start-up lives as long as the process; keeping it out of the collector's sweeps
    # shortens the pauses that otherwise show up in the latency tail of /sparql.
    gc.collect()
    gc.freeze()
    yield
    await app.state.chemkg.pool.close()
    app.state.chemkg.live.close()  # the batch process


def create_app(settings: Settings | None = None) -> FastAPI:
    """The service for ``settings`` (default: from the ``CHEMKG_*`` environment)."""
    settings = settings or load_settings()
    check_settings(settings)
    # /docs comes from routers/api_docs.py, with its assets served locally (no CDN)
    app = FastAPI(
        title="ChemKG", version=__version__, description=DESCRIPTION, lifespan=lifespan, docs_url=None, redoc_url=None
    )
    # Query workers start with the first query, so apps that never query (tests of other routes) stay light;
    # the build opens on the first request (or the warm-up at start-up).
    app.state.chemkg = AppState(
        settings=settings,
        templates=make_templates(),
        pool=QueryPool(settings.query_workers, settings.query_timeout_s),
        live=LiveBuild(settings.store, settings.index),
    )
    install_error_handlers(app)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=EXPOSED_HEADERS,
        max_age=86400,
    )
    app.add_middleware(HeadAndOptions)  # outside CORS, which still answers the preflights
    for router in ROUTERS:
        app.include_router(router)
    return app
