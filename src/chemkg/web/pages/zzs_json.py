"""The ZZS page as JSON (``GET /zzs`` with ``Accept: application/json``): the routes, or one route's substances
a page at a time."""

from __future__ import annotations

from pydantic import BaseModel, Field

from chemkg.web.pages.zzs import Route


class RouteOut(BaseModel):
    key: str = Field(description="The value of ?route= for this route's page.")
    iri: str | None
    code: str
    name: str
    description: str | None
    legal_basis: str | None
    leads_to: str | None = Field(description="zzs or potential-zzs")
    substances: int


class RouteSubstance(BaseModel):
    iri: str
    name: str
    status: str | None
    how: str = Field(description="How the route holds: derived, read from a list, anticipated, …")


class ZZSOut(BaseModel):
    routes: list[RouteOut]
    route: RouteOut | None = Field(None, description="The route asked for with ?route=, if any.")
    page: int | None = None
    pages: int | None = None
    substances: list[RouteSubstance] = Field(default_factory=list, description="That route's page of substances.")


def _route(r: Route, lang: str) -> RouteOut:
    nl = lang == "nl"
    return RouteOut(
        key=r.key,
        iri=r.iri or None,
        code=r.code,
        name=r.label_nl if nl and r.label_nl else r.label,
        description=(r.description_nl if nl and r.description_nl else r.description),
        legal_basis=(r.legal_basis_nl if nl and r.legal_basis_nl else r.legal_basis),
        leads_to=r.leads_to,
        substances=len(r.substances),
    )


def zzs_json(routes: list[Route], shown: Route | None, page: int, lang: str) -> ZZSOut:
    if shown is None:
        return ZZSOut(routes=[_route(r, lang) for r in routes], route=None)
    return ZZSOut(
        routes=[_route(r, lang) for r in routes],
        route=_route(shown, lang),
        page=page,
        pages=shown.pages,
        substances=[
            RouteSubstance(
                iri=s["entity"],
                name=str(s.get("labelNl") if lang == "nl" and s.get("labelNl") else s["label"]),
                status=s.get("status"),
                how=str(s.get("route", "")),
            )
            for s in shown.page(page)
        ],
    )
