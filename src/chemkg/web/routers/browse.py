"""``/treaties`` and ``/substances``: the indexes an officer browses from, as pages and as JSON at the same URL
(the convention of ``page_json.py``)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from chemkg.web.errors import BadRequest, NotFound
from chemkg.web.i18n import request_language
from chemkg.web.live import CurrentBuild
from chemkg.web.page_json import HTML_TOO, json_page, wants_json
from chemkg.web.pages.catalogue import (
    PAGE_SIZE,
    ZZS_CHOICES,
    SubstanceFilters,
    UnknownFilter,
    short_id,
    substance_index,
)
from chemkg.web.templating import render_page

router = APIRouter(tags=["Pages"])


class AnnexOut(BaseModel):
    id: str = Field(description="Short id, as the substance index's annex filter takes it, e.g. stockholm/annex-a.")
    iri: str
    code: str
    name: str = Field(description="In the language of the request.")
    listings: int
    substances: int = Field(description="Substances and groups a listing of this annex reaches.")


class InstrumentOut(BaseModel):
    id: str
    iri: str
    kind: str = Field(description="treaty, amendment, framework or eu")
    name: str
    full_name: str
    adopted: str | None
    listings: int
    substances: int
    annexes: list[AnnexOut]


class TreatiesOut(BaseModel):
    instruments: list[InstrumentOut]


class SubstanceOut(BaseModel):
    id: str
    iri: str
    name: str
    name_en: str
    name_nl: str
    kind: str = Field(description="substance or group")
    cas: list[str]
    zzs: str | None = Field(description="zzs, potential-zzs or null")
    lists: list[str] = Field(description="Ids of the official lists that name it.")


class SubstancesOut(BaseModel):
    filters: dict[str, str]
    total: int = Field(description="Substances and groups in the graph.")
    count: int = Field(description="How many pass the filters.")
    page: int
    pages: int
    page_size: int
    results: list[SubstanceOut]


@router.get(
    "/treaties", summary="Every instrument with its annexes and counts", response_model=TreatiesOut, responses=HTML_TOO
)
def treaties(request: Request, build: CurrentBuild) -> Response:
    rows = build.catalogue.instrument_rows()
    if not wants_json(request):
        return render_page(request, "treaties.html", {"rows": rows, "short_id": short_id})
    lang = request_language(request)
    body = TreatiesOut(
        instruments=[
            InstrumentOut(
                id=short_id(r.instrument.iri),
                iri=r.instrument.iri,
                kind=r.instrument.kind,
                name=r.instrument.name(lang),
                full_name=r.instrument.label_nl if lang == "nl" else r.instrument.label,
                adopted=r.instrument.adopted,
                listings=r.instrument.listings,
                substances=r.entities,
                annexes=[
                    AnnexOut(
                        id=short_id(a.annex.iri),
                        iri=a.annex.iri,
                        code=a.annex.code,
                        name=a.annex.name(lang),
                        listings=a.listings,
                        substances=a.entities,
                    )
                    for a in r.annexes
                ],
            )
            for r in rows
        ]
    )
    return json_page(body)


@router.get(
    "/substances",
    summary="Every substance and group, filtered and a page at a time",
    response_model=SubstancesOut,
    responses=HTML_TOO,
)
def substances(
    request: Request,
    build: CurrentBuild,
    q: str = Query("", max_length=200, description="Part of a name (English or Dutch) or CAS number."),
    instrument: str = Query("", description="Listed under this instrument, e.g. stockholm."),
    annex: str = Query("", description="Listed in this annex, e.g. stockholm/annex-a."),
    named_by: str = Query(
        "", alias="list", description="Named by this official list, e.g. rivm-zzs or echa-candidate-list."
    ),
    zzs: str = Query("", description=f"ZZS status: {', '.join(ZZS_CHOICES)}."),
    group: str = Query("", description="Members of this group, e.g. pfas."),
    page: int = Query(1, ge=1, description=f"Page of {PAGE_SIZE} results."),
) -> Response:
    as_json = wants_json(request)
    filters = SubstanceFilters(q, instrument, annex, named_by, zzs, group)
    try:
        index = substance_index(build.catalogue, filters, page)
    except UnknownFilter as exc:
        raise BadRequest(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
    if page > index.pages:
        raise NotFound.say("substances.past_end", pages=index.pages, page=page)
    cat = build.catalogue
    if not as_json:
        return render_page(
            request, "substances.html", {"index": index, "cat": cat, "zzs_choices": ZZS_CHOICES, "short_id": short_id}
        )
    lang = request_language(request)
    body = SubstancesOut(
        filters=filters.active(),
        total=index.total,
        count=len(index.matched),
        page=index.page,
        pages=index.pages,
        page_size=PAGE_SIZE,
        results=[
            SubstanceOut(
                id=short_id(e.iri),
                iri=e.iri,
                name=e.name(lang),
                name_en=e.label,
                name_nl=e.label_nl,
                kind="group" if e.is_group else "substance",
                cas=e.cas,
                zzs=e.zzs,
                lists=sorted(short_id(x) for x in cat.lists_of.get(e.iri, ())),
            )
            for e in index.shown
        ],
    )
    return json_page(body)
