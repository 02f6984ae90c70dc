"""The Atom feed of changes (feedgen), and which earlier build the current one is compared with."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from feedgen.feed import FeedGenerator

from chemkg.namespaces import BASE, path_of
from chemkg.releases.diff import NQUADS, Diff
from chemkg.releases.export import Release, releases
from chemkg.store import BUILD_INFO, build_info


def timestamp(value: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return datetime.now(UTC)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def atom_feed(
    diff: Diff, site: str = "", limit: int = 500, published: list[tuple[Release, str]] | None = None
) -> bytes:
    """One Atom entry per change (the first ``limit``), the newer build's time as the feed's; links go to pages.

    ``published`` adds one entry per release (with a sentence on what it holds), so the feed of a first
    build, which has nothing to compare with, still says what there is.
    """
    fg = FeedGenerator()
    fg.id(f"{BASE}feed.atom")
    fg.title("ChemKG: what changed")
    shown = diff.changes[:limit]
    more = (
        f"; the first {limit} of {len(diff.changes)} changes, all at {site}/changes"
        if len(shown) < len(diff.changes)
        else ""
    )
    fg.subtitle(f"Changes from the build of {diff.old.built_at} to the build of {diff.new.built_at}{more}")
    fg.link(href=f"{site}/feed.atom", rel="self")
    fg.link(href=f"{site}/changes", rel="alternate")
    fg.language("en")
    updated = timestamp(diff.new.built_at)
    fg.updated(updated)
    fg.author({"name": "ChemKG"})
    for change in reversed(shown):  # feedgen prepends: keep the report's order
        entry = fg.add_entry()
        entry.id(f"{BASE}change/{diff.new.built_at}/{change.kind}/{change.iri}")
        entry.title(change.sentence())
        entry.updated(updated)
        path = path_of(change.iri)
        entry.link(href=f"{site}/{path}" if path else change.iri)
        was = f" Was {change.old}." if change.old else ""
        now = f" Now {change.new}." if change.new else ""
        entry.summary(f"{change.title}. {change.label}.{was}{now}")
        entry.category(term=change.kind, label=change.title)
    for release, summary in reversed(published or []):
        entry = fg.add_entry()
        entry.id(f"{BASE}release/{release.version}")
        entry.title(f"Release {release.version} published")
        entry.updated(timestamp(release.built_at))
        entry.link(href=f"{site}/downloads")
        entry.summary(summary)
        entry.category(term="release", label="Release")
    data: bytes = fg.atom_str(pretty=True)
    return data


def previous_snapshot(store_path: Path, exports_dir: Path) -> Path | None:
    """What the current build is compared with: the previous build kept beside it, else the newest export.

    A build keeps the builds before it as hidden siblings of the store (``.store-<time>-<pid>``).
    """
    current = store_path.resolve()
    if not (current / BUILD_INFO).is_file():
        return None
    built_at = str(build_info(current).get("built_at", ""))
    kept = [
        p
        for p in store_path.parent.glob(f".{store_path.name}-*")
        if p.is_dir() and p.resolve() != current and (p / BUILD_INFO).is_file()
    ]
    older = [p for p in kept if str(build_info(p).get("built_at", "")) <= built_at]
    if older:
        return max(older, key=lambda p: (str(build_info(p).get("built_at", "")), p.name))
    for release in releases(exports_dir):
        if release.built_at != built_at and (release.folder / NQUADS).is_file():
            return release.folder
    return None
