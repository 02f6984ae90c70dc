"""Hostile queries: the time limit stops them, the row limit cuts them, and everyone else is still served."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from chemkg.settings import Settings
from chemkg.web.app import create_app

PFHXS_CAS = 'SELECT ?substance WHERE { ?substance ck:casNumber "355-46-4" }'
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PATHS_OVER_EVERYTHING = "SELECT (COUNT(*) AS ?n) WHERE { ?s (ck:memberOf|!ck:memberOf)* ?o . ?x ?y ?z }"


@pytest.fixture(scope="module")
def client(settings: Settings) -> Iterator[TestClient]:
    """An endpoint with a 1.5 s time limit, as an operator would set CHEMKG_QUERY_TIMEOUT_S=1.5."""
    quick = settings.model_copy(update={"query_timeout_s": 1.5, "query_workers": 2})
    with TestClient(create_app(quick)) as c:
        yield c


def answered(response: Response) -> list[dict[str, str]]:
    data = json.loads(response.content)
    return [{k: v["value"] for k, v in row.items()} for row in data["results"]["bindings"]]


@pytest.mark.parametrize("query", [CARTESIAN, PATHS_OVER_EVERYTHING], ids=["cartesian", "property-paths"])
def test_runaway_query_is_stopped_with_503_and_retry_after(client: TestClient, query: str) -> None:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 503
    assert "time limit" in r.json()["error"]["detail"]
    assert int(r.headers["retry-after"]) >= 1
    # the endpoint is whole again afterwards
    assert answered(client.get("/sparql", params={"query": PFHXS_CAS})) == [
        {"substance": "https://w3id.org/chemkg/substance/pfhxs-acid"}
    ]


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 10, every: float = 0.01) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"waited {seconds:g} s for {what}"
        time.sleep(every)


def both_workers_up(client: TestClient) -> None:
    """Wait until replacements for workers killed by earlier tests have started."""
    wait_until(
        lambda: client.get("/health").json()["query_workers"]["alive"] >= 2,
        "the query workers to be replaced",
        seconds=30,
        every=0.1,
    )


def test_simple_query_is_answered_while_a_runaway_runs(client: TestClient) -> None:
    both_workers_up(client)
    finished: dict[str, float] = {}

    def runaway() -> None:
        client.get("/sparql", params={"query": CARTESIAN})
        finished["runaway"] = time.monotonic()

    pool = client.app.state.chemkg.pool  # type: ignore[attr-defined]
    wait_until(lambda: len(pool._idle) == 2, "both query workers idle")
    attacker = threading.Thread(target=runaway)
    attacker.start()
    wait_until(lambda: len(pool._idle) < 2, "a query worker taking the runaway query")
    r = client.get("/sparql", params={"query": PFHXS_CAS})
    finished["simple"] = time.monotonic()
    attacker.join()
    assert r.status_code == 200
    assert finished["simple"] < finished["runaway"]  # served by the other worker, not queued behind


def test_huge_result_is_cut_at_the_row_limit(settings: Settings) -> None:
    with TestClient(create_app(settings.model_copy(update={"result_limit": 1000}))) as c:
        r = c.get("/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"})
        assert r.status_code == 200
        assert len(answered(r)) == 1000
        assert r.headers["x-chemkg-truncated"] == "true"
        construct = c.get("/sparql", params={"query": "CONSTRUCT { ?a ?b ?d } WHERE { ?a ?b ?c . ?d ?e ?f }"})
        assert construct.status_code == 200
        assert construct.headers["x-chemkg-truncated"] == "true"


def test_a_worker_that_dies_mid_query_is_a_500_and_is_replaced(client: TestClient) -> None:
    # pyoxigraph 0.5 can abort the whole process on some queries (e.g. a panic in ORDER BY); simulate it.
    both_workers_up(client)
    result: dict[str, Response] = {}
    attacker = threading.Thread(target=lambda: result.update(r=client.get("/sparql", params={"query": CARTESIAN})))
    pool = client.app.state.chemkg.pool  # type: ignore[attr-defined]
    # Kill the worker that has the query, once it has it: killing after a fixed pause could miss the query on a
    # busy machine, and killing the idle worker too would put a second, unrelated death in the test.
    wait_until(lambda: len(pool._idle) == 2, "both query workers idle")
    attacker.start()
    wait_until(lambda: len(pool._idle) < 2, "a query worker taking the query")
    (busy,) = pool._workers - set(pool._idle)
    os.kill(busy.process.pid, signal.SIGKILL)
    attacker.join()
    assert result["r"].status_code == 500
    assert result["r"].json()["error"]["title"] == "Query engine failure"
    for _ in range(3):
        assert client.get("/sparql", params={"query": PFHXS_CAS}).status_code == 200
    both_workers_up(client)


def test_workers_that_died_between_queries_are_replaced_unnoticed(client: TestClient) -> None:
    # The OOM killer, say, takes idle workers: the next queries are answered, not blamed on the engine.
    both_workers_up(client)
    for worker in list(client.app.state.chemkg.pool._workers):  # type: ignore[attr-defined]
        with contextlib.suppress(ProcessLookupError):
            os.kill(worker.process.pid, signal.SIGKILL)
    wait_until(lambda: client.get("/health").json()["query_workers"]["alive"] == 0, "the workers' deaths seen")
    for _ in range(3):
        r = client.get("/sparql", params={"query": PFHXS_CAS})
        assert r.status_code == 200, r.text
        assert [row["substance"] for row in answered(r)] == ["https://w3id.org/chemkg/substance/pfhxs-acid"]
    both_workers_up(client)
