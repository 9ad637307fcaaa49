"""Compare runs in the loss panel: earlier runs' loss curves overlaid on this run's, named in the legend.

Every ``clear(network)`` starts a new run (a new training session: Reset,
Re-initialise, a changed setting or structure). The run that ends there, if it took a step, is
kept as a ``Run`` (``desktop.panels.runs``): its epoch-mean loss against the step, from step 0 (its batch losses when that
curve has fewer than two points), its validation loss (drawn dashed), its settings (``run_fields``: learning
rate, optimizer, batch size, seed, regularization) and its colour. The ``MAX_RUNS`` newest are
overlaid in muted colours (``colours.COMPARISONS``), each named in the legend by the settings
that differ between the runs (``legend_rows``; the shared ones and the final figures are in the
legend's tooltip). The *Runs* button's menu holds the toggle *Compare Runs* and *Clear Compared
Runs*. Opening another network (a new ``Network`` object in ``clear``) forgets the runs: runs of
another network are not comparable. Everything comes from the snapshots the panel already
receives; ``keep_snapshot`` lets the training UI hand it those it draws nothing for while hidden.
The ``MAX_RUNS`` loss and validation curves are made when the first run is compared, not with the panel.

A mixin of ``LossPanel`` (``desktop.panels.loss``): it draws into the panel's ``loss_plot``, follows
its ``log_scale`` and its snapshot (``_snap``, ``show_snapshot``), and hands the legend rows to its
``_show_legend`` (``_runs_entries``, ``_runs_help``).
"""

from __future__ import annotations

import weakref

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QPen
from PySide6.QtWidgets import QMenu, QToolButton

from desktop import colours
from desktop.naming import name

from .loss_after_step import after_step, full_batch, with_end
from .loss_now import now_loss
from .plotting import epoch_curve, finite_xy
from .runs import MAX_RUNS, Run, legend_rows, run_fields


def _dashed(colour) -> QPen:
    pen = pg.mkPen(colour, width=1)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


class CompareRuns:
    """The loss panel's compared runs (see the module docstring)."""

    def _make_compare_runs(self) -> None:
        """The *Runs* button with its menu, and no run compared yet (its curves come with the first)."""
        # compare runs: a toggle and a clear action, in the menu of one small button (no row of their own)
        self.compare = name(QAction("Compare Runs", self), "loss_compare_runs")
        self.compare.setCheckable(True)
        self.compare.setChecked(True)
        self.compare.setToolTip(f"Overlay the loss of the last {MAX_RUNS} runs (Reset keeps the run you reset)")
        self.compare.toggled.connect(self._draw_runs)
        self.clear_runs = name(QAction("Clear Compared Runs", self), "loss_clear_runs")
        self.clear_runs.setToolTip("Forget the earlier runs shown for comparison")
        self.clear_runs.triggered.connect(self.forget_runs)
        self.runs_button = name(QToolButton(), "loss_runs", "Compare runs")
        self.runs_button.setText("Runs")
        self.runs_button.setToolTip("Compare runs: show or hide the earlier runs, or clear them")
        self.runs_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.runs_button.setAutoRaise(True)
        self.runs_button.setMaximumHeight(self.log_scale.sizeHint().height())  # the row stays as high as it was
        runs_menu = QMenu(self.runs_button)
        runs_menu.addAction(self.compare)
        runs_menu.addAction(self.clear_runs)
        self.runs_button.setMenu(runs_menu)
        self._runs_entries: list = []  # the compared runs' legend entries (after this run's series)
        self._runs_help = ""
        self._runs_rows: list[str] = []
        self._runs_common = ""
        # the compared runs' loss and validation curves: made when the first run is compared
        self.run_curves: list = []
        self.run_val_curves: list = []
        self.runs: list[Run] = []
        self._run_count = 0
        self._run_settings = None  # the training settings this run started with
        self._run_values = None  # ((first lr, last lr), (first batch, last batch)) of its snapshots
        self._run_stepped = False  # _run_values come from a snapshot after a step
        self._network = None  # a weak reference to the network the runs belong to
        self.history = None  # the document's undo history (``follow_history``), None: every run ended stays
        self._run_start = None  # (index, None) where this run began in ``history``

    def _start_run(self, network) -> None:
        """End the run shown now (it becomes a comparison) and start one with ``network``'s settings;
        another network than the runs' forgets them."""
        self._end_run()
        self.runs[:] = [run for run in self.runs if self._in_history(run.place)]  # (the history undone below them)
        self._run_count = self.runs[-1].number if self.runs else 0
        self._run_start = None if self.history is None else self.history.index()
        if network is not None:
            if self._network is not None and self._network() is not network:
                self.runs.clear()  # another network: its runs are not comparable
                self._run_count = 0
            self._network = weakref.ref(network)
            self._run_settings = network.training.copy()
        self._run_values = None
        self._run_stepped = False
        self._draw_runs()

    def _note_values(self, snap) -> None:
        """The run's (first, last) learning rate and batch size: the first are those of its first
        step (a change before it, after the step-0 snapshot, is no change of the run)."""
        lr, batch = float(snap.learning_rate), int(snap.batch_size)
        if self._run_values is None and snap.step > 0:
            self._take_back_run(snap)
        values = self._run_values
        if self._run_values is None or not self._run_stepped:
            self._run_values = ((lr, lr), (batch, batch))
            self._run_stepped = snap.step > 0
        else:
            (lr0, _), (b0, _) = self._run_values
            self._run_values = ((lr0, lr), (b0, batch))
        if self._run_values != values and self.runs:  # "this run"'s row names what it runs with, while it runs
            self._draw_runs()

    def follow_settings(self, network) -> None:
        """The document's training settings changed: before this run's first step they are the run's own (the
        legend's "this run: lr 0.5", not the settings of the Reset that began it)."""
        if self._run_stepped or self._network is None or self._network() is not network:
            return
        self._run_settings = network.training.copy()
        self._run_values = None
        self._draw_runs()

    def _take_back_run(self, snap) -> None:
        """A new session begins past step 0 (an Undo or Redo back along a run's steps brought the run's progress
        back, ``desktop.training.kept_runs``): when the newest compared run is that run (its curve and this one
        agree on the steps they share, whichever step it ended at), it is this run again, shown up to the step
        the document holds, not a comparison (teacher review 16: each F6 Undo added "run N: the same settings")."""
        if not self.runs:
            return
        run, (steps, losses) = self.runs[-1], after_step(finite_xy(*epoch_curve(snap, "train_loss")), full_batch(snap))
        n = min(len(steps), len(run.steps))
        if n and np.array_equal(run.steps[:n], steps[:n]) and np.array_equal(run.losses[:n], losses[:n]):
            self.runs.pop()
            self._run_count -= 1
            self._draw_runs()

    def follow_history(self, history) -> None:
        """Compare only runs the document's undo history ``history`` (a ``QUndoStack``) still holds (see
        ``_in_history``)."""
        self.history = history

    def _place(self):
        """Where the run ending now is in the history: (the index it began at, the command there: its first
        commit, or an edit after it); None when the history has nothing done past its beginning (an Undo took
        its steps back, or it committed nothing: a run stopped by an Undo) or there is no history to ask."""
        start, history = self._run_start, self.history
        if history is None or start is None:
            return None
        return (start, history.command(start)) if history.index() > start else False

    def _in_history(self, place) -> bool:
        """Whether the history still holds a run kept at ``place`` (``_place``): done past its beginning, with the
        same command there (a new edit after an Undo replaced the run's steps: they are gone). An undone run is
        not compared: it is no run of the document any more (teacher review 23 #1: "run 1" after Ctrl+Z took a
        lesson's 5 steps back); a Redo brings it back as this run, whose curve shows it."""
        history = self.history
        if place is None or history is None:
            return True
        start, command = place
        return history.index() > start and history.command(start) is command

    def _end_run(self) -> None:
        """Keep the run shown now (if it took a step and the history still holds it) as the newest comparison."""
        snap, settings = self._snap, self._run_settings
        if snap is None or settings is None or snap.step == 0 or self._run_values is None:
            return
        place = self._place()
        if place is False:
            return
        shift = full_batch(snap)  # drawn as the run was (``loss_after_step``)
        steps, losses = after_step(finite_xy(*epoch_curve(snap, "train_loss")), shift)
        if shift:  # ending, as drawn, at the loss after the run's last step (at the step it ended at)
            steps, losses = with_end((steps, losses), snap.step, now_loss(snap))
        what = "epoch mean"
        if len(steps) < 2:
            steps, losses = after_step(finite_xy(snap.loss_steps, snap.loss_values), shift)
            what = "batch loss"
        if not len(steps):
            return
        val_steps, val_losses = finite_xy(*epoch_curve(snap, "validation_loss"))
        self._run_count += 1
        colour = colours.comparison_rgb(self._run_count - 1)
        self.runs.append(Run(self._run_count, run_fields(settings, *self._run_values), steps, losses, what, colour,
                             val_steps, val_losses, after_steps=shift, place=place))
        del self.runs[:-MAX_RUNS]

    def forget_runs(self) -> None:
        """*Clear runs*: no more comparisons (the numbering starts again)."""
        self.runs.clear()
        self._run_count = 0
        self._draw_runs()
        if self._snap is not None:
            self.show_snapshot(self._snap)

    def _shown_runs(self) -> list[Run]:
        """The compared runs as drawn: without the losses this run's curve holds back (``hidden_from``: a
        lesson's question, or the step-through's Loss phase, has not given them yet; ``held_at``: a lesson holds
        the losses at those weights)."""
        return [run.held_back(self.hidden_from, self.held_at) for run in self.runs]

    def _run_data(self, log: bool) -> list[tuple[np.ndarray, np.ndarray]]:
        """(steps, losses) of every compared run's curves: the loss curves, then the validation curves."""
        runs = self._shown_runs()
        return ([finite_xy(run.steps, run.losses, positive=log) for run in runs]
                + [finite_xy(run.val_steps, run.val_losses, positive=log) for run in runs])

    def _make_run_curves(self) -> None:
        """The ``MAX_RUNS`` loss and validation curves of the compared runs, once."""
        if self.run_curves:
            return
        self.run_curves = [self.loss_plot.plot(pen=pg.mkPen(colours.comparison_rgb(k), width=1))
                           for k in range(MAX_RUNS)]
        self.run_val_curves = [self.loss_plot.plot(pen=_dashed(colours.comparison_rgb(k))) for k in range(MAX_RUNS)]
        for curve in self.run_curves + self.run_val_curves:
            curve.setZValue(-1)  # under this run's epoch and validation curves, over its noisy batch losses

    def _draw_runs(self) -> None:
        """The comparisons' curves (in the colour each run got when it was kept: solid the loss,
        dashed the validation loss) and legend rows."""
        on = self.compare.isChecked()
        data = self._run_data(self.log_scale.isChecked())
        n = len(self.runs)
        if on and n:
            self._make_run_curves()
        for k in range(len(self.run_curves)):
            curve, val_curve = self.run_curves[k], self.run_val_curves[k]
            if on and k < n:
                curve.setPen(pg.mkPen(self.runs[k].colour, width=1))
                curve.setData(*data[k])
                val_curve.setPen(_dashed(self.runs[k].colour))
                val_curve.setData(*data[n + k])
            else:
                curve.setData([], [])
                val_curve.setData([], [])
        self.clear_runs.setEnabled(bool(self.runs))
        rows, common, glyphs = [], "", []
        if on and self.runs:
            this = None
            if self._run_settings is not None:
                values = self._run_values or ((self._run_settings.optimizer.learning_rate,) * 2,
                                              (self._run_settings.batch_size,) * 2)
                this = run_fields(self._run_settings, *values)
                glyphs.append((colours.rgb(colours.TRAIN), "━●━"))
            newest_first = list(reversed(self.runs))
            glyphs += [(run.colour, "━╌" if len(run.val_losses) else "━━") for run in newest_first]
            common, rows = legend_rows(this, newest_first)
        runs_help = (
            "Compared runs: earlier runs in muted colours, newest first, named by the settings that differ"
            + (f" (all: {common})" if common else "") + ". Solid: the mean loss of each epoch's batches (the batch "
            "loss for a run shorter than two epochs); dashed: the validation loss.\n"
            + "\n".join(run.details() for run in reversed(self._shown_runs())) if rows else "")
        if rows == self._runs_rows and common == self._runs_common and runs_help == self._runs_help:
            return
        self._runs_rows, self._runs_common, self._runs_help = rows, common, runs_help
        self._runs_entries = [(c, glyph, text) for (c, glyph), text in zip(glyphs, rows)]
        self._show_legend()

    def run_labels(self) -> list[str]:
        """The legend: the settings all runs share, then a row per run (this run, then the compared
        runs, newest first) with what differs; empty when no run is compared."""
        return ([self._runs_common] if self._runs_common else []) + list(self._runs_rows) if self._runs_rows else []
