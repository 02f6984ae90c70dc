"""The panel page: the ISP-CWP, its functions and bodies, its candidate topics and recent events."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from chemkg.namespaces import BASE
from chemkg.store import run_named
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


def panel_page(store: ox.Store, iri: str = PANEL) -> PanelPage | None:
    description = describe(store, iri, with_references=False)
    if description is None:
        return None
    parts = run_named(store, "page-panel-parts", panel=iri)
    topics: dict[str, Topic] = {}
    for r in run_named(store, "page-panel-topics"):
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
    return PanelPage(
        description,
        [p for p in parts if p["kind"] == "function"],
        [p for p in parts if p["kind"] == "body"],
        ordered,
        run_named(store, "page-events", subject=iri),
    )
