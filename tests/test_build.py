"""`chemkg build`: a valid graph becomes a store; an invalid one is refused and the old store stays."""

import json
from pathlib import Path

import pytest

from chemkg.build.pipeline import BuildFailed, build
from chemkg.store import BUILD_INFO, build_info, open_store

ROOT = Path(__file__).resolve().parent.parent


def test_the_build_writes_one_named_graph_per_register_and_a_provenance_graph(built_store: Path) -> None:
    info = build_info(built_store)
    graphs = info["graphs"]
    assert "https://w3id.org/chemkg/graph/listings/stockholm" in graphs
    assert "https://w3id.org/chemkg/graph/provenance" in graphs
    assert info["triples"] == sum(graphs.values()) > 10_000
    assert info["entities"]["Listing"] > 300


def test_a_researcher_can_ask_where_a_named_graph_comes_from(store) -> None:  # type: ignore[no-untyped-def]
    query = """
        PREFIX ck: <https://w3id.org/chemkg/ontology#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?file ?source WHERE { GRAPH <https://w3id.org/chemkg/graph/provenance> {
          <https://w3id.org/chemkg/graph/listings/stockholm> ck:sourceFile ?file ; dcterms:source ?source } }"""
    rows = list(store.oxigraph.query(query))
    assert rows and rows[0]["file"].value == "graph/listings/stockholm.csv"


def test_a_broken_register_is_refused_and_the_previous_store_is_untouched(built_store: Path, graph_copy: Path) -> None:
    before = (built_store / BUILD_INFO).read_text(encoding="utf-8")
    path = graph_copy / "listings" / "stockholm.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",stockholm/annex-a,", ",stockholm/annex-q,", 1))
    with pytest.raises(BuildFailed) as failed:
        build(graph_copy, ROOT / "ontology", built_store)
    assert any("listings/stockholm.csv:" in p.where and "[annex]" in p.where for p in failed.value.problems)
    assert (built_store / BUILD_INFO).read_text(encoding="utf-8") == before
    assert open_store(built_store) is not None


@pytest.mark.slow
def test_a_rebuild_swaps_the_new_store_in_and_keeps_the_path_stable(tmp_path: Path) -> None:
    target = tmp_path / "store"
    # The curated graph alone: the swap does not depend on what is built, and it builds in a fifth of the time.
    build(ROOT / "graph", ROOT / "ontology", target, imports=[])
    first = target.resolve()
    build(ROOT / "graph", ROOT / "ontology", target, imports=[])
    assert target.is_symlink() and target.resolve() != first
    assert json.loads((target / BUILD_INFO).read_text())["triples"] > 0


def test_whole_graph_queries_read_the_rows_the_build_saved_and_they_equal_the_query(built_store: Path) -> None:
    from chemkg.store import PRECOMPUTED, TABLES, named_queries, open_store

    store = open_store(built_store)
    for name in PRECOMPUTED:
        saved = json.loads((built_store / TABLES / f"{name}.json").read_text(encoding="utf-8"))
        assert store.rows(name) == saved, f"{name}: run_named must serve the saved rows"
        fresh = store.select(named_queries()[name].text)
        key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
        assert sorted(fresh, key=key) == sorted(saved, key=key), f"{name}: saved rows differ from the query"
