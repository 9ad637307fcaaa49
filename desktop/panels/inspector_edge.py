"""Inspector page for one edge: source and target neuron, its weight, and its gradient.

The gradient comes from a provider the training UI installs:
``provider(source, target, j, i) -> (gradient or None, explanation text or None)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from desktop import commands
from desktop.naming import name, name_form

from .inspector_widgets import NumberBox, heading, note, quiet, set_value


class EdgePage(QWidget):
    def __init__(self, inspector):
        super().__init__()
        self.inspector = inspector
        self.key: tuple[str, str, int, int] | None = None
        self.title = heading("")
        self.where = note()
        self.weight = NumberBox()
        self.weight.setToolTip("The weight w_ji of this edge (Enter applies; arrows step by 0.1)")
        self.present = name(QCheckBox("present"), "edge_present", "Edge present")
        self.present.setToolTip("Untick to remove this edge (its weight becomes 0 and stays 0); tick to restore it")
        self.gradient = QLabel("—")
        self.gradient.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = QPlainTextEdit()
        self.explanation.setReadOnly(True)
        self.explanation.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.explanation.setPlaceholderText("The chain rule behind this gradient appears here once training has data.")
        self.explanation.setMinimumHeight(140)

        form = QFormLayout()
        form.addRow("Weight", self.weight)
        form.addRow("Edge", self.present)
        form.addRow("dL/dw", self.gradient)
        name(self.explanation, "edge_chain_rule", "Chain rule")
        name_form(form, "edge")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.where)
        box.addLayout(form)
        box.addWidget(QLabel("Chain rule"))
        box.addWidget(self.explanation, 1)

        self.weight.valueChanged.connect(self._set_weight)
        self.present.toggled.connect(self._set_present)

    @property
    def doc(self):
        return self.inspector.doc

    def show_edge(self, src: str, tgt: str, j: int, i: int) -> None:
        self.key = (src, tgt, j, i)
        self.refresh()

    def valid(self) -> bool:
        if self.key is None:
            return False
        src, tgt, j, i = self.key
        net = self.doc.network
        if (src, tgt) not in net.connections:
            return False
        rows, cols = net.weights[src, tgt].shape
        return j < rows and i < cols

    def refresh(self) -> None:
        if not self.valid():
            return
        src, tgt, j, i = self.key
        net = self.doc.network
        enabled = net.edge_enabled(src, tgt, j, i)
        self.title.setText(f"Edge {src}[{i}] → {tgt}[{j}]")
        self.where.setText(
            f"Source neuron {i} of layer {src}, target neuron {j} of layer {tgt}: "
            f"the weight w_ji = W[{j}, {i}] of {src} → {tgt}.")
        set_value(self.weight, float(net.weights[src, tgt][j, i]))
        self.weight.setEnabled(enabled)
        with quiet(self.present):
            self.present.setChecked(enabled)
        self.refresh_gradient()

    def refresh_gradient(self) -> None:
        provider = self.inspector.gradient_provider
        if provider is None or not self.valid():
            self.gradient.setText("— (train or step once to see it)")
            self.explanation.setPlainText("")
            return
        try:
            value, text = provider(*self.key)
        except Exception as exc:  # a provider bug must not break selection
            value, text = None, f"(no gradient: {exc})"
        self.gradient.setText("—" if value is None else f"{value:.6g}")
        if text is not None:
            self.explanation.setPlainText(text)
        elif value is None:
            self.explanation.setPlainText("")

    def _set_weight(self, value: float) -> None:
        if not self.valid():
            return
        src, tgt, j, i = self.key
        if float(self.doc.network.weights[src, tgt][j, i]) != value:
            self.inspector.perform(commands.SetWeight(self.doc, src, tgt, j, i, value, merge=True))
        self.refresh()

    def _set_present(self, enabled: bool) -> None:
        if self.valid():
            self.inspector.perform(commands.set_edge_enabled(self.doc, *self.key, enabled))
            self.refresh()
