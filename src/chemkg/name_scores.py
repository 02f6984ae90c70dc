"""RapidFuzz's weighted ratio (``WRatio``) of a query and a shortlist of names, skipping its costly part where
the result is already known.

``WRatio`` is the best of a few scores: the plain ratio; for two names of near length, the token ratio x 0.95;
for a name 1.5 to 8 times as long or as short, the partial ratio x 0.9 and the partial token ratio x 0.95 x 0.9.
The partial ratio slides the shorter name along the longer one and made up nine tenths of the resolver's time on
long names (official lists hold names of hundreds of characters). The partial token ratio is 100 as soon as the
two share a word, which RapidFuzz works out only after the partial ratio; and the partial ratio can never beat
what the plain ratio says about the longest common subsequence. From those two cheap facts this module gives
every name a *floor* under its weighted ratio, and the exact score where the partial ratio cannot raise it; the
resolver scores the rest with RapidFuzz, with a cutoff no shown name falls below. The scores are RapidFuzz's own.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

UNBASE_SCALE = 0.95  # RapidFuzz's weights in WRatio
PARTIAL_SCALE = 0.9
# RapidFuzz's partial token ratio is 100 when the names share a word (str.split words: its own reference code).
SHARED_WORD = 100.0 * UNBASE_SCALE * PARTIAL_SCALE
SLACK = 0.01  # kept between a proven bound and a score, so that float rounding never decides


class Floor(NamedTuple):
    """A score ``WRatio`` cannot fall below; ``exact`` when it is the score itself."""

    score: float
    exact: bool


def floors(query: str, names: list[str]) -> list[Floor]:
    """The floor under ``WRatio(query, name)`` for each name (both normalised and non-empty)."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    distances = process.cdist([query], names, scorer=Indel.distance)[0].tolist()
    words = set(query.split())
    out = []
    for name, distance in zip(names, distances, strict=True):
        shorter, longer = min(len(query), len(name)), max(len(query), len(name))
        plain = 100 * (1 - distance / (shorter + longer))
        # Lengths near the 1.5 and 8 boundaries count the plain ratio only: a floor, whichever case RapidFuzz takes.
        if not (1.55 * shorter <= longer <= 7.9 * shorter) or words.isdisjoint(_words(name)):
            out.append(Floor(plain, exact=False))
            continue
        shared = SHARED_WORD  # the partial token ratio of two names sharing a word, as WRatio weighs it
        # The partial ratio compares the shorter name with a stretch of the longer one: at best every character
        # of their longest common subsequence (c) matches, in a stretch as long as c, so 2c / (shorter + c).
        common = (shorter + longer - distance) // 2
        partial_at_most = 200 * common / (shorter + common)
        exact = plain + SLACK < shared and partial_at_most * PARTIAL_SCALE + SLACK < shared
        out.append(Floor(max(plain, shared), exact))
    return out


@lru_cache(maxsize=65536)
def _words(name: str) -> frozenset[str]:
    """The words of a name, kept: the same names come back in the shortlists of many queries."""
    return frozenset(name.split())
