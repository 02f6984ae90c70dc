"""The trigram shortlist behind near-name matching: the names that share most of a query's trigrams, in the order
their Jaccard overlap gives, whatever script the names are written in, and the same after the index is saved."""

from __future__ import annotations

import pickle

from chemkg.name_index import TrigramIndex, trigrams

NAMES = [
    "hexachlorobenzene",
    "pentachlorobenzene",
    "hexabromobiphenyl",
    "perfluorooctane sulfonic acid",
    "perfluorooctaansulfonzuur",
    "α-hexachlorocyclohexane",
    "β-hexachlorocyclohexane",
    "kwik",
    "kwikverbindingen",
    "1,1,1-trichloroethane",
    "Zn",
    "",
]


def jaccard(query: str, name: str) -> float:
    """Worked out with Python sets, name by name: what the index's arrays must agree with."""
    return len(trigrams(query) & trigrams(name)) / len(trigrams(query) | trigrams(name))


def test_the_shortlist_is_the_names_with_most_trigrams_in_common_in_any_script() -> None:
    index = TrigramIndex(NAMES)
    for query in ["hexachlorbenzene", "perfluoroctaansulfonzuur", "α-HCH hexachlorocyclohexane", "kwik", "zn", "ß"]:
        best = sorted((score for n in NAMES if (score := jaccard(query, n)) > 0), reverse=True)
        for limit in (1, 3, 50):
            found = index.closest(query, limit)
            # Best first, as many as asked; names tied at the cut may come in either order.
            assert [jaccard(query, n) for n in found] == best[:limit], (query, limit)
            assert len(set(found)) == len(found)
    assert index.closest("hexachlorbenzene", 1) == ["hexachlorobenzene"]
    assert index.closest("xyzzy", 5) == []


def test_a_saved_index_answers_as_the_one_it_was_saved_from() -> None:
    index = TrigramIndex(NAMES)
    loaded = pickle.loads(pickle.dumps(index))
    for query in ["hexachlorbenzene", "β-hexachlorocyclohexane", "kwikverbinding"]:
        assert loaded.closest(query, 5) == index.closest(query, 5)


def test_an_index_of_no_names_finds_nothing() -> None:
    assert TrigramIndex([]).closest("kwik", 5) == []
