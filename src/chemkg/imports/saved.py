"""Official lists as the product ships them: one normalised snapshot per list and edition.

``<official>/<kind>/<edition>/`` (by default ``graph/official/…``, committed with the code) holds

- ``rows.csv``: the validated rows, one per record (``chemkg.imports.records.Record``), sorted by row;
- ``rejected.csv``: file, row and reason of every row that was not imported;
- ``edition.json``: publisher, title, URL, edition date and what it was read from, the date read,
  the SHA-256 and size of the file as published, its terms of reuse and the row counts.

The raw file itself is not kept: the checksum identifies it, and the publisher's URL is where it
lives. A build reads the newest edition of each list. ``chemkg import`` writes a new edition into a
hidden folder and renames it into place only after the build with it succeeded, so a list is
taken whole or not at all.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chemkg import __version__
from chemkg.imports.kinds import IMPORT_KINDS
from chemkg.imports.records import RECORD_COLUMNS, ParsedList, Record, Rejection

META = "edition.json"
ROWS = "rows.csv"
REJECTED = "rejected.csv"


class SnapshotError(Exception):
    """A snapshot folder cannot be read; the message names the file and what is wrong."""


@dataclass
class SavedImport:
    """One edition of an official list as kept in the project: what the build turns into ``import/<kind>``."""

    kind: str
    folder: Path
    meta: dict[str, Any]
    records: list[Record]
    rejections: list[Rejection]

    @property
    def as_of(self) -> str:
        return str(self.meta["as_of"])

    @property
    def source_file(self) -> str:
        return str(self.meta["source_file"])

    @property
    def edition(self) -> str:
        return self.folder.name


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def edition_meta(parsed: ParsedList, raw: bytes) -> dict[str, Any]:
    kind = IMPORT_KINDS[parsed.kind]
    shared = parsed.shared_identifiers() if kind.numbered_entries else {}
    return {
        "kind": parsed.kind,
        "title": kind.title,
        "publisher": kind.publisher,
        "url": kind.url,
        "terms": kind.terms,
        "source_file": parsed.file.name,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "bytes": len(raw),
        "as_of": parsed.as_of,
        "as_of_basis": parsed.as_of_basis,
        "read_on": datetime.now(UTC).date().isoformat(),
        "rows_read": parsed.rows_read,
        "rows_imported": len(parsed.imported_rows),
        "records": len(parsed.records),
        "rows_rejected": len(parsed.rejections),
        # The same CAS number in several entries: each entry stays a listing of its own.
        "cas_in_several_entries": len(shared),
        "cas_in_several_entries_examples": {cas: shared[cas] for cas in list(shared)[:10]},
        "chemkg_version": __version__,
    }


def write_folder(parsed: ParsedList, folder: Path) -> None:
    raw = parsed.file.read_bytes()
    (folder / ROWS).write_text(csv_text(RECORD_COLUMNS, [r.as_row() for r in parsed.records]), encoding="utf-8")
    rejected = [{"file": r.file, "row": str(r.row), "reason": r.reason} for r in parsed.rejections]
    (folder / REJECTED).write_text(csv_text(["file", "row", "reason"], rejected), encoding="utf-8")
    (folder / META).write_text(json.dumps(edition_meta(parsed, raw), indent=2) + "\n", encoding="utf-8")


def stage(parsed: ParsedList, official_dir: Path) -> Path:
    """Write the edition into a fresh hidden folder beside where it will live; nothing is replaced yet."""
    parent = official_dir / parsed.kind
    parent.mkdir(parents=True, exist_ok=True)
    folder = parent / f".{parsed.as_of}-staged-{time.time_ns()}-{os.getpid()}"
    folder.mkdir()
    try:
        write_folder(parsed, folder)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def edition_folder(staged: Path) -> Path:
    """Where a staged edition lands: ``<kind>/<edition date>``."""
    meta = json.loads((staged / META).read_text(encoding="utf-8"))
    return staged.parent / str(meta["as_of"])


def commit(staged: Path) -> Path:
    """Make the staged folder the edition it holds; an earlier import of the same edition is replaced."""
    target = edition_folder(staged)
    aside = None
    if target.exists():
        aside = target.parent / f".{target.name}-replaced-{time.time_ns()}"
        os.replace(target, aside)
    os.replace(staged, target)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    return target


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)


def read_saved(folder: Path) -> SavedImport:
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        with (folder / ROWS).open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in ("row", "name") if c not in (reader.fieldnames or [])]
            if missing:
                raise SnapshotError(f"{folder / ROWS}: lacks the column(s) {', '.join(missing)}")
            records = [Record.from_row(row) for row in reader]
        with (folder / REJECTED).open(encoding="utf-8", newline="") as handle:
            rejections = [Rejection(r["file"], int(r["row"]), r["reason"]) for r in csv.DictReader(handle)]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SnapshotError(
            f"{folder}: not a readable list snapshot ({exc}); re-import the list with `chemkg import`"
        ) from None
    return SavedImport(str(meta.get("kind", folder.parent.name)), folder, meta, records, rejections)


def editions(official_dir: Path | None, kind: str) -> list[Path]:
    """Every committed edition of one list, oldest first (edition folders are named by date)."""
    parent = official_dir / kind if official_dir is not None else None
    if parent is None or not parent.is_dir():
        return []
    return sorted(p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / META).is_file())


def load_imports(official_dir: Path | None, replace: dict[str, Path] | None = None) -> list[SavedImport]:
    """The newest edition of every list under ``official_dir``; ``replace`` puts staged folders in by kind."""
    folders: dict[str, Path] = {}
    if official_dir is not None and official_dir.is_dir():
        for entry in sorted(official_dir.iterdir()):
            if entry.is_dir() and not entry.name.startswith("."):
                found = editions(official_dir, entry.name)
                if found:
                    folders[entry.name] = found[-1]
    folders.update(replace or {})
    return [read_saved(folders[k]) for k in sorted(folders)]


def remove(official_dir: Path, kind: str) -> bool:
    """Forget every edition of a list (the next build leaves its graph out)."""
    folder = official_dir / kind
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
