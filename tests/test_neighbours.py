"""Related substances on a page: the nearest entities by their stored vectors, the same as a full ranking gives."""

from __future__ import annotations

import numpy as np

from chemkg.search.documents import Document
from chemkg.search.neighbours import Neighbours


def _neighbours(rows: int, seed: int) -> Neighbours:
    """Entities with one passage each; every third a listing (not a related substance); a few share a vector."""
    rng = np.random.default_rng(seed)
    vectors = rng.normal(size=(rows, 8)).astype(np.float32)
    vectors[rows // 2 : rows // 2 + 4] = vectors[1]  # equal vectors: ties in similarity
    docs = [
        Document(iri=f"e{i}", type="listing" if i % 3 == 2 else "substance", label={"en": f"entity {i}"})
        for i in range(rows)
    ]
    return Neighbours(docs, np.arange(rows), vectors)


def _ranked_in_full(n: Neighbours, i: int, k: int, types: tuple[str, ...]) -> list[str]:
    scores = n.vectors @ n.vectors[i]
    order = np.argsort(-scores, kind="stable")  # ties in the order the entities were indexed
    return [n.docs[j].iri for j in order if j != i and n.docs[j].type in types][:k]


def test_related_entities_are_the_nearest_of_the_wanted_types_ties_in_index_order() -> None:
    n = _neighbours(500, seed=7)
    for i in range(len(n.docs)):
        for k, types in ((5, ("substance",)), (3, ("listing",)), (40, ("substance", "listing"))):
            got = [r.iri for r in n.related(f"e{i}", k=k, types=types)]
            assert got == _ranked_in_full(n, i, k, types), (i, k, types)


def test_a_rare_type_is_found_beyond_the_first_shortlist() -> None:
    """Only one entity of the asked type, far from the query: still found, after the rest."""
    n = _neighbours(300, seed=3)
    n.docs[299] = Document(iri="e299", type="treaty", label={"en": "the one treaty"})
    assert [r.iri for r in n.related("e0", k=2, types=("treaty",))] == ["e299"]
