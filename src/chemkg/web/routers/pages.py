"""The site's own pages: home, ZZS, panel, coverage matrix (with downloads), charts and static files."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from chemkg.namespaces import BASE, path_of
from chemkg.web.charts import matrix_svg, timeline_svg
from chemkg.web.errors import BadRequest, NotFound
from chemkg.web.i18n import Translator, request_language
from chemkg.web.negotiation import negotiate
from chemkg.web.page_json import HTML_TOO, json_page, wants_json
from chemkg.web.page_store import page_store
from chemkg.web.pages.matrix import FILTERS, Matrix, UnknownFilter, coverage_matrix, matrix_csv, matrix_xlsx
from chemkg.web.pages.panel import panel_page
from chemkg.web.pages.panel_json import PanelOut, panel_json
from chemkg.web.pages.site import site_data
from chemkg.web.pages.treaty import annex_page, treaty_page
from chemkg.web.pages.zzs import route_by_key, zzs_routes
from chemkg.web.pages.zzs_json import ZZSOut, zzs_json
from chemkg.web.search_page import absent_identifier, engine_cards, name_matches, render_search_page
from chemkg.web.templating import render_page

router = APIRouter(tags=["Pages"])

STATIC = {"site.css": "text/css", "sparql.js": "text/javascript", "search.js": "text/javascript"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _t(request: Request) -> Translator:
    return Translator(request_language(request))


@router.get("/", summary="Home: search and an overview of the instruments", response_class=Response)
def home(request: Request) -> Response:
    site = site_data(page_store(request))
    instruments = site.listing_instruments()
    stats = {
        "substances": len(site.entities),
        "listings": sum(i.listings for i in site.instruments.values()),
        "instruments": len(instruments),  # the ones the page shows; /treaties has them all
    }
    return render_page(request, "home.html", {"instruments": instruments, "site": site, "stats": stats})


def search(request: Request, q: str = "") -> Response:
    """The browser view of ``/search`` (routers/search.py hands browsers here; the JSON comes from there)."""
    negotiate(request, ["text/html"])
    store = page_store(request)
    lang = request_language(request)
    if not q.strip():
        return render_search_page(request, store, "", [])
    absent = absent_identifier(store, q)
    if absent is not None:
        return render_search_page(request, store, q, [], absent=absent)
    from chemkg.web.routers.ask import ask_store

    understood = ask_store(store, q, None)
    answer = understood if understood.status != "not-understood" else None
    found = engine_cards(request, store, q, lang)
    if found is None:
        return render_search_page(
            request, store, q, name_matches(store, q, lang), note="search.unavailable", answer=answer
        )
    cards, read_as = found
    return render_search_page(request, store, q, cards, read_as=read_as, filtered=True, answer=answer)


@router.get(
    "/zzs",
    summary="Dutch ZZS: routes, and the substances of one route a page at a time",
    response_model=ZZSOut,
    responses=HTML_TOO,
)
def zzs(request: Request, route: str = "", page: int = Query(1, ge=1)) -> Response:
    routes = zzs_routes(page_store(request))
    shown = None
    if route:
        shown = route_by_key(routes, route)
        if shown is None:
            keys = ", ".join(r.key for r in routes)
            raise NotFound(f"There is no ZZS route {route!r}; choose one of: {keys}.")
        if page > shown.pages:
            raise NotFound(f"The route {route!r} has {shown.pages} page(s) of substances; page {page} does not exist.")
    if wants_json(request):
        return json_page(zzs_json(routes, shown, page, request_language(request)))
    return render_page(request, "zzs.html", {"routes": routes, "shown": shown, "page": page})


@router.get(
    "/panel",
    summary="The ISP-CWP panel: functions, topics, what the Netherlands does and the next meetings",
    response_model=PanelOut,
    responses=HTML_TOO,
)
def panel(request: Request) -> Response:
    page = panel_page(page_store(request))
    if page is None:
        raise NotFound("The graph has no ISP-CWP panel yet.")
    if wants_json(request):
        return json_page(panel_json(page, request_language(request)))
    return render_page(request, "panel.html", {"page": page})


def _matrix(request: Request, show: str) -> Matrix:
    try:
        return coverage_matrix(page_store(request), show)
    except UnknownFilter as exc:
        raise BadRequest(f"{exc}.") from None


@router.get("/matrix", summary="Coverage matrix: substances × instruments, a page at a time", response_class=Response)
def matrix(request: Request, show: str = "listed", page: int = Query(1, ge=1)) -> Response:
    m = _matrix(request, show)
    if page > m.pages:
        raise NotFound(f"The matrix {show!r} has {m.pages} page(s); page {page} does not exist.")
    return render_page(request, "matrix.html", {"m": m, "filters": FILTERS, "page": page})


@router.get("/matrix.csv", summary="Coverage matrix as CSV", response_class=Response)
def matrix_as_csv(request: Request, show: str = "listed") -> Response:
    body = matrix_csv(_matrix(request, show))
    headers = {"Content-Disposition": f'attachment; filename="chemkg-coverage-{show}.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/matrix.xlsx", summary="Coverage matrix as an Excel workbook", response_class=Response)
def matrix_as_xlsx(request: Request, show: str = "listed") -> Response:
    headers = {"Content-Disposition": f'attachment; filename="chemkg-coverage-{show}.xlsx"'}
    return Response(matrix_xlsx(_matrix(request, show)), media_type=XLSX, headers=headers)


@router.get("/matrix.svg", summary="Coverage matrix as a chart (SVG)", response_class=Response)
def matrix_as_svg(request: Request, show: str = "listed") -> Response:
    m = _matrix(request, show)
    title = f"ChemKG coverage: {_t(request)('matrix.filter.' + show)} ({len(m.rows)})"
    return Response(matrix_svg(m, title), media_type="image/svg+xml")


@router.get(
    "/charts/timeline.svg", summary="Listings per year of an instrument or annex (SVG)", response_class=Response
)
def timeline(request: Request, of: str) -> Response:
    """``of`` is an instrument or annex path, e.g. ``treaty/stockholm`` or ``treaty/stockholm/annex-a``."""
    store = page_store(request)
    iri = of if of.startswith(BASE) else BASE + of.strip("/")
    page = treaty_page(store, iri) or annex_page(store, iri)
    if page is None:
        raise NotFound(f"{of} is not an instrument or annex; use a path such as treaty/stockholm.")
    t = _t(request)
    name = page.instrument.name(t.lang) + (f" – {page.annex.name(t.lang)}" if page.annex else "")
    body = timeline_svg(page.per_year, f"{t('treaty.timeline')}: {name}", ylabel=t("col.listings").lower())
    filename = (path_of(iri) or "timeline").replace("/", "-")
    headers = {"Content-Disposition": f'inline; filename="{filename}-timeline.svg"'}
    return Response(body, media_type="image/svg+xml", headers=headers)


@router.get("/static/{name}", include_in_schema=False)
def static(name: str) -> Response:
    if name not in STATIC:
        raise NotFound(f"There is no static file {name}.")
    body = (resources.files("chemkg.web") / "static" / name).read_bytes()
    return Response(body, media_type=STATIC[name], headers={"Cache-Control": "public, max-age=3600"})
