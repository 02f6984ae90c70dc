"""The coverage matrix as JSON (``GET /matrix`` with ``Accept: application/json``): one page of rows, each
with its state under every instrument and the listings behind it; CSV and XLSX carry every row."""

from __future__ import annotations

from pydantic import BaseModel, Field

from chemkg.web.pages.matrix import Matrix


class ColumnOut(BaseModel):
    iri: str
    name: str


class CellOut(BaseModel):
    instrument: str = Field(description="IRI of the instrument (the column).")
    state: str = Field(description="listed, through a group or member, not listed, …")
    listings: list[str] = Field(description="IRIs of the listings that reach the entity.")
    through: list[str] = Field(description="Labels of the groups or members the state comes through, if inherited.")


class RowOut(BaseModel):
    iri: str
    name: str
    group: bool
    cas: list[str]
    zzs: str | None = Field(description="zzs, potential-zzs or null")
    cells: list[CellOut]


class MatrixOut(BaseModel):
    filter: str = Field(description="The value of ?show=: listed, zzs, pfas or all.")
    page: int
    pages: int
    total: int = Field(description="Rows on every page together.")
    columns: list[ColumnOut]
    rows: list[RowOut]


def matrix_json(m: Matrix, page: int, lang: str) -> MatrixOut:
    return MatrixOut(
        filter=m.filter,
        page=page,
        pages=m.pages,
        total=len(m.rows),
        columns=[ColumnOut(iri=i.iri, name=i.name(lang)) for i in m.instruments],
        rows=[
            RowOut(
                iri=r.entity.iri,
                name=r.entity.name(lang),
                group=r.entity.is_group,
                cas=r.entity.cas,
                zzs=r.entity.zzs,
                cells=[
                    CellOut(instrument=i.iri, state=state, listings=[c.listing for c in cells], through=through)
                    for i, (state, cells), through in zip(m.instruments, r.cells, r.through, strict=True)
                ],
            )
            for r in m.page(page)
        ],
    )
