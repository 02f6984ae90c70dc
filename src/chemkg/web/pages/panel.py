"""The panel page: the ISP-CWP, its functions and bodies, its candidate topics and recent events, what the
Netherlands does around it (the national programmes in the graph) and the next meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pyoxigraph as ox

from chemkg.namespaces import BASE
from chemkg.store import GraphStore
from chemkg.web.pages.describe import Description, describe

PANEL = BASE + "panel/isp-cwp"


@dataclass
class Topic:
    iri: str
    label: str
    label_nl: str
    description: str | None
    description_nl: str | None
    status: str
    raised_at: str | None
    substances: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PanelPage:
    description: Description
    functions: list[dict[str, Any]]
    bodies: list[dict[str, Any]]
    topics: list[Topic]
    events: list[dict[str, Any]]
    programmes: list[Programme] = field(default_factory=list)
    programme_events: list[dict[str, Any]] = field(default_factory=list)
    next_meetings: list[dict[str, Any]] = field(default_factory=list)


def panel_page(store: GraphStore, iri: str = PANEL, today: date | None = None) -> PanelPage | None:
    description = describe(store, iri, with_references=False)
    if description is None:
        return None
    parts = store.rows("page-panel-parts", panel=iri)
    topics: dict[str, Topic] = {}
    for r in store.rows("page-panel-topics"):
        topic = topics.setdefault(
            r["topic"],
            Topic(
                r["topic"],
                r["label"],
                r["labelNl"] or r["label"],
                r["description"],
                r["descriptionNl"],
                r["status"],
                r["raisedAt"],
            ),
        )
        if r["substance"] and all(s["substance"] != r["substance"] for s in topic.substances):
            topic.substances.append(r)
    ordered = sorted(topics.values(), key=lambda t: (t.status != "agreed", -len(t.substances), t.label))
    national = programmes(store)
    return PanelPage(
        description,
        [p for p in parts if p["kind"] == "function"],
        [p for p in parts if p["kind"] == "body"],
        ordered,
        store.rows("page-events", subject=iri),
        national,
        programme_events(store, national),
        next_meetings(store, today or datetime.now(UTC).date()),
    )


@dataclass
class Programme:
    """A national programme around the panel (what the Netherlands does), with the sources it rests on."""

    iri: str
    label: str
    label_nl: str
    description: str | None
    description_nl: str | None
    established: str | None
    locator: str | None
    confidence: str | None
    sources: list[dict[str, Any]] = field(default_factory=list)


def programmes(store: GraphStore) -> list[Programme]:
    found: dict[str, Programme] = {}
    for r in store.rows("page-programmes"):
        programme = found.setdefault(
            r["programme"],
            Programme(
                r["programme"],
                r["label"],
                r["labelNl"] or r["label"],
                r["description"],
                r["descriptionNl"],
                r["established"],
                r["locator"],
                r["confidence"],
            ),
        )
        if r["source"] and all(s["iri"] != r["source"] for s in programme.sources):
            programme.sources.append(
                {"iri": r["source"], "title": r["sourceTitle"] or r["source"], "url": r["sourceUrl"]}
            )
    return list(found.values())


def programme_events(store: GraphStore, found: list[Programme]) -> list[dict[str, Any]]:
    """The dated steps that concern any of the programmes, newest first, each once."""
    events: dict[str, dict[str, Any]] = {}
    for programme in found:
        for e in store.rows("page-events", subject=programme.iri):
            events.setdefault(e["event"], e)
    return sorted(events.values(), key=lambda e: str(e["date"]), reverse=True)


def next_meetings(store: GraphStore, today: date) -> list[dict[str, Any]]:
    """Meetings (of any instrument or the panel) that start today or later, soonest first."""
    rows: dict[str, dict[str, Any]] = {}
    for r in store.rows("page-next-meetings", today=ox.Literal(today.isoformat())):
        rows.setdefault(r["meeting"], r)
    return list(rows.values())
