"""Reading official list files exactly as they are published: ECHA/RIVM XLSX and ECHA's legacy CSV.

Every reader returns a ``Table``: the header, normalised to short keys, and each data row with
the row number a person sees when opening the file, so a rejected row can be found again.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

MISSING = {"", "-", "NULL", "N/A", "n/a", "null"}

# Column names as ECHA (English and Dutch legacy portal) and RIVM publish them → short keys.
ALIASES = {
    "substance name": "name",
    "naam van de stof": "name",
    "description": "description",
    "ec number": "ec",
    "ec no.": "ec",
    "eg-nr.": "ec",
    "cas number": "cas",
    "cas no.": "cas",
    "cas-nr.": "cas",
    "date of inclusion": "date",
    "datum van opname": "date",
    "reason for inclusion": "reason",
    "reden voor opname": "reason",
    "decision": "decision",
    "besluit": "decision",
    "entry number": "entry",
    "latest application date": "latest_application",
    "sunset date": "sunset",
    "regulatory outcome": "outcome",
    "regulatory outcome date": "outcome_date",
    "pops regulation annex": "pops_annex",
    "conditions": "conditions",
    "index number": "index",
    "hazard class, category and statement code(s)": "hazards",
    "atp": "atp",
    "from": "from",
    "to": "to",
    "funcname": "list",
    "nl naam": "name_nl",
    "uk naam": "name",
    "cas nr": "cas",
    "ec nr": "ec",
    "smiles code": "smiles",
}

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "mrt": 3,
    "apr": 4,
    "may": 5,
    "mei": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
}
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[-/ .]([A-Za-z]{3,4})[a-z]*\.?[-/ .](\d{4})$")
NUMERIC_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
EXPORT_DATE = re.compile(r"^\s*(?:Export date|Exportdatum)\s*:\s*(\S+)", re.IGNORECASE)


class TableError(Exception):
    """The file cannot be read as the list it claims to be; nothing is imported."""


@dataclass
class Table:
    """A list file's data rows, keyed by normalised column names."""

    file: Path
    header: list[str]
    rows: list[tuple[int, dict[str, str]]]
    export_date: str | None = None
    sheet: str | None = None
    notes: list[str] = field(default_factory=list)


def normalise_header(name: str) -> str:
    key = " ".join(str(name).split()).strip().lower()
    return ALIASES.get(key, key)


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_missing(value: str) -> bool:
    return value.strip() in MISSING


def values(cell: str) -> list[str]:
    """The values of a multi-valued cell: ECHA separates them by newlines (XLSX) or '"' (legacy CSV)."""
    return [v.strip() for v in re.split(r'[\n"]', cell) if not is_missing(v)]


def parse_date(value: str) -> str | None:
    """An ISO date from '04-Feb-2026', '04-mrt-2026', '18-7-2023' or '2026-02-04'; None if not a date."""
    text = value.strip()
    match = ISO.match(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
    elif match := DAY_MONTH_YEAR.match(text):
        month = MONTHS.get(match.group(2)[:3].lower())
        if month is None:
            return None
        y, m, d = int(match.group(3)), month, int(match.group(1))
    elif match := NUMERIC_DMY.match(text):
        y, m, d = int(match.group(3)), int(match.group(2)), int(match.group(1))
    else:
        return None
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def read_xlsx(path: Path) -> Table:
    """The first sheet of an XLSX export; the header is the first non-empty row."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            # ECHA's exports carry no default style; openpyxl warns about it and reads them fine.
            warnings.simplefilter("ignore", UserWarning)
            workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a damaged file
        raise TableError(f"{path.name} is not a readable XLSX workbook ({exc})") from None
    try:
        sheet = workbook.worksheets[0]
        header: list[str] | None = None
        rows: list[tuple[int, dict[str, str]]] = []
        for number, raw in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in raw]
            if not any(cells):
                continue
            if header is None:
                header = [normalise_header(c) for c in cells]
                continue
            rows.append((number, dict(zip(header, cells, strict=False))))
        title = sheet.title
    finally:
        workbook.close()
    if header is None:
        raise TableError(f"{path.name} has no rows")
    return Table(path, header, rows, sheet=title)


def read_legacy_csv(path: Path) -> Table:
    """ECHA's legacy-portal export: optional title/filter lines, then a tab-separated, quoted table."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TableError(f"{path.name} is not UTF-8 text ({exc})") from None
    export_date = None
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    line = 0
    for cells in reader:
        start = line + 1
        line = reader.line_num
        if header is None:
            first = cells[0] if cells else ""
            match = EXPORT_DATE.match(first)
            if match:
                export_date = parse_date(match.group(1))
            if normalise_header(first) == "name":
                header = [normalise_header(c) for c in cells]
            continue
        if not any(c.strip() for c in cells):
            continue
        rows.append((start, dict(zip(header, [c.strip() for c in cells], strict=False))))
    if header is None:
        raise TableError(
            f"{path.name} has no header row starting with 'Substance name' (or 'Naam van de stof'); "
            "is it an ECHA Candidate List export?"
        )
    return Table(path, header, rows, export_date=export_date)


def read_table(path: Path) -> Table:
    if not path.is_file():
        raise TableError(f"no file {path}")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx(path)
    if suffix in (".csv", ".tsv", ".txt"):
        return read_legacy_csv(path)
    raise TableError(f"{path.name}: cannot read {suffix or 'files without a suffix'}; expected .xlsx or .csv")
