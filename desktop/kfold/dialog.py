"""Training → Cross-validate…: choose k (2–20) and the epochs, run the k trainings in a process
of their own (``desktop.kfold.process``) with a progress bar and Cancel, and see each fold's
training loss (solid) and held-out loss (dashed) at each epoch's end overlaid, a table of the
folds and the mean ± standard deviation of the held-out loss and accuracy. Each curve ends at
its row's figure: with a regularization penalty on, the training loss is L = data loss + penalty
(what training minimizes), written with its parts as the other panels write it, '0.54 (data
loss 0.49 + penalty 0.05)'; the held-out loss is the data loss alone, and its column says so.

The network is copied when Run is pressed; the document is never changed (the folds train
copies). The GUI thread only polls the process's queue (every 50 ms) and draws.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHeaderView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from core.notation import format_loss, format_loss_parts
from desktop import colours
from desktop.panels.plotting import lazy_menu_view, step_axes

from .process import KFoldRun

POLL_MS = 50
GRACE_S = 3.0
#: the table's column of the training loss (after it: the held-out loss)
TRAIN_COLUMN = 2


def fold_colour(f: int) -> tuple[int, int, int]:
    return colours.connection_rgb(f - 1)


class CrossValidateDialog(QDialog):
    """The dialog (see the module docstring). ``finished_run`` carries the ``KFoldResult``."""

    finished_run = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.setObjectName("cross_validate_dialog")
        self.setWindowTitle("Cross-validate")
        self.document = document
        self.run: KFoldRun | None = None
        self.result = None
        self._folds: list = []
        self._closing: list[tuple[KFoldRun, float]] = []
        self.k = QSpinBox()
        self.k.setRange(2, 20)
        self.k.setValue(5)
        self.k.setToolTip("Number of folds: the samples are cut into k parts; each part is held out once")
        self.epochs = QSpinBox()
        self.epochs.setRange(1, 100_000)
        self.epochs.setValue(100)
        self.epochs.setToolTip("Epochs each fold trains (the early stopping setting does not apply)")
        self.run_button = QPushButton("Run")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setFormat("%p %")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.plot_widget = pg.PlotWidget(axisItems=step_axes(), viewBox=lazy_menu_view())
        self.plot_widget.setBackground("w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLabel("bottom", "epoch")
        self.plot.setLabel("left", "loss")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        # on a linear axis the first epochs' losses (1.5) squeeze the ends (0.005 against 0.0005) into one line
        self.log_scale = QCheckBox("Log scale")
        self.log_scale.setObjectName("cross_validate_log_scale")
        self.log_scale.setToolTip("Loss axis in powers of ten: the small losses at the end, where the training (solid) "
                                  "and held-out (dashed) curves part, are as readable as the large ones at the start")
        self.log_scale.setChecked(True)
        self.plot.setLogMode(y=True)
        self.log_scale.toggled.connect(lambda on: self.plot.setLogMode(y=on))
        self.table = QTableWidget(0, 5)
        self._set_headers(penalized=False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # L with its parts is the longest cell: its column takes the room it needs
        self.table.horizontalHeader().setSectionResizeMode(TRAIN_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setObjectName("cross_validate_summary")

        form = QFormLayout()
        form.addRow("Folds k", self.k)
        form.addRow("Epochs per fold", self.epochs)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.log_scale)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addLayout(buttons)
        box.addWidget(self.status)
        box.addWidget(self.plot_widget, 3)
        box.addWidget(self.table, 2)
        box.addWidget(self.summary)
        self.resize(760, 680)

        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        if parent is not None:
            parent.installEventFilter(self)  # the window closing ends a run at once
        self.prepare()

    def _set_headers(self, penalized: bool) -> None:
        """The columns' titles; with a penalty the two losses are not the same kind, and say which."""
        train, held_out = ("train loss L", "held-out data loss") if penalized else ("train loss", "held-out loss")
        self.table.setHorizontalHeaderLabels(["fold", "held out", train, held_out, "held-out accuracy"])
        self.table.horizontalHeaderItem(TRAIN_COLUMN).setToolTip(
            "The loss on the fold's training rows after its last epoch, where its solid curve ends"
            + (": L = data loss + penalty, what training minimizes" if penalized else ""))
        self.table.horizontalHeaderItem(TRAIN_COLUMN + 1).setToolTip(
            "The loss on the fold's held-out rows after its last epoch, where its dashed curve ends"
            + (": the data loss alone (the penalty does not depend on the data)" if penalized else ""))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.Close and watched is self.parent():
            self.stop_now()
        return False

    def stop_now(self) -> None:
        """End the run's process now (the window is closing): stop, then terminate; never waits."""
        runs = [run for run, _ in self._closing] + ([self.run] if self.run is not None else [])
        self.run, self._closing = None, []
        for run in runs:
            run.finish(force=True)

    def prepare(self) -> None:
        """Fit the choices to the network now (it may have changed since the dialog was last shown)."""
        if self.run is not None:
            return
        net = self.document.network
        n = 0 if net.dataset is None else len(net.dataset)
        self.k.setRange(2, max(2, min(20, n)))
        self.status.setText(self._intro(n))
        self.run_button.setEnabled(n >= 2 and not net.problems() and not net.dataset_problems())

    def _intro(self, n: int) -> str:
        if n < 2:
            return "The network needs a dataset of at least 2 samples to cross-validate."
        return (f"All {n} samples are shuffled with the file's seed and cut into k folds. Each fold is held out once "
                "while a copy of the network (its weights now) trains on the others; the held-out loss shows how "
                "well it does on samples it never saw. The network in the window is not changed.")

    # -------------------------------------------------------------- running
    def start(self) -> None:
        if self.run is not None:
            return
        net = self.document.network
        k, epochs = self.k.value(), self.epochs.value()
        self._folds = []
        self.result = None
        self.plot.clear()
        self.table.setRowCount(0)
        self._set_headers(penalized=False)
        self.summary.setText("")
        self.progress.setRange(0, k * epochs)
        self.progress.setValue(0)
        self.run = KFoldRun(net, k, epochs)
        self.run.start()
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.status.setText(f"Training fold 1 of {k}…")
        self.timer.start()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel()
            self.status.setText("Cancelling…")

    def _poll(self) -> None:
        self._reap()
        run = self.run
        if run is None:
            if not self._closing:
                self.timer.stop()
            return
        ended = not run.alive()  # asked before reading: whatever it said before it ended is read below
        for message in run.poll():
            self._handle(message)
        if ended and self.run is run:
            self._stopped("The cross-validation process ended unexpectedly; nothing was changed.")

    def _handle(self, message: tuple) -> None:
        kind = message[0]
        if kind == "progress":
            _, f, epoch, k, epochs = message
            self.progress.setValue((f - 1) * epochs + epoch)
            self.status.setText(f"Training fold {f} of {k}: epoch {epoch} of {epochs}…")
        elif kind == "fold":
            self._add_fold(message[1])
        elif kind == "done":
            self._done(message[1])
        elif kind == "cancelled":
            done = len(self._folds)
            self._stopped("Cancelled before the first fold finished; nothing was changed." if not done else
                          f"Cancelled: the {done} fold{'s' if done != 1 else ''} done so far "
                          f"{'are' if done != 1 else 'is'} shown; nothing was changed.")
        elif kind == "failed":
            self._stopped(f"Cross-validation stopped: {message[1]}")

    def _add_fold(self, fold) -> None:
        self._folds.append(fold)
        epochs = np.asarray(fold.epochs, dtype=float)
        colour = fold_colour(fold.fold)
        self.plot.plot(epochs, np.asarray(fold.epoch_train_loss, dtype=float), pen=pg.mkPen(colour, width=1))
        self.plot.plot(epochs, np.asarray(fold.epoch_validation_loss, dtype=float),
                       pen=pg.mkPen(colour, width=1, style=Qt.PenStyle.DashLine))
        row = self.table.rowCount()
        self.table.insertRow(row)
        if fold.penalty is not None and row == 0:
            self._set_headers(penalized=True)
        acc = "–" if fold.validation_accuracy is None else f"{100 * fold.validation_accuracy:.1f} %"
        cells = [str(fold.fold), str(len(fold.validation_rows)), format_loss_parts(fold.penalized_train_loss, fold.penalty),
                 format_loss(fold.validation_loss) + (" (diverged)" if fold.stopped == "diverged" else ""), acc]
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if c == 0:
                item.setForeground(pg.mkColor(colour))
            self.table.setItem(row, c, item)
        self.progress.setValue(fold.fold * self.epochs.value())

    def _done(self, result) -> None:
        self.result = result
        penalized = any(f.penalty is not None for f in result.folds)
        text = (f"{result.k} folds, {result.epochs} epochs each. Held-out {'data loss' if penalized else 'loss'}: "
                f"mean {result.mean_validation_loss:.4g}"
                f" ± {result.std_validation_loss:.4g} (standard deviation over the folds)")
        if result.mean_validation_accuracy is not None:
            text += (f"; held-out accuracy: mean {100 * result.mean_validation_accuracy:.1f} %"
                     f" ± {100 * result.std_validation_accuracy:.1f} %")
        self.summary.setText(text + ". Solid: each fold's training loss" + (" L (data loss + penalty)" if penalized else "")
                             + " on its training rows; dashed: its held-out " + ("data loss" if penalized else "loss")
                             + "; both at each epoch's end, ending at the table's figures.")
        self._stopped("Done. The network in the window is unchanged.")
        self.finished_run.emit(result)

    def _stopped(self, text: str) -> None:
        self.status.setText(text)
        if self.run is not None:
            self._closing.append((self.run, _now()))
            self.run = None
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _reap(self) -> None:
        """Let stopped runs' processes end; force one that outlives the grace period."""
        still = []
        for run, since in self._closing:
            if not run.finish(force=_now() - since > GRACE_S):
                still.append((run, since))
        self._closing = still

    def done(self, code: int) -> None:  # noqa: D102 (closing the dialog: stop the run, never wait)
        if self.run is not None:
            self.run.cancel()
            self._closing.append((self.run, _now()))
            self.run = None
        if self._closing:
            self.timer.start()  # keeps reaping after the dialog is hidden
        super().done(code)


def _now() -> float:
    import time

    return time.monotonic()


def open_cross_validate(window) -> CrossValidateDialog:
    """Training → Cross-validate…: one dialog per window, shown non-modal."""
    dialog = getattr(window, "cross_validate_dialog", None)
    if dialog is None:
        dialog = CrossValidateDialog(window.document, window)
        window.cross_validate_dialog = dialog
    dialog.prepare()
    dialog.show()
    dialog.raise_()
    return dialog
