"""Shared fixtures: the curated graph built once per test session into a temporary store."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from chemkg.build.pipeline import build
from chemkg.settings import Settings, load_settings
from chemkg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


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
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def built_store(data_dir: Path) -> Path:
    """The real curated graph (graph/ + ontology/) built into a session-wide store."""
    path = data_dir / "store"
    build(ROOT / "graph", ROOT / "ontology", path)
    return path


@pytest.fixture(scope="session")
def store(built_store: Path) -> ox.Store:
    return open_store(built_store)


@pytest.fixture(scope="session")
def settings(built_store: Path, data_dir: Path) -> Settings:
    """Settings pointing at the session's store and index, as a deployment would have them."""
    return load_settings(
        graph_dir=ROOT / "graph",
        ontology_dir=ROOT / "ontology",
        data_dir=data_dir,
        store_path=built_store,
        index_path=data_dir / "index",
    )


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
