"""The dataset panel: the points of the current dataset, and controls to change it.

Two inputs: x1 against x2, coloured by class (or by target value); one input: x
against the target; more: the first two inputs. Changing the generator, noise,
samples, seed or validation fraction (Apply) or loading a CSV file pushes one
undoable ``commands.set_dataset``; nothing else writes the dataset.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout, QComboBox, QDoubleSpinBox, QFileDialog, QGridLayout, QInputDialog, QLabel,
    QPushButton, QSizePolicy, QSpinBox, QVBoxLayout, QWidget,
)

import core
from core import datasets
from core.datasets import split_indices
from core.notation import counted
from core.task import is_classifier
from desktop import commands
from desktop.naming import name, slug

from .plotting import class_brushes, class_labels, diverging_map, lazy_menu_view, plain_axes

#: the same rule as the output map: equal scales unless one input's range is this many times the other's
MAX_ASPECT = 4.0
#: a panel at least this many times as wide as high (and ``SIDE_BY_SIDE_WIDTH`` wide) puts its controls
#: beside the plot, not under it
SIDE_BY_SIDE_RATIO = 1.3
SIDE_BY_SIDE_WIDTH = 300
#: a field's width beside the plot
SIDE_FIELD_WIDTH = 80


def fitting_generator(network) -> str | None:
    """The first generator (``core.GENERATORS``, in its order) whose data ``network`` can take (as many input
    and target columns as its input and output layers have units), None when none fits or the network itself
    is not sound: a one-input network's Apply gave xor's two input columns, which it cannot train on."""
    if network.problems():
        return None
    return next((name for name, data in _generated_shapes().items() if not network.dataset_problems(data)), None)


_SHAPES: dict = {}


def _generated_shapes() -> dict:
    """{generator: a few of its rows} (made once: only their column counts are read)."""
    if not _SHAPES:
        _SHAPES.update((name, core.generate(name, samples=4)) for name in core.GENERATORS)
    return _SHAPES


class DatasetPanel(QWidget):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.plot_widget = pg.PlotWidget(background="w", axisItems=plain_axes("left", "bottom"), viewBox=lazy_menu_view())
        self.plot = self.plot_widget.getPlotItem()
        self.points = pg.ScatterPlotItem(size=6, pen=pg.mkPen(40, 40, 40, 160))
        self.val_points = pg.ScatterPlotItem(size=8, symbol="t", brush=pg.mkBrush(255, 255, 255, 200))
        self.plot.addItem(self.points)
        self.plot.addItem(self.val_points)
        self.generator = QComboBox()
        self.generator.addItems(list(core.GENERATORS))
        self.samples = QSpinBox()
        self.samples.setRange(4, datasets.MAX_SAMPLES)
        self.samples.setValue(200)
        self.noise = QDoubleSpinBox()
        self.noise.setRange(0.0, 10.0)
        self.noise.setDecimals(3)
        self.noise.setSingleStep(0.05)
        self.seed = QSpinBox()
        self.seed.setRange(0, 2**31 - 1)
        self.validation = QDoubleSpinBox()
        self.validation.setRange(0.0, 0.9)
        self.validation.setSingleStep(0.05)
        self.apply_button = name(QPushButton("Apply"), "dataset_apply", "Apply dataset")
        self.apply_button.setToolTip("Generate this dataset for the network (undoable)")
        self.apply_button.clicked.connect(self.apply)
        self.csv_button = name(QPushButton("Load CSV…"), "dataset_load_csv", "Load CSV")
        self.csv_button.clicked.connect(self._choose_csv)
        #: a guided lesson's own data, or a CSV's, folds the generator away (``folds``); this shows it again
        self.unfold_button = name(QPushButton("Other data…"), "dataset_other", "Other data")
        self.unfold_button.setToolTip("Show the generator and Load CSV, to replace the lesson's own data (undoable)")
        self.unfold_button.clicked.connect(lambda: self._fold(False))
        self.info = QLabel("")
        self.info.setWordWrap(True)
        self.info.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self._fields = []
        for text, widget in [("Generator", self.generator), ("Samples", self.samples), ("Noise", self.noise),
                             ("Seed", self.seed), ("Validation", self.validation)]:
            self._fields.append((QLabel(text), name(widget, f"dataset_{slug(text)}", text)))
            widget.setMinimumWidth(64)  # the panel fits a small window (a seed up to 2^31 needs no room)
        self.form = QGridLayout()
        self.form.setContentsMargins(0, 0, 0, 0)
        self.plot_widget.setMinimumHeight(50)
        self.left = QVBoxLayout()
        self.left.setContentsMargins(0, 0, 0, 0)
        self.left.addWidget(self.plot_widget, 1)
        #: what the data is, and "Other data…": under the plot, or beside it where the folded fields leave room
        self.notes = QVBoxLayout()
        self.notes.setContentsMargins(0, 0, 0, 0)
        self.notes.addWidget(self.info)
        self.notes.addWidget(self.unfold_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.left.addLayout(self.notes)
        self.layout_ = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.layout_.setContentsMargins(2, 2, 2, 2)
        self.layout_.addLayout(self.left, 1)
        self.layout_.addLayout(self.form)
        self.side_by_side: bool | None = None
        self._folded = False
        self._refusing = False  # the info line says the network cannot train on this data
        self._arrange(False)
        self.set_network(document.network)

    def _arrange(self, side_by_side: bool) -> None:
        """The controls under the plot in a grid of two pairs a row, or, in a wide and low panel (a
        laptop's bottom dock, about 350 × 195 px, where the controls left the plot 8 px of height),
        beside it in one column of label and field: the plot keeps the panel's height."""
        if side_by_side == self.side_by_side:
            return
        self.side_by_side = side_by_side
        self.layout_.setDirection(QBoxLayout.Direction.LeftToRight if side_by_side else QBoxLayout.Direction.TopToBottom)
        for k, (label, widget) in enumerate(self._fields):
            row, col = (k, 0) if side_by_side else (k // 2, 2 * (k % 2))
            widget.setMaximumWidth(SIDE_FIELD_WIDTH if side_by_side else 16777215)  # the plot takes the rest
            self.form.addWidget(label, row, col)
            self.form.addWidget(widget, row, col + 1)
        if side_by_side:
            self.form.addWidget(self.apply_button, len(self._fields), 0)
            self.form.addWidget(self.csv_button, len(self._fields), 1)
            self.form.setRowStretch(len(self._fields) + 1, 1)  # the column at the top
        else:
            self.form.setRowStretch(len(self._fields) + 1, 0)
            self.form.addWidget(self.apply_button, 2, 2)
            self.form.addWidget(self.csv_button, 2, 3)
        self._place_notes()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        size = event.size()
        self._arrange(size.width() >= SIDE_BY_SIDE_RATIO * size.height() and size.width() >= SIDE_BY_SIDE_WIDTH)
        self._plot_gives_way()

    def _plot_gives_way(self) -> None:
        """In a low panel (side by side) that refuses the data, the plot makes room for the refusal: its place and
        remedy ("…line 7, column 'y' holds 100.5 (for such numbers …)") need the column's whole height."""
        self.plot_widget.setVisible(not (self.side_by_side and self._refusing))

    def _place_notes(self) -> None:
        """The data's words and "Other data…" beside the plot in a wide, low panel whose fields are folded away
        (exam_csv at 1024×700: under it they left the scatter 40 px of height), else under it."""
        beside = bool(self.side_by_side and self._folded)
        if (self.notes.parent() is self.layout_) == beside:
            return
        (self.layout_ if not beside else self.left).removeItem(self.notes)
        self.notes.setParent(None)
        (self.layout_ if beside else self.left).addLayout(self.notes)
        if beside:
            self.info.setFixedWidth(2 * SIDE_FIELD_WIDTH)  # (it wraps: its size policy asks no width)
        else:
            self.info.setMinimumWidth(0)
            self.info.setMaximumWidth(16777215)

    def _fold(self, folded: bool) -> None:
        """Hide (``folded``) or show the generator's fields, Apply and Load CSV; "Other data…" the other way."""
        self._folded = folded
        self._place_notes()
        for label, widget in self._fields:
            label.setVisible(not folded)
            widget.setVisible(not folded)
        self.apply_button.setVisible(not folded)
        self.csv_button.setVisible(not folded)
        self.unfold_button.setVisible(folded)

    @staticmethod
    def folds(network) -> bool:
        """Whether the generator's fields fold away ("Other data…" shows them): for a guided lesson's own data
        (``lessons_own``) and for a CSV's data that fits the network (a file's own rows, xor's four, keep them:
        the network is there to be tried on other data).
        exam_csv showed "Generator xor, Samples 200, Noise 0, Seed 0" beside "60 samples from exam_results.csv",
        read as the data trained on (review 24 #6). Data that does not fit keeps them: they are the remedy."""
        data = network.dataset
        if data is None or len(data) == 0 or "generator" in data.source:
            return False
        return DatasetPanel.lessons_own(network) or ("csv" in data.source and not network.dataset_problems())

    @staticmethod
    def lessons_own(network) -> bool:
        """Whether ``network``'s data is its guided lesson's own (written in the file, not generated): the
        generator's settings have nothing to do with it, and Apply would replace it by accident."""
        data = network.dataset
        return network.lesson is not None and data is not None and len(data) > 0 and "generator" not in data.source

    # ----------------------------------------------------------------- views
    def set_network(self, network) -> None:
        """Show ``network.dataset`` and put its source into the controls (folded away for a lesson's own data)."""
        self._fold(self.folds(network))
        self._refusing = False
        self._plot_gives_way()
        data = network.dataset
        self.points.setData([], [])
        self.val_points.setData([], [])
        self.validation.setValue(network.training.validation_fraction)
        src = {} if data is None else data.source
        if "generator" not in src:  # a file's own data: Apply offers data this network can take
            self.generator.setCurrentText(fitting_generator(network) or self.generator.currentText())
        if data is None or len(data) == 0:
            self.info.setText(self.document.dataset_note or "No dataset yet: choose a generator and press Apply.")
            return
        if "generator" in src:
            self.generator.setCurrentText(src["generator"])
            self.samples.setValue(int(src.get("samples", len(data))))
            self.noise.setValue(float(src.get("noise", 0.0)))
            self.seed.setValue(int(src.get("seed", 0)))
        train, val = split_indices(len(data), network.training.validation_fraction, network.training.seed)
        classes = is_classifier(network)
        self._draw(data, train, self.points, classes)
        self._draw(data, val, self.val_points, classes)
        self.info.setText(self._describe(network))
        self._refusing = bool(network.dataset_problems())
        self._plot_gives_way()

    def _draw(self, data, idx, item, classes: bool) -> None:
        """Draw the rows ``idx`` of ``data`` in ``item``: in class colours when the network is a
        classifier (``core.task.is_classifier``), else coloured by the first target's value."""
        if len(idx) == 0:
            return
        X, T = data.inputs[idx], data.targets[idx]
        if X.shape[1] >= 2:
            x, y = X[:, 0], X[:, 1]
            self.plot.setLabel("bottom", "x₀")  # the canvas's and the Output map's names, counted from 0
            self.plot.setLabel("left", "x₁")
            spans = np.maximum(data.inputs[:, :2].max(axis=0) - data.inputs[:, :2].min(axis=0), 1e-12)
            # equal scales for generated points; a CSV's columns are two quantities (hours studied, hours slept):
            # equal scales left exam_csv's points a strip across a wide plot
            same_kind = "csv" not in data.source
            self.plot.getViewBox().setAspectLocked(same_kind and bool(spans.max() / spans.min() <= MAX_ASPECT), ratio=1.0)
        else:
            x, y = X[:, 0], T[:, 0]
            self.plot.setLabel("bottom", "x")
            self.plot.setLabel("left", "target")
            self.plot.getViewBox().setAspectLocked(False)
        if classes:
            brushes = class_brushes(class_labels(T))
        else:  # low targets orange, high blue, as on the output map
            cmap = diverging_map()
            lo, hi = float(data.targets[:, 0].min()), float(data.targets[:, 0].max())
            brushes = [pg.mkBrush(c) for c in cmap.map((T[:, 0] - lo) / ((hi - lo) or 1.0), "qcolor")]
        if item is self.val_points:
            item.setData(x, y, pen=[pg.mkPen(b.color(), width=1.5) for b in brushes])
        else:
            item.setData(x, y, brush=brushes)

    @staticmethod
    def _describe(network) -> str:
        """What the data is and where it comes from: "200 samples generated by sine (160 training, 40
        validation), 1 input, 1 target, regression."; a guided lesson's "1 sample written in the lesson
        (Other data… replaces it), 1 input, …" with the generator folded away (its controls showed
        "Generator xor, Samples 200" beside one hand-made sample, as if they had made it)."""
        data = network.dataset
        n_val = len(split_indices(len(data), network.training.validation_fraction, network.training.seed)[1])
        kind = "classification" if is_classifier(network) else "regression"
        source = data.source
        where = (f"generated by {source['generator']}" if "generator" in source else
                 f"from {Path(source['csv']).name}" if "csv" in source else "written in the file")
        if DatasetPanel.lessons_own(network):
            where = "written in the lesson (Other data… replaces it)"
        mismatch = network.dataset_problems()
        if "generator" not in source and not mismatch and not DatasetPanel.lessons_own(network):
            where += " (Other data… replaces it)" if DatasetPanel.folds(network) else " (Apply replaces it with generated data)"
        split = f" ({len(data) - n_val} training, {n_val} validation)" if n_val else ""
        text = (f"{counted(len(data), 'sample')} {where}{split}, "
                f"{counted(data.inputs.shape[1], 'input')}, {counted(data.targets.shape[1], 'target')}, {kind}.")
        if mismatch:  # first, so that a low panel (1024 × 700) shows the remedy whole, not cut at the bottom
            return f"Cannot train this network: {'; '.join(mismatch)}. The data: {counted(len(data), 'sample')} {where}."
        return text

    # ----------------------------------------------------------------- edits
    def apply(self) -> bool:
        """Generate the chosen dataset and give it to the network (one undoable step)."""
        try:
            data = core.generate(self.generator.currentText(), samples=self.samples.value(),
                                 noise=self.noise.value(), seed=self.seed.value())
        except ValueError as exc:
            self.info.setText(f"Cannot make that dataset: {exc}")
            return False
        return self._perform(commands.set_dataset(self.document, data, self.validation.value()))

    def load_csv(self, path, inputs: list[str], targets: list[str]) -> bool:
        """Load columns of a CSV file as the dataset (one undoable step); False with a message on error."""
        try:
            data = datasets.load_csv(path, inputs, targets)
        except (ValueError, OSError) as exc:
            self.info.setText(str(exc))
            return False
        return self._perform(commands.set_dataset(self.document, data, self.validation.value(),
                                                  f"Load {Path(path).name}"))

    def _perform(self, command) -> bool:
        """``command`` into the document; refused (a guided lesson trains on its own data until its question
        is answered), the info line says why: nothing changed (it said nothing, and only the Lesson panel's
        note, maybe behind this dock, told why)."""
        reason = self.document.perform(command)
        if reason is not None:
            self.info.setText(f"Not done: {reason}")
        return reason is None

    def _choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load a CSV dataset", "", "CSV files (*.csv);;All files (*)")
        if not path:
            return
        try:
            header = datasets.csv_header(path)
        except datasets.CSVError as exc:
            self.info.setText(str(exc))
            return
        default = f"{', '.join(header[:-1])} -> {header[-1]}"
        text, ok = QInputDialog.getText(self, "Columns", "Input columns -> target columns:", text=default)
        if not ok:
            return
        left, _, right = text.partition("->")
        inputs = [c.strip() for c in left.split(",") if c.strip()]
        targets = [c.strip() for c in right.split(",") if c.strip()]
        self.load_csv(path, inputs, targets)

