"""How the gradient heatmaps' plots share the panel (``HeatmapLayout``, a mixin of ``heatmaps.HeatmapPanel``).

As many plots share a row as keep ``MIN_PLOT_WIDTH`` each (``columns``), fewer when then every cell has
the width its most compact numbers need (``HeatmapCells.least_cell``: skip_connection at 1024×700 keeps its
three plots in a row; spiral's h2 → y would take a row of its own, where the panel is high enough for two).
A column of plots gets the width in proportion to its cells across (its stretch factor), at least what
its numbers need; a column whose numbers need more takes it from one whose cells print none
(``_share_width``, ``heatmap_widths.column_floors``). Each row of plots is as high as its rows of
numbered cells need, at least ``MIN_ROW_HEIGHT`` a row in all, where the panel's height holds them; else
fewer rows of plots, each at its least height with every row of cells in view (``heatmap_heights``: spiral at
1024×700 in one row of three, x → h1's rows too low for numbers); only when not even that fits does it scroll.

The panel provides ``blocks``, ``plots``, ``scroll`` (the scroll area around ``plots``), ``images``,
``shared_toggle``, ``_built_columns`` and ``least_cell``, ``cell_need``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer

from .heatmap_heights import VISIBLE_ROW_PITCH, grid_rows, holding_numbers, known_room, row_heights
from .heatmap_plot import TITLE_HEIGHT, title_width
from .heatmap_widths import MIN_CELL_WIDTH, Column, column_floors, rounded_up, stretch_shares
from .heatmap_words import MAX_TEXT_CELLS

#: a plot gets at least this many pixels of the panel's width (its axis and its cells); as many plots
#: share a row as fit, so that the width is used before the panel scrolls
MIN_PLOT_WIDTH = 90
#: what a colour bar with its tick labels takes of the width
BAR_WIDTH = 55
#: each row of plots keeps at least this many pixels: its title, its axis and two rows of numbered cells
MIN_ROW_HEIGHT = 90
#: pixels of a plot around its cells: across, its left axis and margins; down, its title, its bottom axis and
#: margins (what a plot's height must add to its rows of numbered cells)
PLOT_FRAME_WIDTH = 16
PLOT_FRAME_HEIGHT = TITLE_HEIGHT + 22
#: a connection with too many weights for numbers keeps cells this wide when the plots are laid out for
#: the others' numbers (its bottom axis then numbers first, middle and last)
BLANK_CELL_WIDTH = 8
#: pixels above and below the plots (pyqtgraph's 9 each left skip_connection's six rows of numbers 4 px short at
#: 1024×700; 3 each left its rows of 9 px, ``heatmap_cells.SMALL_CELL_MARGIN``, 6 px short: the panel scrolled)
PLOTS_MARGIN = 0
#: pixels left and right of the plots (pyqtgraph's 9 each took what the colour bar's labels needed at 1024×700)
PLOTS_SIDE = 4


class HeatmapLayout:
    def _lay_out_grid(self, columns: int, rows: int) -> None:
        """The grid of ``rows`` × ``columns`` plots: each column's stretch and least width, each row's
        least height (``heatmap_heights.row_heights``: as high as its numbers need where the panel's height
        holds them, else every row seen), and the plots' least height (beyond it the panel scrolls)."""
        grid = self.plots.ci.layout
        for k in range(len(self.blocks) + 1):  # (the bar's column too: it moves with the columns)
            grid.setColumnMinimumWidth(k, 0)
            grid.setRowMinimumHeight(k, 0)
        # a column of plots gets the width in proportion to its cells across: a connection into one
        # neuron (1 × 4) beside one of 4 × 2 had cells half as wide, too narrow for their numbers
        for col in range(columns):
            grid.setColumnStretchFactor(col, self._stretch(col))
        room = self._room_down()
        heights = self._row_heights(columns, room)
        fits = heights is not None
        if not fits:  # not even every row seen: each at its least, and the panel scrolls
            heights = row_heights(self._visible_heights(), self._visible_heights(), columns, float("inf"), 0.0)
        # every column as wide, every row as high, as its plots' most compact numbers need (when the panel has that width)
        self._held = holding_numbers(self._least_heights(), heights, columns)
        needs = self._least_widths(self._held)
        self._least = [max(needs[col::columns], default=0.0) for col in range(columns)]
        if sum(self._least) > self._room_for(columns):
            self._least = [0.0] * columns
        for col, least in enumerate(self._least):
            grid.setColumnMinimumWidth(col, least)
        for row, height in enumerate(heights):
            grid.setRowMinimumHeight(row, height)
        _left, top, _right, bottom = grid.getContentsMargins()
        numbered = sum(heights) + top + bottom + (rows - 1) * grid.verticalSpacing()
        roomy = rows * MIN_ROW_HEIGHT + top + bottom  # (two rows of numbers each, where the panel has the height)
        self.plots.setMinimumHeight(int(math.ceil(max(numbered, min(roomy, room + top + bottom if fits else 0)))))
        self._laid_out_down = room

    def _room_down(self) -> float:
        """The pixels down the rows of plots share: the scroll area's viewport less the plots' margins
        (``math.inf`` while the panel is hidden, ``heatmap_heights.known_room``)."""
        _left, top, _right, bottom = self.plots.ci.layout.getContentsMargins()
        viewport = self.scroll.viewport()
        return known_room(viewport.height() - top - bottom, self.scroll.isVisible())

    def _row_heights(self, columns: int, room: float) -> list[float] | None:
        """Each row of plots' least height with ``columns`` to a row in ``room`` pixels down
        (``heatmap_heights.row_heights``; None: not every row of cells fits)."""
        return row_heights(self._least_heights(), self._visible_heights(), columns, room,
                           self.plots.ci.layout.verticalSpacing())

    def _least_widths(self, held: list[bool] | None = None) -> list[float]:
        """Each plot's least width: its axis and its cells, as wide as their most compact numbers need
        (``least_cell``), or ``BLANK_CELL_WIDTH`` for a connection with too many weights for numbers, or
        whose row of plots is too low for them (``held`` False: ``heatmap_heights.holding_numbers``)."""
        across = self.least_cell()[0]
        held = held if held is not None else [True] * len(self.blocks)
        return [PLOT_FRAME_WIDTH + b.cols * (across if b.size <= MAX_TEXT_CELLS and keeps else BLANK_CELL_WIDTH)
                for b, keeps in zip(self.blocks, held)]

    def _least_heights(self) -> list[float]:
        """Each plot's least height: its title and axis, and rows as high as its most compact numbers need."""
        down = self.least_cell()[1]
        return [PLOT_FRAME_HEIGHT + b.rows * down if b.size <= MAX_TEXT_CELLS else 0.0 for b in self.blocks]

    def _visible_heights(self) -> list[float]:
        """Each plot's least height with every row seen: its title and axis, and rows of ``VISIBLE_ROW_PITCH``."""
        return [PLOT_FRAME_HEIGHT + b.rows * VISIBLE_ROW_PITCH for b in self.blocks]

    def _room_for(self, columns: int) -> float:
        """The pixels across that ``columns`` columns of plots share (the panel's width less its margins,
        the colour bar(s) and the spacing between the columns). A colour bar takes its width first: as
        wide as its tick labels in any writing (``HeatmapPanel.bar_width``; ``BAR_WIDTH`` before it is built)."""
        shared = self.shared_toggle.isChecked()
        grid = self.plots.ci.layout
        left, _top, right, _bottom = grid.getContentsMargins()
        bars = self.bar_width() if shared else columns * self.bar_width()
        return self.width() - 4 - bars - left - right - columns * grid.horizontalSpacing()

    def bar_width(self) -> float:
        """The pixels across a colour bar takes with its tick labels (its axis is as wide as its widest
        label in any writing the cells may take, ``set_bar_ticks``: it never changes with the panel's size)."""
        bars = set(getattr(self, "bars", {}).values())
        if not bars:
            return BAR_WIDTH
        return max(bar.effectiveSizeHint(Qt.SizeHint.PreferredSize).width() for bar in bars)

    def _stretch(self, col: int) -> int:
        """Column ``col``'s stretch factor: the most cells across of its plots."""
        columns = self._built_columns
        return max((b.cols for k, b in enumerate(self.blocks) if k % columns == col), default=1)

    def _share_width_soon(self) -> None:
        """Share the width again (``_share_width``) once the layout has settled."""
        if not getattr(self, "_sharing", False):
            self._sharing = True
            QTimer.singleShot(0, self, self._share_width)  # (not once the panel is gone: a window deleted)

    def _share_width(self) -> None:
        """Give the plots the widths their cells need (``heatmap_widths.column_floors``): a plot whose
        cells would print their numbers with more width takes it from one whose cells never print any.
        Each column's share is its part of the room the colour bar leaves (``_room_for``) by the stretch
        alone (``heatmap_widths.stretch_shares``). The floors never add up to more than that room (the bar's
        tick labels ran past the panel's edge): where the titles in units do not fit beside the numbers, their
        short forms' widths ("x→y ×0.01"), else the numbers' alone, else no floors. A column's least keeps its
        cells' numbers in the one unit of the colour scale (``one_unit_cell``: skip_connection trained, x → h's
        "−105" ×10⁻⁴ beside h → y's, not "−11" ×10⁻³). Nothing here depends on the widths it sets: the
        titles' units are the ones the values may take (``title_unit``), whatever the cells write now."""
        self._sharing = False
        columns = self._built_columns
        if len(self.blocks) < 2 or columns < 2 or len(self.images) != len(self.blocks):
            return
        plots = [[self.images[b.edge].getViewBox().parentItem() for b in self.blocks[col::columns]]
                 for col in range(columns)]
        if min(p.width() for column in plots for p in column) <= 0:
            return  # not laid out yet
        room = self._room_for(columns)
        shares = stretch_shares(room, [self._stretch(col) for col in range(columns)], getattr(self, "_least", []))
        floors = [0.0] * columns
        held_numbers = getattr(self, "_held", [True] * len(self.blocks))
        for titled, compact in ((True, False), (True, True), (False, True)):  # (last: the numbers before the titles)
            wanted = []
            for col, column in enumerate(plots):
                least, need, donor = 0.0, 0.0, True
                for plot, block, held in zip(column, self.blocks[col::columns], held_numbers[col::columns]):
                    frame = plot.width() - plot.getViewBox().width()  # its axis and margins
                    unit = self.title_unit(block) if held else ""  # (rows too low for numbers: never in units)
                    title = title_width(plot, block, unit, compact) if titled else 0.0
                    least = max(least, frame + block.cols * MIN_CELL_WIDTH, title,
                                frame + block.cols * self.one_unit_cell(block))
                    cell = self.cell_need(block)
                    if cell is not None:
                        donor = False
                        need = max(need, rounded_up(frame + block.cols * cell))
                wanted.append(Column(shares[col], least, need, donor))
            floors = column_floors(wanted)
            if not any(floors):  # no numbers served: a column narrower by stretch than its title still gets it
                floors = [c.least if c.least > c.share else 0.0 for c in wanted]
            least = getattr(self, "_least", [])
            taken = sum(max(f, least[k] if k < len(least) else 0.0) for k, f in enumerate(floors))  # (``_set_floors``)
            if taken <= room:
                break
        self._set_floors(floors if taken <= room else [0.0] * columns)

    def _set_floors(self, floors: list[float]) -> None:
        """Each column of plots at least ``floors`` wide (0: by the stretch alone)."""
        if len(floors) == len(self._floors) and all(abs(a - b) < 2 for a, b in zip(floors, self._floors)):
            return
        self._floors = floors
        least = getattr(self, "_least", [])
        for col, floor in enumerate(floors):
            self.plots.ci.layout.setColumnMinimumWidth(col, max(floor, least[col] if col < len(least) else 0.0))

    def columns(self) -> int:
        """How many plots share a row: at most as many as keep ``MIN_PLOT_WIDTH`` each (and their bars);
        the most of those whose rows of plots fit the panel's height with every number and whose columns
        hold every number's width; else the most whose rows fit with some numbers left out for the height
        (``heatmap_heights.row_heights``) and whose columns hold the numbers that are left; else the most
        whose rows of cells are all seen (the cells that do not fit stay blank and the line under the plots
        says why); else the most."""
        shared = self.shared_toggle.isChecked()
        room = self.width() - 4 - (BAR_WIDTH if shared else 0)
        per_plot = MIN_PLOT_WIDTH + (0 if shared else BAR_WIDTH)
        most = max(1, min(len(self.blocks), room // per_plot))
        down = self._room_down()
        numbered = self._least_heights()

        def holds(columns: int, every_number: bool) -> bool:
            heights = self._row_heights(columns, down)
            if heights is None:
                return False
            held = holding_numbers(numbered, heights, columns)
            if every_number and not all(keeps for keeps, need in zip(held, numbered) if need):
                return False
            needs = self._least_widths(held)
            return sum(max(needs[col::columns], default=0.0) for col in range(columns)) <= self._room_for(columns)

        tests = (lambda c: holds(c, True), lambda c: holds(c, False),
                 lambda c: self._row_heights(c, down) is not None)
        return next((c for test in tests for c in range(most, 0, -1) if test(c)), most)

    def _fit_height(self) -> None:
        """The scroll area's height changed: the plots laid out again for it (fewer or more to a row when
        that keeps every row in view, ``columns``)."""
        if not self.blocks or self._room_down() == getattr(self, "_laid_out_down", None):
            return
        if self.columns() != self._built_columns:
            self._rebuild()
            return
        self._lay_out_grid(self._built_columns, grid_rows(len(self.blocks), self._built_columns))
        self._floors = []
        self._share_width_soon()
