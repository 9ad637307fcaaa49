"""The gradient-heatmap panel: dL/dW of every connection as an image.

Per connection one ``ImageItem``: rows = target neurons j (top to bottom),
columns = source neurons i, so pixel (j, i) is dL/dw_ji. Signed gradients use the
window's sign colours (``desktop/colours.py``: negative orange, 0 near-white, positive
blue, as on the canvas) with symmetric levels (−m, m), m = max |g| of all the connections
(one shared scale, so that smaller gradients in earlier layers look smaller, read on one
colour bar beside all the plots; a check box gives each connection its own m and its own
bar instead), rounded up to a 1-2-5 number (at least ``MIN_LEVEL``) and kept while it
fits (so the colour bar is not redrawn every frame), shown by a ``ColorBarItem`` with three ticks
(−m, 0, m, in the cells' notation; a tiny m, and the caption begins "Tiny gradients: full colour at only ±2e−5",
``heatmap_plot.tiny_words``); the running mean of |g| uses white → grey with levels (0, m).
A connection with at most ``MAX_TEXT_CELLS`` weights prints each value in its cell (``heatmap_cells``:
written out, in a smaller font, or in units its title names, ``heatmap_writing``; the line under the
plots says so, or why some cells have no number). A frame costs little: an image whose values and levels
did not change is not drawn again, a cell's text is set only when it changes, and a snapshot already
drawn is skipped. The plots share the panel as ``heatmap_layout`` says: every row at least as high as
its numbered cells need where the panel's height holds them, else every row of cells in view with the cells
too low for numbers blank (``heatmap_heights``); only when not even that fits does the panel scroll. The controls take one row and the lines above and under the plots one line each in a
low panel (a laptop's), so the plots keep the height. Hovering a pixel shows the neuron pair and the
value (tooltip and the line under the plots).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from core.notation import format_number
from desktop.eliding_label import ElidingLabel
from desktop.naming import name
from desktop.reveal import NOT_YET

from .heatmap_cells import HOVER_LINES, HeatmapCells
from .heatmap_layout import PLOTS_MARGIN, PLOTS_SIDE, HeatmapLayout
from .heatmap_plot import (GradientImage, cell_items, colour_bar, connection_plot, scale_text, scale_ticks, tiny_terse,
                           tiny_words)
from .fitting_label import FittingLabel
from .heatmap_words import HOVER_HINT, MAX_TEXT_CELLS, NO_NUMBERS, caption_forms
from .heatmap_writing import unit_text, unit_words
from .plotting import diverging_map, finite_image, magnitude_map, set_bar_ticks, symmetric_limit
from .ranges import steady_level

MODES = {
    "traced": "Traced input's dL/dw",  # the gradient the canvas and the chain rule explain (the default)
    "latest": "Last step's dL/dw",
    "magnitude": "Running mean |dL/dw|",
}
#: the smallest colour scale: gradients below it are "about 0" (white), not noise blown up
MIN_LEVEL = 1e-6
#: the caption's first words when every dL/dw drawn is exactly 0 (its shortest form keeps "Every dL/dw is exactly 0.")
EXACTLY_ZERO = "Every dL/dw is exactly 0 (no rounding: the bar's ends are only its least scale). "
#: the key of the shared colour scale among the per-connection ones
SHARED = ("", "")


class HeatmapPanel(HeatmapLayout, HeatmapCells, QWidget):
    #: the "colour canvas edges by gradient" toggle changed
    canvas_colouring_changed = Signal(bool)

    #: a panel lower than this writes the lines above and under the plots on one line each (all in their tooltips)
    COMPACT_BELOW = 300
    MODE_TIP = "What the heatmaps show: the traced input's dL/dw, the last training step's, or their running mean"
    STEPPING_TIP = ("During the step-through the heatmaps show this step's dL/dw; the choice you made comes back "
                    "when the step-through ends")
    HOVER_HINT, NO_NUMBERS = HOVER_HINT, NO_NUMBERS  # (``heatmap_words``)
    BLANK = f"Blank: {NOT_YET}, not reached by Backward yet."

    def __init__(self, parent=None):
        super().__init__(parent)
        self.mode_box = QComboBox()
        for key, text in MODES.items():
            self.mode_box.addItem(text, key)
        self.mode_box.currentIndexChanged.connect(self._redraw)
        self.mode_box.setToolTip(self.MODE_TIP)
        self._chosen_mode: str | None = None  # the student's mode, kept while a step-through shows "traced"
        self.canvas_toggle = QCheckBox("Canvas edges show dL/dw")
        self.canvas_toggle.setToolTip("Colour and label the canvas's edges by dL/dw for the traced input instead of "
                                      "by their weights")
        self.mode_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.mode_box.setMinimumContentsLength(12)  # the panel fits a small window
        name(self.mode_box, "heatmaps_mode", "Heatmap shows")
        name(self.canvas_toggle, "heatmaps_colour_canvas", "Canvas edges show dL/dw")
        self.canvas_toggle.toggled.connect(self.canvas_colouring_changed)
        self.shared_toggle = QCheckBox("One colour scale")
        self.shared_toggle.setChecked(True)
        self.shared_toggle.setToolTip("One colour scale for every connection, so that their gradients compare "
                                      "(off: each connection scaled to its own largest |dL/dw|, with its own bar)")
        name(self.shared_toggle, "heatmaps_shared_scale", "One colour scale for all connections")
        self.shared_toggle.toggled.connect(self._rebuild)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.plots.ci.setContentsMargins(PLOTS_SIDE, PLOTS_MARGIN, PLOTS_SIDE, PLOTS_MARGIN)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.plots)
        self.scroll.installEventFilter(self)  # its height: the plots laid out to fit it (``_fit_height``)
        #: under the plots: the hovered cell, else why some cells have no number, else how to read a cell
        self.hover_label = ElidingLabel(self.HOVER_HINT)
        self.hover_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens
        self._hovering = False
        self.hover_label.setWordWrap(True)
        #: what the heatmaps show now, in words (the traced input, or the training step)
        #: the longest of its forms that fits (``caption_forms``: one line in a low panel), all of it in the tooltip
        self.what = FittingLabel("", max_lines=2)
        self.what.setStyleSheet("color: #555;")
        toggles = QVBoxLayout()  # stacked beside the mode: the controls take one row of a low panel
        toggles.setSpacing(0)
        toggles.addWidget(self.canvas_toggle)
        toggles.addWidget(self.shared_toggle)
        top = QHBoxLayout()
        top.addWidget(self.mode_box, 1, Qt.AlignmentFlag.AlignTop)  # the width the toggles leave
        top.addLayout(toggles)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.what)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.hover_label)
        self.blocks = []
        self._built_columns = 0
        self.images: dict[tuple[str, str], GradientImage] = {}
        #: the colour bar each connection is read against (the same one for all on one colour scale)
        self.bars: dict[tuple[str, str], pg.ColorBarItem] = {}
        #: per connection with few weights: a text item per cell, [j][i]
        self.texts: dict[tuple[str, str], list[list[pg.TextItem]]] = {}
        self._snap = None
        self._traced: tuple[np.ndarray, str, str] | None = None  # (flat dL/dθ, what it is for, its weights in brief)
        self._drawn = False
        self._levels: dict[tuple[str, str], float] = {}
        self._pending: set[tuple[str, str]] = set()  # connections whose cells read "?" (not computed yet)
        self.digits = 4  #: the canvas's significant digits, which the cells write when they fit
        self._rounded: dict[tuple[str, str], int] = {}  # connections whose cells have fewer: their digits
        self._init_cells()
        self._maps = {"traced": diverging_map(), "latest": diverging_map(), "magnitude": magnitude_map()}

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.blocks and self.columns() != self._built_columns:
            QTimer.singleShot(0, self._relayout)
        elif self.blocks and event.size().width() != event.oldSize().width():
            self._set_floors([0.0] * self._built_columns)  # shared out again for the new width (``_share_width``)
        compact = self.height() < self.COMPACT_BELOW
        self.hover_label.setWordWrap(not compact)
        line = self.what.fontMetrics().height()
        tall = HOVER_LINES * self.hover_label.fontMetrics().lineSpacing() + 2  # (its height never follows its words)
        self.hover_label.setMinimumHeight(0 if compact else tall)
        self.hover_label.setMaximumHeight(line + 2 if compact else tall)
        self.what.set_max_lines(1 if compact else 2)
        self._fit_caption()
        if self.blocks:
            self._say_cells()  # the form of the line under the plots that fits its new width

    def eventFilter(self, watched, event) -> bool:
        """The scroll area shown or its height changed: lay the plots out for its height, once the layout
        has settled (``HeatmapLayout._fit_height``)."""
        if watched is self.scroll and (event.type() == QEvent.Type.Show or event.type() == QEvent.Type.Resize
                                       and event.size().height() != event.oldSize().height()):
            QTimer.singleShot(0, self._fit_height)
        return super().eventFilter(watched, event)

    def _say_what(self, forms) -> None:
        """The caption: ``forms`` (``caption_forms``, most words first; a str: one form)."""
        forms = [forms] if isinstance(forms, str) else forms
        self.what.set_texts(forms)
        self.what.setToolTip(forms[0])
        self._fit_caption()

    def _fit_caption(self) -> None:
        """The caption as high as the form it shows: one line in a low panel, more when even its shortest
        form needs them (a line's height cut a two-line "Tiny gradients: …" to the lower half of its letters)."""
        if self.height() >= self.COMPACT_BELOW:
            self.what.setMaximumHeight(16777215)
            return
        line = self.what.fontMetrics().height() + 2
        self.what.setMaximumHeight(max(line, self.what.height_for(1)))

    @property
    def mode(self) -> str:
        return self.mode_box.currentData()

    def set_mode(self, mode: str) -> None:
        self.mode_box.setCurrentIndex(list(MODES).index(mode))

    def follow_step_through(self, stepping: bool) -> None:
        """While stepping, show this step's dL/dw ("traced": a connection's cells read "?" until
        Backward reaches it; another mode would show what training computed ahead) and lock the
        mode box; when the step-through ends or is cancelled, the mode the student chose comes back."""
        if stepping:
            if self._chosen_mode is None:
                self._chosen_mode = self.mode
            if self.mode != "traced":
                self.set_mode("traced")
            self.mode_box.setEnabled(False)
            self.mode_box.setToolTip(self.STEPPING_TIP)
        elif self._chosen_mode is not None:
            chosen, self._chosen_mode = self._chosen_mode, None
            self.mode_box.setEnabled(True)
            self.mode_box.setToolTip(self.MODE_TIP)
            if self.mode != chosen:
                self.set_mode(chosen)

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        blocks = network.parameter_layout().weight_blocks if network is not None else []
        self._traced = None
        self._traced_words = ""  # why nothing is traced (``show_traced`` without a gradient)
        self._drawn = False
        self._say_what("")
        self._snap = None
        if blocks and blocks == self.blocks:  # same structure: keep the plots, blank the images
            self._blank()
            return
        self.blocks = blocks
        self._build()

    def _build(self) -> None:
        """One plot per connection, as many to a row as the width holds (``columns``), with one
        colour bar right of them all (one colour scale) or one beside each plot."""
        self.plots.clear()
        self.images.clear()
        self.bars.clear()
        self.texts.clear()
        self._levels.clear()
        self._pending.clear()  # the bars are new
        self._rounded.clear()
        self._unit_digits.clear()
        cmap = self._maps[self.mode]
        shared = self.shared_toggle.isChecked()
        columns = self._built_columns = self.columns()
        rows = -(-len(self.blocks) // columns) if self.blocks else 0
        for k, block in enumerate(self.blocks):
            plot, image = connection_plot(self.plots, block, k // columns, k % columns, cmap, self._hovered)
            self.images[block.edge] = image
            if not shared:
                self.bars[block.edge] = colour_bar(cmap)
                self.bars[block.edge].setImageItem(image, insert_in=plot)
            if block.size <= MAX_TEXT_CELLS:
                self.texts[block.edge] = cell_items(plot, block)
                plot.getViewBox().sigResized.connect(lambda *_, b=block: self._refresh_cells(b))
            plot.getViewBox().sigResized.connect(self._share_width_soon)
        self._lay_out_grid(columns, rows)
        self._floors: list[float] = []
        if shared and self.blocks:  # a legend for all the images, which set their own levels
            bar = colour_bar(cmap)
            self.plots.addItem(bar, row=0, col=columns, rowspan=rows)
            self.bars = {block.edge: bar for block in self.blocks}
        self._say_cells()

    def _relayout(self) -> None:
        """The panel's width changed how many plots fit in a row: lay them out again."""
        if self.blocks and self.columns() != self._built_columns:
            self._rebuild()

    def _rebuild(self) -> None:
        """One colour scale on or off: the plots again with their bar(s), and the picture redrawn."""
        self._build()
        self._redraw()

    def show_snapshot(self, snap) -> None:
        if snap is self._snap:
            return  # drawn already
        self._draw_snapshot(snap)

    def _draw_snapshot(self, snap) -> None:
        self._snap = snap
        if self.mode == "traced":
            return
        magnitude = self.mode == "magnitude"
        gradient = snap.gradient_magnitude if magnitude else snap.gradient
        if gradient is None:  # a run's snapshot sent before the window asked for gradients: the next one has them
            self._blank()
            self._say_what("")
            return
        self._draw(gradient, magnitude)
        what = (f"the running mean of |dL/dw| over the training steps so far (step {snap.step})" if magnitude else
                f"dL/dw of the last training step's mini-batch (step {snap.step}), at the weights before that step")
        self._say_what(caption_forms(what, self._tiny(), scale=self.scale_words()))

    def show_traced(self, gradient: np.ndarray | None, words: str, weights: str = "") -> None:
        """dL/dθ (flat) for the input the canvas traces, and what it is for in words ("for sample 0, at the
        weights after step 1"), with ``weights`` the few words of its weights a short caption keeps ("weights after
        step 1"; "": none); drawn in "traced" mode."""
        self._traced = None if gradient is None else (gradient, words, weights)
        self._traced_words = words if gradient is None else ""  # (without a gradient: why nothing is traced)
        if self.mode == "traced":
            self._draw_traced()

    def _draw_traced(self) -> None:
        if self._traced is None:
            self._blank()
            self._say_what(f"dL/dw for the traced input: nothing traced ({self._traced_words or 'no data yet'})")
            return
        gradient, words, weights = self._traced
        self._draw(gradient, magnitude=False)
        pending = f" {self.BLANK}" if self._pending else ""
        self._say_what(caption_forms(f"dL/dw {words}", self._tiny(), " (as the canvas and the chain rule)",
                                     self.scale_words(), pending, weights, self._tiny(terse=True)))

    def _tiny(self, terse: bool = False) -> str:
        """The caption's first words when the largest scale drawn is tiny (``tiny_words``; ``terse``: in a few
        words, ``tiny_terse``), or when every value drawn is exactly 0 (``EXACTLY_ZERO``: guided_chain_rule
        trained to its targets showed cells of "0" on a bar of ±0.000001, which read as rounded), else ''."""
        drawn = [self.images[b.edge] for b in self.blocks if b.edge not in self._pending]  # (pending: tells nothing)
        shown = any(image.image is not None and np.any(image.image) for image in drawn)  # all 0: not "tiny"
        if self.mode == "traced" and self._drawn and drawn and not shown:  # (other modes' zeros may be "no step yet")
            return "" if terse else EXACTLY_ZERO
        words = tiny_terse if terse else tiny_words
        return words(max(float(image.levels[1]) for image in drawn), self.mode == "magnitude") if shown else ""

    def scale_words(self) -> str:
        """The colour scale in words: shared (with its ±m) or one per connection."""
        if self.shared_toggle.isChecked() and self._pending and len(self._pending) == len(self.blocks):
            return f"one colour scale for all: {NOT_YET} (appears when Backward reaches a layer)"  # its size would tell the gradients
        if self.shared_toggle.isChecked() and SHARED in self._levels:
            m = scale_text(self._levels[SHARED])
            low = "0" if self.mode == "magnitude" else f"−{m}"
            return f"one colour scale for all: {low} … {m}"
        return "each connection has its own colour scale"

    def _blank(self) -> None:
        """Empty images and cells (nothing to show in this mode)."""
        self._drawn = False
        self._pending.clear()
        for block in self.blocks:
            self.images[block.edge].setImage(np.zeros((block.rows, block.cols)), levels=(-1.0, 1.0))
            self._write_cells(block, None, 1.0)
        self._show_scales()

    def _draw(self, source: np.ndarray, magnitude: bool) -> None:
        if source.size < sum(b.size for b in self.blocks):
            return
        self._drawn = True
        taken = {block.edge: block.take(source) for block in self.blocks}
        images = {edge: finite_image(values) for edge, values in taken.items() if not np.isnan(values).all()}
        # some numbers of a block known, the rest not (a lesson shows the dL/dw its student answered): "?" cells
        self._unknown = {edge: np.isnan(taken[edge]) for edge in images if np.isnan(taken[edge]).any()}
        shared = None
        if self.shared_toggle.isChecked() and images:
            largest = max(float(np.abs(values).max()) if values.size else 0.0 for values in images.values())
            shared = steady_level(self._levels.get(SHARED), max(largest, MIN_LEVEL))
            self._levels[SHARED] = shared
        for block in self.blocks:
            if block.edge not in images:  # not computed in this step-through phase yet
                self._not_yet(block)
                continue
            self._pending.discard(block.edge)
            values = images[block.edge]
            m = shared if shared is not None else \
                steady_level(self._levels.get(block.edge), max(symmetric_limit(values), MIN_LEVEL))
            levels = (0.0, m) if magnitude else (-m, m)
            image = self.images[block.edge]
            if image.image is not None and np.array_equal(image.image, values) and image.levels is not None \
                    and tuple(image.levels) == levels:
                continue  # the same picture: nothing to draw
            image.setImage(values, levels=levels)
            bar = self.bars[block.edge]
            if self._levels.get(block.edge) != m or tuple(bar.levels()) != levels:  # a new scale: redraw the bar's axis
                self._levels[block.edge] = m
                bar.setLevels(levels)
                set_bar_ticks(bar, *levels, ticks=scale_ticks(*levels))
            self._write_cells(block, values, m)
        self._same_digits()
        self._same_unit()
        self._tick_bars()
        self._show_scales()
        self._say_cells()
        self._share_width_soon()  # new numbers may need other widths

    def _tick_bars(self) -> None:
        """A colour bar whose connections' cells are all written in one unit writes its ends in that unit
        too ("50 / 0 / −50" beside cells of "×0.01": its "0.5" read against cells of "44" told nothing), and
        its tooltip says so; otherwise in plain numbers (``scale_ticks``). Its axis keeps room for its ends
        in every unit the values may take (``may_take_units``), so that the bar's width, which the plots'
        layout takes first, never changes when a resize changes how the cells are written."""
        units = self.cell_units()
        for bar in set(self.bars.values()):
            drawn = [edge for edge, b in self.bars.items() if b is bar and edge not in self._pending]
            low, high = (float(v) for v in bar.levels())
            plain = scale_ticks(low, high)
            reserve = tuple(unit_text(v, u) for u in self.may_take_units(drawn) for v in (low, high))
            ticks, tip = plain, ""
            said = {units.get(edge) for edge in drawn}
            if drawn and len(said) == 1 and None not in said:
                unit = said.pop()
                ticks = [[(v, "0" if v == 0 else unit_text(v, unit)) for v, _ in plain[0]]]
                tip = (f"The colour bar in the cells' unit ({unit_words(unit)}, as the plots' titles say): "
                       f"{ticks[0][-1][1]} means {scale_text(high)}.")
            if getattr(bar, "shown_ticks", None) != (ticks, reserve):
                bar.shown_ticks = (ticks, reserve)
                set_bar_ticks(bar, low, high, ticks=ticks, reserve=reserve + tuple(t for _, t in plain[0]))
                bar.setToolTip(tip)

    def _show_scales(self) -> None:
        """A colour bar writes its scale unless every connection read against it is not computed yet
        (its size would tell the size of what is not known yet)."""
        for bar in set(self.bars.values()):
            shown = any(edge not in self._pending for edge, b in self.bars.items() if b is bar)
            if getattr(bar, "values_shown", True) != shown:
                bar.values_shown = shown
                bar.axis.setStyle(showValues=shown)

    def values(self, source: str, target: str) -> np.ndarray | None:
        """The matrix the heatmap of ``source`` → ``target`` shows now (None before a snapshot)."""
        image = self.images.get((source, target))
        return None if image is None or not self._drawn else image.image.copy()

    def _redraw(self) -> None:
        cmap = self._maps[self.mode]
        for bar in set(self.bars.values()):
            bar.setColorMap(cmap)
        for image in self.images.values():  # the one bar of a shared scale is a legend: the images keep their own
            image.setColorMap(cmap)
        self._levels.clear()
        if self.mode == "traced":
            self._draw_traced()
        elif self._snap is not None:
            self._draw_snapshot(self._snap)
        else:  # nothing trained yet: no picture of another mode under this one's name
            self._blank()
            self._say_what("")

    def _hovered(self, image, j, i) -> None:
        if j is None:
            image.setToolTip("")
            self._hovering = False
            self._say_cells()
            return
        self._hovering = True
        block = image.block
        value = float(image.image[j, i])
        what = "mean |dL/dw|" if self.mode == "magnitude" else "dL/dw"
        unknown = getattr(self, "_unknown", {}).get(block.edge)
        number = (f"{NOT_YET} (appears when Backward reaches {block.target})" if block.edge in self._pending
                  else f"{NOT_YET} (the lesson holds it back)" if unknown is not None and unknown[j, i]
                  else format_number(value, 6))
        text = f"{block.target}[{j}] ← {block.source}[{i}]: {what} = {number}"
        image.setToolTip(text)
        self.hover_label.setText(text)
