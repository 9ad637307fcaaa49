"""Inspector page for the whole network: its name, what keeps it from training, the training
settings (loss, optimizer, batch size, regularization, validation, seed) and the dataset
(a generator with samples/noise/seed, the file's own samples, or a CSV file).

Every change is one undoable ``SetSettings`` command; repeated changes of the same field
in a row merge into one step.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QMessageBox,
    QPushButton, QVBoxLayout, QWidget,
)

import core
from core.settings import OPTIMIZER_NAMES, REGULARIZATION_KINDS
from desktop import commands
from desktop.naming import name, name_form

from .description import DescriptionEditor
from .inspector_widgets import (
    NumberBox, fraction_box, heading, int_box, learning_rate_box, non_negative_box, note, positive_box, quiet,
    set_value,
)

NONE_ITEM, INLINE_ITEM, CSV_ITEM = "(no dataset)", "samples stored in the file", "CSV file"
MAX_SEED = 2**31 - 1


class NetworkPage(QWidget):
    def __init__(self, inspector):
        super().__init__()
        self.inspector = inspector
        self.title = heading("Network")
        self.name = QLineEdit()
        self.description = DescriptionEditor()
        self.problems = note()
        self.problems.setStyleSheet("color: #B0301C;")

        self.loss = QComboBox()
        self.loss.addItems(list(core.LOSSES))
        self.optimizer = QComboBox()
        self.optimizer.addItems(list(OPTIMIZER_NAMES))
        self.learning_rate = learning_rate_box()
        self.momentum = fraction_box(0.05)
        self.nesterov = QCheckBox("Nesterov")
        self.beta1 = fraction_box(0.01)
        self.beta2 = fraction_box(0.001)
        self.eps = positive_box(1e-8)
        self.batch_size = int_box(1, core.datasets.MAX_SAMPLES)
        self.regularization = QComboBox()
        self.regularization.addItems(list(REGULARIZATION_KINDS))
        self.rate = non_negative_box(0.001)
        self.validation = fraction_box(0.05)
        self.seed = int_box(0, MAX_SEED)
        self.patience = int_box(0, 1_000_000)
        self.patience.setSpecialValueText("never")
        self.patience.setToolTip("Early stopping: patience P. Stop P epochs after the epoch of the lowest "
                                 "validation loss (needs a validation fraction)")
        self.patience.setPrefix("patience ")
        self.restore_best = QCheckBox("Restore the best epoch's weights")
        self.restore_best.setToolTip("When early stopping ends training, put back the weights of the epoch with "
                                     "the lowest validation loss (else keep the last epoch's)")

        self.source = QComboBox()
        self.samples = int_box(1, 1_000_000)
        self.noise = NumberBox(0.0, 10.0, 0.05)
        self.data_seed = int_box(0, MAX_SEED)
        self.csv_button = QPushButton("Choose CSV file…")
        self.data_summary = note()

        training = QGroupBox("Training")
        tf = QFormLayout(training)
        tf.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow dock puts the field under its label
        tf.addRow("Loss", self.loss)
        tf.addRow("Optimizer", self.optimizer)
        tf.addRow("Learning rate", self.learning_rate)
        self._optimizer_rows = {"sgd": [self.momentum, self.nesterov], "adam": [self.beta1, self.beta2, self.eps]}
        tf.addRow("Momentum", self.momentum)
        tf.addRow("", self.nesterov)
        tf.addRow("β1", self.beta1)
        tf.addRow("β2", self.beta2)
        tf.addRow("ε", self.eps)
        tf.addRow("Batch size", self.batch_size)
        reg = QHBoxLayout()
        reg.addWidget(name(self.regularization, "network_regularization", "Regularization"))
        reg.addWidget(name(self.rate, "network_regularization_rate", "Regularization rate"), 1)
        tf.addRow("Regularization", reg)
        tf.addRow("Validation fraction", self.validation)
        tf.addRow("Seed", self.seed)
        tf.addRow("Early stopping", self.patience)
        tf.addRow("", self.restore_best)
        self._training_form = tf
        name_form(tf, "network")

        data = QGroupBox("Dataset")
        df = QFormLayout(data)
        df.addRow("Source", self.source)
        df.addRow("Samples", self.samples)
        df.addRow("Noise", self.noise)
        df.addRow("Seed", self.data_seed)
        df.addRow("", self.csv_button)
        df.addRow(self.data_summary)
        self._data_form = df
        name_form(df, "network_dataset")

        info = QFormLayout()
        info.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the whole width for a long lesson name
        info.addRow("Name", self.name)
        info.addRow("Description", self.description)
        name_form(info, "network")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(info)
        box.addWidget(self.problems)
        box.addWidget(training)
        box.addWidget(data)
        box.addStretch(1)
        for combo in (self.loss, self.optimizer, self.regularization, self.source):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        # the loss's whole name ("binary_cross_entropy"): in a narrow dock the form puts the box under "Loss"
        self.loss.setMinimumContentsLength(max(len(loss) for loss in core.LOSSES))
        self._connect()

    @property
    def doc(self):
        return self.inspector.doc

    def _connect(self) -> None:
        def setting(widget, signal, key, text, mutate):
            signal.connect(lambda value: self._edit_training(key, text, lambda t: mutate(t, value)))

        self.name.editingFinished.connect(self._rename)
        self.description.edited.connect(self._describe)
        setting(self.loss, self.loss.currentTextChanged, "loss", "Set loss", lambda t, v: setattr(t, "loss", v))
        setting(self.optimizer, self.optimizer.currentTextChanged, "optimizer", "Set optimizer",
                lambda t, v: setattr(t.optimizer, "name", v))
        self.learning_rate.valueChanged.connect(lambda v: self._set_live("learning_rate", v))
        self.batch_size.valueChanged.connect(lambda v: self._set_live("batch_size", v))
        for widget, field, label in ((self.momentum, "momentum", "momentum"), (self.beta1, "beta1", "β1"),
                                     (self.beta2, "beta2", "β2"), (self.eps, "eps", "ε")):
            setting(widget, widget.valueChanged, field, f"Set {label}",
                    lambda t, v, f=field: setattr(t.optimizer, f, float(v)))
        setting(self.nesterov, self.nesterov.toggled, "nesterov", "Toggle Nesterov",
                lambda t, v: setattr(t.optimizer, "nesterov", bool(v)))
        setting(self.regularization, self.regularization.currentTextChanged, "regularization",
                "Set regularization", lambda t, v: setattr(t, "regularization", v))
        setting(self.rate, self.rate.valueChanged, "regularization_rate", "Set regularization rate",
                lambda t, v: setattr(t, "regularization_rate", float(v)))
        setting(self.validation, self.validation.valueChanged, "validation_fraction", "Set validation fraction",
                lambda t, v: setattr(t, "validation_fraction", float(v)))
        setting(self.seed, self.seed.valueChanged, "seed", "Set seed", lambda t, v: setattr(t, "seed", int(v)))
        setting(self.patience, self.patience.valueChanged, "patience", "Set early stopping",
                lambda t, v: setattr(t, "early_stopping_patience", int(v) or None))
        setting(self.restore_best, self.restore_best.toggled, "restore_best", "Toggle restoring the best weights",
                lambda t, v: setattr(t, "early_stopping_restore_best", bool(v)))
        self.source.activated.connect(lambda _i: self._source_chosen())
        for widget, key in ((self.samples, "samples"), (self.noise, "noise"), (self.data_seed, "seed")):
            widget.valueChanged.connect(lambda _v, k=key: self._regenerate(k))
        self.csv_button.clicked.connect(self.choose_csv)

    # ---------------------------------------------------------------- show
    def refresh(self) -> None:
        net = self.doc.network
        t = net.training
        if not self.name.hasFocus():
            with quiet(self.name):
                self.name.setText(net.name)
                self.name.setToolTip(net.name)
                self.name.setCursorPosition(0)  # the start of a long name, not its end
        self.description.show_text(net.description)
        problems = net.problems()
        self.problems.setText("Not ready to train:\n• " + "\n• ".join(problems) if problems else "")
        self.problems.setVisible(bool(problems))
        combos = (self.loss, self.optimizer, self.regularization)
        with quiet(*combos, self.nesterov, self.restore_best):
            self.restore_best.setChecked(t.early_stopping_restore_best)
            self.loss.setCurrentText(t.loss)
            self.optimizer.setCurrentText(t.optimizer.name)
            self.regularization.setCurrentText(t.regularization)
            self.nesterov.setChecked(t.optimizer.nesterov)
        for widget, value in ((self.learning_rate, t.optimizer.learning_rate), (self.momentum, t.optimizer.momentum),
                              (self.beta1, t.optimizer.beta1), (self.beta2, t.optimizer.beta2),
                              (self.eps, t.optimizer.eps), (self.batch_size, t.batch_size),
                              (self.rate, t.regularization_rate), (self.validation, t.validation_fraction),
                              (self.seed, t.seed), (self.patience, t.early_stopping_patience or 0)):
            set_value(widget, value)
        for name, widgets in self._optimizer_rows.items():
            for w in widgets:
                self._training_form.setRowVisible(w, name == t.optimizer.name)
        self.rate.setEnabled(t.regularization != "none")
        self.restore_best.setEnabled(t.early_stopping_patience is not None)
        self._refresh_dataset()

    def _refresh_dataset(self) -> None:
        ds = self.doc.network.dataset
        src = ds.source if ds is not None else {}
        items = list(core.GENERATORS) + [CSV_ITEM]
        if ds is None:
            items.insert(0, NONE_ITEM)
            current = NONE_ITEM
        elif "generator" in src:
            current = src["generator"]
        elif "csv" in src:
            current = CSV_ITEM
        else:
            items.insert(0, INLINE_ITEM)
            current = INLINE_ITEM
        with quiet(self.source):
            if [self.source.itemText(k) for k in range(self.source.count())] != items:
                self.source.clear()
                self.source.addItems(items)
            self.source.setCurrentText(current)
        generated = "generator" in src
        for widget in (self.samples, self.noise, self.data_seed):
            self._data_form.setRowVisible(widget, generated)
        if generated:
            set_value(self.samples, int(src.get("samples", len(ds))))
            set_value(self.noise, float(src.get("noise", 0.0)))
            set_value(self.data_seed, int(src.get("seed", 0)))
        self._data_form.setRowVisible(self.csv_button, current == CSV_ITEM)
        if ds is None:
            self.data_summary.setText("No dataset: choose a generator or a CSV file to train.")
        else:
            where = f" from {os.path.basename(src['csv'])}" if "csv" in src else ""
            self.data_summary.setText(
                f"{len(ds)} sample{'s' if len(ds) != 1 else ''}{where}: {ds.inputs.shape[1]} input(s) → {ds.targets.shape[1]} target(s)")

    # --------------------------------------------------------------- edits
    def _edit_training(self, key: str, text: str, mutate) -> None:
        net = self.doc.network
        new = net.training.copy()
        mutate(new)
        if new != net.training:
            self.inspector.perform(commands.SetSettings(self.doc, text, training=new, merge_key=key))
        self.refresh()

    def _set_live(self, which: str, value) -> None:
        """The learning rate or batch size: the same command as the toolbar's (training keeps running)."""
        t = self.doc.network.training
        if (t.optimizer.learning_rate if which == "learning_rate" else t.batch_size) != value:
            self.inspector.perform(commands.set_training_value(self.doc, which, value))
        self.refresh()

    def _rename(self) -> None:
        net = self.doc.network
        name = self.name.text().strip()
        if name != net.name:
            self.inspector.perform(commands.SetNetworkInfo(self.doc, name, net.description))

    def _describe(self, text: str) -> None:
        """The description box was left with a new text: one undoable "Edit description"."""
        net = self.doc.network
        if text != net.description:
            self.inspector.perform(commands.SetNetworkInfo(self.doc, net.name, text))
        self.description.show_text(self.doc.network.description)

    def _set_dataset(self, dataset, text: str, key: str | None) -> None:
        self.inspector.perform(commands.set_dataset(self.doc, dataset, text=text, merge_key=key))
        self.refresh()

    def _source_chosen(self) -> None:
        choice = self.source.currentText()
        if choice == CSV_ITEM:
            self.choose_csv()
        elif choice in core.GENERATORS:
            ds = self.doc.network.dataset
            src = ds.source if ds is not None else {}
            if src.get("generator") != choice:
                samples = int(src.get("samples", 200)) if "generator" in src else 200
                noise = float(src.get("noise", 0.1)) if "generator" in src else 0.1
                self._generate(choice, samples, noise, int(src.get("seed", 0)), None)
        self.refresh()

    def _regenerate(self, key: str) -> None:
        ds = self.doc.network.dataset
        if ds is not None and "generator" in ds.source:
            self._generate(ds.source["generator"], self.samples.value(), self.noise.value(),
                           self.data_seed.value(), f"dataset-{key}")

    def _generate(self, name: str, samples: int, noise: float, seed: int, key: str | None) -> None:
        try:
            dataset = core.generate(name, samples=samples, noise=noise, seed=seed)
        except ValueError as exc:
            self.inspector.message(f"Dataset not changed: {exc}")
            return
        self._set_dataset(dataset, f"Dataset: {name}, {samples} samples", key)

    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a CSV file", "", "CSV files (*.csv);;All files (*)")
        if not path:
            self.refresh()
            return
        try:
            header = core.datasets.csv_header(path)
            n_out = self.doc.network.layer(self.doc.network.output_layer).units if not self.doc.network.problems() else 1
            n_out = 1 if n_out > len(header) - 1 else n_out
            dataset = core.load_csv(path, header[:-n_out], header[-n_out:])
        except ValueError as exc:  # core.CSVError: the message names the file and what is wrong
            QMessageBox.warning(self, "CSV file not used", str(exc))
            self.refresh()
            return
        self._set_dataset(dataset, f"Dataset: {os.path.basename(path)}", None)
