"""One live build: what the service answers from is one build's store and index, swapped whole, and a search
index from another build is refused, at start-up and in /health."""

from __future__ import annotations

import json
import os
import pickle
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from chemkg.settings import Settings
from chemkg.store import build_info
from chemkg.web.app import create_app
from chemkg.web.live import INDEX_MANIFEST, LiveBuild
from chemkg.web.worker import HEADER, REPLY, Job, answer

ROOT = Path(__file__).resolve().parents[1]


def foreign_index(folder: Path, built_at: str = "2001-01-01T00:00:00+00:00") -> Path:
    """A search index folder whose manifest says it was made from another build's store."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {"format": 1, "model": "m|128", "store_built_at": built_at, "built_at": "2001-01-01T00:05:00"}
    (folder / INDEX_MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_the_bench_reads_the_index_manifest_the_indexer_writes() -> None:
    from chemkg.search.indexer import MANIFEST

    assert INDEX_MANIFEST == MANIFEST


def test_health_reports_a_search_index_from_another_build(settings: Settings, tmp_path: Path) -> None:
    index = foreign_index(tmp_path / "index")
    with TestClient(create_app(settings.model_copy(update={"index_path": index}))) as client:
        health = client.get("/health").json()
        search = client.get("/search", params={"q": "pfos"})
    assert health["status"] == "ok"  # pages and SPARQL still serve the store
    assert health["index"]["loaded"] is False
    assert health["index"]["store_built_at"] == "2001-01-01T00:00:00+00:00"
    assert "chemkg index" in health["index"]["problem"]
    assert search.status_code == 503
    assert "was made from the build of 2001-01-01" in search.json()["error"]["detail"]


def test_the_search_page_falls_back_to_names_when_the_index_is_from_another_build(
    settings: Settings, tmp_path: Path
) -> None:
    index = foreign_index(tmp_path / "index")
    client = TestClient(create_app(settings.model_copy(update={"index_path": index})))
    page = client.get("/search", params={"q": "mercury"}, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "/substance/mercury" in page.text


def test_chemkg_serve_refuses_to_start_on_an_index_of_another_build(settings: Settings, tmp_path: Path) -> None:
    from chemkg.cli import app

    index = foreign_index(tmp_path / "index")
    env = {"CHEMKG_STORE_PATH": str(settings.store), "CHEMKG_INDEX_PATH": str(index)}
    result = CliRunner().invoke(app, ["serve", "--port", "1"], env=env)
    assert result.exit_code == 1
    assert "was made from the build of 2001-01-01" in result.output
    assert "chemkg index" in result.output


def test_a_new_build_swapped_in_behind_the_store_path_is_served_whole(settings: Settings, tmp_path: Path) -> None:
    """`chemkg build` moves the store symlink; the next request gets the new build with its own tables."""
    first = tmp_path / ".store-1"
    second = tmp_path / ".store-2"
    for target in (first, second):  # two builds: hard-linked copies of the session's store
        subprocess.run(["cp", "-al", str(settings.store.resolve()), str(target)], check=True)
    link = tmp_path / "store"
    link.symlink_to(first)
    live = LiveBuild(link, foreign_index(tmp_path / "index", str(build_info(first)["built_at"])))
    old = live.current()
    assert live.current() is old  # unchanged path: the same build, tables computed once
    assert old.site is old.site
    assert old.index.usable
    os.remove(link)
    link.symlink_to(second)
    new = live.current()
    assert new is not old
    assert new.store_path == second.resolve()
    assert new.site is not old.site
    assert new.site.entities.keys() == old.site.entities.keys()


class FailingStore:
    """A store whose engine fails the way a fault (not a bad query) does."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def sparql(self, *args: object, **kwargs: object) -> object:
        raise self.error


def worker_reply(error: Exception) -> tuple[int, str]:
    ours, theirs = socket.socketpair()
    with ours, theirs:
        job = Job("SELECT * WHERE { ?s ?p ?o }", "application/sparql-results+json", None, 10)
        answer(FailingStore(error), job, theirs)  # type: ignore[arg-type]
        size, kind = HEADER.unpack(ours.recv(HEADER.size))
        assert kind == REPLY[0]
        data = b""
        while len(data) < size:
            data += ours.recv(size - len(data))
    meta, _ = pickle.loads(data)
    return meta.status, meta.title


def test_a_fault_in_the_query_engine_is_a_500_not_the_users_400(capsys: pytest.CaptureFixture[str]) -> None:
    assert worker_reply(OSError("disk read failed")) == (500, "Query engine failure")
    assert worker_reply(TypeError("unexpected None")) == (500, "Query engine failure")
    assert "disk read failed" in capsys.readouterr().err  # the traceback is in the server's log


def test_a_query_the_engine_cannot_evaluate_is_the_users_400() -> None:
    assert worker_reply(ValueError("not a valid IRI")) == (400, "Query failed")


def test_chemkg_serve_imports_neither_the_build_pipeline_nor_torch() -> None:
    """Start-up: `chemkg serve` loads only its own command and the web app (issue 15: /health within 1 s)."""
    code = (
        "import sys; import chemkg.cli as c; c.load_commands(['serve']); import chemkg.web.app; "
        "print(sorted(m for m in ('chemkg.build.pipeline', 'chemkg.cli.build', 'torch', 'transformers', "
        "'chemkg.search.indexer') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip() == "[]"
