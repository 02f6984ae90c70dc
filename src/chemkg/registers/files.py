"""Reading and writing register files in their one canonical form.

Canonical form: UTF-8, LF line endings, the kind's columns in their declared order, rows sorted
by id, cells stripped, multi-valued cells joined as ``a | b``, minimal CSV quoting.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from chemkg.registers.columns import LIST_SEPARATOR, split_list
from chemkg.registers.kinds import KINDS, Kind


@dataclass(frozen=True)
class Row:
    """One data row of a register file; ``line`` is its 1-based line number in the file."""

    file: Path
    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        return self.values.get(column, "").strip()

    def many(self, column: str) -> list[str]:
        return split_list(self.get(column))

    def where(self, column: str | None = None) -> str:
        """``file:line [column]``: how errors point a curator at a cell."""
        place = f"{self.file}:{self.line}"
        return f"{place} [{column}]" if column else place


@dataclass(frozen=True)
class Register:
    """A register file: its kind, its named-graph name and its rows."""

    path: Path
    kind: Kind
    name: str  # e.g. 'listings/stockholm' or 'sources'
    header: list[str]
    rows: list[Row]


class RegisterFormatError(Exception):
    """A file under graph/ that cannot be read as a register at all."""


def register_name(path: Path, root: Path) -> str:
    return path.relative_to(root).with_suffix("").as_posix()


def kind_of(path: Path, root: Path) -> Kind:
    """The kind is the folder name for ``graph/<kind>/<name>.csv``, else the file name."""
    rel = path.relative_to(root)
    key = rel.parts[0] if len(rel.parts) > 1 else rel.stem
    if key not in KINDS:
        raise RegisterFormatError(
            f"{path}: no register kind {key!r}; name the file or its folder after one of: {', '.join(KINDS)}"
        )
    return KINDS[key]


OFFICIAL = "official"  # snapshots of the official lists: written by `chemkg import`, not curated registers


def register_paths(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*.csv") if not p.name.startswith(".") and p.relative_to(root).parts[0] != OFFICIAL
    )


def read_register(path: Path, root: Path) -> Register:
    kind = kind_of(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RegisterFormatError(f"{path}: not UTF-8 ({exc}); save the file as UTF-8") from exc
    reader = csv.DictReader(io.StringIO(text))
    header = list(reader.fieldnames or [])
    unknown = [h for h in header if h not in kind.header]
    if unknown:
        raise RegisterFormatError(
            f"{path}: unknown column(s) {', '.join(unknown)}; a {kind.name} register has: {', '.join(kind.header)}"
        )
    if "id" not in header:
        raise RegisterFormatError(f"{path}: the first column must be 'id'")
    rows = []
    for row in reader:
        if None in row:
            raise RegisterFormatError(
                f"{path}:{reader.line_num}: more cells than columns; quote cells that contain commas"
            )
        rows.append(Row(path, reader.line_num, {k: (v or "") for k, v in row.items()}))
    return Register(path, kind, register_name(path, root), header, rows)


def derived_values(register: Register, row: Row) -> dict[str, str]:
    """Cells the canonical form computes: the InChIKey of a substance from its SMILES."""
    if register.kind.name == "substances" and row.get("smiles") and row.get("kind") == "substance":
        from chemkg.registers.structure import inchikey_from_smiles

        key = inchikey_from_smiles(row.get("smiles"))
        if key:
            return {"inchikey": key}
    return {}


def canonical_text(register: Register) -> str:
    """The file's text in canonical form."""
    kind = register.kind
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(kind.header)
    multi = {c.name for c in kind.all_columns if c.multi}
    for row in sorted(register.rows, key=lambda r: r.get("id")):
        cells = []
        derived = derived_values(register, row)
        for name in kind.header:
            if name in derived:
                cells.append(derived[name])
                continue
            value = (
                " ".join(row.get(name).split())
                if name not in multi
                else f" {LIST_SEPARATOR} ".join(" ".join(v.split()) for v in row.many(name))
            )
            cells.append(value)
        writer.writerow(cells)
    return out.getvalue()
