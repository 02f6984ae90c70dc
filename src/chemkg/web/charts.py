"""Charts as SVG: the listing timeline and the coverage matrix, drawn to read well on paper too.

matplotlib is imported inside each function and used through ``Figure`` (no pyplot, no global
backend switch), so importing the web app stays fast and thread-safe.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from chemkg.web.pages.matrix import Matrix

INK = "#1b2a38"
ACCENT = "#1f5f8b"
GRID = "#d5dde5"


def _svg(fig: Figure) -> bytes:
    from matplotlib import rc_context
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    buffer = io.BytesIO()
    # Text stays text (searchable, selectable, a tenth of the size) instead of a path per glyph.
    with rc_context({"svg.fonttype": "none"}):
        FigureCanvasSVG(fig).print_svg(buffer, metadata={"Date": None})
    return buffer.getvalue()


def timeline_svg(per_year: dict[int, int], title: str, ylabel: str = "listings") -> bytes:
    """Bars of listings per year, every bar labelled with its count."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    fig = Figure(figsize=(8, 3.2))
    # Fixed margins, not the constrained layout: the parts are always the same (a title, the counts' axis, the
    # years), and laying them out anew took 40 of the 90 ms a timeline cost.
    fig.subplots_adjust(left=0.075, right=0.985, bottom=0.1, top=0.88)
    ax = fig.add_subplot()
    if per_year:
        years = list(range(min(per_year), max(per_year) + 1))
        counts = [per_year.get(y, 0) for y in years]
        bars = ax.bar(years, counts, color=ACCENT, edgecolor=INK, linewidth=0.6, width=0.8)
        ax.bar_label(bars, labels=[str(c) if c else "" for c in counts], fontsize=8, color=INK, padding=2)
        ax.set_xlim(years[0] - 0.8, years[-1] + 0.8)
        ax.set_ylim(0, max(counts) * 1.2 + 0.5)
    else:
        ax.text(0.5, 0.5, "no dated listings", ha="center", va="center", transform=ax.transAxes, color=INK)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=12))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title, loc="left", fontsize=11, color=INK)
    ax.set_ylabel(ylabel, color=INK)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _svg(fig)


def matrix_svg(matrix: Matrix, title: str) -> bytes:
    """The coverage matrix as a grid: filled = listed, hatched = under review or recommended."""
    import numpy as np
    from matplotlib.collections import PatchCollection
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch, Rectangle

    from chemkg.web.pages.matrix import STATE_FILL

    hatch = {"under-review": "////", "recommended-not-listed": "....", "no-longer-listed": "xx"}
    n_rows, n_cols = max(len(matrix.rows), 1), len(matrix.instruments)
    fig = Figure(figsize=(2.8 + 0.42 * n_cols, 1.6 + 0.2 * n_rows), layout="constrained")
    ax = fig.add_subplot()
    # One mesh for every fill and one collection per hatch, not a patch per cell: a page of 200 rows is
    # 2,600 cells, which as separate patches took seconds to lay out and draw.
    states = [[state for state, _cells in row.cells] for row in matrix.rows] or [["not-listed"] * n_cols]
    code = {state: i for i, state in enumerate(STATE_FILL)}  # the colour map's entries, in this order
    codes = np.array([[code[state] for state in row] for row in states])
    ax.pcolormesh(
        codes,
        cmap=ListedColormap(["#" + fill for fill in STATE_FILL.values()]),
        vmin=-0.5,
        vmax=len(code) - 0.5,
        edgecolors=GRID,
        linewidth=0.5,
    )
    for state, pattern in hatch.items():
        cells = [Rectangle((c, r), 1, 1) for r, row in enumerate(states) for c, s in enumerate(row) if s == state]
        if cells:
            ax.add_collection(PatchCollection(cells, facecolor="none", edgecolor=GRID, hatch=pattern, linewidth=0))
    ax.set_xlim(0, n_cols)
    ax.set_ylim(n_rows, 0)
    ax.set_xticks([c + 0.5 for c in range(n_cols)], [i.short for i in matrix.instruments], rotation=60, ha="left")
    ax.xaxis.tick_top()
    ax.set_yticks([r + 0.5 for r in range(len(matrix.rows))], [_short(row.entity.label) for row in matrix.rows])
    ax.tick_params(labelsize=7, length=0, colors=INK)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, loc="left", fontsize=10, color=INK)
    ax.legend(
        handles=[
            Patch(facecolor="#" + STATE_FILL["listed"], label="listed"),
            Patch(facecolor="white", edgecolor=INK, hatch="////", label="under review"),
            Patch(facecolor="#" + STATE_FILL["recommended-not-listed"], hatch="....", label="recommended, not listed"),
            Patch(facecolor="#" + STATE_FILL["no-longer-listed"], hatch="xx", label="no longer listed"),
        ],
        loc="upper left",
        bbox_to_anchor=(0, 0),
        ncols=4,
        fontsize=7,
        frameon=False,
    )
    return _svg(fig)


def _short(label: str, width: int = 48) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"
