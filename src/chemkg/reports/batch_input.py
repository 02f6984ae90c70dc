"""Reading a batch: plain text (one per line), CSV or XLSX with one column chosen by name or number."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

MAX_ROWS = 10_000
FORMATS = ("text", "csv", "xlsx")


class BatchInputError(ValueError):
    """The input cannot be read as asked; the message says what to change."""


def input_format(filename: str | None, data: bytes) -> str:
    """The format from the file name's suffix; XLSX is also recognised by its zip signature."""
    name = (filename or "").lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return "xlsx"
    if name.endswith(".xls"):
        raise BatchInputError("old .xls workbooks are not supported; save the file as .xlsx or .csv")
    if name.endswith((".csv", ".tsv")):
        return "csv"
    return "text"


def read_values(data: bytes, fmt: str, column: str | None = None) -> list[str]:
    """Every input row's value, in order; empty cells are kept so row numbers still match the file."""
    if fmt == "xlsx":
        header, rows = _xlsx_rows(data)
    elif fmt == "csv":
        header, rows = _csv_rows(_decode(data))
    elif fmt == "text":
        if column is not None:
            raise BatchInputError("--column applies to CSV and XLSX input; plain text has one value per line")
        values = [line.strip() for line in _decode(data).splitlines()]
        return _limit([v for v in values if v])
    else:
        raise BatchInputError(f"input format {fmt!r} is not supported; use {', '.join(FORMATS)}")
    index = _column_index(header, column)
    return _limit([row[index].strip() if index < len(row) else "" for row in rows])


def _limit(values: list[str]) -> list[str]:
    if len(values) > MAX_ROWS:
        raise BatchInputError(
            f"the input has {len(values):,} rows; a batch takes at most {MAX_ROWS:,}: split it into smaller files"
        )
    return values


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in cp1252 by default.
        return data.decode("cp1252", errors="replace")


def _csv_rows(text: str) -> tuple[list[str], list[list[str]]]:
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [row for row in csv.reader(io.StringIO(text), dialect) if row]
    if not rows:
        raise BatchInputError("the CSV file is empty; it needs a header row and one row per substance")
    return [h.strip() for h in rows[0]], rows[1:]


def _xlsx_rows(data: bytes) -> tuple[list[str], list[list[str]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise BatchInputError(f"the file is not a readable XLSX workbook ({exc.__class__.__name__})") from None
    sheet = workbook.worksheets[0]
    rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise BatchInputError("the first sheet of the workbook is empty; put a header row and one row per substance")
    return [h.strip() for h in rows[0]], rows[1:]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return str(value)


def _column_index(header: list[str], column: str | None) -> int:
    names = ", ".join(f"{i}: {h!r}" for i, h in enumerate(header, start=1))
    if column is None:
        if len(header) == 1:
            return 0
        raise BatchInputError(
            f"the file has {len(header)} columns; choose one with --column (by name or number): {names}"
        )
    wanted = column.strip()
    if wanted.isdigit():
        number = int(wanted)
        if 1 <= number <= len(header):
            return number - 1
        raise BatchInputError(f"column {number} does not exist; the file has columns {names}")
    for i, name in enumerate(header):
        if name.casefold() == wanted.casefold():
            return i
    raise BatchInputError(f"no column named {wanted!r}; the file has columns {names}")
