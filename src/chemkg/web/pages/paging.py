"""Long tables shown a page at a time (the substance index, the ZZS routes, the matrix, treaty listings): how
many pages a table has and which rows are on one. Each table keeps its own page size."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def page_count(rows: int, size: int) -> int:
    """Pages of ``size`` rows that ``rows`` rows fill; an empty table still has its one (empty) page."""
    return max(1, -(-rows // size))


def rows_on_page(rows: Sequence[T], number: int, size: int) -> list[T]:
    """The rows on page ``number`` (from 1)."""
    return list(rows[(number - 1) * size : number * size])
