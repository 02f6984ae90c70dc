"""Read one list file and validate every row: the first half of an import, which writes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from chemkg.imports.kinds import IMPORT_KINDS, ImportKind, RowError
from chemkg.imports.records import ParsedList, Record, Rejection
from chemkg.imports.tables import Table, TableError, parse_date, read_table

SHEET_DATE = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
FILE_DATE = re.compile(r"(?<!\d)(20\d{2})(\d{2})(\d{2})(?!\d)")


class ImportFailed(Exception):
    """The file as a whole cannot be imported; the store and earlier imports are untouched."""


def import_kind(name: str) -> ImportKind:
    try:
        return IMPORT_KINDS[name]
    except KeyError:
        raise ImportFailed(f"no import kind {name!r}; choose one of: {', '.join(IMPORT_KINDS)}") from None


def list_date(table: Table, records: list[Record], as_of: str | None) -> tuple[str, str]:
    """The list's version date and what it was read from, in order of trust."""
    if as_of:
        parsed = parse_date(as_of)
        if parsed is None:
            raise ImportFailed(f"--as-of {as_of!r} is not a date; give it as YYYY-MM-DD")
        return parsed, "given with --as-of"
    if table.export_date:
        return table.export_date, "export date in the file's header"
    if table.sheet and (match := SHEET_DATE.search(table.sheet)):
        parsed = parse_date(match.group(0))
        if parsed:
            return parsed, f"date in the sheet name {table.sheet!r}"
    if match := FILE_DATE.search(table.file.name):
        parsed = parse_date("-".join(match.groups()))
        if parsed:
            return parsed, "date in the file name"
    dates = [r.date for r in records if r.date]
    if dates:
        return max(dates), "newest inclusion date in the list"
    raise ImportFailed(f"cannot tell which version of the list {table.file.name} is; pass --as-of YYYY-MM-DD")


def parse_list(kind_name: str, path: Path, as_of: str | None = None) -> ParsedList:
    """Every row of ``path`` read as ``kind_name``: accepted records and rejected rows with reasons."""
    kind = import_kind(kind_name)
    try:
        table = read_table(path)
    except TableError as exc:
        raise ImportFailed(str(exc)) from None
    missing = [c for c in kind.required if c not in table.header]
    if missing:
        raise ImportFailed(
            f"{path.name} is not a {kind.title} export: it lacks the column(s) {', '.join(missing)} "
            f"(its columns are: {', '.join(h for h in table.header if h)})"
        )
    records: list[Record] = []
    rejections: list[Rejection] = []
    for row, cells in table.rows:
        try:
            records += kind.parse(row, cells)
        except RowError as exc:
            rejections.append(Rejection(path.name, row, str(exc)))
    date, basis = list_date(table, records, as_of)
    return ParsedList(kind.name, path, len(table.rows), date, basis, records, rejections)
