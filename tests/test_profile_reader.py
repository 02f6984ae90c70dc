"""The substance page reads its facts by index lookups; the SPARQL queries say the same in standard form.
Both must give the same rows for every substance and group, so the page, ``chemkg lookup`` and a
researcher's SPARQL agree."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest

from chemkg.profile import load_profile
from chemkg.profile_reader import (
    exemption_rows,
    identity_rows,
    listing_rows,
    relation_rows,
    topic_rows,
    zzs_rows,
)
from chemkg.store import OxigraphStore, named_queries

Rows = list[dict[str, Any]]
READERS: dict[str, Callable[[OxigraphStore, str], Rows]] = {
    "entity-listings": listing_rows,
    "entity-exemptions": exemption_rows,
    "entity-zzs": zzs_rows,
    "entity-topics": topic_rows,
    "entity-identity": identity_rows,
    "entity-relations": relation_rows,
}
# The identity query gives a statement held in two graphs (a synonym two lists share) twice; the reader once.
DISTINCT = {"entity-identity"}


def _key(rows: Rows, distinct: bool = False) -> list[tuple[tuple[str, str], ...]]:
    keys = [tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows]
    return sorted(set(keys) if distinct else keys)


@pytest.mark.parametrize("query", READERS)
def test_the_reader_gives_the_rows_of_the_query_for_every_entity(store: OxigraphStore, query: str) -> None:
    """The query run once over the whole graph (``?entity`` unbound) gives every entity's rows in one go;
    per entity it takes up to a second at full size, which is why the pages use the reader."""
    by_entity: dict[str, Rows] = defaultdict(list)
    for row in store.select(named_queries()[query].text):
        by_entity[row["entity"]].append(row)
    entities = sorted({r["entity"] for r in store.rows("entity-names")})
    distinct = query in DISTINCT
    differ = [e for e in entities if _key(READERS[query](store, e)) != _key(by_entity.get(e, []), distinct)]
    assert differ == [], f"{len(differ)} of {len(entities)} entities differ, e.g. {differ[:5]}"
    assert any(by_entity.get(e) for e in entities), "the query gave no entity any row"


def test_pfhxs_profile_has_its_stockholm_listing_through_the_group(store: OxigraphStore) -> None:
    profile = load_profile(store, "https://w3id.org/chemkg/substance/pfhxs-acid")
    assert profile is not None
    stockholm = [x for x in profile.listings if x.annex_iri.endswith("stockholm/annex-a")]
    assert stockholm and stockholm[0].decisions == ["SC-10/13"]
    assert stockholm[0].via.endswith("substance/pfhxs")
