"""Imported lists on disk: ``<imports>/<kind>/`` holds the raw file, the validated rows and the rejections.

Each ``<kind>`` is a symlink to a versioned folder, replaced in one rename (the same swap the
store uses), so a reader sees the previous import or the new one, never half of one.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from chemkg import __version__
from chemkg.build.swap import discard, new_build_dir, swap_in
from chemkg.imports.records import RECORD_COLUMNS, ParsedList, Record, Rejection

META = "import.json"
ROWS = "rows.csv"
REJECTED = "rejected.csv"
RAW = "raw"


@dataclass
class SavedImport:
    """One imported list as kept on disk: what the build turns into the graph ``import/<kind>``."""

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


def csv_text(header: list[str], rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_folder(parsed: ParsedList, folder: Path) -> None:
    raw = parsed.file.read_bytes()
    (folder / RAW).mkdir()
    (folder / RAW / parsed.file.name).write_bytes(raw)
    (folder / ROWS).write_text(csv_text(RECORD_COLUMNS, [r.as_row() for r in parsed.records]), encoding="utf-8")
    rejected = [{"file": r.file, "row": str(r.row), "reason": r.reason} for r in parsed.rejections]
    (folder / REJECTED).write_text(csv_text(["file", "row", "reason"], rejected), encoding="utf-8")
    meta = {
        "kind": parsed.kind,
        "source_file": parsed.file.name,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "bytes": len(raw),
        "imported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "as_of": parsed.as_of,
        "as_of_basis": parsed.as_of_basis,
        "rows_read": parsed.rows_read,
        "rows_imported": len(parsed.imported_rows),
        "records": len(parsed.records),
        "rows_rejected": len(parsed.rejections),
        "chemkg_version": __version__,
    }
    (folder / META).write_text(json.dumps(meta, indent=2), encoding="utf-8")


def stage(parsed: ParsedList, imports_dir: Path) -> Path:
    """Write the import into a fresh hidden folder next to where it will live; nothing is replaced yet."""
    folder = new_build_dir(imports_dir / parsed.kind)
    try:
        write_folder(parsed, folder)
    except BaseException:
        discard(folder)
        raise
    return folder


def commit(staged: Path, imports_dir: Path, kind: str) -> None:
    """Make the staged folder the current import of ``kind`` (keeping the previous one)."""
    swap_in(staged, imports_dir / kind, keep=1)


def read_saved(folder: Path) -> SavedImport:
    meta = json.loads((folder / META).read_text(encoding="utf-8"))
    with (folder / ROWS).open(encoding="utf-8", newline="") as handle:
        records = [Record.from_row(row) for row in csv.DictReader(handle)]
    with (folder / REJECTED).open(encoding="utf-8", newline="") as handle:
        rejections = [Rejection(r["file"], int(r["row"]), r["reason"]) for r in csv.DictReader(handle)]
    return SavedImport(str(meta["kind"]), folder, meta, records, rejections)


def load_imports(imports_dir: Path | None, replace: dict[str, Path] | None = None) -> list[SavedImport]:
    """Every current import under ``imports_dir``; ``replace`` swaps in staged folders by kind."""
    folders: dict[str, Path] = {}
    if imports_dir is not None and imports_dir.is_dir():
        for entry in sorted(imports_dir.iterdir()):
            if not entry.name.startswith(".") and (entry / META).is_file():
                folders[entry.name] = entry
    folders.update(replace or {})
    return [read_saved(folders[k]) for k in sorted(folders)]


def remove(imports_dir: Path, kind: str) -> bool:
    """Forget an import (the next build leaves its graph out)."""
    link = imports_dir / kind
    if not link.exists() and not link.is_symlink():
        return False
    target = link.resolve()
    link.unlink() if link.is_symlink() else shutil.rmtree(link)
    if target != link and target.is_dir():
        shutil.rmtree(target, ignore_errors=True)
    return True
