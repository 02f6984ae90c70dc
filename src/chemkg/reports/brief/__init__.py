"""Negotiation briefs on a substance, group, instrument or ISP-CWP topic, in English or Dutch."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from chemkg.namespaces import BASE
from chemkg.profile import load_profile
from chemkg.reports.brief.model import Brief
from chemkg.reports.brief.substance import substance_brief
from chemkg.reports.brief.text import t
from chemkg.reports.brief.treaty import topic_brief, treaty_brief
from chemkg.reports.coverage import Coverage
from chemkg.store import GraphStore, StoreMissing, build_info

if TYPE_CHECKING:
    from chemkg.resolve import Resolver

LANGS = ("en", "nl")
CK_NS = "https://w3id.org/chemkg/ontology#"
CK_NS_ENTITY = CK_NS + "ChemicalEntity"
__all__ = ["LANGS", "Brief", "BriefTargetNotFound", "build_brief", "find_target"]


class BriefTargetNotFound(LookupError):
    """Nothing in the graph matches what the brief was asked about."""


def find_target(store: GraphStore, resolver: Resolver, query: str) -> tuple[str, str]:
    """(kind, IRI) for what ``query`` names: an exact path or IRI, an instrument (by id or name), a substance or
    group (exactly), an ISP-CWP topic (by id or name), and last a substance by fuzzy match."""
    text = query.strip()
    path = text.removeprefix(BASE)
    # the resolver (NumPy, RapidFuzz) loads when a brief is asked for
    from chemkg.resolve import normalise, suggestion_text

    wanted = normalise(text)
    targets = store.rows("brief-targets")
    for row in targets:
        if row["target"] == BASE + path:
            return row["kind"], row["target"]
    if BASE + path in resolver.entities:
        entity = resolver.entities[BASE + path]
        return ("group" if entity.is_group else "substance"), entity.iri
    if path and _is_chemical_entity(store, BASE + path):  # any entity the pages show, imported ones too
        return ("group" if _is_group(store, BASE + path) else "substance"), BASE + path

    def named(kind: str) -> str | None:
        for row in targets:
            if row["kind"] == kind and wanted in (row["target"].rsplit("/", 1)[-1], normalise(row["name"])):
                return str(row["target"])
        return None

    treaty = named("treaty")
    if treaty:
        return "treaty", treaty
    resolution = resolver.resolve(text)
    if resolution.entity is not None and resolution.status == "resolved":
        return ("group" if resolution.entity.is_group else "substance"), resolution.entity.iri
    topic = named("topic")
    if topic:
        return "topic", topic
    if resolution.entity is not None:
        return ("group" if resolution.entity.is_group else "substance"), resolution.entity.iri
    hint = suggestion_text(resolution.suggestions)
    reason = resolution.message or f"nothing named {text!r}"
    raise BriefTargetNotFound(
        f"{reason}{hint}. A brief is about a substance or group (name, CAS, EC), "
        "an instrument (e.g. stockholm) or an ISP-CWP topic (e.g. panel/topic/pfas)"
    )


def _is_chemical_entity(store: GraphStore, iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:  # a name with spaces is no id
        return False
    return store.is_a(iri, CK_NS_ENTITY)


def _is_group(store: GraphStore, iri: str) -> bool:
    return store.is_a(iri, CK_NS + "SubstanceGroup")


def build_brief(
    store: GraphStore,
    query: str,
    lang: str = "en",
    built_at: str | None = None,
    resolver: Resolver | None = None,
    coverage: Coverage | None = None,
) -> Brief:
    """The brief on whatever ``query`` names, in ``lang``; raises BriefTargetNotFound with advice.

    A service passes the ``resolver`` and ``coverage`` it keeps for the build; otherwise they are made
    (a few hundred ms each)."""
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} is not supported; use en or nl")
    if resolver is None:
        from chemkg.resolve import Resolver

        resolver = Resolver.from_store(store)
    kind, iri = find_target(store, resolver, query)
    brief: Brief | None
    names = resolver.labels
    if kind in ("substance", "group"):
        profile = load_profile(store, iri)
        brief = substance_brief(store, profile, lang, names) if profile else None
    elif kind == "treaty":
        brief = treaty_brief(store, iri, lang)
    else:
        brief = topic_brief(store, iri, lang, coverage or Coverage.from_store(store), names)
    if brief is None:
        raise BriefTargetNotFound(f"{iri} has no data for a brief")
    brief.official_first()
    brief.footer = t(lang, "footer", built=built_at or "?")
    return brief


def built_at(store_path: Path) -> str:
    """The build time of the store, for the brief's footer."""
    try:
        return str(build_info(store_path).get("built_at", "?"))
    except StoreMissing:
        return "?"
