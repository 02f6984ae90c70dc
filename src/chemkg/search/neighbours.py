"""Nearest entities by their stored embeddings: "related substances" without BM25, FAISS or the model.

Pages need only this, so it loads in a fraction of the full searcher's time and never waits for it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chemkg.search.documents import Document
from chemkg.search.indexer import DOCUMENTS, PASSAGES, VECTORS

SHORTLIST = 20  # rows sorted first per neighbour asked for


@dataclass(frozen=True)
class Neighbour:
    iri: str
    type: str
    label: str
    similarity: float


class Neighbours:
    """One vector per document: the normalised sum of its passages' vectors."""

    def __init__(self, docs: list[Document], passage_doc: np.ndarray, vectors: np.ndarray) -> None:
        """From the index's documents, each passage's document and the passage vectors (a loaded searcher has them)."""
        self.docs = docs
        self.by_iri = {d.iri: i for i, d in enumerate(self.docs)}
        sums = np.zeros((len(self.docs), vectors.shape[1]), dtype=np.float32)
        np.add.at(sums, passage_doc, vectors)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        self.vectors = sums / np.where(norms == 0, 1, norms)

    @classmethod
    def load(cls, index_path: Path) -> Neighbours:
        docs = [Document.from_json(d) for d in json.loads((index_path / DOCUMENTS).read_text("utf-8"))]
        passages = json.loads((index_path / PASSAGES).read_text("utf-8"))
        passage_doc = np.array([p["doc"] for p in passages], dtype=np.int64)
        return cls(docs, passage_doc, np.load(index_path / VECTORS))

    def related(
        self, iri: str, k: int = 5, lang: str = "en", types: tuple[str, ...] = ("substance", "group")
    ) -> list[Neighbour]:
        """The ``k`` entities of ``types`` nearest to ``iri``, best first."""
        i = self.by_iri.get(iri)
        if i is None:
            return []
        scores = self.vectors @ self.vectors[i]
        out: list[Neighbour] = []
        for j in _best_first(scores, k):
            doc = self.docs[int(j)]
            if int(j) == i or doc.type not in types:
                continue
            out.append(Neighbour(doc.iri, doc.type, doc.label_in(lang), float(scores[j])))
            if len(out) == k:
                break
        return out


def _best_first(scores: np.ndarray, k: int) -> Iterator[int]:
    """Row numbers by descending score, ties in row order: the best ``SHORTLIST * k`` sorted first (enough for
    ``k`` of the wanted types almost always), then the rest, without sorting thousands of rows for every page."""
    short = min(len(scores), SHORTLIST * max(k, 1))
    everything = np.arange(len(scores))
    # in row order before the stable sort, so that ties keep it
    head = np.sort(np.argpartition(-scores, short - 1)[:short]) if short < len(scores) else everything
    head = head[np.argsort(-scores[head], kind="stable")]
    yield from head.tolist()
    if short < len(scores):
        rest = np.setdiff1d(everything, head, assume_unique=True)
        yield from rest[np.argsort(-scores[rest], kind="stable")].tolist()


_loaded: dict[str, Neighbours] = {}
_lock = threading.Lock()


def neighbours_for(index_path: Path) -> Neighbours:
    """The neighbours of the index that ``index_path`` points at now (reloaded after a rebuild)."""
    key = str(index_path.resolve())
    with _lock:
        if key not in _loaded:
            _loaded.clear()
            _loaded[key] = Neighbours.load(index_path)
        return _loaded[key]
