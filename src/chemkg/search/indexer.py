"""Build the search index from the store: documents, passage vectors, FAISS index and nl→en lexicon.

The index is written to a fresh directory and swapped in atomically (``chemkg.build.swap``), like
the store. It is incremental: every passage is keyed by a hash of its text and the model name, and
a passage whose hash is already in the current index keeps its vector, so changing one entity
re-embeds only that entity's passages.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chemkg.build.swap import discard, new_build_dir, swap_in
from chemkg.search.dense import DenseIndex
from chemkg.search.documents import Document, load_documents, text_hash
from chemkg.search.lexical import LexicalIndex, save_lexical
from chemkg.search.lexicon import build_lexicon
from chemkg.settings import Settings
from chemkg.store import StoreMissing, build_info, open_store

MANIFEST = "manifest.json"
DOCUMENTS = "documents.json"
PASSAGES = "passages.json"
VECTORS = "vectors.npy"
LEXICON = "lexicon.json"
FORMAT = 1

Progress = Callable[[int, int], None]


class IndexMissing(Exception):
    """No search index where one was expected."""


@dataclass
class IndexReport:
    path: Path
    documents: int
    passages: int
    embedded: int
    reused: int
    seconds: float
    encode_seconds: float


def previous_vectors(index_path: Path, model: str) -> dict[str, np.ndarray]:
    """Vectors of the current index by passage hash, when it was made with the same model."""
    try:
        manifest = json.loads((index_path / MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("model") != model or manifest.get("format") != FORMAT:
            return {}
        passages = json.loads((index_path / PASSAGES).read_text(encoding="utf-8"))
        vectors = np.load(index_path / VECTORS)
    except (OSError, ValueError, KeyError):
        return {}
    return {p["hash"]: vectors[i] for i, p in enumerate(passages) if i < len(vectors)}


def build_index(
    settings: Settings,
    store_path: Path | None = None,
    progress: Progress | None = None,
    show_progress: bool = True,
    documents: list[Document] | None = None,
) -> IndexReport:
    """(Re)build the index at ``settings.index`` from the store; only changed passages are embedded."""
    from chemkg.search.embedder import cache_key, get_embedder

    started = time.perf_counter()
    store_path = store_path or settings.store
    if documents is None:
        documents = load_documents(open_store(store_path))
    model = cache_key(settings.model_name, settings.model_precision)
    passages: list[dict[str, Any]] = []
    for i, doc in enumerate(documents):
        for text in doc.passages("en"):
            passages.append({"doc": i, "hash": text_hash(text, model), "text": text})
    known = previous_vectors(settings.index, model)
    todo = [i for i, p in enumerate(passages) if p["hash"] not in known]
    embedder = get_embedder(settings.model_name, settings.model_precision, settings.model_cache_dir)
    vectors = np.zeros((len(passages), embedder.dim), dtype=np.float32)
    for i, p in enumerate(passages):
        if p["hash"] in known:
            vectors[i] = known[p["hash"]]
    encode_seconds = _embed(embedder, passages, todo, vectors, progress, show_progress)
    target = new_build_dir(settings.index)
    try:
        _write(target, documents, passages, vectors, model, store_path, settings.model_cache_dir)
        swap_in(target, settings.index)
    except BaseException:
        discard(target)
        raise
    return IndexReport(
        settings.index,
        len(documents),
        len(passages),
        len(todo),
        len(passages) - len(todo),
        time.perf_counter() - started,
        encode_seconds,
    )


def _embed(
    embedder: Any,
    passages: list[dict[str, Any]],
    todo: list[int],
    vectors: np.ndarray,
    progress: Progress | None,
    show_progress: bool,
) -> float:
    started = time.perf_counter()
    bar = _rich_bar(len(todo)) if show_progress and todo else None

    def report(done: int, total: int) -> None:
        if progress:
            progress(done, total)
        if bar:
            bar[0].update(bar[1], total=total, completed=done)

    try:
        if todo:
            vectors[todo] = embedder.encode([passages[i]["text"] for i in todo], progress=report)
    finally:
        if bar:
            bar[0].stop()
    return time.perf_counter() - started


def _rich_bar(total: int) -> tuple[Any, Any]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(
        TextColumn("[bold]embedding search passages"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    bar.start()
    return bar, bar.add_task("embed", total=total)


def _write(
    target: Path,
    documents: list[Document],
    passages: list[dict[str, Any]],
    vectors: np.ndarray,
    model: str,
    store_path: Path,
    model_cache: Path,
) -> None:
    def dump(name: str, data: Any) -> None:
        (target / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    dump(DOCUMENTS, [d.to_json() for d in documents])
    dump(PASSAGES, passages)
    dump(LEXICON, build_lexicon(documents).to_json())
    save_lexical(LexicalIndex(documents), target)
    np.save(target / VECTORS, vectors)
    DenseIndex.build(vectors).save(target)
    try:
        store_built = build_info(store_path).get("built_at")
    except StoreMissing:
        store_built = None
    dump(
        MANIFEST,
        {
            "format": FORMAT,
            "model": model,
            "model_cache": str(model_cache.resolve()),
            "dim": int(vectors.shape[1]),
            "documents": len(documents),
            "passages": len(passages),
            "store_built_at": store_built,
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        },
    )


def read_manifest(index_path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = json.loads((index_path / MANIFEST).read_text(encoding="utf-8"))
        return data
    except FileNotFoundError:
        raise IndexMissing(f"no search index at {index_path}; run `chemkg index` (or `chemkg build`)") from None
