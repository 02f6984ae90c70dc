"""The coverage matrix: substances (filtered) × instruments, as rows for the page, CSV and XLSX."""

from __future__ import annotations

import csv
import io
from copy import copy
from dataclasses import dataclass

from chemkg.namespaces import BASE
from chemkg.web.pages.paging import page_count, rows_on_page
from chemkg.web.pages.site import STATUS_TO_COVERAGE as STATE_OF
from chemkg.web.pages.site import Cell, EntitySummary, Instrument, SiteData

FILTERS = ("listed", "zzs", "pfas", "all")
PAGE_SIZE = 200  # rows per page on screen; downloads hold every row
PFAS_GROUP = BASE + "substance/pfas"
STATE_FILL = {  # print-friendly fills (also readable in grey)
    "listed": "1F5F8B",
    "under-review": "E0A526",
    "recommended-not-listed": "C9D6E3",
    "no-longer-listed": "BBBBBB",
    "not-listed": "FFFFFF",
}


class UnknownFilter(ValueError):
    """The matrix was asked for a filter it does not have."""


@dataclass
class MatrixRow:
    entity: EntitySummary
    cells: list[tuple[str, list[Cell]]]  # per instrument column: state and the listings behind it
    through: list[list[str]]  # per column: labels of the groups or members it is inherited through, else []


@dataclass
class Matrix:
    filter: str
    instruments: list[Instrument]
    rows: list[MatrixRow]

    @property
    def pages(self) -> int:
        return page_count(len(self.rows), PAGE_SIZE)

    def page(self, number: int) -> list[MatrixRow]:
        return rows_on_page(self.rows, number, PAGE_SIZE)

    def paged(self, number: int) -> Matrix:
        """The same matrix with only the rows of one page (for the chart)."""
        return Matrix(self.filter, self.instruments, self.page(number))


def _selected(site: SiteData, name: str) -> list[EntitySummary]:
    entities = list(site.entities.values())
    if name == "zzs":
        return [e for e in entities if e.zzs]
    if name == "pfas":
        members = site.members.get(PFAS_GROUP, set()) | {PFAS_GROUP}
        return [e for e in entities if e.iri in members]
    if name == "listed":
        return [e for e in entities if site.cells.get(e.iri)]
    return entities


def coverage_matrix(site: SiteData, name: str = "listed") -> Matrix:
    """Every row of one filter; the live build keeps each (``Build.matrix``)."""
    if name not in FILTERS:
        raise UnknownFilter(f"unknown filter {name!r}; use one of: {', '.join(FILTERS)}")
    instruments = site.listing_instruments()
    rows = []
    for entity in sorted(_selected(site, name), key=lambda e: e.label.casefold()):
        coverage = site.coverage(entity.iri)
        cells = [coverage[i.iri] for i in instruments]
        through = [_through(site, entity.iri, state, found) for state, found in cells]
        rows.append(MatrixRow(entity, cells, through))
    return Matrix(name, instruments, rows)


def _through(site: SiteData, entity: str, state: str, cells: list[Cell]) -> list[str]:
    """Labels of the groups or members a cell's state comes through; [] when the entity's own listing gives it."""
    behind = [c for c in cells if STATE_OF.get(c.status) == state]
    return [site.entities[i].label if i in site.entities else i for i in site.through(entity, behind)]


def _cell_text(state: str, cells: list[Cell], through: list[str] | None = None) -> str:
    if state == "not-listed":
        return ""
    annexes = sorted(
        {c.annex_code for c in cells if c.status in ("listed", "amended")} or {c.annex_code for c in cells}
    )
    text = f"{state}: {', '.join(annexes)}" if annexes else state
    return f"{text} (via {', '.join(through)})" if through else text


def matrix_csv(matrix: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["substance", "iri", "cas", "zzs", *[i.short for i in matrix.instruments]])
    for row in matrix.rows:
        e = row.entity
        texts = [_cell_text(state, cells, via) for (state, cells), via in zip(row.cells, row.through, strict=True)]
        writer.writerow([e.label, e.iri, " | ".join(e.cas), e.zzs or "", *texts])
    return out.getvalue()


def matrix_xlsx(matrix: Matrix) -> bytes:
    """The matrix as a workbook: one coloured cell per substance and instrument, linked to the listing."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
    from openpyxl.styles.fonts import DEFAULT_FONT

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "coverage"
    # One named style per state, given to a cell by name: setting a fill and a font on each of tens of thousands
    # of cells made openpyxl hash and compare style objects for every one (two thirds of the time).
    for state, colour in STATE_FILL.items():
        font = Font(color="FFFFFF") if state == "listed" else copy(DEFAULT_FONT)
        wb.add_named_style(NamedStyle(f"coverage {state}", font=font, fill=PatternFill("solid", fgColor=colour)))
    header = ["Substance", "CAS", "ZZS", *[i.short for i in matrix.instruments]]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(text_rotation=60 if (cell.column or 0) > 3 else 0, vertical="bottom")
    for r, row in enumerate(matrix.rows, start=2):
        e = row.entity
        ws.cell(r, 1, e.label).hyperlink = e.iri
        ws.cell(r, 2, " | ".join(e.cas))
        ws.cell(r, 3, e.zzs or "")
        for c, ((state, cells), through) in enumerate(zip(row.cells, row.through, strict=True), start=4):
            target = ws.cell(r, c, _cell_text(state, cells, through))
            target.style = f"coverage {state}"
            if cells:
                target.hyperlink = cells[0].listing
    ws.column_dimensions["A"].width = 48
    ws.column_dimensions["B"].width = 14
    ws.freeze_panes = "D2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
