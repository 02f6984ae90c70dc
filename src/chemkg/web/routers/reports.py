"""Batch lookup, gap reports and negotiation briefs: API endpoints and the pages that use them.

The pages and the API call the same functions (``chemkg.reports``), so a table on screen, its CSV
download and the CLI's output agree. Batches run in the live build's batch process (``web/batch_process.py``),
so a long one does not slow the pages down.
"""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from chemkg.namespaces import path_of
from chemkg.reports.batch_input import BatchInputError, input_format
from chemkg.reports.batch_output import MEDIA_TYPES as BATCH_TYPES
from chemkg.reports.brief import LANGS, BriefTargetNotFound, build_brief
from chemkg.reports.brief.render import FORMATS as BRIEF_FORMATS
from chemkg.reports.brief.render import MEDIA_TYPES as BRIEF_TYPES
from chemkg.reports.brief.render import render as render_brief
from chemkg.reports.coverage import COLUMNS, ZZS_COLUMN, cell_label, column_label
from chemkg.reports.gaps import DEFAULT_YEARS, REPORTS, BadReportParameter, ReportResult, UnknownReport, run_report
from chemkg.web.batch_process import BatchJob, ShownRows
from chemkg.web.errors import BadRequest, NotFound, PayloadTooLarge
from chemkg.web.i18n import pick_language
from chemkg.web.json_response import JSONResponse
from chemkg.web.live import Build, CurrentBuild
from chemkg.web.page_json import wants_json
from chemkg.web.templating import render_page

router = APIRouter(tags=["Reports"])

MAX_UPLOAD = 10 * 1024 * 1024
SHOWN_ROWS = 500
BATCH_FORMATS = ("json", "csv", "xlsx")


async def _upload(file: UploadFile | None) -> tuple[str, bytes] | None:
    """The uploaded file's name and bytes (read on the event loop: it is I/O), or None without one."""
    if file is None or not file.filename:
        return None
    data = await file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise PayloadTooLarge(f"the file is larger than {MAX_UPLOAD // 1024 // 1024} MB; split it")
    return file.filename, data


def _batch_job(
    text: str | None, upload: tuple[str, bytes] | None, column: str | None, output: str | None = None, lang: str = "en"
) -> BatchJob:
    """The batch as the request gives it; reading it, the look-up and the rendering happen in the batch process."""
    column = (column or "").strip() or None
    if upload is not None:
        name, data = upload
        try:
            fmt = input_format(name, data)
        except BatchInputError as exc:
            raise BadRequest(str(exc)) from None
        return BatchJob(data, fmt, column, output, lang, SHOWN_ROWS)
    if text and text.strip():
        return BatchJob(text.encode("utf-8"), "text", None, output, lang, SHOWN_ROWS)
    raise BadRequest.say("batch.nothing")


def _lang(request: Request, asked: str | None = None) -> str:
    return pick_language(
        asked or request.query_params.get("lang"), request.cookies, request.headers.get("accept-language")
    )


@router.post("/api/batch", summary="Look up a list of substances and their coverage")
async def api_batch(
    build: CurrentBuild,
    text: Annotated[str | None, Form(description="Identifiers or names, one per line")] = None,
    file: Annotated[UploadFile | None, File(description="A .txt, .csv or .xlsx file")] = None,
    column: Annotated[str | None, Form(description="CSV/XLSX column: name or 1-based number")] = None,
    format: Annotated[str, Query(description="json, csv or xlsx")] = "json",
    lang: Annotated[str, Query(description="en or nl (names and XLSX headings)")] = "en",
) -> Response:
    """Every input row in order, with resolved entity, match type, confidence, suggestions and coverage."""
    if format not in BATCH_FORMATS:
        raise BadRequest(f"format {format!r} is not supported; use json, csv or xlsx")
    if lang not in LANGS:
        raise BadRequest(f"lang {lang!r} is not supported; use en or nl")
    job = _batch_job(text, await _upload(file), column, format, lang)
    # Reading, look-up and rendering: seconds for 10,000 rows, in the build's batch process (on another core);
    # this thread only waits for the bytes.
    body = await run_in_threadpool(build.batch_process.run, job)
    assert isinstance(body, bytes)
    headers = {}
    if format != "json":
        headers["Content-Disposition"] = f'attachment; filename="chemkg-batch.{format}"'
    return Response(body, media_type=BATCH_TYPES[format], headers=headers)


@router.get("/batch", include_in_schema=False)
def batch_page(request: Request, build: CurrentBuild) -> Response:
    build.batch_process.start()  # it builds its index while the visitor chooses a file
    return render_page(request, "batch.html", _page_context(request, build, None, "", ""))


@router.post("/batch", include_in_schema=False)
async def batch_results(
    request: Request,
    build: CurrentBuild,
    text: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
    column: Annotated[str | None, Form()] = None,
) -> Response:
    job = _batch_job(text, await _upload(file), column)

    def work() -> Response:
        shown = build.batch_process.run(job)
        assert isinstance(shown, ShownRows)
        return render_page(request, "batch.html", _page_context(request, build, shown, text or "", column or ""))

    return await run_in_threadpool(work)


def _page_context(request: Request, build: Build, shown: ShownRows | None, text: str, column: str) -> dict[str, Any]:
    lang = _lang(request)
    keys = [c.key for c in (*COLUMNS, ZZS_COLUMN)]
    rows = shown.rows if shown else None
    return {
        "rows": rows,
        "total": shown.total if shown else 0,
        "counts": shown.counts if shown and shown.total else None,
        "coverage_keys": keys,
        "coverage_label": {k: column_label(k, lang) for k in keys},
        "cell_label": partial(cell_label, lang=lang),
        "dutch": build.dutch_labels if lang == "nl" and rows else {},
        "path_of": path_of,
        "text": text,
        "column": column,
        "shown": SHOWN_ROWS,
    }


def _report(build: Build, name: str, years: int) -> ReportResult:
    try:
        return run_report(build.store, name, years=years)
    except UnknownReport as exc:
        raise NotFound(str(exc.args[0])) from None
    except BadReportParameter as exc:
        raise BadRequest(str(exc)) from None


@router.get("/api/reports", summary="The gap reports")
def api_reports() -> JSONResponse:
    return JSONResponse(
        [
            {"name": r.name, "title": r.title, "description": r.description, "query": r.query, "years": r.takes_years}
            for r in REPORTS.values()
        ]
    )


@router.get("/api/reports/{name}.csv", summary="One gap report as CSV")
def api_report_csv(build: CurrentBuild, name: str, years: int = DEFAULT_YEARS) -> Response:
    result = _report(build, name, years)
    return Response(
        result.to_csv(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="chemkg-{name}.csv"'},
    )


@router.get("/api/reports/{name}", summary="One gap report as JSON")
def api_report(build: CurrentBuild, name: str, years: int = DEFAULT_YEARS) -> JSONResponse:
    result = _report(build, name, years)
    report = result.report
    return JSONResponse(
        {
            "name": report.name,
            "title": report.title,
            "query": report.query,
            "parameters": result.parameters,
            "columns": result.columns,
            "rows": [{c: row.get(c) for c in result.columns} for row in result.rows],
        }
    )


@router.get("/reports", include_in_schema=False)
def reports_page(request: Request) -> Response:
    if wants_json(request):  # the same JSON as /api/reports, at the page's URL
        return api_reports()
    return render_page(request, "reports.html", {"reports": REPORTS.values()})


@router.get("/reports/{name}", include_in_schema=False)
def report_page(request: Request, build: CurrentBuild, name: str, years: int = DEFAULT_YEARS) -> Response:
    if wants_json(request):
        return api_report(build, name, years)
    result = _report(build, name, years)
    dutch = build.dutch_labels if _lang(request) == "nl" else {}
    return render_page(
        request,
        "report.html",
        {"result": result, "path_of": path_of, "years": years, "dutch": dutch},
    )


@router.get("/brief", include_in_schema=False)
def brief_page(request: Request, target: str = "") -> Response:
    return render_page(request, "brief.html", {"target": target})


@router.get("/api/brief", summary="A negotiation brief, the target given as ?target=")
def api_brief_by_query(
    build: CurrentBuild,
    target: Annotated[str, Query(description="Substance, group, instrument or topic")],
    lang: Annotated[str, Query(description="en or nl")] = "en",
    format: Annotated[str, Query(description="md, html or docx")] = "html",
) -> Response:
    """The same brief as /api/brief/{target}, for forms that send the target as a parameter."""
    return api_brief(build, target, lang, format)


@router.get("/api/brief/{target:path}", summary="A negotiation brief (md, html or docx)")
def api_brief(
    build: CurrentBuild,
    target: str,
    lang: Annotated[str, Query(description="en or nl")] = "en",
    format: Annotated[str, Query(description="md, html or docx")] = "html",
) -> Response:
    """A brief on a substance or group (id such as substance/pfhxs, name or CAS), an instrument
    (treaty/stockholm) or an ISP-CWP topic (panel/topic/pfas)."""
    if lang not in LANGS:
        raise BadRequest(f"lang {lang!r} is not supported; use en or nl")
    if format not in BRIEF_FORMATS:
        raise BadRequest(f"format {format!r} is not supported; use md, html or docx")
    try:
        brief = build_brief(build.store, target, lang, build.built_at or "?", build.resolver, build.coverage)
    except BriefTargetNotFound as exc:
        raise NotFound(str(exc.args[0])) from None
    headers = {}
    if format != "html":
        stem = (path_of(brief.iri) or "brief").replace("/", "-")
        headers["Content-Disposition"] = f'attachment; filename="chemkg-brief-{stem}-{lang}.{format}"'
    return Response(render_brief(brief, format), media_type=BRIEF_TYPES[format], headers=headers)
