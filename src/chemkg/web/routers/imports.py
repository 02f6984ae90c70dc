"""``/imports``: the official lists imported into the graph, their versions, rejected rows and the ZZS comparison.

Each page has a JSON twin (``Accept: application/json`` or ``?format=json``) built from the same data.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from chemkg.imports.kinds import IMPORT_KINDS
from chemkg.imports.saved import SavedImport, load_imports
from chemkg.imports.zzs import ZZSComparison, zzs_comparison
from chemkg.web.errors import NotFound
from chemkg.web.json_response import JSONResponse
from chemkg.web.live import Build, MaybeBuild
from chemkg.web.negotiation import negotiate
from chemkg.web.state import Config
from chemkg.web.templating import render_page

router = APIRouter(tags=["Imports"])
OFFERED = ["application/json", "text/html"]


def describe(saved: SavedImport, summaries: dict[str, Any]) -> dict[str, Any]:
    kind = IMPORT_KINDS.get(saved.kind)
    return {
        "kind": saved.kind,
        "title": kind.title if kind else saved.kind,
        "title_nl": kind.short_nl if kind and kind.short_nl else "",
        "publisher": kind.publisher if kind else "",
        "graph": f"https://w3id.org/chemkg/graph/import/{saved.kind}",
        **saved.meta,
        "in_store": summaries.get(saved.kind),
    }


def comparison_json(report: ZZSComparison | None) -> dict[str, Any] | None:
    if report is None:
        return None
    return {
        "counts": report.counts(),
        "confirmed": [asdict(i) for i in report.confirmed],
        "missed_by_rules": [asdict(i) for i in report.missed_by_rules],
        "not_on_list": [asdict(i) for i in report.not_on_list],
        "status_differs": [asdict(i) for i in report.status_differs],
    }


def store_imports(build: Build | None) -> dict[str, Any]:
    """What the build says it imported; nothing without a store (the imports on disk are still worth listing)."""
    summaries: dict[str, Any] = build.info.get("imports", {}) if build is not None else {}
    return summaries


def _zzs(build: Build | None) -> ZZSComparison | None:
    """The RIVM list against the ZZS rules, once per build."""
    return build.memo("zzs-comparison", lambda: zzs_comparison(build.store)) if build is not None else None


@router.get("/imports", summary="Imported official lists (RIVM ZZS, ECHA): versions and row counts")
def imports_page(request: Request, build: MaybeBuild, settings: Config) -> Response:
    chosen = negotiate(request, OFFERED)
    summaries = store_imports(build)
    items = [describe(s, summaries) for s in load_imports(settings.imports)]
    zzs = _zzs(build) if "rivm-zzs" in summaries else None
    if chosen == "application/json":
        return JSONResponse({"imports": items, "kinds": list(IMPORT_KINDS), "zzs": zzs.counts() if zzs else None})
    return render_page(request, "imports.html", {"items": items, "zzs": zzs, "kinds": IMPORT_KINDS})


@router.get("/imports/{kind}", summary="One imported list: its provenance and every rejected row")
def import_page(request: Request, build: MaybeBuild, settings: Config, kind: str) -> Response:
    chosen = negotiate(request, OFFERED)
    found = [s for s in load_imports(settings.imports) if s.kind == kind]
    if not found:
        known = ", ".join(IMPORT_KINDS)
        raise NotFound(f"No list of kind {kind!r} is imported. Kinds: {known}; import one with `chemkg import`.")
    summaries = store_imports(build)
    item = describe(found[0], summaries)
    rejected = [asdict(r) for r in found[0].rejections]
    zzs = _zzs(build) if kind == "rivm-zzs" and kind in summaries else None
    if chosen == "application/json":
        return JSONResponse({**item, "rejected": rejected, "zzs": comparison_json(zzs)})
    return render_page(request, "import.html", {"item": item, "rejected": rejected, "zzs": zzs})
