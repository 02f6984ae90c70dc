"""Benchmark: a clean `chemkg build` at the size users have (curated graph + every official list) with the
full search index, then a rebuild after one changed row; each figure beside its raw block.

Raw blocks: the store alone (registers + lists → RDF → SHACL → Oxigraph) and a bare ``encode`` of the
same passages by the same embedder, so the index build's own overhead is visible.
Targets (issue 10): clean build with index ≤ 300 s; rebuild after one changed row ≤ 30 s.
Run: .venv/bin/python bench/build.py  (builds into a temporary folder; nothing in data/ is touched)
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
import time
from pathlib import Path

from chemkg.build.pipeline import build
from chemkg.search.documents import load_documents
from chemkg.search.embedder import get_embedder
from chemkg.search.indexer import build_index
from chemkg.settings import load_settings
from chemkg.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def change_one_row(graph: Path) -> str:
    """Edit one curated description, as a curator would; returns what changed."""
    path = graph / "substances" / "metals.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows[0]["description_en"] = rows[0]["description_en"] + " (edited for the benchmark)"
    out = io.StringIO()
    writer = csv.DictWriter(out, list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return f"{path.relative_to(graph)} row {rows[0]['id']}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        graph = Path(tmp) / "graph"
        shutil.copytree(ROOT / "graph", graph)
        settings = load_settings(graph_dir=graph, ontology_dir=ROOT / "ontology", data_dir=Path(tmp) / "data")

        started = time.perf_counter()
        report = build(graph, settings.ontology_dir, settings.store)
        store_s = time.perf_counter() - started
        index = build_index(settings, settings.store, show_progress=False)
        clean_s = time.perf_counter() - started
        substances = report.entities.get("Substance", 0)
        print(f"clean build, store: {store_s:6.1f} s ({report.total:,} triples, {substances:,} substances)")
        print(
            f"clean build, index: {index.seconds:6.1f} s ({index.documents:,} documents, {index.passages:,} passages, "
            f"of which encoding {index.encode_seconds:.1f} s)"
        )
        print(f"clean build, total: {clean_s:6.1f} s   target ≤ 300 s")

        texts = [t for d in load_documents(open_store(settings.store)) for t in d.passages("en")]
        embedder = get_embedder(settings.model_name)
        started = time.perf_counter()
        embedder.encode(texts, batch_size=64)
        bare_s = time.perf_counter() - started
        print(
            f"raw block: bare encode of the same {len(texts):,} passages {bare_s:6.1f} s "
            f"({len(texts) / bare_s:,.0f} passages/s); "
            f"index encoding / bare encode = {index.encode_seconds / bare_s:.2f}"
        )

        what = change_one_row(graph)
        started = time.perf_counter()
        build(graph, settings.ontology_dir, settings.store)
        again = build_index(settings, settings.store, show_progress=False)
        rebuild_s = time.perf_counter() - started
        print(
            f"rebuild after one changed row ({what}): {rebuild_s:.1f} s, {again.embedded} passage(s) re-embedded   "
            "target ≤ 30 s"
        )


if __name__ == "__main__":
    main()
