"""Dense retrieval: the passages' unit-length vectors, searched by inner product.

Below ``HNSW_FROM`` vectors the search is exact: one matrix-vector product over the vectors the index
already holds (``vectors.npy``) and a partial sort. At the graph's size (8,300 passages) that scan is
bound by memory bandwidth, and NumPy's BLAS product took 0.45–0.75 ms where FAISS's flat index, which
scores a single query row by row, took 0.5–1.1 ms on the same vectors; it also spares a second copy of
them (13 MB) on disk and in memory. From ``HNSW_FROM`` on it is FAISS HNSW (``M`` links per node,
``EF_SEARCH`` candidates per query), which bench/search.py checks against exact search: on 100,000
vectors M=48, efConstruction=200, efSearch=400 gave Recall@10 0.96 at a few milliseconds, where
M=32/efSearch=96 gave 0.78; an exact scan of 100,000 vectors costs tens of milliseconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

HNSW_FROM = 20_000
HNSW_M = 48
EF_CONSTRUCTION = 200
EF_SEARCH = 400
FILE = "dense.faiss"  # the HNSW graph; an exact index is only the vectors


class DenseIndex:
    """Exact search over ``vectors`` (``hnsw`` None), or FAISS HNSW over the same vectors."""

    def __init__(self, vectors: np.ndarray, hnsw: Any = None) -> None:
        self.vectors = vectors
        self.hnsw = hnsw
        self.size = len(vectors)

    @classmethod
    def build(cls, vectors: np.ndarray, hnsw: bool | None = None) -> DenseIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if not (hnsw if hnsw is not None else len(vectors) >= HNSW_FROM):
            return cls(vectors)
        import faiss

        graph = faiss.IndexHNSWFlat(vectors.shape[1], HNSW_M, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efConstruction = EF_CONSTRUCTION
        graph.hnsw.efSearch = EF_SEARCH
        if len(vectors):
            graph.add(vectors)
        return cls(vectors, graph)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row numbers of the ``k`` nearest vectors, best first (equal scores by row)."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        if self.hnsw is None:
            scores = self.vectors @ query
            rows = top_rows(scores, k)
            return scores[rows], rows
        self.hnsw.hnsw.efSearch = max(EF_SEARCH, k)
        scores, found = self.hnsw.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = found[0] >= 0
        return scores[0][keep], found[0][keep]

    def save(self, folder: Path) -> None:
        """Write the HNSW graph (an exact index needs nothing beyond the vectors, saved by the indexer)."""
        if self.hnsw is not None:
            import faiss

            faiss.write_index(self.hnsw, str(folder / FILE))

    @classmethod
    def load(cls, folder: Path, vectors: np.ndarray) -> DenseIndex:
        """The index of ``folder`` over its ``vectors``: exact below ``HNSW_FROM``, as it was built.

        Indexes built before the exact search was NumPy's also hold a flat FAISS copy of the vectors;
        it is not read.
        """
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors) < HNSW_FROM:
            return cls(vectors)
        import faiss

        return cls(vectors, faiss.read_index(str(folder / FILE)))


def exact_top_k(vectors: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """The true top-k rows by inner product, best first; equal scores in row order."""
    return top_rows(vectors @ query, k)


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the ``k`` highest scores, best first; equal scores in row order."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
    top.sort()
    return top[np.argsort(-scores[top], kind="stable")]
