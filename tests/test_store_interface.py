"""The store sits behind one interface: the site renders through any implementation of ``GraphStore``.

A second implementation that only passes each call on (and writes down which) stands in for the built
store; it has nothing but the interface's methods, so a page that reached past the interface would fail.
"""

from __future__ import annotations

import inspect
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from chemkg.namespaces import BASE
from chemkg.settings import Settings
from chemkg.store import GraphStore, QueryResult, open_store
from chemkg.web import live
from chemkg.web.app import create_app

BROWSER = {"accept": "text/html"}
TURTLE = {"accept": "text/turtle"}


class RecordingStore:
    """A :class:`GraphStore` that passes every call to another and counts the calls by method."""

    def __init__(self, inner: GraphStore) -> None:
        self._inner = inner
        self.calls: Counter[str] = Counter()

    def rows(self, name: str, **bindings: Any) -> list[dict[str, Any]]:
        self.calls["rows"] += 1
        return self._inner.rows(name, **bindings)

    def select(self, query: str, **bindings: Any) -> list[dict[str, Any]]:
        self.calls["select"] += 1
        return self._inner.select(query, **bindings)

    def sparql(
        self,
        query: str,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
        default_prefixes: bool = True,
        base_iri: str = BASE,
    ) -> QueryResult:
        self.calls["sparql"] += 1
        return self._inner.sparql(query, default_graphs, named_graphs, default_prefixes, base_iri)

    def about(self, iri: str, predicate: str | None = None) -> Iterator[ox.Triple]:
        self.calls["about"] += 1
        return self._inner.about(iri, predicate)

    def pointing_to(self, iri: str, predicate: str | None = None) -> Iterator[ox.Triple]:
        self.calls["pointing_to"] += 1
        return self._inner.pointing_to(iri, predicate)

    def holds(self, subject: str, predicate: str, obj: str) -> bool:
        self.calls["holds"] += 1
        return self._inner.holds(subject, predicate, obj)

    def is_a(self, iri: str, type_iri: str) -> bool:
        self.calls["is_a"] += 1
        return self._inner.is_a(iri, type_iri)

    def graph_triples(self, graph: str) -> list[ox.Triple]:
        self.calls["graph_triples"] += 1
        return self._inner.graph_triples(graph)

    def graph_names(self) -> set[str]:
        self.calls["graph_names"] += 1
        return self._inner.graph_names()

    def quad_count(self) -> int:
        self.calls["quad_count"] += 1
        return self._inner.quad_count()

    def dump(self, path: Path, format: ox.RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        self.calls["dump"] += 1
        self._inner.dump(path, format, prefixes)


def interface_methods(cls: type) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls, inspect.isfunction) if not name.startswith("_")}


def test_the_recording_store_is_a_whole_implementation_of_the_interface() -> None:
    assert interface_methods(RecordingStore) == interface_methods(GraphStore)  # type: ignore[type-abstract]


@pytest.fixture(scope="module")
def recorded(settings: Settings) -> Iterator[tuple[TestClient, RecordingStore]]:
    """An app whose live build opens its store as a recording store (no warm-up: nothing is read before)."""
    opened: list[RecordingStore] = []

    def open_recorded(path: Path) -> RecordingStore:
        opened.append(RecordingStore(open_store(path)))
        return opened[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(live, "open_store", open_recorded)
        client = TestClient(create_app(settings))
        assert client.get("/", headers=BROWSER).status_code == 200
        assert len(opened) == 1
        yield client, opened[0]


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/", BROWSER, 200),
        ("/substance/pfhxs", BROWSER, 200),
        ("/substance/pfhxs.ttl", TURTLE, 200),
        ("/treaty/stockholm", BROWSER, 200),
        ("/treaty/stockholm/annex-a", BROWSER, 200),
        ("/treaties", BROWSER, 200),
        ("/substances?instrument=stockholm", BROWSER, 200),
        ("/matrix", BROWSER, 200),
        ("/zzs", BROWSER, 200),
        ("/panel", BROWSER, 200),
        ("/reports/expiring-exemptions?years=10", {"accept": "text/html", "accept-language": "nl"}, 200),
        ("/ontology", BROWSER, 200),
        ("/ontology.ttl", TURTLE, 200),
        ("/ontology/context.jsonld", {}, 200),
        ("/graph/provenance", TURTLE, 200),
        ("/sparql", BROWSER, 200),
        ("/substance/pfhxz", BROWSER, 404),
    ],
)
def test_a_page_renders_through_the_interface_alone(
    recorded: tuple[TestClient, RecordingStore], path: str, headers: dict[str, str], status: int
) -> None:
    client, _ = recorded
    assert client.get(path, headers=headers).status_code == status


def test_the_pages_read_by_named_queries_and_triple_reads_by_name(recorded: tuple[TestClient, RecordingStore]) -> None:
    client, recorder = recorded
    client.get("/substance/pfhxs", headers=BROWSER)
    client.get("/graph/provenance", headers=TURTLE)
    assert {"rows", "about", "pointing_to", "graph_triples", "graph_names"} <= set(recorder.calls)
