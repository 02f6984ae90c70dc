"""The site's own pages: home, ZZS, panel, coverage matrix (with downloads), charts and static files."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from chemkg.namespaces import BASE, path_of
from chemkg.web.charts import matrix_svg, timeline_svg
from chemkg.web.errors import BadRequest, NotFound
from chemkg.web.i18n import Translator, request_language
from chemkg.web.live import CurrentBuild
from chemkg.web.page_json import HTML_TOO, json_page, wants_json
from chemkg.web.pages.matrix import FILTERS, PAGE_SIZE, Matrix, UnknownFilter, matrix_csv, matrix_xlsx
from chemkg.web.pages.matrix_json import MatrixOut, matrix_json
from chemkg.web.pages.panel import panel_page
from chemkg.web.pages.panel_json import PanelOut, panel_json
from chemkg.web.pages.treaty import page_of
from chemkg.web.pages.zzs import route_by_key
from chemkg.web.pages.zzs_json import ZZSOut, zzs_json
from chemkg.web.templating import render_page

router = APIRouter(tags=["Pages"])

STATIC = {"site.css": "text/css", "sparql.js": "text/javascript"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _t(request: Request) -> Translator:
    return Translator(request_language(request))


@router.get("/", summary="Home: search and an overview of the instruments", response_class=Response)
def home(request: Request, build: CurrentBuild) -> Response:
    site = build.site
    instruments = site.listing_instruments()
    stats = {
        "substances": len(site.entities),
        "listings": sum(i.listings for i in site.instruments.values()),
        "instruments": len(instruments),  # the ones the page shows; /treaties has them all
    }
    return render_page(request, "home.html", {"instruments": instruments, "site": site, "stats": stats})


@router.get(
    "/zzs",
    summary="Dutch ZZS: routes, and the substances of one route a page at a time",
    response_model=ZZSOut,
    responses=HTML_TOO,
)
def zzs(request: Request, build: CurrentBuild, route: str = "", page: int = Query(1, ge=1)) -> Response:
    routes = build.zzs_routes
    shown = None
    if route:
        shown = route_by_key(routes, route)
        if shown is None:
            keys = ", ".join(r.key for r in routes)
            raise NotFound.say("zzs.unknown_route", route=route, keys=keys)
        if page > shown.pages:
            raise NotFound.say("zzs.past_end", route=route, pages=shown.pages, page=page)
    if wants_json(request):
        return json_page(zzs_json(routes, shown, page, request_language(request)))
    return render_page(request, "zzs.html", {"routes": routes, "shown": shown, "page": page})


@router.get(
    "/panel",
    summary="The ISP-CWP panel: functions, topics, what the Netherlands does and the next meetings",
    response_model=PanelOut,
    responses=HTML_TOO,
)
def panel(request: Request, build: CurrentBuild) -> Response:
    page = panel_page(build.store)
    if page is None:
        raise NotFound.say("panel.missing")
    if wants_json(request):
        return json_page(panel_json(page, request_language(request)))
    return render_page(request, "panel.html", {"page": page})


def _matrix(build: CurrentBuild, show: str, page: int | None = None) -> Matrix:
    """The matrix of filter ``show``: a 400 for an unknown filter, a 404 for a ``page`` past its end."""
    try:
        m = build.matrix(show)
    except UnknownFilter as exc:
        raise BadRequest(f"{exc}.") from None
    if page is not None and page > m.pages:
        raise NotFound.say("matrix.past_end", show=show, pages=m.pages, page=page)
    return m


@router.get(
    "/matrix",
    summary="Coverage matrix: substances × instruments, a page at a time",
    response_model=MatrixOut,
    responses=HTML_TOO,
)
def matrix(request: Request, build: CurrentBuild, show: str = "listed", page: int = Query(1, ge=1)) -> Response:
    m = _matrix(build, show, page)
    if wants_json(request):
        return json_page(matrix_json(m, page, request_language(request)))
    return render_page(request, "matrix.html", {"m": m, "filters": FILTERS, "page": page})


@router.get("/matrix.csv", summary="Coverage matrix as CSV", response_class=Response)
def matrix_as_csv(request: Request, build: CurrentBuild, show: str = "listed") -> Response:
    body = matrix_csv(_matrix(build, show))
    headers = {"Content-Disposition": f'attachment; filename="chemkg-coverage-{show}.csv"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=headers)


@router.get("/matrix.xlsx", summary="Coverage matrix as an Excel workbook", response_class=Response)
def matrix_as_xlsx(request: Request, build: CurrentBuild, show: str = "listed") -> Response:
    m = _matrix(build, show)
    # made once per build and filter: openpyxl takes 1.1-1.5 s for the full build's rows
    headers = {"Content-Disposition": f'attachment; filename="chemkg-coverage-{show}.xlsx"'}
    return Response(build.memo(f"matrix.xlsx:{show}", lambda: matrix_xlsx(m)), media_type=XLSX, headers=headers)


@router.get(
    "/matrix.svg", summary="Coverage matrix as a chart (SVG), the rows of one page of /matrix", response_class=Response
)
def matrix_as_svg(request: Request, build: CurrentBuild, show: str = "listed", page: int = Query(1, ge=1)) -> Response:
    """One page of rows per chart: a chart of every imported substance would be thousands of rows (megabytes)
    that no one can read; CSV and XLSX carry every row."""
    m = _matrix(build, show, page)
    shown = f"{len(m.rows)}" if m.pages == 1 else f"{(page - 1) * PAGE_SIZE + 1}–{min(page * PAGE_SIZE, len(m.rows))}"
    title = f"ChemKG coverage: {_t(request)('matrix.filter.' + show)} ({shown} of {len(m.rows)})"
    body = build.memo(f"matrix.svg:{show}:{page}:{title}", lambda: matrix_svg(m.paged(page), title))
    return Response(body, media_type="image/svg+xml")


@router.get(
    "/charts/timeline.svg", summary="Listings per year of an instrument or annex (SVG)", response_class=Response
)
def timeline(request: Request, build: CurrentBuild, of: str) -> Response:
    """``of`` is an instrument or annex path, e.g. ``treaty/stockholm`` or ``treaty/stockholm/annex-a``."""
    iri = of if of.startswith(BASE) else BASE + of.strip("/")
    page = page_of(build, iri)
    if page is None:
        raise NotFound.say("chart.unknown", of=of)
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
