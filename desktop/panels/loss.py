"""The loss panel: the loss per step and per epoch, and accuracy per epoch, against the step.

Two plots in one ``GraphicsLayoutWidget`` sharing the x axis (step number); the
right-click menu exports them to PNG/SVG/CSV. Top: the mini-batch loss of every
step (thin grey; each measured before its step's update), the mean loss of each epoch's
batches (black, markers at the step where the epoch ended) and the validation loss
(pink, Okabe & Ito's reddish purple); both begin at step 0 with the loss on all the training (validation) data before
training (``Snapshot.start_evaluation``). Bottom (classification only): training and
validation accuracy per epoch, in the same colours, from step 0 too. The legend is a row above the
plots, beside the Log scale box and the Runs button or, in a narrow panel, under them
(``desktop.panels.loss_header``), never on the data, and lists "validation" only when the
network holds samples out for validation. Curves are made once; afterwards only ``setData``. A curve of one point is drawn as a dot. Log scale (y)
is a toggle; in log scale points ≤ 0 are left out.

The line under the plots says what each figure is, so it never contradicts the status bar
(whose numbers are measured on all the data at the end of a run). During a step-through it
asks ``pending`` (``ViewState.pending_figure``, given by the training UI) for each figure
where it writes it: a loss or an accuracy before the Loss phase reads "? (appears in the Loss phase)".
Its words and the legend's are ``desktop.panels.loss_words``.

**Compare runs** (earlier runs overlaid, named in the legend by the settings that differ) is the
mixin ``CompareRuns`` (``desktop.panels.compare_runs``). ``keep_snapshot`` lets the training UI hand
the panel the snapshots it draws nothing for while hidden, so that a run stays comparable.
"""

from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QVBoxLayout, QWidget

from core.task import is_classifier
from desktop import colours
from desktop.naming import name

from .accuracy_ticks import ACCURACY_TICKS, accuracy_ticks, axis_text_height  # noqa: F401 (ACCURACY_TICKS: tests)
from .best_epoch import BestEpochMarker
from .compare_runs import CompareRuns
from .curve_data import has_validation, set_data, set_symbol
from .early_stop_note import early_stop_forms
from .empty_plot_note import EmptyPlotNote
from .fitting_label import FittingLabel
from .gradient_lines import GradientLines
from .loss_after_step import after_step, full_batch, step_axis_help, step_axis_title, with_end
from .loss_header import LossHeader
from .loss_now import RING, NowPoint, now_loss
from .loss_room import LossRoom
from desktop.reveal import after_steps
from desktop.view_numbers import NO_DATA
from desktop.weights_words import maybe_trained_file, restart_words

from .loss_words import (BATCH_LABEL, LEGEND_HELP, NOW_LABEL, SHORT_LABELS, TRAIN_LABEL, VALIDATION_LABEL,
                         UNFIT_PLOT, start_texts, summary_texts, unfit_texts)
from .legend_label import LegendLabel
from .plotting import (STEP_END_ROOM, AlignedAxes, cache_axes, epoch_curve, finite_xy, lazy_menu_view,
                       step_axes)
from .ranges import RangeKeeper

#: epochs are marked with symbols while there are at most this many
MAX_MARKERS = 40
#: a curve with at most this many points gets a dot per point (one point draws no line)
MAX_DOTS = 3

#: the line of figures under the plots takes at most this many lines when a shorter form of it fits
SUMMARY_LINES = 3
#: the early-stopping note's lines at most (its shortest form, whole, if none fits)
NOTE_LINES = 2
#: pixels of the left axes at least (they are as wide as the widest title and tick labels need,
#: all the same: the linked step axes of the plots line up)
LEFT_AXIS_WIDTH = 56
#: the plots' height (pixels) when the panel has room (``desktop.panels.loss_room`` shares a crowded one)
MIN_PLOT_HEIGHT = 100
#: pixels of margin above and below the plots (pyqtgraph's 9 each cost the loss plot 14 px of height
#: at 1024×700, where it was about 77 px tall)
PLOTS_MARGIN = 2
#: the accuracy plot's share of the two plots' heights (their axes not counted): the loss curve, noisy
#: and close to its neighbours, needs the height; the accuracy, from 0 to 100 %, reads on less
ACCURACY_SHARE = 0.25
#: pixels of the accuracy plot's height at least (axes not counted): its "0 %", "50 %", "100 %" apart
ACCURACY_MIN_HEIGHT = 32
#: the mean |dL/dw| plot's share of the plots' minimum height, when shown
GRADIENT_PLOT_HEIGHT = 160


#: a running snapshot rewrites the line under the plots at most this often (seconds)
LIVE_CAPTION_S = 0.5


class LossPanel(CompareRuns, QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._no_data = False  # the network cleared to has no dataset (``clear``)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.legend = LegendLabel()
        self.empty_note = EmptyPlotNote(self.plots, "loss_empty_note", "Why the loss plot is empty", (self.legend,))
        # (the step axes' last labels may reach into the 9 px right of the plots)
        self.loss_plot = self.plots.addPlot(row=0, col=0, axisItems=step_axes(STEP_END_ROOM), viewBox=lazy_menu_view())
        self.accuracy_plot = self.plots.addPlot(row=1, col=0, axisItems=step_axes(STEP_END_ROOM),
                                                viewBox=lazy_menu_view())
        self.plots.ci.setContentsMargins(9, PLOTS_MARGIN, 9, PLOTS_MARGIN)
        self.plots.ci.layout.setRowStretchFactor(0, 3)
        self.plots.ci.layout.setRowStretchFactor(1, 1)
        self.loss_plot.setLabel("left", "loss")
        self.accuracy_plot.setLabel("left", "accuracy")
        self._step_title = ""
        self.accuracy_plot.setXLink(self.loss_plot)
        self.accuracy_plot.setYRange(0, 1.0, padding=0.05)
        self.accuracy_plot.setMouseEnabled(y=False)
        self.accuracy_plot.getAxis("left").setTicks([ACCURACY_TICKS[0]])
        self.left_axes = AlignedAxes(LEFT_AXIS_WIDTH)  # equal widths: the step axes line up
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            self.left_axes.add(plot.getAxis("left"))
            cache_axes(plot)
        # "0 %" and "100 %" sit on the ends of a short axis: let them overflow it (an axis with
        # grid lines would clip them to the plot)
        self.accuracy_plot.showGrid(x=True, y=False)
        self.accuracy_plot.getAxis("left").setStyle(hideOverlappingLabels=False)
        self.accuracy_plot.getViewBox().sigResized.connect(self._fit_accuracy_axis)
        for plot in (self.loss_plot, self.accuracy_plot):
            plot.getViewBox().sigResized.connect(self._share_height)
        batch, train, val = (colours.rgb(c) for c in (colours.BATCH, colours.TRAIN, colours.VALIDATION))
        pen = lambda c: pg.mkPen(c, width=1)  # noqa: E731
        # the markers' pen and brushes made once: pyqtgraph's symbol atlas knows a symbol by these objects,
        # so colours given as values drew every marker anew (and grew the atlas) at each setData
        brush = {c: pg.mkBrush(c) for c in (batch, train, val)}
        no_pen = pg.mkPen(None)
        self.step_curve = self.loss_plot.plot(pen=pen(batch), symbolBrush=brush[batch], symbolPen=no_pen, symbolSize=5)
        # every point drawn (at most 4,096: ``core.history.RecentBuffer``): pyqtgraph's downsampling ("peak")
        # drew no cheaper, put each pair at its chunk's middle step and left out the newest len % ds points
        self.step_curve.setClipToView(True)
        self.train_curve = self.loss_plot.plot(pen=pen(train), symbol="o", symbolSize=4, symbolBrush=brush[train],
                                               symbolPen=no_pen)
        self.val_curve = self.loss_plot.plot(pen=pen(val), symbol="t", symbolSize=6, symbolBrush=brush[val],
                                             symbolPen=no_pen)  # t: ▼
        self.train_acc_curve = self.accuracy_plot.plot(pen=pen(train), symbolBrush=brush[train], symbolPen=no_pen,
                                                       symbolSize=4)
        self.val_acc_curve = self.accuracy_plot.plot(pen=pen(val), symbolBrush=brush[val], symbolPen=no_pen, symbolSize=5)
        self._legend_samples = {BATCH_LABEL: (batch, "━━"), TRAIN_LABEL: (train, "━●━"), VALIDATION_LABEL: (val, "━▼━")}
        self.now_point = NowPoint(self.loss_plot)  # the loss on all the data after a finished run
        self._now_known = False
        self._ring_shown = False
        self.range = RangeKeeper(self.loss_plot)
        #: during a step-through before its Loss phase: the losses from this step on are not drawn yet
        self.hidden_from: int | None = None
        #: pending(quantity) → the words in place of a figure not revealed yet ("loss", "accuracy"), None when it may be shown: ``ViewState.pending_figure`` (set by the training UI)
        self.pending = lambda quantity, index=None: None
        #: held(quantity, index) → the words while a lesson (or predict mode) holds a figure back whatever the
        #: phase, None when nothing holds it: ``ViewState.held_figure`` (set by ``follow``); a loss measured at
        #: weights whose loss is held is drawn nowhere (``_known``)
        self.held = lambda quantity, index=None: None
        self.holds = lambda: frozenset()  # what holds figures back now (``ViewState.hidden``; set by ``follow``)
        self.saved = lambda: ""  # what a file opened as saved does not keep (``restart_words``; set by ``follow``)
        self._holds = frozenset()  # ``holds()`` as the plots were last drawn with
        #: a guided lesson's words in place of the invitation to train while it holds training back ("": none)
        self.training_waits = ""
        self._summary_snap = None  # the snapshot the line under the plots tells
        self._caption_due = 0.0  # (monotonic s) when a running snapshot's figures may rewrite that line again
        self._unfit: list[str] = []  # ``unfit_texts`` of the network cleared to
        self.best_epoch = BestEpochMarker(self.loss_plot, self._show_legend)  # the epoch early stopping counts from
        self.gradient_lines = GradientLines(self.plots, self.loss_plot, self.left_axes)  # mean |dL/dw| per layer (row 2)
        self.gradient_lines.held_at = self.held_at
        self._title_step_axes(False)
        # a toggle in the View menu (the window adds it), not one more box in the row under the plots
        self.show_gradients = name(QAction("Mean |dL/dw| per Layer (Loss panel)", self), "loss_gradient_lines")
        self.show_gradients.setCheckable(True)
        self.show_gradients.setToolTip("Show, under the loss, the mean |dL/dw| of each layer's incoming weights "
                                       "at each step (log scale): a layer far below the others learns slowly")
        self.show_gradients.toggled.connect(self._show_gradient_lines)
        self.accuracy_plot.getViewBox().disableAutoRange(axis="y")
        self.log_scale = name(QCheckBox("Log scale"), "loss_log_scale", "Log scale")
        self.log_scale.setToolTip("Show the loss on a logarithmic axis")
        self.log_scale.toggled.connect(self._set_log)
        self._make_compare_runs()  # the Runs button; the compared runs and their curves (made when first needed)
        self.step_curve.setZValue(-2)
        for curve in (self.step_curve, self.train_curve, self.val_curve, self.train_acc_curve, self.val_acc_curve):
            # their points are finite (``finite_xy``): no check per frame. ``connect="all"`` too: pyqtgraph's
            # default ("auto") scans every point for NaN at each setData and then draws them all connected
            curve.setData(connect="all", skipFiniteCheck=True)
        for curve in (self.train_curve, self.val_curve, self.train_acc_curve, self.val_acc_curve):
            # an epoch's markers change once an epoch, the batch curve under them every frame: kept as a
            # picture, they are copied, not drawn again point by point, when the batch curve repaints the plot
            curve.scatter.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.summary = FittingLabel("Press Play to train.", max_lines=SUMMARY_LINES)
        self.summary.setToolTip("The batch loss is measured before its step's update; an epoch's loss and accuracy "
                                "are the mean over its batches as they were trained. The ring ○ at the last step, "
                                "as the status bar's 'now': the loss on all the training data at the weights now, "
                                "after the last update.")
        # the controls beside the legend (the Runs button lists the runs the legend names): the figures
        # under the plots get the panel's whole width
        # (a row of its own under them in a narrow panel: ``desktop.panels.loss_header``)
        self.header = LossHeader(self.legend, [self.log_scale, self.runs_button])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.header)
        layout.addWidget(self.plots, 1)
        layout.addWidget(self.summary)
        self.room = LossRoom(self, self.header, self.plots, self.summary, MIN_PLOT_HEIGHT, SUMMARY_LINES)  # none over another
        self._snap = None
        self._drawn = None  # the snapshot the plots show (``_snap`` may be one kept while hidden)
        self.validation = False
        self._set_legend(False)

    def legend_entries(self) -> list[str]:
        return self.legend.entries()

    def _set_legend(self, validation: bool) -> None:
        """The legend (for both plots: the accuracy curves use the same colours), then the compared runs."""
        self.validation = validation
        self._show_legend()

    def _show_legend(self) -> None:
        best = getattr(self, "best_epoch", None)  # (the marker's line, named here when its label has no room)
        marker = [(colours.rgb(colours.VALIDATION), "┆", best.legend_words)] if best and best.legend_words else []
        if getattr(self, "_ring_shown", False):
            marker.insert(0, (colours.rgb(colours.TRAIN), RING, NOW_LABEL))
        series = [(c, glyph, text) for text, (c, glyph) in self._legend_samples.items()
                  if text != VALIDATION_LABEL or self.validation] + marker
        changed = self.legend.set_entries([(c, glyph, text, SHORT_LABELS.get(text, text)) for c, glyph, text in series]
                                          + self._runs_entries)
        self.legend.set_help(LEGEND_HELP + (".\n\n" + self._runs_help if self._runs_help else ""))
        if changed and getattr(self, "header", None) is not None:
            self.header.refit()  # other entries: the legend may need another row, or shorter names

    # ----------------------------------------------------------------- views
    def clear(self, network=None) -> None:
        """A new run starts: the run that ends here becomes a comparison (``desktop.panels.compare_runs``)."""
        self._start_run(network)
        self._ring_shown = False
        self._set_legend(has_validation(network))
        self._snap = self._drawn = None
        self.best_epoch.hide()
        self.gradient_lines.clear(network)
        self.range.reset()
        for curve in (self.step_curve, self.train_curve, self.val_curve, self.train_acc_curve, self.val_acc_curve,
                      self.now_point.item):
            curve.setData([], [])
        self.show_accuracy(network is not None and is_classifier(network))
        self._summary_snap = None
        self._unfit = unfit_texts(network)  # (a dataset that does not fit: no loss, and why)
        self.empty_note.show_text(UNFIT_PLOT if self._unfit else "")  # (no run's axes or curves left over it)
        self._no_data = network is not None and network.dataset is None
        self._fit_step_axes()
        axis = self.loss_plot.getAxis("left")
        if axis.style["showValues"]:  # no points: no loss scale (it showed invented ticks 0.68 … 0.71: review 24 #5)
            axis.setStyle(showValues=False)
        self.summary.set_texts(self._unfit or [self.training_waits or self._invitation()])

    def _invitation(self) -> str:
        """The line under the plots before a run: ``NO_DATA`` while the network has no data (Play refuses then)."""
        return NO_DATA + "." if self._no_data else "Press Play to train."

    def follow(self, view_state) -> None:
        """Write each figure as ``view_state`` allows (``pending_figure``) and, while a guided lesson holds
        training back, its words in place of "Press Play or Step to train." (``training_waits``)."""
        self.pending = view_state.pending_figure
        self.follow_history(view_state.document.undo_stack)  # (Compare runs: the runs the history holds)
        self.held = view_state.held_figure
        self.holds = lambda: view_state.hidden
        self.saved = lambda: restart_words(view_state.network()) if maybe_trained_file(view_state) else ""
        view_state.training_waits_changed.connect(self.set_training_waits)
        self.set_training_waits(view_state.training_waits)

    def set_training_waits(self, words: str) -> None:
        self.training_waits = words
        if self._summary_snap is None:
            self.summary.set_texts(self._unfit or [words or self._invitation()])
        self.write_summary()

    def keep_snapshot(self, snap) -> None:
        """Remember ``snap`` without drawing it (the panel is hidden): the run stays comparable."""
        self._snap = snap
        self._note_values(snap)
        self.gradient_lines.add(snap)

    def show_snapshot(self, snap) -> None:
        if snap is self._drawn:
            return  # drawn already (one kept while hidden is drawn now)
        self._draw(snap)

    def hide_from(self, step: int | None) -> None:
        """Draw no loss measured at the weights after ``step`` steps or later (None: every loss): the
        step-through's Loss phase has not computed the loss at the weights the step starts from yet (step k's
        batch loss, at the weights after k − 1 steps, stays: it was on screen before the walk, in a full-batch
        run and a mini-batch one alike). Draws again too when what a lesson holds
        changed (``holds``): a loss answered or revealed shows, the losses a new question asks go."""
        holds = self.holds()
        if step != self.hidden_from or holds != self._holds:
            self.hidden_from, self._holds = step, holds
            if self.gradient_lines.visible:
                self.gradient_lines.draw()
            self._draw_runs()  # the compared runs hold back the same losses
            if self._snap is not None:
                self._draw(self._snap)

    def _known(self, xy: tuple[np.ndarray, np.ndarray], before_update: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """The points measured at the weights after fewer than ``hidden_from`` steps (x as recorded; a full-batch
        run's are shifted after, ``after_step``: the last batch's loss stays, as the caption keeps it) and not at
        weights whose loss is held (``held_at``: a lesson's question about the trained weights holds
        every loss after its training, which gives the weights back). A point at step x was measured at the
        weights after x − 1 steps when ``before_update`` (a batch's loss, a full-batch epoch's mean; x = 0: before
        training), else after x steps (a validation figure, at its epoch's end)."""
        x, y = xy
        if self.hidden_from is None and self.held("loss") is None:
            return xy
        weights = np.maximum(x - 1.0, 0.0) if before_update else x  # (the steps taken before it was measured)
        keep = np.ones(len(x), dtype=bool) if self.hidden_from is None else weights < self.hidden_from
        keep &= ~self.held_at(weights)
        return x[keep], y[keep]

    def held_at(self, steps: np.ndarray) -> np.ndarray:
        """True where something holds the loss at the weights after ``steps`` training steps back (``held``, at
        ``reveal.after_steps(k)``: a loss the student answered there shows). Shapes: (n,) → (n,) bool."""
        steps = np.asarray(steps, dtype=np.float64)
        if not len(steps) or self.held("loss") is None:
            return np.zeros(len(steps), dtype=bool)
        unique, where = np.unique(steps.astype(np.int64), return_inverse=True)  # (each step asked once)
        return np.array([self.held("loss", after_steps(int(k))) is not None for k in unique], dtype=bool)[where]

    def _steps_end(self, snap, xs: np.ndarray) -> float:
        """Where the step axis ends: the last point drawn, or while losses are held back (a lesson, a step-through)
        the steps taken, which the caption names ("step 5"), with no point drawn there. y fits the points drawn."""
        end = float(xs.max())
        if self.hidden_from is None and self.held("loss") is None:
            return end
        return max(end, float(snap.step))

    def _draw(self, snap) -> None:
        self._snap = self._drawn = snap
        self._note_values(snap)
        log = self.log_scale.isChecked()
        shift = full_batch(snap)  # x: the steps taken (``desktop.panels.loss_after_step``)
        self._title_step_axes(shift)
        batch = after_step(self._known(finite_xy(snap.loss_steps, snap.loss_values, positive=log)), shift)
        set_symbol(self.step_curve, "o" if len(batch[0]) <= MAX_DOTS else None)
        set_data(self.step_curve, batch)
        markers = len(snap.epoch_numbers) < MAX_MARKERS
        set_symbol(self.train_curve, "o" if markers else None)
        set_symbol(self.val_curve, "t" if markers else None)
        train = after_step(self._known(finite_xy(*epoch_curve(snap, "train_loss"), positive=log)), shift)
        val = self._known(finite_xy(*epoch_curve(snap, "validation_loss"), positive=log), before_update=False)
        held_now = (self.hidden_from is not None and snap.step >= self.hidden_from) or self.held_at([snap.step])[0]
        now = self.now_point.show(snap, bool(held_now), log)
        if shift and len(now[0]):  # the black curve ends at the weights the run left, after its last step
            train = with_end(train, snap.step, now[1][0])
        set_data(self.train_curve, train)
        set_data(self.val_curve, val)
        self.best_epoch.update(snap)
        self.gradient_lines.add(snap)
        self._now_known = now_loss(snap) is not None  # (its figures on all the data may come later: write_summary)
        if bool(len(now[0])) != self._ring_shown:  # the legend names the ring while it is drawn
            self._ring_shown = bool(len(now[0]))
            self._show_legend()
        shown = [batch, train, val, now] + (self._run_data(log) if self.compare.isChecked() else [])
        xs = np.concatenate([x for x, _ in shown])
        ys = np.concatenate([y for _, y in shown])
        axis = self.loss_plot.getAxis("left")
        if axis.style["showValues"] != bool(xs.size):  # setStyle redraws the axis: only when it changes
            axis.setStyle(showValues=bool(xs.size))  # no scale that tells a hidden loss
        if xs.size:
            if log:
                ys = np.log10(ys)  # a log-mode view box works in log10 coordinates
            self.range.update(float(xs.min()), self._steps_end(snap, xs), float(ys.min()), float(ys.max()),
                              tight=snap.finished)
        train_acc = after_step(self._known(finite_xy(*epoch_curve(snap, "train_accuracy"))), shift)
        if shift and len(now[0]):
            train_acc = with_end(train_acc, snap.step, (snap.evaluation or {}).get("train_accuracy"))
        val_acc = self._known(finite_xy(*epoch_curve(snap, "validation_accuracy")), before_update=False)
        set_symbol(self.train_acc_curve, "o" if markers else None)
        set_symbol(self.val_acc_curve, "t" if markers else None)
        set_data(self.train_acc_curve, train_acc)
        set_data(self.val_acc_curve, val_acc)
        self.show_accuracy(len(train_acc[0]) > 0 or len(val_acc[0]) > 0)
        # while a run goes on, its figures at most every LIVE_CAPTION_S (a changing label costs a relayout), never the
        # step-0 line's "Press Play or Step to train." the run started from
        if snap.finished or (snap.step and time.monotonic() >= self._caption_due):
            self._caption_due = 0.0 if snap.finished else time.monotonic() + LIVE_CAPTION_S
            self._summary_snap = snap
            self.write_summary()
        if snap.finished:
            self._draw_runs()  # this run's label (its learning rate may have changed)

    def write_summary(self) -> None:
        """The line under the plots, for the snapshot that ended the last run (each figure asks ``pending``)."""
        snap = self._summary_snap
        if snap is None:
            return
        if snap is self._drawn and (now_loss(snap) is not None) != self._now_known:
            self._draw(snap)  # a big network's figures on all the data came after its last step: its point too
            return
        # after early stopping, why it stopped and the loss of the weights the network now holds, whole, in
        # place of the last batch's and epoch's figures (of weights it may no longer hold; the curves show them)
        note = early_stop_forms(snap, self.pending)
        self.room.set_caption_lines(NOTE_LINES if note else SUMMARY_LINES)
        if note:
            self.summary.set_texts(note)
        else:
            self.summary.set_texts(summary_texts(snap, self.pending) if snap.step
                                   else start_texts(snap, self.pending, self.training_waits, self.saved()))

    def _fit_accuracy_axis(self, *args) -> None:
        """As many of "0 %", "50 %", "100 %" as fit apart on the accuracy axis's height (three, else
        the two ends, never one alone), and a shorter axis title ("acc.") on a short plot, so that
        labels never print over each other."""
        axis = self.accuracy_plot.getAxis("left")
        ticks = accuracy_ticks(self.accuracy_plot.getViewBox().height(),
                               self.accuracy_plot.getViewBox().viewRange()[1], axis_text_height(axis))
        height = self.accuracy_plot.getViewBox().height()
        title = "accuracy" if height >= 56 else "acc." if height >= 24 else ""
        if axis._tickLevels != [ticks] or axis.labelText != title:
            axis.setTicks([ticks])
            self.accuracy_plot.setLabel("left", title)

    def show_accuracy(self, on: bool) -> None:
        """Show the accuracy plot (classification), or give its room to the loss plot."""
        if on == self.accuracy_plot.isVisible():
            return
        self.accuracy_plot.setVisible(on)
        self.accuracy_plot.setMaximumHeight(1e6 if on else 0)
        self.plots.ci.layout.setRowStretchFactor(1, 1 if on else 0)
        self._fit_step_axes()
        self._share_height()

    def _share_height(self, *_) -> None:
        """The accuracy plot as tall as ``ACCURACY_SHARE`` of the two plots' heights (at least
        ``ACCURACY_MIN_HEIGHT``; their axes not counted), the loss plot the rest: pyqtgraph's share by
        preferred sizes gave the accuracy 55 px and the loss 77 at 1024×700."""
        if not self.accuracy_plot.isVisible():
            return
        views = [plot.getViewBox() for plot in (self.loss_plot, self.accuracy_plot)]
        heights = sum(view.height() for view in views)
        axes = self.accuracy_plot.height() - views[1].height()  # its step axis, when lowest, and margins
        highest = axes + max(ACCURACY_MIN_HEIGHT, ACCURACY_SHARE * heights)
        if abs(self.accuracy_plot.maximumHeight() - highest) > 0.5:  # each change lays the plots out again
            self.accuracy_plot.setMaximumHeight(highest)

    def _title_step_axes(self, full_batch_run: bool) -> None:
        """"step", or in a full-batch run what x is there: the steps taken (the loss at the weights after
        them; ``desktop.panels.loss_after_step``), under whichever plot is lowest."""
        title = step_axis_title(full_batch_run)
        if title == self._step_title:
            return
        self._step_title, self._step_help = title, step_axis_help(full_batch_run)
        self._label_step_axes()

    def _label_step_axes(self) -> None:
        for plot in (self.loss_plot, self.accuracy_plot, self.gradient_lines.plot):
            if plot is not None:
                plot.setLabel("bottom", self._step_title)
                plot.getAxis("bottom").setToolTip(self._step_help)
        self._fit_step_axes()

    def _fit_step_axes(self) -> None:
        """The step numbers and the title "step" once, under the lowest plot shown: the plots above
        it get their room (the step axes are linked)."""
        plots = [p for p in (self.loss_plot, self.accuracy_plot, self.gradient_lines.plot)
                 if p is not None and p.isVisible()]
        for plot in plots:
            axis, lowest = plot.getAxis("bottom"), plot is plots[-1]
            numbered = lowest and not self._no_data  # (no data: no steps to number)
            if axis.style["showValues"] != numbered:  # setStyle redraws the axis: only on a change
                axis.setStyle(showValues=numbered)
                axis.setHeight(None if lowest else 8)
            titled = lowest and bool(axis.labelText)
            if axis.label.isVisible() != titled:  # (``setLabel`` shows the title of every plot it is given to)
                axis.showLabel(titled)

    def _show_gradient_lines(self, on: bool) -> None:
        self.gradient_lines.set_visible(on)
        self._label_step_axes()  # (the plot is made when first shown) and its step axis under the lowest
        self.room.set_plot_height(MIN_PLOT_HEIGHT + (GRADIENT_PLOT_HEIGHT if on else 0))  # room for a third plot
        self.gradient_lines.draw()

    def _set_log(self, on: bool) -> None:
        self.loss_plot.setLogMode(y=on)
        self.range.relative_span = not on
        self.range.reset()
        self._draw_runs()
        if self._snap is not None:
            self._draw(self._snap)

