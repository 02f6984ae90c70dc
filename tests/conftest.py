"""Shared fixtures: the graph built once per test session into a temporary store.

The store holds the curated graph and the official lists (graph/official) when the session runs any
test marked ``slow``; a session without one (``pytest -m "not slow and not browser"``, the fast loop)
builds the curated graph alone, in a fifth of the time. So a test that needs the official lists in the
store, or asserts full-size behaviour, is marked ``slow``.

Under pytest-xdist (``make test`` runs ``pytest -n <CPUs + 1>``) each worker is a session of its own; the store, the
curated store, the model export and the search index are still made once: the first worker that needs one makes
it under a file lock in a folder all share (the run's temporary folder), and the others wait for it and read it.
A worker takes whole files (``pytest_xdist_make_scheduler``), so a module's own fixtures are made once too; and so
that no worker waits for the index (minutes), every test that needs the embedding model runs on one worker
(``EMBEDDING_MODEL_FILES``): it exports the model while another builds the store, then builds the index while
the others run the rest.
"""

from __future__ import annotations

import os
import pickle
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from filelock import FileLock

from chemkg.build.pipeline import build
from chemkg.profile import Profile, load_profile
from chemkg.search.embedder import ensure_export
from chemkg.search.indexer import IndexReport, build_index
from chemkg.settings import Settings, load_settings
from chemkg.store import OxigraphStore, open_store

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
if os.environ.get("PYTEST_XDIST_WORKER") is not None:
    # A pytest-xdist worker is started with COLUMNS=80 and LINES=24, which would fix the CLI's console at 80
    # columns for the session; without them it reads the width a test gives (COLUMNS), as in a plain run.
    os.environ.pop("COLUMNS", None)
    os.environ.pop("LINES", None)


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


def _official_snapshot() -> dict[str, bytes]:
    folder = ROOT / "graph" / "official"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session", autouse=True)
def official_lists_untouched() -> Iterator[None]:
    """No test may write into the shipped list snapshots (imports in tests go to temporary folders)."""
    before = _official_snapshot()
    yield
    after = _official_snapshot()
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert not changed, f"a test changed graph/official: {changed}; give it a temporary CHEMKG_IMPORTS_DIR"


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's store, index and model exports; one folder shared by the workers of a pytest-xdist run."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return tmp_path_factory.mktemp("data")
    shared = tmp_path_factory.getbasetemp().parent / "data"
    shared.mkdir(exist_ok=True)
    return shared


def made_once(path: Path, make: Callable[[], T]) -> T:
    """What ``make`` returns, made once for every worker of the run: the first builds ``path`` under a lock and
    keeps the result beside it; the others wait for the lock and read that result."""
    result = path.with_name(path.name + ".made")
    with FileLock(str(path) + ".lock"):
        if result.exists():
            made: T = pickle.loads(result.read_bytes())
            return made
        value = make()
        result.write_bytes(pickle.dumps(value))
        return value


# Fixtures too costly for the fast loop: a test that uses one must be marked slow.
COSTLY_FIXTURES = {"index_report": "builds the search index", "live_site": "starts a server"}


# The files of the tests that need the embedding model (its export, the index built with it): under pytest-xdist
# one worker runs them all, from its start, so it exports the model while another builds the store, and builds the
# index while the others run the rest: no worker waits for the index.
EMBEDDING_MODEL_FILES = ("test_embedder.py", "test_search.py", "test_search_reading.py")
# The longest single test starts next, on another worker; every other file follows in its order.
LONGEST_FIRST = "test_web_links.py"


def _start_order(item: pytest.Item) -> int:
    return 0 if item.path.name in EMBEDDING_MODEL_FILES else 1 if item.path.name == LONGEST_FIRST else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start_order)  # stable: the order is otherwise unchanged
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        for fixture, why in COSTLY_FIXTURES.items():
            if fixture in fixtures and item.get_closest_marker("slow") is None:
                raise pytest.UsageError(f"{item.nodeid} {why} (fixture {fixture}): mark it @pytest.mark.slow")
        if "model_cache" in fixtures and item.path.name not in EMBEDDING_MODEL_FILES:
            raise pytest.UsageError(
                f"{item.nodeid} needs the embedding model: put it in one of {EMBEDDING_MODEL_FILES} or add its file "
                "to EMBEDDING_MODEL_FILES (conftest.py), so that one worker runs every such test"
            )


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """``-n N`` (load scheduling) by file: a worker takes a whole file, so a module's fixtures (a private build, a
    server, a browser, every entity's profile) are made once, not on every worker; the files of the embedding model
    go together. The units go out in collection order (``_start_order``), not largest first.

    (pytest-xdist's ``--dist loadgroup`` cannot group by fixture under pytest 9: it renames a test through an
    attribute pytest no longer reads.)"""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    config.option.loadscopereorder = False

    class ByFileEmbeddingModelTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return "embedding model" if file.rsplit("/", 1)[-1] in EMBEDDING_MODEL_FILES else file

    return ByFileEmbeddingModelTogether(config, log)


def full_size(session: pytest.Session) -> bool:
    """Whether the session runs a test that needs the official lists in the store (one marked slow)."""
    return any(item.get_closest_marker("slow") is not None for item in session.items)


@pytest.fixture(scope="session")
def built_store(request: pytest.FixtureRequest, data_dir: Path) -> Path:
    """The real graph (graph/ + ontology/, and graph/official when the session is full-size) in a session store."""
    path = data_dir / "store"
    made_once(
        path, lambda: build(ROOT / "graph", ROOT / "ontology", path, imports=None if full_size(request.session) else [])
    )
    return path


_OPENED: dict[Path, OxigraphStore] = {}


def opened(path: Path) -> OxigraphStore:
    """One open store per path for the session."""
    if path not in _OPENED:
        _OPENED[path] = open_store(path)
    return _OPENED[path]


@pytest.fixture(scope="session")
def store(built_store: Path) -> OxigraphStore:
    return opened(built_store)


@pytest.fixture(scope="session")
def curated_store(request: pytest.FixtureRequest, data_dir: Path) -> OxigraphStore:
    """The curated graph alone, for tests about what the curated registers say (the session store when it is
    curated-only, else a build of its own: a few seconds, where a whole-graph query over the official lists
    can take a minute)."""
    if not full_size(request.session):
        return opened(request.getfixturevalue("built_store"))
    path = data_dir / "curated-store"
    made_once(path, lambda: build(ROOT / "graph", ROOT / "ontology", path, imports=[]))
    return opened(path)


@pytest.fixture(scope="session")
def profiles(store: OxigraphStore) -> dict[str, Profile]:
    """Every entity's profile, loaded once for the tests of invariants over all of them (seconds at full size)."""
    entities = sorted({r["entity"] for r in store.rows("entity-names")})
    found = {iri: load_profile(store, iri) for iri in entities}
    return {iri: p for iri, p in found.items() if p is not None}


@pytest.fixture(scope="session")
def settings(built_store: Path, data_dir: Path) -> Settings:
    """Settings pointing at the session's store and index, as a deployment would have them, without the warm-up at
    start-up: the apps the tests make would each load the index and the model in the background (2 s of CPU each)
    whether their tests search or not. What needs them loads them on first use; the warm-up itself has its own test
    (test_search.py), and start-up is measured by bench/startup.py."""
    return load_settings(
        graph_dir=ROOT / "graph",
        ontology_dir=ROOT / "ontology",
        data_dir=data_dir,
        store_path=built_store,
        index_path=data_dir / "index",
        warm_up=False,
    )


@pytest.fixture(scope="session")
def model_cache(data_dir: Path) -> Path:
    """The model cache holding the export of the session's embedding model (made with torch once per run, before
    any store is asked for: the worker that builds the index exports it while another builds the store)."""
    model = load_settings(data_dir=data_dir)
    cache = model.model_cache_dir
    made_once(cache, lambda: ensure_export(model.model_name, model.model_precision, cache).folder)
    return cache


@pytest.fixture(scope="session")
def index_report(model_cache: Path, settings: Settings, built_store: Path) -> IndexReport:
    """The search index of the session store, built once for every test that searches (the real model over
    every document: the costliest fixture, so tests that use it are marked slow)."""
    assert settings.model_cache_dir == model_cache
    return made_once(settings.index, lambda: build_index(settings, built_store, show_progress=False))


@pytest.fixture
def graph_copy(tmp_path: Path) -> Iterator[Path]:
    """A private copy of graph/ that a test may break."""
    target = tmp_path / "graph"
    shutil.copytree(ROOT / "graph", target)
    yield target


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def live_site(settings: Settings) -> Iterator[str]:
    """`chemkg serve` as a user meets it: uvicorn on a free local port; yields the base URL."""
    import uvicorn

    from chemkg.web.app import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=15)


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (the browser tests' one way in)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian chromium is not installed; run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
