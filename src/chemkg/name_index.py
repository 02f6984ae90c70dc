"""A character-trigram index over names: the shortlist for fuzzy name matching.

Scoring every name with an edit-distance ratio costs ~0.1 s per query once the official lists put
~10,000 names in the resolver, which makes a 10,000-row batch take minutes. Trigram overlap
(Jaccard) finds the same close names in well under a millisecond, and the careful scorers then
run on a short list only. Trigram sets ignore word order, so "sulfonate perfluorooctane" still
finds its name.

The postings are three flat arrays (each trigram's names, sorted, one after another), made with
NumPy from the names' code points. Building a list per trigram in Python took 0.26-0.35 s for the
resolver's 9,652 names (now 0.19-0.26 s), and its ~13,000 small arrays unpickled with the search
index in 29-37 ms (the flat arrays: 15-17 ms).
"""

from __future__ import annotations

from typing import Any

import numpy as np

BITS = 21  # a Unicode code point fits in 21 bits, so three fit in one int64


def trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _keys_of(names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The key of every trigram of every (padded) name, and the number of the name it comes from."""
    padded = [f"  {name} " for name in names]
    lengths = np.fromiter((len(p) for p in padded), dtype=np.int64, count=len(padded))
    points = np.frombuffer("".join(padded).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
    keys = (points[:-2] << 2 * BITS) | (points[1:-1] << BITS) | points[2:]
    owner = np.repeat(np.arange(len(names), dtype=np.int64), lengths)[:-2]
    ends = np.cumsum(lengths)
    inside = np.arange(len(keys)) + 3 <= ends[owner]  # a trigram that starts in one name and ends in the next is none
    return keys[inside], owner[inside]


def _distinct(ordered: np.ndarray) -> np.ndarray:
    """The distinct values of a sorted array."""
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    return ordered[first]


class TrigramIndex:
    """Names by the trigrams they contain; ``closest`` returns the names sharing most of a query's trigrams."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        keys, owner = _keys_of(names)
        # By sorting, not np.unique: NumPy 2.4 takes a hash table for it, which on these keys took 0.7 s.
        self.keys = _distinct(np.sort(keys))  # the trigrams, ascending
        gram = np.searchsorted(self.keys, keys)  # each occurrence's trigram number
        pairs = _distinct(np.sort(gram * max(len(names), 1) + owner))  # each (trigram, name) once, by trigram then name
        gram, owner = np.divmod(pairs, max(len(names), 1))
        self.members = owner.astype(np.int32)  # each trigram's names, ascending, one trigram after another
        self.starts = np.concatenate(([0], np.cumsum(np.bincount(gram, minlength=len(self.keys))))).astype(np.int64)
        self.sizes = np.bincount(owner, minlength=len(names)).astype(np.int32)  # distinct trigrams per name
        self.postings = self._postings()

    def _postings(self) -> dict[str, np.ndarray]:
        """Trigram → the names that have it (views into ``members``)."""
        mask = (1 << BITS) - 1
        starts = self.starts.tolist()
        return {
            chr(key >> 2 * BITS) + chr((key >> BITS) & mask) + chr(key & mask): self.members[starts[i] : starts[i + 1]]
            for i, key in enumerate(self.keys.tolist())
        }

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        del state["postings"]  # made again from the flat arrays on load: 13,000 small arrays unpickle twice as slowly
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.postings = self._postings()

    def closest(self, query: str, limit: int) -> list[str]:
        grams = trigrams(query)
        hits = [self.postings[g] for g in grams if g in self.postings]
        if not hits:
            return []
        shared = np.bincount(np.concatenate(hits), minlength=len(self.names))
        found = np.flatnonzero(shared)
        # Jaccard of the names that share a trigram only (a few hundred of tens of thousands).
        jaccard = shared[found] / (len(grams) + self.sizes[found] - shared[found])
        if len(found) > limit:
            keep = np.sort(np.argpartition(-jaccard, limit)[:limit])
            found, jaccard = found[keep], jaccard[keep]
        return [self.names[i] for i in found[np.argsort(-jaccard, kind="stable")]]
