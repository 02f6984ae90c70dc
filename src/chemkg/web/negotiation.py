"""Content negotiation: one helper with q-values, a ``format=`` alternative, and one renderer table.

Every route that can answer in more than one format calls :func:`negotiate` with the media types it
offers, in its order of preference, and renders with the table in ``formats.py`` (``render_rdf`` for
RDF); no route parses ``Accept`` itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from fastapi import Request
from rdflib import Graph

from chemkg.web.errors import BadRequest, NotAcceptable
from chemkg.web.formats import BY_MEDIA_TYPE, FORMATS, GRAPH_TYPES, RDF_DOCUMENT_TYPES, RESULT_TYPES, Format
from chemkg.web.results import write_graph

__all__ = [
    "BY_MEDIA_TYPE",
    "FORMATS",
    "GRAPH_TYPES",
    "RDF_DOCUMENT_TYPES",
    "RESULT_TYPES",
    "Format",
    "best_match",
    "choose",
    "choose_named",
    "content_type",
    "negotiate",
    "parse_accept",
    "prefers_html",
    "render_rdf",
]


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    def specificity(self, media_type: str) -> int:
        """2 for an exact match, 1 for ``type/*``, 0 for ``*/*``, -1 when the range does not match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 0
        if self.type != main:
            return -1
        if self.subtype == "*":
            return 1
        return 2 if self.subtype == sub else -1


ANYTHING = (MediaRange("*", "*", 1.0, 0),)


@lru_cache(maxsize=512)
def parse_accept(header: str) -> tuple[MediaRange, ...]:
    """The ranges of an ``Accept`` header; malformed parts are skipped rather than failing the request."""
    ranges = []
    for order, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        kind = fields[0].lower()
        if kind == "*":  # seen from old Java clients
            kind = "*/*"
        main, slash, sub = kind.partition("/")
        if not slash or not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub, q, order))
    return tuple(ranges)


def best_match(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers, or None when it accepts none of them.

    The most specific range that matches a type sets its q-value (RFC 9110 §12.5.1); ties go to the
    client's order, then to the server's.
    """
    # No header, or one with no media range in it ("garbage"), is taken as accepting anything (RFC 9110 §12.5.1).
    ranges = (parse_accept(accept) if accept else ()) or ANYTHING
    best: tuple[float, int, int, int] | None = None
    choice = None
    for position, media_type in enumerate(offered):
        match = max(((r.specificity(media_type), -r.order, r) for r in ranges), key=lambda m: (m[0], m[1]))
        specificity, _, chosen = match
        if specificity < 0 or chosen.q <= 0:
            continue
        rank = (chosen.q, specificity, -chosen.order, -position)
        if best is None or rank > best:
            best, choice = rank, media_type
    return choice


def by_format_name(name: str, offered: Sequence[str]) -> str | None:
    """The offered media type a ``format=`` value names (a short name such as ``ttl`` or a media type)."""
    wanted = name.strip().lower()
    if wanted in offered:
        return wanted
    for media_type in offered:
        fmt = BY_MEDIA_TYPE.get(media_type)
        if fmt and wanted in fmt.names:
            return media_type
    return None


def choose(accept: str | None, offered: Sequence[str], format_name: str | None = None) -> str | None:
    """``format=`` when given, else the ``Accept`` header; None when nothing offered is acceptable."""
    if format_name:
        return by_format_name(format_name, offered)
    return best_match(accept, offered)


def choose_named(accept: str | None, offered: Sequence[str], format_names: Sequence[str]) -> str | None:
    """Like :func:`choose` for requests that name their format more than once (``format`` and ``output``).

    Names that pick the same offered type agree (``tsv`` and ``text/tab-separated-values``); names
    this answer cannot use are passed over while another one fits; two that pick different types are
    a 400 naming both.
    """
    if not format_names:
        return best_match(accept, offered)
    picked = {name: by_format_name(name, offered) for name in format_names}
    chosen = sorted({t for t in picked.values() if t is not None})
    if len(chosen) > 1:
        named = ", ".join(f"`{name}` ({t})" for name, t in picked.items() if t is not None)
        raise BadRequest(f"The request asks for different formats: {named}; ask for one.")
    return chosen[0] if chosen else None


def negotiate(request: Request, offered: Sequence[str], format_name: str | None = None) -> str:
    """The media type to answer ``request`` with, or a 406 that lists what is on offer."""
    if format_name is None:
        format_name = request.query_params.get("format")
    chosen = choose(request.headers.get("accept"), offered, format_name)
    if chosen is None:
        raise not_acceptable(offered, format_name)
    return chosen


def not_acceptable(offered: Iterable[str], format_name: str | None = None) -> NotAcceptable:
    options = ", ".join(offered)
    asked = f"format={format_name}" if format_name else "the Accept header"
    return NotAcceptable(f"Nothing offered here matches {asked}. Available: {options}.")


def prefers_html(request: Request) -> bool:
    """True for a browser: it ranks HTML above JSON (clients that send no Accept header get JSON)."""
    accept = request.headers.get("accept")
    return bool(accept) and best_match(accept, ["application/json", "text/html"]) == "text/html"


def render_rdf(data: Graph | Iterable[ox.Triple], media_type: str, context: dict[str, object] | None = None) -> bytes:
    """Serialise a graph (rdflib or pyoxigraph triples) in one of the RDF media types of the table.

    JSON-LD carries ``context`` (ChemKG's, from ``/ontology/context.jsonld``; else its prefixes).
    """
    fmt = BY_MEDIA_TYPE[media_type].rdf
    if fmt is None:
        raise ValueError(f"{media_type} is not an RDF format")
    if isinstance(data, Graph):
        data = list(ox.parse(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES))
    out = bytearray()
    write_graph(list(data), fmt, out.extend, context)
    return bytes(out)


def content_type(media_type: str) -> str:
    """The Content-Type header value: textual types carry their charset."""
    if media_type.startswith("text/") or media_type.endswith(("json", "+xml", "n-triples", "n-quads", "trig")):
        return f"{media_type}; charset=utf-8"
    return media_type
