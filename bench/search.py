"""Search benchmark: every figure next to the cost of one bare encode of the same query.

Two bare encodes are the yardsticks: sentence-transformers (torch), the reference the model comes
from, and ONNX Runtime, which search runs (``chemkg.search.embedder``). Prints, in one run:
  1. bare encodes p50 vs warm hybrid query p50 in-process at the real graph size
     (target ≤ 1.5× one bare ONNX Runtime encode);
  2. identifier queries (CAS, EC, codes) p50, answered without embedding (target ≤ 3 ms);
  3. start-up of `chemkg serve`: time to /health (target ≤ 1 s), SPARQL and a page (target ≤ 2 s), and
     to the first search (target ≤ 3 s); then warm /search p50 over HTTP on one kept-alive connection, as
     browsers and HTTP client sessions send them (targets ≤ 0.75× one bare sentence-transformers encode
     and ≤ bare ONNX Runtime encode + 2 ms), beside the same with a new connection per request, the
     server's own split (its Server-Timing header), its CPU time per search beside a bare encode's (the
     same work, less stretched by a busy machine) and its RSS;
  4. 100,000 synthetic documents: HNSW build time, memory, Recall@10 against exact search with real
     query embeddings (target ≥ 0.95) and hybrid query p50 (target ≤ 2× bare encode). Synthetic
     documents are texts of two real passages joined, and their vectors mixtures of the two real
     passage embeddings plus a little noise (embedding 100,000 texts on two cores takes hours);
  5. index embedding throughput vs the sentence-transformers encode of the same passages (target ≥ 1.6×);
  6. incremental rebuild: change one entity, count what is re-embedded.

    .venv/bin/python bench/search.py [--store data/store] [--index data/index] [--synthetic 100000]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import numpy as np

from chemkg.search.dense import EF_SEARCH, DenseIndex, exact_top_k
from chemkg.search.documents import Document
from chemkg.search.embedder import Embedder, cache_key, get_embedder
from chemkg.search.engine import Searcher
from chemkg.search.indexer import DOCUMENTS, LEXICON, MANIFEST, PASSAGES, VECTORS, build_index
from chemkg.search.model_export import load_sentence_transformer
from chemkg.settings import load_settings
from chemkg.store import open_store
from chemkg.web.app import EXPLANATIONS_AFTER_S, one_blas_thread

QUERIES = [
    "chemicals in firefighting foam",
    "kwik in thermometers",
    "what does Rotterdam require before export",
    "wood preservative",
    "brominated flame retardants",
    "stoffen die de ozonlaag aantasten",
]
# What a user does beside searching: an entity as JSON, and a SPARQL query for one CAS number's listings.
LOOKUPS = {
    "/substance/mercury (JSON)": "/substance/mercury",
    "SPARQL listings of a CAS number": "/sparql?"
    + urlencode(
        {
            "query": "PREFIX ck: <https://w3id.org/chemkg/ontology#> SELECT ?s ?listing ?annex WHERE { ?s ck:casNumber "
            '"1763-23-1" . OPTIONAL { ?listing ck:listedItem ?s ; ck:inAnnex ?annex } } LIMIT 50'
        }
    ),
}
IDENTIFIERS = ["1763-23-1", "200-001-8", "Y29", "SC-9/12", "A1010", "PFOS"]


def p50(times: list[float]) -> float:
    return statistics.median(times)


def timed(fn, n: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


class Yardsticks:
    """One bare encode of a query by sentence-transformers (torch) and by ONNX Runtime, timed on demand."""

    def __init__(self, searcher: Searcher) -> None:
        self.reference = load_sentence_transformer(searcher.model_name)
        self.onnx: Embedder = searcher.embedder()
        self.st: list[float] = []
        self.ort: list[float] = []

    def time(self, query: str) -> None:
        self.st += timed(lambda: self.reference.encode([query], normalize_embeddings=True), 1)
        self.ort += timed(lambda: self.onnx.encode_query(query), 1)

    def reset(self) -> None:
        self.st, self.ort = [], []


def in_process(index: Path, rounds: int) -> tuple[Yardsticks, float]:
    searcher = Searcher(index)
    searcher.warm_up()
    bare = Yardsticks(searcher)
    query: list[float] = []
    for _ in range(rounds):  # interleaved, so all see the same machine load
        for q in QUERIES:
            bare.time(q)
            query += timed(lambda q=q: searcher.search(q), 1)
    st, ort, warm = p50(bare.st), p50(bare.ort), p50(query)
    print(f"1. in-process, {len(searcher.docs)} documents / {len(searcher.passages)} passages")
    print(
        f"   bare sentence-transformers encode p50 {st:.2f} ms | bare ONNX Runtime ({searcher.precision}) encode p50 "
        f"{ort:.2f} ms ({st / ort:.1f}x faster) | warm hybrid query p50 {warm:.2f} ms = {warm / ort:.2f}x bare ONNX "
        f"(target <= 1.5x); load {os.getloadavg()[0]:.2f}"
    )
    ident = []
    for _ in range(rounds * 5):
        for q in IDENTIFIERS:
            ident += timed(lambda q=q: searcher.search(q), 1)
    print(
        f"2. identifier queries p50 {p50(ident):.2f} ms (p90 {sorted(ident)[int(len(ident) * 0.9)]:.2f} ms; target "
        f"<= 3 ms) beside bare encodes: sentence-transformers {st:.2f} ms, ONNX Runtime {ort:.2f} ms"
    )
    return bare, ort


def rss_mb(pid: int) -> str:
    """Resident and peak memory of a process, from /proc (Linux)."""
    try:
        status = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line
        )
    except OSError:
        return "n/a"
    return f"{int(status['VmRSS'].split()[0]) / 1024:.0f} MB (peak {int(status['VmHWM'].split()[0]) / 1024:.0f} MB)"


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far, from /proc (Linux; 10 ms ticks)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, quiet_s: float = 1.0, limit_s: float = 30.0) -> float:
    """Seconds until a process has used no CPU for ``quiet_s`` (its start-up work, such as the explanations'
    warm-up, is over), so warm figures measure searches alone."""
    began = time.perf_counter()
    last = cpu_seconds(pid)
    while time.perf_counter() - began < limit_s:
        time.sleep(quiet_s)
        now = cpu_seconds(pid)
        if now - last < 0.02:
            break
        last = now
    return time.perf_counter() - began


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def get(port: int, path: str, timeout: float = 30) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def evaluation_queries() -> list[str]:
    """The queries of the search evaluation (search/queries.jsonl), English and Dutch; else the bench's own."""
    from chemkg.search.evaluate import load_queries

    return [q.text for q in load_queries(Path("search"))] if Path("search/queries.jsonl").exists() else QUERIES


def server_timing(header: str) -> dict[str, float]:
    """Milliseconds by name from a Server-Timing header (``embed;dur=4.61;desc="...", search;dur=5.80``)."""
    out = {}
    for entry in header.split(","):
        name, *fields = entry.strip().split(";")
        for f in fields:
            if f.startswith("dur="):
                out[name] = float(f[4:])
    return out


def http_figures(store: Path, index: Path, bare: Yardsticks, rounds: int) -> None:
    port = free_port()
    env = {**os.environ, "CHEMKG_STORE_PATH": str(store), "CHEMKG_INDEX_PATH": str(index), "HF_HUB_OFFLINE": "1"}
    chemkg = shutil.which("chemkg", path=str(Path(sys.executable).parent)) or "chemkg"
    started = time.perf_counter()
    server = subprocess.Popen(
        [chemkg, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        health = sparql = page = first = None
        while time.perf_counter() - started < 60:
            try:
                if health is None and get(port, "/health", 2)[0] == 200:
                    health = time.perf_counter() - started
                    ask = urlencode({"query": "ASK { ?s ?p ?o }"})
                    assert get(port, f"/sparql?{ask}")[0] == 200
                    sparql = time.perf_counter() - started
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.request("GET", "/", headers={"Accept": "text/html"})
                    assert conn.getresponse().status == 200
                    page = time.perf_counter() - started
                if health is not None:
                    status, _ = get(port, "/search?" + urlencode({"q": QUERIES[0]}), 60)
                    assert status == 200
                    first = time.perf_counter() - started
                    break
            except (ConnectionError, OSError):
                time.sleep(0.05)
        print(
            f"3. chemkg serve start-up: /health {health:.2f} s (target <= 1 s), SPARQL {sparql:.2f} s, page "
            f"{page:.2f} s (target <= 2 s), first search {first:.2f} s after start (target <= 3 s; the bare "
            f"encodes of part 1 take {p50(bare.st):.2f} ms with sentence-transformers, {p50(bare.ort):.2f} ms with "
            f"ONNX Runtime); server RSS {rss_mb(server.pid)}"
        )
        # The documents' explanations are analysed EXPLANATIONS_AFTER_S after start-up (a CPU second): past that.
        time.sleep(max(0.0, started + EXPLANATIONS_AFTER_S + 0.5 - time.perf_counter()))
        idle = wait_until_idle(server.pid)
        print(
            f"   (the server's start-up work, explanations included, was over {time.perf_counter() - started:.1f} s "
            f"after the start; measured after it, {idle:.1f} s of it waited for idleness)"
        )
        bare.reset()
        fresh: list[float] = []  # a new connection per request, as a one-off client makes
        kept: list[float] = []  # one kept-alive connection, as a browser or an HTTP client session uses
        health_fresh: list[float] = []
        health_kept: list[float] = []
        parts: dict[str, list[float]] = {}
        lookups: dict[str, list[float]] = {}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

        def kept_get(path: str) -> None:
            conn.request("GET", path, headers={"Accept": "application/json"})
            response = conn.getresponse()
            response.read()
            for name, ms in server_timing(response.getheader("Server-Timing", "")).items():
                parts.setdefault(name, []).append(ms)

        for _ in range(rounds):  # interleaved with bare encodes here, so all see the same machine load
            for q in QUERIES:
                path = "/search?" + urlencode({"q": q})
                bare.time(q)
                fresh += timed(lambda path=path: get(port, path), 1)
                kept += timed(lambda path=path: kept_get(path), 1)
                health_fresh += timed(lambda: get(port, "/health"), 1)
                health_kept += timed(lambda: kept_get("/health"), 1)
                for name, lookup in LOOKUPS.items():
                    lookups.setdefault(name, []).extend(timed(lambda lookup=lookup: kept_get(lookup), 1))
        conn.close()
        warm, st, ort = p50(kept), p50(bare.st), p50(bare.ort)
        inside = {name: p50(ms) for name, ms in parts.items()}
        print(
            f"   warm /search p50 {warm:.2f} ms = {warm / st:.2f}x bare sentence-transformers encode ({st:.2f} ms; "
            f"target <= 0.75x) = bare ONNX Runtime encode ({ort:.2f} ms) + {warm - ort:.2f} ms (target <= 2 ms), on "
            f"one kept-alive connection (/health p50 {p50(health_kept):.2f} ms); with a new connection per request "
            f"{p50(fresh):.2f} ms = bare ONNX Runtime + {p50(fresh) - ort:.2f} ms (/health {p50(health_fresh):.2f} ms)"
        )
        print(
            f"   inside the server (Server-Timing p50): embedding {inside.get('embed', 0):.2f} ms, whole search "
            f"{inside.get('search', 0):.2f} ms, whole answer {inside.get('answer', 0):.2f} ms; HTTP, routing and the "
            f"thread hand-off {warm - inside.get('answer', 0):.2f} ms; load {os.getloadavg()[0]:.2f}; "
            f"server RSS after {len(kept) + len(fresh) + 1} searches {rss_mb(server.pid)}"
        )
        # The bare encodes above run in this process, right after a torch encode whose threads may still hold a
        # core; the server's own embedding of the same query is the yardstick measured under its own conditions.
        print(
            f"   everything but the encode, in the server's own terms: /search p50 {warm:.2f} ms - its embedding p50 "
            f"{inside.get('embed', 0):.2f} ms = {warm - inside.get('embed', 0):.2f} ms"
        )
        print(
            "   the lookups around it, on the same connection (p50): "
            + ", ".join(f"{name} {p50(ms):.2f} ms" for name, ms in lookups.items())
        )
        # Queries the server has not seen: no cached word readings or document analyses beyond its warm-up.
        unseen = evaluation_queries()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        first_time: list[float] = []
        their_encodes: list[float] = []
        for q in unseen:
            their_encodes += timed(lambda q=q: bare.onnx.encode_query(q), 1)
            first_time += timed(lambda q=q: kept_get("/search?" + urlencode({"q": q})), 1)
        conn.close()
        print(
            f"   {len(unseen)} queries the server has not seen (the evaluation set), once each: /search p50 "
            f"{p50(first_time):.2f} ms = their bare ONNX Runtime encode ({p50(their_encodes):.2f} ms) + "
            f"{p50(first_time) - p50(their_encodes):.2f} ms"
        )
        # CPU time is the work itself, which a busy machine does not stretch the way it stretches latency.
        before = cpu_seconds(server.pid)
        for _ in range(rounds):
            for q in QUERIES:
                get(port, "/search?" + urlencode({"q": q}))
        served = (cpu_seconds(server.pid) - before) * 1000 / (rounds * len(QUERIES))
        began = time.process_time()
        for _ in range(rounds):
            for q in QUERIES:
                bare.onnx.encode_query(q)
        encode = (time.process_time() - began) * 1000 / (rounds * len(QUERIES))
        print(
            f"   server CPU per /search {served:.2f} ms = a bare ONNX Runtime encode's CPU ({encode:.2f} ms) + "
            f"{served - encode:.2f} ms (HTTP, routing, lexical search, explanations, JSON)"
        )
    finally:
        server.terminate()
        server.wait(10)


def synthetic(index: Path, size: int, bare: Yardsticks, rounds: int) -> None:
    """Part 4, beside bare encodes of the same queries by both runtimes, timed in this part."""
    real = Searcher(index)
    rng = np.random.default_rng(5)
    texts = [p["text"] for p in real.passages]
    a, b = rng.integers(0, len(texts), size), rng.integers(0, len(texts), size)
    weight = rng.uniform(0.3, 0.7, size)[:, None].astype(np.float32)
    noise = 0.05 * rng.normal(size=(size, real.vectors.shape[1])).astype(np.float32)
    vectors = weight * real.vectors[a] + (1 - weight) * real.vectors[b] + noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    folder = Path(tempfile.mkdtemp(prefix="chemkg-bench-"))
    try:
        docs = []
        for i in range(size):
            source = real.docs[real.passage_doc[a[i]]]
            docs.append(
                Document(
                    f"https://w3id.org/chemkg/synthetic/{i}",
                    source.type,
                    {"en": f"{source.label_in('en')} {i}"},
                    description={"en": texts[a[i]] + " " + texts[b[i]]},
                )
            )
        (folder / DOCUMENTS).write_text(json.dumps([d.to_json() for d in docs]), encoding="utf-8")
        passages = [{"doc": i, "hash": str(i), "text": docs[i].description["en"][:200]} for i in range(size)]
        (folder / PASSAGES).write_text(json.dumps(passages), encoding="utf-8")
        np.save(folder / VECTORS, vectors)
        shutil.copy(real.path / LEXICON, folder / LEXICON)
        manifest = json.loads((real.path / MANIFEST).read_text(encoding="utf-8"))
        (folder / MANIFEST).write_text(json.dumps({**manifest, "documents": size, "passages": size}), encoding="utf-8")
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        dense = DenseIndex.build(vectors)
        build_s = time.perf_counter() - start
        dense.save(folder)
        index_mb = (folder / "dense.faiss").stat().st_size / 1e6
        start = time.perf_counter()
        big = Searcher(folder)
        load_s = time.perf_counter() - start
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        model = real.embedder()
        queries = evaluation_queries()
        query_vectors = model.encode(queries)
        truth = [set(exact_top_k(vectors, qv, 10).tolist()) for qv in query_vectors]
        recalls = []
        for ef in (128, 256, EF_SEARCH):
            big.dense.index.hnsw.efSearch = ef
            start = time.perf_counter()
            found = sum(
                len(set(big.dense.index.search(qv[None, :], 10)[1][0].tolist()) & t)
                for qv, t in zip(query_vectors, truth, strict=True)
            )
            ms = (time.perf_counter() - start) * 1000 / len(queries)
            recalls.append(f"efSearch {ef}: {found / (10 * len(queries)):.3f} ({ms:.2f} ms)")
        times: list[float] = []
        bare.reset()
        for _ in range(rounds):
            for q in QUERIES:
                bare.time(q)
                times += timed(lambda q=q: big.search(q), 1)
        print(
            f"4. {size:,} synthetic documents ({type(dense.index).__name__}): build {build_s:.1f} s, index "
            f"{index_mb:.0f} MB on disk, searcher load {load_s:.1f} s, "
            f"max RSS +{(rss_after - rss_before) / 1024:.0f} MB"
        )
        print(f"   HNSW Recall@10 vs exact on {len(queries)} real query embeddings: " + "; ".join(recalls))
        print(
            f"   hybrid query p50 {p50(times):.1f} ms = {p50(times) / p50(bare.ort):.2f}x bare ONNX Runtime encode "
            f"({p50(bare.ort):.1f} ms; target <= 2x); bare sentence-transformers encode {p50(bare.st):.1f} ms"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def throughput(store: Path, limit: int) -> None:
    """Part 5 on passages of documents drawn at random from the whole graph (the first documents are
    the curated ones, whose passages are not like the official lists' that make up most of the index).

    The two bare encodes alternate chunk by chunk, and the sentence-transformers rate is taken before
    and after the index build, so a change in the machine's load weighs on both sides alike.
    """
    settings = load_settings(store_path=store, index_path=Path(tempfile.mkdtemp(prefix="chemkg-bench-")) / "index")
    from chemkg.search.documents import load_documents

    docs = load_documents(open_store(store))
    rng = np.random.default_rng(15)
    subset, count = [], 0
    for i in rng.permutation(len(docs)):
        subset.append(docs[i])
        count += len(docs[i].passages("en"))
        if count >= limit:
            break
    texts = list(dict.fromkeys(t for d in subset for t in d.passages("en")))  # the build embeds each text once
    reference = load_sentence_transformer(settings.model_name)
    onnx = get_embedder(settings.model_name, settings.model_precision, settings.model_cache_dir)
    onnx.encode(texts[:64])
    reference.encode(texts[:64], batch_size=32)
    chunk = 250
    st_s = ort_s = 0.0
    cosine = 1.0
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        began = time.perf_counter()
        expected = reference.encode(part, batch_size=32, normalize_embeddings=True)
        st_s += time.perf_counter() - began
        began = time.perf_counter()
        got = onnx.encode(part)
        ort_s += time.perf_counter() - began
        cosine = min(cosine, float(np.min(np.sum(expected * got, axis=1))))
    load = os.getloadavg()[0]
    report = build_index(settings, store, show_progress=False, documents=subset)
    began = time.perf_counter()
    reference.encode(texts, batch_size=32, normalize_embeddings=True)
    st_after = time.perf_counter() - began
    raw = 2 * len(texts) / (st_s + st_after)
    bare_ort = len(texts) / ort_s
    embed_rate = report.embedded / report.encode_seconds
    whole_rate = report.embedded / report.seconds
    print(
        f"5. build throughput on {len(texts)} passages of {len(subset)} documents drawn at random (load {load:.2f}, "
        f"then {os.getloadavg()[0]:.2f}): bare sentence-transformers encode {raw:.1f}/s ({len(texts) / st_s:.1f} "
        f"before the build, {len(texts) / st_after:.1f} after), bare ONNX Runtime ({settings.model_precision}) "
        f"encode {bare_ort:.1f}/s ({bare_ort / (len(texts) / st_s):.2f}x the chunks beside it; min cosine "
        f"{cosine:.6f}); index embedding phase {embed_rate:.1f}/s ({embed_rate / raw:.2f}x "
        f"sentence-transformers; target >= 1.6x), whole build incl. lexicon and writing {whole_rate:.1f}/s "
        f"({whole_rate / raw:.2f}x)"
    )
    changed = [Document.from_json(d.to_json()) for d in subset]
    for doc in changed:  # the first document whose passages say its description (a list entry's is its name)
        before = doc.passages("en")
        doc.description["en"] = (doc.description.get("en") or "") + " Changed for the benchmark."
        if doc.passages("en") != before:
            break
        doc.description["en"] = doc.description["en"].removesuffix(" Changed for the benchmark.")
    again = build_index(settings, store, show_progress=False, documents=changed)
    print(
        f"6. incremental rebuild after changing one entity: {again.embedded} passage(s) re-embedded, "
        f"{again.reused} reused, {again.seconds:.1f} s (a bare ONNX Runtime encode of the {len(texts)} passages: "
        f"{len(texts) / bare_ort:.1f} s)"
    )
    shutil.rmtree(settings.index.parent, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--synthetic", type=int, default=100_000, help="synthetic documents in part 4 (0: skip)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--parts", default="1,3,4,5", help="parts to run (2 comes with 1, 6 with 5)")
    parser.add_argument("--passages", type=int, default=2000, help="passages for the throughput test")
    args = parser.parse_args()
    settings = load_settings()
    store, index = args.store or settings.store, args.index or settings.index
    if not (index / MANIFEST).exists():
        sys.exit(f"no search index at {index}; run `chemkg build` (or `chemkg index`) first")
    print(
        f"model {cache_key(settings.model_name, settings.model_precision)}, {os.cpu_count()} CPU(s), load average "
        + " ".join(f"{x:.2f}" for x in os.getloadavg())
    )
    parts = set(args.parts.split(","))
    # As the server does (web/app.py): a query's product with the passage vectors on one BLAS thread. Two
    # OpenBLAS threads keep spinning after it and took a core from the torch encode that follows (52-95 ms
    # instead of 8).
    one_blas_thread()
    bare, _ = in_process(index, args.rounds)
    if "3" in parts:
        http_figures(store, index, bare, args.rounds)
    if "4" in parts and args.synthetic:
        synthetic(index, args.synthetic, bare, args.rounds)
    if "5" in parts:
        throughput(store, args.passages)


if __name__ == "__main__":
    main()
