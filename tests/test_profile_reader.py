"""The substance page reads its facts by index lookups; the SPARQL queries say the same in standard form.
Both must give the same rows for every substance and group, so the page, ``chemkg lookup`` and a
researcher's SPARQL agree."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from chemkg.profile import load_profile
from chemkg.profile_reader import exemption_rows, listing_rows, topic_rows, zzs_rows
from chemkg.store import run_named


def _key(rows: list[dict[str, Any]]) -> list[tuple[tuple[str, str], ...]]:
    return sorted(tuple(sorted((k, str(v)) for k, v in row.items())) for row in rows)


def test_listing_rows_equal_the_entity_listings_query_for_every_entity(store: ox.Store) -> None:
    entities = sorted({r["entity"] for r in run_named(store, "entity-names")})
    curated = [e for e in entities if "/substance/import-" not in e]
    from_lists = [e for e in entities if "/substance/import-" in e]
    assert len(curated) > 100 and len(from_lists) > 1000
    # A spread of curated substances and groups, and of those only the official lists name (the SPARQL
    # takes about a second per entity at full size, so not all 5,800 of them).
    for entity in [*curated[::7], *from_lists[::97]]:
        assert _key(listing_rows(store, entity)) == _key(run_named(store, "entity-listings", entity=entity)), entity


def test_exemption_rows_equal_the_entity_exemptions_query(store: ox.Store) -> None:
    for entity in ("pfos", "pfoa", "ddt", "pfos-ammonium", "mercury"):
        iri = f"https://w3id.org/chemkg/substance/{entity}"
        assert _key(exemption_rows(store, iri)) == _key(run_named(store, "entity-exemptions", entity=iri)), entity


def test_zzs_and_topic_rows_equal_their_queries(store: ox.Store) -> None:
    # entity-zzs.rq takes seconds per entity on Oxigraph (the reason for the reader): check a spread.
    entities = sorted({r["entity"] for r in run_named(store, "entity-names")})
    for entity in [*entities[::60], "https://w3id.org/chemkg/substance/pfhxs-acid"]:
        assert _key(zzs_rows(store, entity)) == _key(run_named(store, "entity-zzs", entity=entity)), entity
        assert _key(topic_rows(store, entity)) == _key(run_named(store, "entity-topics", entity=entity)), entity


def test_pfhxs_profile_has_its_stockholm_listing_through_the_group(store: ox.Store) -> None:
    profile = load_profile(store, "https://w3id.org/chemkg/substance/pfhxs-acid")
    assert profile is not None
    stockholm = [x for x in profile.listings if x.annex_iri.endswith("stockholm/annex-a")]
    assert stockholm and stockholm[0].decisions == ["SC-10/13"]
    assert stockholm[0].via.endswith("substance/pfhxs")
