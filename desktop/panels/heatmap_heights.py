"""How the gradient heatmaps share the panel's height (``heatmap_layout.HeatmapLayout``).

Each plot has two heights: its *numbered* height, its title and axis (``PLOT_FRAME_HEIGHT``) and rows as
high as its most compact numbers need (0 for a connection with too many weights for numbers), and its
*visible* height, the same with rows of ``VISIBLE_ROW_PITCH`` pixels: every row is seen as a stripe of
colour, numbered or not. A row of plots is as high as the highest of its plots needs. When every plot's
numbered height fits the panel, every row of plots gets it; when not, every row of plots gets its plots'
visible height and the height left over raises, cheapest first, the rows whose plots' numbers then fit;
the other plots' cells are blank (the line under the plots says which, and why). Only when not even the
visible heights fit does the panel scroll. spiral at 1024×700 has 92 px for its plots: its numbered x → h1
(8 rows of 9 px and the frame's 38 px) above h2 → y needed 163 px, and the panel scrolled row 7, h2 → y
and the colour bar's lower half out of view.
"""

from __future__ import annotations

import math

#: rows of a heatmap keep at least this many pixels each: a stripe of colour seen without scrolling (the
#: left axis then numbers first, middle and last and the title says the rows' order, ``heatmap_plot.fit_ticks``)
VISIBLE_ROW_PITCH = 4


def grid_rows(count: int, columns: int) -> int:
    """How many rows of plots ``count`` plots take, ``columns`` to a row."""
    return -(-count // columns) if count else 0


def row_heights(numbered: list[float], visible: list[float], columns: int, room: float,
                spacing: float) -> list[float] | None:
    """Each row of plots' least height, ``columns`` plots to a row (plot k in row k // columns), within
    ``room`` pixels down with ``spacing`` between two rows (``math.inf``: not laid out yet, every number
    fits): the most each row's plots need, ``numbered`` (0: no numbers at any height) or ``visible``,
    when they all fit; else each row its plots' ``visible`` height, raised, cheapest first, to the numbered
    height of a plot when the rest of the room holds it; None when not even the visible heights fit."""
    rows = grid_rows(len(numbered), columns)
    room -= max(rows - 1, 0) * spacing
    wanted = [max(max(numbered[k], visible[k]) for k in range(r * columns, min((r + 1) * columns, len(numbered))))
              for r in range(rows)]
    if sum(wanted) <= room:
        return wanted
    heights = [max(visible[r * columns:(r + 1) * columns]) for r in range(rows)]
    if sum(heights) > room:
        return None
    while True:
        spare = room - sum(heights)
        raises = [(numbered[k] - heights[k // columns], k) for k in range(len(numbered))
                  if heights[k // columns] < numbered[k] <= heights[k // columns] + spare]
        if not raises:
            return heights
        _cost, k = min(raises)
        heights[k // columns] = numbered[k]


def holding_numbers(numbered: list[float], heights: list[float] | None, columns: int) -> list[bool]:
    """For each plot, whether its row of plots (``row_heights``; None: they do not fit, every row at its
    least) is as high as its numbers need (False for a plot with no numbers at any height)."""
    if heights is None:
        return [False] * len(numbered)
    return [0 < need <= heights[k // columns] + 1e-6 for k, need in enumerate(numbered)]


def known_room(height: float, shown: bool) -> float:
    """The pixels down the plots have: ``height`` when the panel is ``shown``, else ``math.inf`` (a hidden
    panel has no height to fit yet: its plots are laid out again when it is shown)."""
    return float(height) if shown and height > 0 else math.inf
