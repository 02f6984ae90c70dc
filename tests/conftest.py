"""Shared fixtures: the curated graph built once per test session into a temporary store."""

from __future__ import annotations

import os
import shutil
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
