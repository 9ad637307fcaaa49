"""The numbers in the gradient heatmaps' cells (``HeatmapCells``, a mixin of ``heatmaps.HeatmapPanel``).

A connection with at most ``MAX_TEXT_CELLS`` weights prints each value in its cell in the first writing
that fits (``_cell_writing``, ``heatmap_writing``: the canvas's digits, else fewer, and the line under the
plots says they are rounded; then the same in a small font; then whole numbers of a unit the plot's
title names) when the cell holds the widest of its numbers with a gap (``CELL_GAP``) on screen, measured
in the font the cells draw in (else two run together and read as one, or a number runs over its cell's
edge); "?" while Backward has not reached the connection. One picture, one way of writing: every connection's cells
take as many digits as the one that fits fewest (``_same_digits``: saturation's x → h at 1 digit,
"−6e−6", wrote h → y at 4, "8.112e−6"). The line under the plots (``_say_cells``) says why some
cells have no number, else how to read a cell.

The panel provides ``blocks``, ``texts`` ({edge: [[TextItem]]}), ``images``, ``_levels``,
``_pending``, ``_rounded``, ``_drawn``, ``digits``, ``_hovering``, ``hover_label``, ``BLANK``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from core.notation import format_number

from desktop.reveal import NOT_YET

from .heatmap_plot import cell_font, cell_room, cell_text, digits_to_try, fit_ticks, set_cell_font
from .heatmap_words import ROUNDED_TIP, cells_line, digits_words, pending_and_units, rounded_words
from .heatmap_writing import SMALL_CELL_PIXELS, WIDEST_IN_UNITS, Writing, says_unit, unit_for, unit_text, unit_words

#: lines the line under the plots keeps in a tall panel, whatever it says: a height that followed its words took
#: room from the plots, whose layout chose the words, and two layouts could take turns for ever (a 1 → 24 → 1
#: network at 1000 px wide: the plots' room went 288, 302, 288, … px; code review 20 #5)
HOVER_LINES = 2

#: a connection's cells show their numbers only when each cell is as wide as the widest of them plus
#: this gap and at least as high as a number's ink (its digits' height) plus ``CELL_MARGIN`` on screen
#: (pixels): "−0.0105−0.00786" read as one number
CELL_GAP = 4
#: cells written in another connection's smaller unit (``_same_unit``) take at most this many digits
MOST_UNIT_DIGITS = 3
#: numbers already shown stay while this gap is left (no flicker on and off while training changes them)
KEEP_GAP = 3
CELL_MARGIN = 3
#: the same margin for the small font (``SMALL_CELL_PIXELS``): its digits' ink (about 7 px) in rows of 9 px,
#: 2 px of air between two rows' numbers, as between the rows' labels (``heatmap_plot.EVERY_ROW_PITCH``); rows
#: of 8 px left 1 px and a student misread "−12" over "11" as one number (skip_connection's x → h at 1024×700;
#: its six rows still fit a laptop's panel without scrolling, ``heatmap_layout.PLOTS_MARGIN``)
SMALL_CELL_MARGIN = 2


class HeatmapCells:
    def _init_cells(self) -> None:
        sample = pg.TextItem("")  # the font a cell's number is drawn in
        self._cell_font = cell_font(sample)
        self._small_font = QFont(self._cell_font)
        self._small_font.setPixelSize(SMALL_CELL_PIXELS)
        self._cell_metrics = QFontMetrics(self._cell_font)
        self._small_metrics = QFontMetrics(self._small_font)
        #: the height a number's ink takes (digits, "−", "?": about 9 px), not its line's (14 px with
        #: room for descenders a number has not): a low cell holds a number a line would not fit
        self._cell_ink = self._cell_metrics.tightBoundingRect("0123456789−≈?e").height()
        self._small_ink = self._small_metrics.tightBoundingRect("0123456789−≈?e").height()
        #: the writing of each connection's cells now (``heatmap_writing.Writing``; None: no numbers)
        self._writing: dict = {}
        #: {edge: digits} of the connections written in units whose largest count has fewer than the canvas's
        self._unit_digits: dict = {}

    def least_cell(self) -> tuple[float, float]:
        """(width, height) in pixels the cells need for their most compact numbers (in units, in the
        small font, with a gap): a layout that gives them this much shows every number."""
        return (self._small_metrics.horizontalAdvance(WIDEST_IN_UNITS) + CELL_GAP, self._small_ink + SMALL_CELL_MARGIN)

    def _set_font(self, item, small: bool) -> None:
        if getattr(item, "small", False) != small:
            item.small = small
            set_cell_font(item, self._small_font if small else self._cell_font)

    def cell_units(self) -> dict:
        """{edge: unit} of the connections whose cells write their numbers in units (``Writing.unit``)."""
        return {edge: w.unit for edge, w in self._writing.items()
                if w is not None and says_unit(w.unit) and edge not in self._pending}

    def may_take_units(self, edges) -> list[float]:
        """The units (said ones, ``says_unit``) the cells of ``edges`` may be written in at some size of the
        panel, read from their values alone: each one's own (``unit_for``) and, on one colour scale, the least
        of those (``_same_unit``)."""
        own = []
        for edge in edges:
            image = self.images[edge].image if edge in self.texts and edge in self.images else None
            unit = self._unit_of(edge, image) if self._drawn and image is not None and edge not in self._pending else None
            if says_unit(unit):
                own.append(unit)
        if own and self.shared_toggle.isChecked():
            own.append(min(own))
        return sorted(set(own))

    def _unit_of(self, edge, image) -> float | None:
        """``unit_for`` of the values ``image`` holds, read once per picture: the layout asks for each
        connection's units several times a frame (titles, cells, the colour bars). An image item's picture
        is a new array whenever its values change (``HeatmapPanel._draw``), and kept here, so never another's."""
        read = getattr(self, "_units_read", None)
        if read is None:
            read = self._units_read = {}
        kept = read.get(edge)
        if kept is None or kept[0] is not image:
            kept = read[edge] = (image, unit_for(np.ravel(image)))
        return kept[1]

    def one_unit_cell(self, block) -> float:
        """The pixels across each cell of ``block`` needs for its numbers in the least unit of the colour scale
        (``may_take_units``: ``_same_unit`` writes them so where they fit), in the small font with a gap; 0
        when they are not written so. From the values alone: the layout gives it whatever the cells write now."""
        if block.edge not in self.texts or not self.shared_toggle.isChecked():
            return 0.0
        units = self.may_take_units([b.edge for b in self.blocks])
        image = self.images[block.edge].image
        if not units or image is None or not self._drawn or block.edge in self._pending:
            return 0.0
        texts = [unit_text(float(v), units[0]) for v in np.ravel(image)]
        largest = round(float(np.max(np.abs(image))) / units[0]) if image.size else 0
        if not 10 <= largest < 10 ** MOST_UNIT_DIGITS:
            return 0.0
        return max(self._small_metrics.horizontalAdvance(t) for t in texts) + CELL_GAP

    def title_unit(self, block) -> str:
        """The unit ``block``'s title keeps room for ("×0.01"; "": none): the widest its cells may be written
        in (``may_take_units``), whatever they are written in now (the layout gives the title that width, and
        the width must not change with what the width makes the cells write)."""
        words = [unit_words(u) for u in self.may_take_units([block.edge])]
        if words and self.shared_toggle.isChecked():
            words += [unit_words(u) for u in self.may_take_units([b.edge for b in self.blocks])]
        return max(words, key=len, default="")

    def _say_cells(self) -> None:
        """Under the plots: why some cells have no number (in one short line; the reasons in its
        tooltip), else how to read a cell."""
        if self._hovering:
            return
        unmarked = [b for b in self.blocks if b.edge in self._pending and not
                    (b.edge in self.texts and self._cells_fit(b))]  # blank, without the "?" that says why
        rounded = [d for edge, d in self._rounded.items() if edge not in self._pending]
        if unmarked:
            said = rounded_words(rounded, self.digits)  # the numbers shown first: they are the ones misread
            rounded_part = None if said is None else said.split(";")[0]  # "Cells rounded to 2 digits (canvas: 4)"
            forms = [self.BLANK] if said is None else [  # (skip_connection at 1024×700: "… blank: ?, not reache…")
                f"{rounded_part}; blank: {NOT_YET}, not reached by Backward yet.",
                f"{rounded_part}; {NOT_YET}: not reached yet.",
                f"Cells rounded to {digits_words(rounded)}; {NOT_YET}: not reached yet."]
            forms = pending_and_units(unmarked, self._unit_example()) + forms  # (what a count in units means first)
            self.hover_label.setText(self._fitting(forms))
            self.hover_label.setToolTip(", ".join(f"{b.source} → {b.target}" for b in unmarked) +
                                        f": {NOT_YET}, not computed yet: Backward has not reached it."
                                        + ("" if said is None else " " + ROUNDED_TIP))
            return
        many = [b for b in self.blocks if b.edge not in self.texts]
        small = [b for b in self.blocks if b.edge in self.texts and not self._cells_fit(b)]
        how = {b.edge: self._cells_short(b) for b in small}  # "narrow", "low" or "small"
        written_out = [f"{b.source} → {b.target}" for b in self.blocks if self._writing.get(b.edge) is not None and
                       b.edge not in self._pending and not says_unit(self._writing[b.edge].unit)]
        unit_digits = [d for edge, d in self._unit_digits.items() if edge not in self._pending]
        forms, tip = cells_line(many, small, how, rounded, self.digits, self._units_named(), self._unit_example(),
                                written_out, unit_digits)
        self.hover_label.setText(self._fitting(forms))
        self.hover_label.setToolTip(tip)

    def _units_named(self) -> dict[str, str]:
        """{"x → h": "×0.0001"}: the connections whose cells are in units, and their units."""
        units = self.cell_units()
        return {f"{b.source} → {b.target}": unit_words(units[b.edge]) for b in self.blocks if b.edge in units}

    def _unit_example(self) -> tuple[str, str, str] | None:
        """("h → y", "−51", "−0.0051"): the largest cell of the first connection written in units, its text
        and what it means (the whole number of units, in the notation of the cells written out)."""
        units = self.cell_units()
        block = next((b for b in self.blocks if b.edge in units and b.edge in self.images), None)  # (being rebuilt)
        if block is None or self.images[block.edge].image is None:
            return None
        values = np.ravel(self.images[block.edge].image)
        unknown = getattr(self, "_unknown", {}).get(block.edge)  # (a lesson holds these back: "?", never read out)
        if unknown is not None:
            values = values[~np.ravel(unknown)]
        if values.size == 0:
            return None
        largest = float(values[np.argmax(np.abs(values))])
        count = round(largest / units[block.edge])
        text = unit_text(largest, units[block.edge])
        return f"{block.source} → {block.target}", text, format_number(count * units[block.edge], len(str(abs(count))))

    def _fitting(self, forms: list[str]) -> str:
        """The first of ``forms`` (most words first, each whole) that the line under the plots shows
        uncut: on its one line in a low panel, in its ``HOVER_LINES`` lines when it wraps (else the shortest)."""
        label = self.hover_label
        width, metrics = label.contentsRect().width(), label.fontMetrics()
        if label.wordWrap():
            room = QRect(0, 0, max(1, width), 1 << 20)
            return next((f for f in forms if metrics.boundingRect(room, Qt.TextFlag.TextWordWrap, f).height()
                         <= HOVER_LINES * metrics.lineSpacing()), forms[-1])
        return next((f for f in forms if metrics.horizontalAdvance(f) <= width), forms[-1])

    def _not_yet(self, block) -> None:
        """A blank heatmap with "?" in its cells: Backward has not reached this connection."""
        self._pending.add(block.edge)
        image = self.images[block.edge]
        image.setImage(np.zeros((block.rows, block.cols)), levels=(-1.0, 1.0))
        normal = block.edge in self.texts and not self._cells_short(block, [NOT_YET])
        small = block.edge in self.texts and not normal and not self._cells_short(block, [NOT_YET], small=True)
        text = NOT_YET if normal or small else ""
        self._show_unit(block, None)
        for row in self.texts.get(block.edge, []):
            for item in row:
                self._set_font(item, small)
                if getattr(item, "shown", None) != (text, (90, 90, 90)):
                    item.shown = (text, (90, 90, 90))
                    item.setText(text)
                    item.setColor((90, 90, 90))

    def _write_cells(self, block, values, m: float, most: int | None = None, writing: Writing | None = None) -> None:
        """Print each value in its cell (connections with few weights), dark text on light cells, with
        at most ``most`` significant digits (``_same_digits``), or in ``writing`` when given (``_same_unit``)."""
        cells = self.texts.get(block.edge)
        if cells is None:
            return
        fresh = values is not None and np.shape(values) == (block.rows, block.cols)  # (not the last network's)
        if writing is None:
            writing = self._cell_writing(block, values, m, most) if fresh else None  # None: no numbers
        self._writing[block.edge] = writing
        digits = None if writing is None else writing.digits
        self._digits_of = getattr(self, "_digits_of", {})
        self._digits_of[block.edge] = digits
        self._show_unit(block, None if writing is None else writing.unit)
        self._rounded.pop(block.edge, None)
        if digits is not None and digits < self.digits:  # fewer digits than the canvas's: said under the plots
            self._rounded[block.edge] = digits
        elif writing is not None and writing.unit is not None and not says_unit(writing.unit) and \
                any(unit_text(float(v), writing.unit) != cell_text(float(v), self.digits)
                    for v in np.ravel(values)):  # rounded to a unit above 10⁻³: the largest keeps 1 or 2 digits
            self._rounded[block.edge] = len(str(abs(round(float(np.max(np.abs(values))) / writing.unit))))
        self._unit_digits.pop(block.edge, None)
        if writing is not None and says_unit(writing.unit) and fresh and np.size(values):
            # whole numbers of a unit: the largest keeps the digits of its count ("625" ×0.001 for the canvas's
            # 0.6254: 3 of 4; exam_csv's one unit), which the read-out under the plots says beside the canvas's
            count = len(str(abs(round(float(np.max(np.abs(values))) / writing.unit))))
            if count < self.digits:
                self._unit_digits[block.edge] = count
        unknown = getattr(self, "_unknown", {}).get(block.edge) if fresh else None  # (held back: "?")
        for j, row in enumerate(cells):
            for i, item in enumerate(row):
                if writing is None:
                    text, ink = "", None
                elif unknown is not None and unknown[j, i]:
                    text, ink = NOT_YET, (90, 90, 90)
                else:
                    v = float(values[j, i])
                    text, ink = writing.text(v), (255, 255, 255) if abs(v) > 0.6 * m else (20, 20, 20)
                self._set_font(item, writing is not None and writing.small)
                if getattr(item, "shown", None) != (text, ink):  # re-laying out a text item is costly
                    item.shown = (text, ink)
                    item.setText(text)
                    if ink is not None:
                        item.setColor(ink)

    def _same_digits(self) -> None:
        """Every connection's cells with the digits of the one that holds fewest (their numbers are
        one picture: "−6e−6" beside "8.112e−6" read as known to 1 and 4 digits)."""
        chosen = {edge: d for edge, d in getattr(self, "_digits_of", {}).items()
                  if d is not None and edge not in self._pending}
        if len(set(chosen.values())) < 2:
            return
        least = min(chosen.values())
        for block in self.blocks:
            if chosen.get(block.edge, least) > least and block.edge in self.images:
                self._write_cells(block, self.images[block.edge].image, self._levels.get(block.edge, 1.0), least)

    def _same_unit(self) -> None:
        """On one colour scale, every connection's cells in one unit where some are in units: the least of
        theirs, where every cell still holds its number (three_classes_softmax at 1024×700: x → h's "−11"
        (×0.1) beside h → y's "71" (×0.01) read as the smaller gradient beside the larger, against the
        colours; in one unit x → h writes "−109"). A connection written out joins when its largest reads
        10 or more of that unit (as a unit's own largest does: it keeps two digits), and at most
        ``MOST_UNIT_DIGITS`` digits. What cannot be one stays, and the line under the plots says the units differ."""
        written = {edge: w for edge, w in self._writing.items() if w is not None and edge not in self._pending}
        units = {edge: w.unit for edge, w in written.items() if w.unit is not None}
        if not self.shared_toggle.isChecked() or not units or len(written) < 2:
            return
        least = min(units.values())
        for block in self.blocks:
            if block.edge not in written or units.get(block.edge) == least or block.edge not in self.images:
                continue
            values = self.images[block.edge].image
            largest = round(float(np.max(np.abs(values))) / least) if values is not None and values.size else 0
            if not 10 <= largest < 10 ** MOST_UNIT_DIGITS:  # ("−11000", or a written-out "0.0004" as "≈0")
                continue
            texts = [unit_text(float(v), least) for v in np.ravel(values)]
            small = next((small for small in (False, True) if not self._cells_short(block, texts, small)), None)
            if small is not None:
                self._write_cells(block, values, self._levels.get(block.edge, 1.0), writing=Writing(None, small, least))

    def _cell_writing(self, block, values, m: float, most: int | None = None) -> Writing | None:
        """The first writing (``heatmap_writing``) whose numbers fit ``block``'s cells: ``digits_to_try``
        (the canvas's digits first, at most ``most``) in the cells' font, then in the small one, then in
        units in either; None when none fits (no numbers)."""
        texts = [float(v) for v in np.ravel(values)]
        tries = [Writing(d, small) for small in (False, True) for d in digits_to_try(m, self.digits)
                 if most is None or d <= most]
        unit = unit_for(texts)
        if unit is not None:  # (a unit above 10⁻³ writes the numbers rounded to it: then to one digit fewer)
            units = [unit] if says_unit(unit) else [unit, unit * 10]
            tries += [Writing(None, small, u) for u in units for small in (False, True)]
        return next((w for w in tries if not self._cells_short(block, [w.text(v) for v in texts], w.small)), None)

    def _show_unit(self, block, unit: float | None) -> None:
        """The plot's title says the unit its cells are written in (None: plain numbers)."""
        plot = self.images[block.edge].getViewBox().parentItem()
        words = unit_words(unit) if says_unit(unit) else ""
        if getattr(plot, "cell_unit", "") != words:
            plot.cell_unit = words
            fit_ticks(plot, block)

    def set_digits(self, digits: int) -> None:
        """The canvas's significant digits changed (View → Digits on Canvas): the cells write theirs so too."""
        self.digits = int(digits)
        for block in [b for b in self.blocks if b.edge in self.texts]:
            self._refresh_cells(block)

    def _refresh_cells(self, block) -> None:
        """The plot was resized: numbers may now fit in the cells, or no longer."""
        if block.edge in self._pending:
            self._not_yet(block)
        elif self._drawn and block.edge in self.images:
            self._write_cells(block, self.images[block.edge].image, self._levels.get(block.edge, 1.0))
            for other in self.blocks:  # its digits may no longer be the fewest: all again, then the same
                if other is not block and other.edge in self.images and other.edge not in self._pending:
                    self._write_cells(other, self.images[other.edge].image, self._levels.get(other.edge, 1.0))
            self._same_digits()
            self._same_unit()
            self._tick_bars()  # (the bar's ends in the cells' unit, or plain: its width stays)
        self._say_cells()

    def _cells_fit(self, block, texts: list[str] | None = None) -> bool:
        """True when each cell of ``block``'s heatmap is big enough on screen for the widest of
        ``texts`` (default: what its cells would print now) with a gap to its neighbour's."""
        return not self._cells_short(block, texts)

    def _cells_short(self, block, texts: list[str] | None = None, small: bool = False) -> str:
        """How ``block``'s cells are too small for ``texts`` in the cells' font (``small``: the small
        one; see ``_cells_fit``): "" (they fit), "narrow", "low" or "small" (both). Without ``texts``:
        "" while its cells show their numbers, else how they fall short of the most compact writing
        (its numbers in units, "?" while pending, in the small font)."""
        if texts is None:
            shown = any(item.toPlainText() for row in self.texts.get(block.edge, []) for item in row)
            if shown:
                return ""
            image = self.images[block.edge].image
            unit = unit_for(np.ravel(image)) if self._drawn and image is not None else None
            texts = [NOT_YET] if block.edge in self._pending else \
                [Writing(None, True, unit).text(float(v)) if unit is not None else cell_text(float(v), 1)
                 for v in np.ravel(image)] if self._drawn and image is not None else []
            small = True
        shown = any(item.toPlainText() for row in self.texts.get(block.edge, []) for item in row)
        metrics, high = (self._small_metrics, self._small_ink + SMALL_CELL_MARGIN) if small else \
            (self._cell_metrics, self._cell_ink + CELL_MARGIN)
        widest = max((metrics.horizontalAdvance(t) for t in texts), default=0)
        gap = KEEP_GAP if shown else CELL_GAP
        return cell_room(self.images[block.edge].getViewBox(), widest + gap, high)

    def cell_need(self, block) -> float | None:
        """The pixels across each cell of ``block`` needs for the widest of its shortest numbers with a
        gap (``_cells_short``), or None when its cells print no numbers at any width (too many weights,
        or rows lower than a number's ink)."""
        view_box = self.images[block.edge].getViewBox()
        if block.edge not in self.texts or view_box is None:
            return None
        if view_box.height() / max(block.rows, 1) < self._cell_ink + CELL_MARGIN - 1e-6:
            return None
        image = self.images[block.edge].image
        texts = [NOT_YET] if block.edge in self._pending or not self._drawn or image is None else \
            [cell_text(float(v), digits_to_try(self._levels.get(block.edge, 1.0))[-1]) for v in np.ravel(image)]
        return max(self._cell_metrics.horizontalAdvance(t) for t in texts) + CELL_GAP

    def cell_texts(self, source: str, target: str) -> list[list[str]] | None:
        """The numbers printed in the cells of ``source`` → ``target`` (None: too many cells for numbers)."""
        cells = self.texts.get((source, target))
        return None if cells is None else [[item.toPlainText() for item in row] for row in cells]

