"""The search page for people: result cards with the entity's kind, a badge per instrument and annex
that lists it, its ZZS status and why it matched; filters for kind, instrument and ZZS status.

The ``/search`` route answers API clients with JSON and hands browsers to :func:`render_search_page`
with the same hits, so the page and the API cannot drift apart. Without a search index the page
still finds names and identifiers through the resolver.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Request
from fastapi.responses import Response

from chemkg.search.documents import TYPE_WORDS, TYPES
from chemkg.web.i18n import request_language
from chemkg.web.live import Build
from chemkg.web.match_text import close_reason, exact_reason, hit_reason
from chemkg.web.negotiation import negotiate
from chemkg.web.pages.site import STATUS_TO_COVERAGE, SiteData
from chemkg.web.questions import ask_build
from chemkg.web.search_answer import search_json
from chemkg.web.templating import render_page

if TYPE_CHECKING:
    from chemkg.resolve import Resolver

ZZS_FILTERS = ("zzs", "potential-zzs", "none")


@dataclass
class Badge:
    instrument: str
    annex: str
    state: str
    href: str
    via: str | None = None  # the group or member the listing comes through; None for the entity's own


@dataclass
class Card:
    iri: str
    kind: str
    label: str
    reason: str
    snippet: str = ""
    cas: list[str] = field(default_factory=list)
    zzs: str | None = None
    badges: list[Badge] = field(default_factory=list)


def _badges(site: SiteData, iri: str, lang: str) -> list[Badge]:
    out: dict[tuple[str, str], Badge] = {}
    for cell in site.cells.get(iri, []):
        state = STATUS_TO_COVERAGE.get(cell.status, "not-listed")
        instrument = site.instruments.get(cell.instrument)
        name = instrument.name(lang) if instrument else cell.instrument
        key = (name, cell.annex_code)
        through = site.inherited.get((iri, cell.listing))
        via = (site.entities[through].name(lang) if through in site.entities else through) if through else None
        known = out.get(key)
        # A listed state beats the others; at the same state the entity's own listing beats an inherited one.
        if (
            known is None
            or (state == "listed" and known.state != "listed")
            or (state == known.state and known.via and not via)
        ):
            out[key] = Badge(name, cell.annex_code, state, "/" + cell.listing[len("https://w3id.org/chemkg/") :], via)
    return sorted(out.values(), key=lambda b: (b.state != "listed", b.instrument, b.annex))


def card(site: SiteData, iri: str, kind: str, label: str, reason: str, snippet: str, lang: str) -> Card:
    """A result card for any entity; substances and groups get their coverage badges and ZZS status."""
    entity = site.entities.get(iri)
    if entity is None:
        return Card(iri, kind, label, reason, snippet)
    kind = "group" if entity.is_group else "substance"
    return Card(
        iri, kind, label or entity.name(lang), reason, snippet, entity.cas, entity.zzs, _badges(site, iri, lang)
    )


def name_matches(build: Build, query: str, lang: str) -> list[Card]:
    """Cards from identity resolution alone: the exact match (and any others it names), then close names."""
    site = build.site
    resolver: Resolver = build.resolver
    found = resolver.resolve(query)
    cards: list[Card] = []
    if found.entity is not None:
        reason = exact_reason(found.match_type, found.matched, lang)
        for entity in [found.entity, *found.also]:
            cards.append(
                card(site, entity.iri, "", entity.label_nl if lang == "nl" else entity.label, reason, "", lang)
            )
    if found.status in ("unresolved", "fuzzy") or not cards:
        for s in resolver.suggest(query, limit=8):
            if all(c.iri != s.iri for c in cards):
                # s.differs, e.g. tri- where tetra- was typed: shown, never taken for the query
                reason = close_reason(s.matched, s.score, s.differs, lang)
                cards.append(card(site, s.iri, "", s.label, reason, "", lang))
    return cards


def absent_identifier(build: Build, query: str) -> str | None:
    """For a CAS, EC or InChIKey that names nothing in the build, the sentence that says why: no list names
    it, or it fails its checksum (and what the check digit should be), as lookup and batch say."""
    found = build.resolver.resolve_identifier(query)
    if found is not None and found.status in ("unresolved", "invalid"):
        return found.message
    return None


def apply_filters(cards: list[Card], kind: str, instrument: str, zzs: str) -> list[Card]:
    out = cards
    if kind:
        out = [c for c in out if c.kind == kind]
    if instrument:  # a badge links to /listing/<instrument>/<annex>/<item>
        out = [c for c in out if any(b.state == "listed" and b.href.split("/")[2] == instrument for b in c.badges)]
    if zzs:
        out = [c for c in out if (c.zzs or "none") == zzs]
    return out


def render_search_page(
    request: Request,
    build: Build,
    query: str,
    cards: list[Card],
    note: str | None = None,
    read_as: dict[str, Any] | None = None,
    filtered: bool = False,
    absent: str | None = None,
    answer: Any = None,
) -> Response:
    """The page; ``filtered`` says the engine already applied the filters (else they apply here)."""
    site = build.site
    params = request.query_params
    kind, instrument, zzs = params.get("type", ""), params.get("instrument", ""), params.get("zzs", "")
    shown = cards if filtered else apply_filters(cards, kind, instrument, zzs)
    instruments = [(i.iri.rsplit("/", 1)[-1], i) for i in site.listing_instruments()]
    context = {
        "q": query,
        "answer": answer,
        "cards": shown,
        "total": len(cards),
        "note": note,
        "absent": absent,
        "read_as": read_as or {},
        "filters": {"type": kind, "instrument": instrument, "zzs": zzs},
        "types": [(ty, TYPE_WORDS.get(ty, (ty, ty))) for ty in TYPES],
        "kind_words": TYPE_WORDS,
        "zzs_values": ZZS_FILTERS,
        "instruments": instruments,
        "suggestions": [] if shown or not query or absent else build.resolver.suggest(query, limit=5),
    }
    return render_page(request, "search.html", context)


def engine_cards(request: Request, build: Build, query: str, lang: str) -> tuple[list[Card], dict[str, Any]] | None:
    """Cards from the same answer the JSON API gives (``search_json``), or None without a usable index."""
    if not build.index.usable:
        return None
    params = request.query_params
    answer = search_json(
        build,
        query,
        lang,
        types=[params["type"]] if params.get("type") else None,
        instruments=[params["instrument"]] if params.get("instrument") else None,
        zzs=[params["zzs"]] if params.get("zzs") else None,
        limit=30,
    )
    site = build.site
    cards = [
        card(site, h["iri"], h["type"], h["label"], hit_reason(h["explanation"], lang), h["snippet"], lang)
        for h in answer["results"]
    ]
    return cards, answer["read_as"]


def search_page_response(request: Request, build: Build, q: str = "") -> Response:
    """The browser view of ``/search``: the answer to a question it understands, then the result cards."""
    negotiate(request, ["text/html"])
    lang = request_language(request)
    if not q.strip():
        return render_search_page(request, build, "", [])
    absent = absent_identifier(build, q)
    if absent is not None:
        return render_search_page(request, build, q, [], absent=absent)
    understood = ask_build(build, q, None)
    answer = understood if understood.status != "not-understood" else None
    found = engine_cards(request, build, q, lang)
    if found is None:
        return render_search_page(
            request, build, q, name_matches(build, q, lang), note="search.unavailable", answer=answer
        )
    cards, read_as = found
    return render_search_page(request, build, q, cards, read_as=read_as, filtered=True, answer=answer)
