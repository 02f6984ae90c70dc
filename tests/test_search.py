"""Plain-language search: identifiers first, Dutch through the graph's own labels, filters, explanations,
HTTP errors, incremental indexing and the evaluation set.

Tests marked slow load the real embedding model (once per session) and index the real graph once.
"""

from __future__ import annotations

import csv
import json
import pickle
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pyoxigraph as ox
import pytest
from fastapi.testclient import TestClient

from chemkg.search.dense import DenseIndex, exact_top_k
from chemkg.search.documents import Document, Name
from chemkg.search.engine import FilterError, Searcher, get_searcher
from chemkg.search.indexer import IndexReport, build_index
from chemkg.search.lexical import LEXICAL_FILE, LexicalIndex, exact_key, load_lexical, save_lexical
from chemkg.search.lexicon import build_lexicon, ibm1
from chemkg.search.text import decompound, stem, tokens
from chemkg.settings import Settings
from chemkg.store import OxigraphStore

BASE = "https://w3id.org/chemkg/"
EVAL = Path(__file__).resolve().parent.parent / "search"


# -- fast: the pieces ----------------------------------------------------------------------------


def test_flat_index_returns_exactly_the_numpy_top_k() -> None:
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(500, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors)
    for query in vectors[:20] + 0.1 * rng.normal(size=(20, 32)).astype(np.float32):
        _, rows = index.search(query, 10)
        assert list(rows) == list(exact_top_k(vectors, query, 10))


def test_passages_with_the_same_vector_rank_in_row_order_every_time() -> None:
    # Official lists repeat names: equal scores must not reorder results between runs or builds.
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(300, 16)).astype(np.float32)
    vectors[[40, 7, 250]] = vectors[99]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    scores, rows = DenseIndex.build(vectors).search(vectors[99], 4)
    assert list(rows) == [7, 40, 99, 250]
    assert np.allclose(scores, 1.0)


def test_hnsw_index_agrees_with_exact_search_on_clustered_vectors() -> None:
    rng = np.random.default_rng(11)
    centres = rng.normal(size=(40, 48))
    vectors = (centres[rng.integers(0, 40, 4000)] + 0.4 * rng.normal(size=(4000, 48))).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors, hnsw=True)
    found = 0
    for query in vectors[:50]:
        _, rows = index.search(query, 10)
        found += len(set(rows) & set(exact_top_k(vectors, query, 10)))
    assert found / 500 >= 0.95


def test_light_stemmer_joins_plurals_and_dutch_endings() -> None:
    assert stem("thermometers") == stem("thermometer")
    assert stem("stoffen") == stem("stof")
    assert stem("bijlagen") == stem("bijlage")
    assert stem("hfcs") == stem("hfc")
    assert tokens("1763-23-1") == ["1763-23-1"]  # identifiers stay whole


def test_dutch_compounds_split_into_known_words() -> None:
    assert decompound("kwikthermometers", {"kwik", "thermometers"}) == ["kwik", "thermometers"]
    assert decompound("kwik", {"kwik"}) == []


def test_exact_keys_ignore_word_order_and_joining_words() -> None:
    assert exact_key("Annex A of the Stockholm Convention") == exact_key("stockholm annex A")
    assert exact_key("Article 12") == exact_key("art. 12")


def test_word_alignment_learns_kwik_is_mercury_from_parallel_text() -> None:
    pairs = [
        (["mercury", "thermometers"], ["kwik", "thermometers"]),
        (["mercury", "lamps"], ["kwik", "lampen"]),
        (["lead", "paint"], ["lood", "verf"]),
        (["mercury", "waste"], ["kwik", "afval"]),
        (["lead", "waste"], ["lood", "afval"]),
    ]
    table = ibm1(pairs)
    assert max(table["kwik"], key=table["kwik"].__getitem__) == "mercury"
    assert max(table["lood"], key=table["lood"].__getitem__) == "lead"


def test_a_dutch_query_is_rewritten_with_the_graphs_own_labels() -> None:
    mercury = Document(BASE + "substance/mercury", "substance", {"en": "Mercury", "nl": "Kwik"})
    mercury.names.append(Name("synonym", "kwikzilver", "nl"))
    mercury.description = {"en": "Mercury is used in thermometers.", "nl": "Kwik wordt gebruikt in thermometers."}
    lexicon = build_lexicon([mercury])
    translation = lexicon.translate("kwik in thermometers")
    assert translation.text == "Mercury in thermometers"
    assert translation.replaced == [("kwik", "Mercury")]
    assert lexicon.translate("mercury in thermometers").changed is False


# -- the evaluation set -----------------------------------------------------------------------


def _queries() -> list[dict[str, object]]:
    return [json.loads(line) for line in (EVAL / "queries.jsonl").read_text(encoding="utf-8").splitlines() if line]


def _qrels() -> list[dict[str, str]]:
    with (EVAL / "qrels" / "test.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_the_evaluation_set_has_80_queries_half_english_half_dutch_each_judged() -> None:
    queries = _queries()
    qrels = _qrels()
    assert len(queries) >= 80
    langs = Counter(q["metadata"]["lang"] for q in queries)  # type: ignore[index]
    assert set(langs) == {"en", "nl"} and min(langs.values()) >= 40
    ids = [q["_id"] for q in queries]
    assert len(ids) == len(set(ids)), "query ids are unique"
    judged = {r["query-id"] for r in qrels}
    assert set(ids) == judged, "every query has a judgement and every judgement a query"
    assert all(r["score"] in ("1", "2") for r in qrels)


@pytest.mark.slow  # some answers come from the official lists
def test_every_judged_answer_is_an_entity_in_the_built_graph(store: OxigraphStore) -> None:
    missing = []
    for iri in sorted({r["corpus-id"] for r in _qrels()}):
        ask = store.oxigraph.query(
            "ASK { ?s ?p ?o }", substitutions={ox.Variable("s"): ox.NamedNode(iri)}, use_default_graph_as_union=True
        )
        if not bool(ask):
            missing.append(iri)
    assert not missing, f"qrels point at IRIs the graph does not have: {missing}"


# -- slow: the real model on the real graph ---------------------------------------------------------


@pytest.fixture(scope="session")
def searcher(settings: Settings, index_report: IndexReport) -> Searcher:
    return get_searcher(settings.index)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1763-23-1", "substance/pfos-acid"),  # CAS
        ("200-001-8", "substance/formaldehyde"),  # EC
        ("Y29", "entry/basel-y29"),  # Basel waste code
        ("SC-9/12", "decision/sc-9-12"),  # decision code
        ("Stockholm Annex A", "treaty/stockholm/annex-a"),
        ("bijlage A van het Verdrag van Stockholm", "treaty/stockholm/annex-a"),
    ],
)
def test_an_identifier_ranks_its_entity_first_without_embedding(searcher: Searcher, query: str, expected: str) -> None:
    result = searcher.search(query)
    assert result.hits[0].iri == BASE + expected
    assert result.hits[0].explanation["exact"], "the explanation says it was an exact match"


@pytest.mark.slow
@pytest.mark.parametrize("query", ["1,2,3-trichloorbenzeen", "1,2,3-trichlorobenzene", "87-61-6"])
def test_a_substance_only_the_rivm_list_names_is_found_by_its_dutch_name_and_cas(
    searcher: Searcher, query: str
) -> None:
    result = searcher.search(query, limit=5)
    assert result.hits[0].iri == BASE + "substance/import-cas-87-61-6", "not a CFC or another chlorobenzene"
    assert result.hits[0].explanation["exact"]


@pytest.mark.slow
def test_an_identifier_query_does_not_embed(searcher: Searcher) -> None:
    result = searcher.search("1763-23-1")
    assert "embedding" in result.read_as and result.hits[0].explanation["dense_rank"] is None


@pytest.mark.slow
def test_an_analyst_asks_in_dutch_for_mercury_in_thermometers(searcher: Searcher) -> None:
    result = searcher.search("kwik in thermometers", lang="nl", limit=5)
    iris = [h.iri for h in result.hits]
    assert BASE + "substance/mercury" in iris[:3]
    assert result.read_as["translated"].lower().startswith("mercury")
    mercury = next(h for h in result.hits if h.iri == BASE + "substance/mercury")
    assert mercury.label == "Kwik", "labels come in the requested language"


@pytest.mark.slow
def test_a_negotiator_asks_what_rotterdam_requires_before_export(searcher: Searcher) -> None:
    result = searcher.search("what does Rotterdam require before export", limit=5)
    top = [h.iri for h in result.hits[:3]]
    assert BASE + "treaty/rotterdam/article-12/export-notification" in top
    hit = next(h for h in result.hits if h.iri.endswith("article-12/export-notification"))
    assert hit.explanation["lexical_rank"] and hit.explanation["dense_rank"]
    assert hit.explanation["matched"], "the explanation names what matched"
    assert hit.snippet


@pytest.mark.slow
def test_a_misspelt_name_still_finds_the_substance(searcher: Searcher) -> None:
    result = searcher.search("mercurey", limit=3)
    assert result.hits[0].iri == BASE + "substance/mercury"


@pytest.mark.slow
def test_filters_keep_only_matching_entities(searcher: Searcher) -> None:
    filters = searcher.filters(types=["substance"], instruments=["minamata"])
    result = searcher.search("mercury", filters=filters, limit=20)
    assert result.hits
    for hit in result.hits:
        doc = searcher.docs[searcher.by_iri[hit.iri]]
        assert doc.type == "substance" and "minamata" in doc.instruments
    zzs = searcher.search("solvent", filters=searcher.filters(zzs=["zzs"]), limit=10)
    assert all(searcher.docs[searcher.by_iri[h.iri]].zzs == "zzs" for h in zzs.hits)


@pytest.mark.slow
def test_a_name_the_filters_leave_out_is_said_to_be_left_out(searcher: Searcher) -> None:
    # PFAS under Minamata: nothing there is PFAS; whatever comes back only shares a word with its expansion.
    filters = searcher.filters(types=["substance"], instruments=["minamata"])
    left_out = searcher.search("pfas", filters=filters).read_as.get("outside_filters", [])
    assert any("polyfluoroalkyl" in name.lower() for name in left_out)
    assert "outside_filters" not in searcher.search("pfas").read_as
    assert "outside_filters" not in searcher.search("mercury", filters=filters).read_as
    # Results that have the query's own word are an answer, whatever entity the word also names.
    stockholm = searcher.filters(instruments=["stockholm"])
    assert "outside_filters" not in searcher.search("dioxin", filters=stockholm).read_as
    # Left out by the filters is not "not in ChemKG".
    assert "not_in_graph" not in searcher.search("asbestos", filters=searcher.filters(instruments=["minamata"])).read_as


@pytest.mark.slow
def test_an_unknown_filter_value_names_the_allowed_ones(searcher: Searcher) -> None:
    with pytest.raises(FilterError) as failure:
        searcher.filters(instruments=["narnia"])
    assert "stockholm" in str(failure.value) and "narnia" in str(failure.value)


@pytest.mark.slow
def test_related_substances_come_from_the_stored_vectors(searcher: Searcher) -> None:
    related = searcher.related(BASE + "substance/pfos", k=5)
    assert len(related) == 5 and all(h.iri != BASE + "substance/pfos" for h in related)
    assert any("pf" in h.iri for h in related), "PFOS's neighbours include other PFAS"


@pytest.mark.slow
def test_changing_one_entity_re_embeds_only_its_passages(
    settings: Settings, built_store: Path, index_report: IndexReport, tmp_path: Path
) -> None:
    copy = tmp_path / "index"
    shutil.copytree(settings.index.resolve(), copy)
    private = settings.model_copy(update={"index_path": copy})
    docs = get_searcher(settings.index).docs
    changed = [Document.from_json(d.to_json()) for d in docs]
    target = next(d for d in changed if d.iri == BASE + "substance/benzene")
    target.description["en"] = "Benzene, a solvent and petrol component; changed by a curator in this test."
    report = build_index(private, built_store, show_progress=False, documents=changed)
    assert report.embedded == 1 and report.reused == report.passages - 1
    again = build_index(private, built_store, show_progress=False, documents=changed)
    assert again.embedded == 0


# -- HTTP ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(settings: Settings, index_report: IndexReport) -> TestClient:
    from chemkg.web.app import create_app

    return TestClient(create_app(settings))


@pytest.mark.slow
def test_http_search_answers_json_with_explanations(client: TestClient) -> None:
    response = client.get("/search", params={"q": "firefighting foam", "type": "group,substance", "limit": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["results"] and body["filters"] == {"types": ["group", "substance"]}
    first = body["results"][0]
    assert {"iri", "type", "label", "snippet", "explanation"} <= set(first)
    assert {"lexical_rank", "dense_rank", "matched"} <= set(first["explanation"])


def _server_timing(header: str) -> dict[str, float]:
    parts = [entry.strip().split(";") for entry in header.split(",")]
    return {p[0]: float(next(f for f in p[1:] if f.startswith("dur="))[4:]) for p in parts}


@pytest.mark.slow
def test_http_search_says_where_its_time_went_in_server_timing(client: TestClient) -> None:
    """A developer sees in the browser's network panel how much of a search was the query's embedding."""
    phrase = _server_timing(client.get("/search", params={"q": "wood preservative"}).headers["server-timing"])
    assert set(phrase) == {"embed", "search", "answer"}
    assert 0 < phrase["embed"] <= phrase["search"] <= phrase["answer"]
    identifier = _server_timing(client.get("/search", params={"q": "1763-23-1"}).headers["server-timing"])
    assert "embed" not in identifier and 0 < identifier["search"] <= identifier["answer"]


@pytest.mark.slow
@pytest.mark.parametrize("q", ["", "   "])
def test_http_empty_query_is_a_400_with_a_sentence(client: TestClient, q: str) -> None:
    response = client.get("/search", params={"q": q})
    assert response.status_code == 400
    assert "empty" in response.json()["error"]["detail"]


@pytest.mark.slow
def test_http_unknown_filter_value_is_a_400_listing_the_allowed_values(client: TestClient) -> None:
    response = client.get("/search", params={"q": "pfos", "zzs": "maybe"})
    assert response.status_code == 400
    detail = response.json()["error"]["detail"]
    assert "maybe" in detail and "potential-zzs" in detail


@pytest.mark.slow
def test_http_over_long_query_is_cut_with_a_notice(client: TestClient) -> None:
    response = client.get("/search", params={"q": "mercury " * 100})
    assert response.status_code == 200
    body = response.json()
    assert body["notice"] and len(body["query"]) <= 300


@pytest.fixture(scope="module")
def client_without_index(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from chemkg.web.app import create_app

    return TestClient(create_app(settings.model_copy(update={"index_path": tmp_path_factory.mktemp("no-index")})))


def test_http_query_over_10000_characters_is_a_400_saying_the_limit(client_without_index: TestClient) -> None:
    response = client_without_index.get("/search", params={"q": "m" * 10_001})
    assert response.status_code == 400
    assert "10,000" in response.json()["error"]["detail"]


@pytest.mark.parametrize("q", ["pfos\x00\x01", "kwik \ufffd\ufffd", "\x7fELF\x02\x01"])
def test_http_binary_query_is_a_400_asking_for_text(client_without_index: TestClient, q: str) -> None:
    response = client_without_index.get("/search", params={"q": q})
    assert response.status_code == 400
    assert "not UTF-8 text" in response.json()["error"]["detail"]


def test_http_query_of_bytes_that_are_not_utf8_is_a_400(client_without_index: TestClient) -> None:
    response = client_without_index.get("/search?q=%ff%fe%00pfos", headers={"accept": "application/json"})
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


@pytest.mark.slow
def test_http_search_without_a_usable_model_export_is_a_503_naming_the_folder(
    settings: Settings, index_report: IndexReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chemkg.search import embedder, model_export
    from chemkg.web.app import create_app

    def no_torch(name: str, folder: Path) -> None:
        raise ImportError("No module named 'torch'")

    copy = tmp_path / "index"
    shutil.copytree(settings.index.resolve(), copy)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    (copy / "manifest.json").write_text(json.dumps({**manifest, "model_cache": str(tmp_path / "models")}))
    monkeypatch.setattr(embedder, "_models", {})
    monkeypatch.setattr(model_export, "export", no_torch)
    response = TestClient(create_app(settings.model_copy(update={"index_path": copy}))).get(
        "/search", params={"q": "chemicals in firefighting foam"}
    )
    assert response.status_code == 503
    assert str(tmp_path / "models") in response.json()["error"]["detail"]


@pytest.mark.slow
def test_serving_search_imports_neither_torch_nor_transformers(settings: Settings, index_report: IndexReport) -> None:
    script = f"""
import sys
from fastapi.testclient import TestClient
from chemkg.settings import load_settings
from chemkg.web.app import create_app
settings = load_settings(data_dir={str(settings.data_dir)!r}, store_path={str(settings.store)!r},
                         index_path={str(settings.index)!r})
response = TestClient(create_app(settings)).get("/search", params={{"q": "kwik in thermometers"}})
assert response.status_code == 200 and response.json()["results"], response.text
print(sorted(m for m in ("torch", "transformers", "sentence_transformers") if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
    assert "exporting" not in result.stderr  # the build exported the model; serving only loads it


@pytest.mark.slow
def test_a_server_answers_searches_on_one_blas_thread(settings: Settings, index_report: IndexReport) -> None:
    # Two OpenBLAS threads spin after every product of a query with the passage vectors: 20 ms of CPU per
    # search taken from the other requests. The limit must hold although the server loads NumPy lazily.
    script = f"""
from fastapi.testclient import TestClient
from threadpoolctl import threadpool_info
from chemkg.settings import load_settings
from chemkg.web.app import create_app
settings = load_settings(data_dir={str(settings.data_dir)!r}, store_path={str(settings.store)!r},
                         index_path={str(settings.index)!r}, warm_up=False)
with TestClient(create_app(settings)) as client:
    assert client.get("/search", params={{"q": "kwik in thermometers"}}).status_code == 200
print(sorted({{info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"}}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[1]"


def index_loaded(client: TestClient) -> bool:
    return bool(client.get("/health").json()["index"]["loaded"])


@pytest.mark.slow
def test_a_server_loads_its_search_index_at_start_up_unless_told_not_to(
    settings: Settings, index_report: IndexReport
) -> None:
    """The first visitor's search does not wait for the index to load; with CHEMKG_WARM_UP=false, the first search
    loads it."""
    from chemkg.web.app import create_app

    with TestClient(create_app(settings.model_copy(update={"warm_up": True}))) as client:
        deadline = time.monotonic() + 60
        while not index_loaded(client):  # loads in the background: /health answers meanwhile
            assert time.monotonic() < deadline, "the search index was not loaded at start-up"
            time.sleep(0.05)
    with TestClient(create_app(settings.model_copy(update={"warm_up": False}))) as client:
        client.get("/")  # a page opens the build, but not its search index
        assert not index_loaded(client)
        assert client.get("/search", params={"q": "kwik"}).json()["results"]
        assert index_loaded(client)


@pytest.mark.slow
def test_a_query_with_no_word_in_the_graph_returns_nothing_rather_than_noise(searcher: Searcher) -> None:
    assert searcher.search("zzqqxx-nothing").hits == []
    assert searcher.search("qwerty uiop").hits == []
    assert searcher.search("fire fighting foam").hits  # real words still find their entities


def test_the_server_loads_the_lexical_index_the_build_saved_and_rebuilds_one_from_other_code(tmp_path: Path) -> None:
    docs = [
        Document(BASE + "substance/mercury", "substance", {"en": "Mercury", "nl": "Kwik"}),
        Document(BASE + "substance/lead", "substance", {"en": "Lead", "nl": "Lood"}),
    ]
    built = LexicalIndex(docs)
    save_lexical(built, tmp_path)
    loaded = load_lexical(tmp_path, docs)
    assert loaded is not built and loaded.docs is docs
    terms = loaded.read_query("kwik").terms
    assert list(loaded.scores(terms)) == list(built.scores(built.read_query("kwik").terms))
    assert loaded.exact_matches("Lood")[0] == built.exact_matches("Lood")[0]

    saved = pickle.loads((tmp_path / LEXICAL_FILE).read_bytes())
    saved["code"] = "made by other code"
    (tmp_path / LEXICAL_FILE).write_bytes(pickle.dumps(saved))
    rebuilt = load_lexical(tmp_path, docs)
    assert rebuilt.exact_matches("Lood")[0] == built.exact_matches("Lood")[0]
    (tmp_path / LEXICAL_FILE).write_bytes(b"not a pickle")
    assert load_lexical(tmp_path, docs).exact_matches("Mercury")[0]
