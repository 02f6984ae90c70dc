"""Dense retrieval: a FAISS inner-product index over unit-length passage vectors.

Below ``HNSW_FROM`` vectors the index is exact (``IndexFlatIP``): at the graph's size a brute-force
scan takes well under a millisecond and is never wrong. From there on it is HNSW (``M`` links per
node, ``EF_SEARCH`` candidates per query), which bench/search.py checks against exact search: on
100,000 vectors M=48, efConstruction=200, efSearch=400 gave Recall@10 0.96 at a few milliseconds,
where M=32/efSearch=96 gave 0.78; an exact scan of 100,000 vectors costs tens of milliseconds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

HNSW_FROM = 20_000
HNSW_M = 48
EF_CONSTRUCTION = 200
EF_SEARCH = 400
FILE = "dense.faiss"


class DenseIndex:
    def __init__(self, index: Any, size: int) -> None:
        self.index = index
        self.size = size

    @classmethod
    def build(cls, vectors: np.ndarray, hnsw: bool | None = None) -> DenseIndex:
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        index: Any
        if hnsw if hnsw is not None else len(vectors) >= HNSW_FROM:
            index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = EF_CONSTRUCTION
            index.hnsw.efSearch = EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dim)
        if len(vectors):
            index.add(vectors)
        return cls(index, len(vectors))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and row numbers of the ``k`` nearest vectors, best first (row -1 = none)."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        if hasattr(self.index, "hnsw"):
            self.index.hnsw.efSearch = max(EF_SEARCH, k)
        scores, rows = self.index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]

    def save(self, folder: Path) -> None:
        import faiss

        faiss.write_index(self.index, str(folder / FILE))

    @classmethod
    def load(cls, folder: Path) -> DenseIndex:
        import faiss

        index = faiss.read_index(str(folder / FILE))
        return cls(index, int(index.ntotal))


def exact_top_k(vectors: np.ndarray, query: np.ndarray, k: int) -> np.ndarray:
    """The true top-k rows by inner product, for checking the index."""
    scores = vectors @ query
    k = min(k, len(scores))
    top = np.argpartition(-scores, k - 1)[:k]
    return top[np.argsort(-scores[top], kind="stable")]
