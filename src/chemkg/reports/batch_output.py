"""Writing a batch result as CSV, XLSX or JSON; the format follows the output file's suffix."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from chemkg.reports.batch import FIELDS, BatchRow, summary
from chemkg.reports.coverage import COLUMNS, ZZS_COLUMN, cell_label, column_label

OUTPUT_FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json"}
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
HEADINGS = {
    "en": {
        "row": "Row",
        "input": "Input",
        "outcome": "Outcome",
        "match_type": "Matched on",
        "confidence": "Confidence",
        "entity_id": "ChemKG id",
        "name": "Substance or group",
        "kind": "Kind",
        "cas": "CAS",
        "matched": "Matched text",
        "message": "Message",
        "suggestions": "Suggestions",
    },
    "nl": {
        "row": "Rij",
        "input": "Invoer",
        "outcome": "Uitkomst",
        "match_type": "Gevonden op",
        "confidence": "Zekerheid",
        "entity_id": "ChemKG-id",
        "name": "Stof of groep",
        "kind": "Soort",
        "cas": "CAS",
        "matched": "Gevonden tekst",
        "message": "Melding",
        "suggestions": "Suggesties",
    },
}


def output_format(path: Path) -> str:
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot tell the output format from {path.name!r}; end the name in .csv, .xlsx or .json")
    return fmt


def heading(key: str, lang: str) -> str:
    if key in HEADINGS["en"]:
        return HEADINGS.get(lang, HEADINGS["en"])[key]
    return column_label(key, lang)


def to_csv(rows: list[BatchRow]) -> str:
    """CSV with stable machine-readable column names (the keys of FIELDS)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.flat())
    return out.getvalue()


def to_json(rows: list[BatchRow]) -> str:
    columns = [{"key": c.key, "label": c.en, "label_nl": c.nl} for c in (*COLUMNS, ZZS_COLUMN)]
    body = {"summary": summary(rows), "coverage_columns": columns, "rows": [r.to_json() for r in rows]}
    return json.dumps(body, ensure_ascii=False)  # no indent: the C encoder is 10× faster on 10,000 rows


def to_xlsx(rows: list[BatchRow], lang: str = "en") -> bytes:
    """A workbook people open directly: readable headings, frozen header, filters, a summary sheet."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Write-only mode streams rows: 10,000 rows take a fraction of the time of the normal mode.
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Resultaten" if lang == "nl" else "Results")
    sheet.freeze_panes = "C2"
    for letter, width in (("A", 6), ("B", 28), ("F", 24), ("G", 40), ("K", 40), ("L", 40)):
        sheet.column_dimensions[letter].width = width
    bold = Font(bold=True)
    header = []
    for key in FIELDS:
        cell = WriteOnlyCell(sheet, value=heading(key, lang))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    coverage_keys = {c.key for c in (*COLUMNS, ZZS_COLUMN)}
    for row in rows:
        flat = row.flat(lang)
        # Empty cells as None: openpyxl then writes nothing for them.
        sheet.append([(cell_label(flat[k], lang) if k in coverage_keys else flat[k]) or None for k in FIELDS])
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(FIELDS))}{len(rows) + 1}"
    totals = workbook.create_sheet("Samenvatting" if lang == "nl" else "Summary")
    for key, count in summary(rows).items():
        totals.append([key, count])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(rows: list[BatchRow], fmt: str, lang: str = "en") -> bytes:
    if fmt == "csv":
        return to_csv(rows).encode("utf-8")
    if fmt == "json":
        return to_json(rows).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx(rows, lang)
    raise ValueError(f"output format {fmt!r} is not supported; use csv, xlsx or json")
