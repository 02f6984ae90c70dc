"""``chemkg diff OLD NEW``: what changed between two builds (stores) or two dumps (N-Quads).

Compared: listings (new, removed, status changed), the ZZS status that counts for each substance
(added, removed, changed) and the substances and groups themselves (new, removed).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from chemkg.store import BUILD_INFO, GraphStore, StoreMissing, build_info, load_dump, open_store

NQUADS = "chemkg.nq"
CHANGE_TITLES = {
    "listing-added": "New listing",
    "listing-removed": "Listing removed",
    "listing-status": "Listing status changed",
    "zzs-added": "New ZZS status",
    "zzs-removed": "ZZS status removed",
    "zzs-status": "ZZS status changed",
    "entity-added": "New substance or group",
    "entity-removed": "Substance or group removed",
}


class SnapshotError(Exception):
    """OLD or NEW is neither a built store nor an N-Quads dump."""


@dataclass(frozen=True)
class Snapshot:
    path: str
    built_at: str
    revision: str | None


@dataclass(frozen=True)
class Change:
    kind: str  # a key of CHANGE_TITLES
    iri: str
    label: str
    old: str = ""
    new: str = ""

    @property
    def title(self) -> str:
        return CHANGE_TITLES[self.kind]

    def sentence(self) -> str:
        if self.old and self.new:
            return f"{self.title}: {self.label} ({self.old} → {self.new})"
        return f"{self.title}: {self.label}" + (f" ({self.new or self.old})" if self.new or self.old else "")


@dataclass
class Diff:
    old: Snapshot
    new: Snapshot
    changes: list[Change] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: sum(1 for c in self.changes if c.kind == k) for k in CHANGE_TITLES}

    def as_json(self) -> dict[str, Any]:
        return {
            "old": asdict(self.old),
            "new": asdict(self.new),
            "counts": self.counts(),
            "changes": [asdict(c) for c in self.changes],
        }


def provenance_time(store: GraphStore) -> str:
    for row in store.select(
        "SELECT (MAX(STR(?t)) AS ?at) WHERE { GRAPH ?g { ?x <http://www.w3.org/ns/prov#generatedAtTime> ?t } }"
    ):
        return str(row["at"] or "")
    return ""


def open_snapshot(path: Path) -> tuple[GraphStore, Snapshot]:
    """A built store (a folder with build.json), an export folder, or an N-Quads file."""
    if path.is_dir() and (path / BUILD_INFO).is_file() and not (path / NQUADS).is_file():
        try:
            info = build_info(path)
            return open_store(path), Snapshot(str(path), str(info.get("built_at", "")), info.get("git_revision"))
        except (StoreMissing, OSError) as exc:
            raise SnapshotError(f"cannot open the store {path}: {exc}") from None
    dump = path / NQUADS if path.is_dir() else path
    if not dump.is_file():
        raise SnapshotError(f"{path} is neither a built store, an export folder nor an N-Quads file")
    try:
        store = load_dump(dump)
    except (SyntaxError, ValueError, OSError) as exc:
        raise SnapshotError(f"{dump} is not readable as N-Quads: {exc}") from None
    revision = None
    if path.is_dir() and (path / BUILD_INFO).is_file():
        revision = build_info(path).get("git_revision")
    return store, Snapshot(str(path), provenance_time(store), revision)


def rows_by(store: GraphStore, query: str, key: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in store.rows(query):
        previous = out.get(row[key])
        if previous is None:
            out[row[key]] = row
        elif query == "diff-zzs" and row["status"] == "zzs":
            previous["status"] = "zzs"  # a substance with two statuses counts as ZZS
    return out


def compare(old_store: GraphStore, new_store: GraphStore, old: Snapshot, new: Snapshot) -> Diff:
    diff = Diff(old, new)
    a, b = rows_by(old_store, "diff-listings", "listing"), rows_by(new_store, "diff-listings", "listing")

    def listing_label(row: dict[str, Any]) -> str:
        return str(row["label"] or f"{row['itemLabel'] or row['item']} in {row['annex']}")

    for iri in sorted(b.keys() - a.keys()):
        diff.changes.append(Change("listing-added", iri, listing_label(b[iri]), new=b[iri]["status"]))
    for iri in sorted(a.keys() - b.keys()):
        diff.changes.append(Change("listing-removed", iri, listing_label(a[iri]), old=a[iri]["status"]))
    for iri in sorted(a.keys() & b.keys()):
        if a[iri]["status"] != b[iri]["status"]:
            diff.changes.append(
                Change("listing-status", iri, listing_label(b[iri]), a[iri]["status"], b[iri]["status"])
            )
    za, zb = rows_by(old_store, "diff-zzs", "entity"), rows_by(new_store, "diff-zzs", "entity")
    for iri in sorted(zb.keys() - za.keys()):
        diff.changes.append(Change("zzs-added", iri, zb[iri]["label"] or iri, new=zb[iri]["status"]))
    for iri in sorted(za.keys() - zb.keys()):
        diff.changes.append(Change("zzs-removed", iri, za[iri]["label"] or iri, old=za[iri]["status"]))
    for iri in sorted(za.keys() & zb.keys()):
        if za[iri]["status"] != zb[iri]["status"]:
            diff.changes.append(
                Change("zzs-status", iri, zb[iri]["label"] or iri, za[iri]["status"], zb[iri]["status"])
            )
    ea, eb = rows_by(old_store, "diff-entities", "entity"), rows_by(new_store, "diff-entities", "entity")
    for iri in sorted(eb.keys() - ea.keys()):
        diff.changes.append(Change("entity-added", iri, eb[iri]["label"] or iri))
    for iri in sorted(ea.keys() - eb.keys()):
        diff.changes.append(Change("entity-removed", iri, ea[iri]["label"] or iri))
    return diff


def diff_paths(old: Path, new: Path) -> Diff:
    old_store, old_snap = open_snapshot(old)
    new_store, new_snap = open_snapshot(new)
    return compare(old_store, new_store, old_snap, new_snap)


def text_report(diff: Diff) -> str:
    lines = [f"Changes from {diff.old.path} ({diff.old.built_at}) to {diff.new.path} ({diff.new.built_at})"]
    if not diff.changes:
        lines.append("no changes in listings, ZZS status or substances")
    for kind, title in CHANGE_TITLES.items():
        group = [c for c in diff.changes if c.kind == kind]
        if group:
            lines.append(f"\n{title} ({len(group)}):")
            lines += [
                f"  {c.label}" + (f"  [{c.old} → {c.new}]" if c.old and c.new else "") + f"  <{c.iri}>" for c in group
            ]
    return "\n".join(lines)
