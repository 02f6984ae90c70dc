"""Releases and change: ``/downloads`` (the exported dumps), ``/changes`` and ``/feed.atom``.

``/changes`` and the feed compare the current build with the previous build kept beside the store,
or, when there is none, with the newest export (``chemkg export``) of an earlier build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from chemkg.releases.diff import CHANGE_TITLES, Diff, Snapshot, SnapshotError, compare, open_snapshot
from chemkg.releases.export import Release, releases
from chemkg.releases.feed import atom_feed, previous_snapshot
from chemkg.web.errors import NotFound
from chemkg.web.json_response import JSONResponse
from chemkg.web.live import Build, CurrentBuild
from chemkg.web.negotiation import negotiate
from chemkg.web.state import Config
from chemkg.web.templating import render_page

router = APIRouter(tags=["Releases"])
OFFERED = ["application/json", "text/html"]
ATOM = "application/atom+xml"


@router.get("/downloads", summary="The exported dumps: files, media types, sizes and triple counts")
def downloads(request: Request, settings: Config) -> Response:
    chosen = negotiate(request, OFFERED)
    found = releases(settings.exports)
    if chosen == "application/json":
        return JSONResponse({"releases": [r.as_json() for r in found]})
    return render_page(request, "downloads.html", {"releases": found})


@router.get("/downloads/{version}/{file:path}", summary="One file of an exported dump", response_class=FileResponse)
def download(settings: Config, version: str, file: str) -> FileResponse:
    for release in releases(settings.exports):
        if release.version != version:
            continue
        for d in release.distributions:
            if d.file == file:
                return FileResponse(release.folder / d.file, media_type=d.media_type, filename=Path(d.file).name)
        if file in ("catalog.ttl", "manifest.json"):
            media = "text/turtle" if file.endswith(".ttl") else "application/json"
            return FileResponse(release.folder / file, media_type=media, filename=file)
        raise NotFound(f"Release {version} has no file {file!r}; see /downloads for its files.")
    raise NotFound(f"No release {version!r}; see /downloads for the releases there are.")


def current_diff(build: Build, exports: Path) -> Diff | None:
    """The diff of the build against the one before; computed once per build (and previous snapshot)."""
    previous = previous_snapshot(build.store_link, exports)
    if previous is None:
        return None
    return build.memo(f"diff:{previous.resolve()}", lambda: _diff(build, previous))


def _diff(build: Build, previous: Path) -> Diff | None:
    try:
        old_store, old = open_snapshot(previous)
    except SnapshotError:
        return None
    new = Snapshot(str(build.store_path), build.built_at or "", build.info.get("git_revision"))
    return compare(old_store, build.store, old, new)


def holdings(build: Build) -> dict[str, int]:
    """What the current build holds, for the release notes on /changes and in the feed."""
    site = build.site
    return {
        "substances_and_groups": len(site.entities),
        "listings": sum(i.listings for i in site.instruments.values()),
        "instruments": len(site.instruments),
        "zzs": sum(1 for e in site.entities.values() if e.zzs == "zzs"),
    }


def release_sentence(release: Release, holds: dict[str, int], current: bool) -> str:
    what = (
        f"holds {holds['substances_and_groups']:,} substances and groups, {holds['listings']:,} listings under "
        f"{holds['instruments']} instruments and {holds['zzs']:,} ZZS"
    )
    return f"ChemKG {release.version} (built {release.built_at})" + (f" {what}." if current else ".")


def current_release(build: Build, exports: Path) -> Release | None:
    """The release of the build being served (``chemkg build`` publishes the first one), if there is one."""
    return next((r for r in releases(exports) if r.built_at == (build.built_at or "")), None)


@router.get("/changes", summary="What changed since the previous build: listings, ZZS status, substances")
def changes(request: Request, build: CurrentBuild, settings: Config) -> Response:
    chosen = negotiate(request, OFFERED)
    diff = current_diff(build, settings.exports)
    release = current_release(build, settings.exports)
    holds = holdings(build)
    if chosen == "application/json":
        body: dict[str, Any] = diff.as_json() if diff else {"changes": [], "note": "no earlier build to compare with"}
        body["release"] = {"version": release.version, "built_at": release.built_at} if release else None
        body["holds"] = holds
        return JSONResponse(body)
    groups = []
    if diff is not None:
        groups = [(kind, title, [c for c in diff.changes if c.kind == kind]) for kind, title in CHANGE_TITLES.items()]
    return render_page(request, "changes.html", {"diff": diff, "groups": groups, "release": release, "holds": holds})


@router.get("/feed.atom", summary="Atom feed of the changes since the previous build", response_class=Response)
def feed(request: Request, build: CurrentBuild, settings: Config) -> Response:
    diff = current_diff(build, settings.exports)
    if diff is None:
        now = Snapshot("current", build.built_at or "", build.info.get("git_revision"))
        diff = Diff(Snapshot("none", "", None), now)
    site = str(request.base_url).rstrip("/")
    current = current_release(build, settings.exports)
    holds = holdings(build)
    published = [
        (r, release_sentence(r, holds, current is not None and r.version == current.version))
        for r in releases(settings.exports)
    ]
    return Response(atom_feed(diff, site=site, published=published), media_type=ATOM)
