"""The panel page as JSON (``GET /panel`` with ``Accept: application/json``): its response model and builder."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from chemkg.web.pages.panel import PanelPage


class Part(BaseModel):
    iri: str
    name: str
    description: str | None


class TopicOut(BaseModel):
    iri: str
    name: str
    status: str = Field(description="candidate or agreed")
    description: str | None
    raised_at: str | None
    substances: list[str] = Field(description="IRIs of the substances and groups it concerns.")


class SourceOut(BaseModel):
    iri: str
    title: str
    url: str | None


class ProgrammeOut(BaseModel):
    iri: str
    name: str
    description: str | None
    established: str | None
    unconfirmed: bool = Field(description="True when no source confirms it (confidence 'memory').")
    locator: str | None
    sources: list[SourceOut]


class Dated(BaseModel):
    iri: str
    name: str
    date: str


class MeetingOut(BaseModel):
    iri: str
    name: str
    start: str
    end: str | None
    place: str | None
    of: str | None = Field(description="The instrument or panel it is a meeting of.")
    unconfirmed: bool


class PanelOut(BaseModel):
    iri: str
    name: str
    functions: list[Part]
    bodies: list[Part]
    topics: list[TopicOut]
    netherlands: list[ProgrammeOut] = Field(description="What the Netherlands does around the panel.")
    netherlands_steps: list[Dated]
    next_meetings: list[MeetingOut]
    recent_events: list[Dated]


def _pick(lang: str, en: Any, nl: Any) -> Any:
    return nl if lang == "nl" and nl else en


def _parts(rows: list[dict[str, Any]], lang: str) -> list[Part]:
    return [
        Part(
            iri=p["part"],
            name=_pick(lang, p["label"], p["labelNl"]),
            description=_pick(lang, p["description"], p["descriptionNl"]),
        )
        for p in rows
    ]


def panel_json(page: PanelPage, lang: str) -> PanelOut:
    d = page.description
    return PanelOut(
        iri=d.iri,
        name=d.label(d.iri, lang),
        functions=_parts(page.functions, lang),
        bodies=_parts(page.bodies, lang),
        topics=[
            TopicOut(
                iri=t.iri,
                name=_pick(lang, t.label, t.label_nl),
                status=t.status,
                description=_pick(lang, t.description, t.description_nl),
                raised_at=t.raised_at,
                substances=[s["substance"] for s in t.substances],
            )
            for t in page.topics
        ],
        netherlands=[
            ProgrammeOut(
                iri=p.iri,
                name=_pick(lang, p.label, p.label_nl),
                description=_pick(lang, p.description, p.description_nl),
                established=p.established,
                unconfirmed=p.confidence == "memory",
                locator=p.locator,
                sources=[SourceOut(iri=s["iri"], title=s["title"], url=s["url"]) for s in p.sources],
            )
            for p in page.programmes
        ],
        netherlands_steps=[
            Dated(iri=e["event"], name=_pick(lang, e["label"], e["labelNl"]), date=str(e["date"]))
            for e in page.programme_events
        ],
        next_meetings=[
            MeetingOut(
                iri=m["meeting"],
                name=_pick(lang, m["label"], m["labelNl"]),
                start=str(m["start"]),
                end=str(m["end"]) if m["end"] else None,
                place=m["place"],
                of=m["of"],
                unconfirmed=m["confidence"] == "memory",
            )
            for m in page.next_meetings
        ],
        recent_events=[
            Dated(iri=e["event"], name=_pick(lang, e["label"], e["labelNl"]), date=str(e["date"])) for e in page.events
        ],
    )
