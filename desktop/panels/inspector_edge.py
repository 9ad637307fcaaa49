"""Inspector page for one edge: its weight, and its gradient dL/dw explained.

For the input the view state traces (one sample or the next mini-batch) and the
weights the canvas shows: the chain rule written symbolically, then with numbers
(``core.explain_edge``), a numerical check by central differences
(``core.check_parameter``), and the loss as a function of this one weight with the
tangent whose slope is the gradient and the next SGD step (``core.loss_curve``).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout,
                               QWidget)

import core
from core.hand_check import format_computed, with_note
from core.notation import change_text, edge_label, neuron_label, neuron_symbol, slope_meaning, weight_label

from desktop import commands
from desktop.naming import name, name_form
from desktop.view_numbers import nothing_traced_reason

from .loss_of_weight import LossOfWeightPlot
from .roomy_text import RoomyText
from .inspector_widgets import NumberBox, follow_label, heading, note, quiet, set_follow_links, show_number


class EdgePage(QWidget):
    def __init__(self, inspector):
        super().__init__()
        self.inspector = inspector
        self.key: tuple[str, str, int, int] | None = None
        self.title = heading("")
        self.where = note()
        self.weight = NumberBox()
        self.weight.setToolTip("The weight w_ji of this edge (Enter applies; arrows step by 0.1)")
        self.weight_pending = QLabel("")  # in the box's place while a lesson asks this weight after k steps
        self.weight_pending.hide()
        self.present = name(QCheckBox("present"), "edge_present", "Edge present")
        self.present.setToolTip("Untick to remove this edge (its weight becomes 0 and stays 0); tick to restore it")
        self.gradient = QLabel("—")
        self.gradient.setWordWrap(True)
        self.gradient.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation = RoomyText()  # monospace, a gap under each line's underscores
        self.explanation.setPlaceholderText("The chain rule behind this gradient appears here when the network "
                                            "has a dataset that fits it.")
        self.explanation.setMinimumHeight(150)
        self.follow = name(follow_label(inspector), "edge_follow", "Follow a term of the chain rule")
        self.check_button = name(QPushButton("Check numerically"), "edge_check_numerically", "Check numerically")
        self.check_button.setToolTip("Compare dL/dw with the central difference (L(w + h) − L(w − h)) / 2h")
        self.check_result = note()
        self.check_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.loss_of_weight = LossOfWeightPlot()
        # the plot's parts, for readers (tests) that look at what is drawn
        lw = self.loss_of_weight
        self.curve_plot, self.curve_caption = lw.plot, lw.caption
        self.curve_line, self.tangent_line, self.step_line = lw.curve_line, lw.tangent_line, lw.step_line
        self.earlier_line, self.now_point = lw.earlier_line, lw.now_point

        form = QFormLayout()
        weight_row = QHBoxLayout()
        weight_row.setContentsMargins(0, 0, 0, 0)
        weight_row.addWidget(self.weight)
        weight_row.addWidget(self.weight_pending, 1)
        form.addRow("Weight", weight_row)
        form.addRow("Edge", self.present)
        form.addRow("dL/dw", self.gradient)
        name(self.explanation, "edge_chain_rule", "Chain rule")
        name_form(form, "edge")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.where)
        box.addLayout(form)
        chain = QWidget()
        chain_box = QVBoxLayout(chain)
        chain_box.setContentsMargins(0, 4, 0, 0)
        chain_box.addWidget(self.explanation, 1)
        chain_box.addWidget(self.follow)
        chain_box.addWidget(self.check_button)
        chain_box.addWidget(self.check_result)
        #: the chain rule and L(w) side by side as tabs: both in view without scrolling
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(chain, "Chain rule")
        self.tabs.addTab(self.loss_of_weight, "L(w): loss vs this weight")
        name(self.tabs, "edge_tabs", "Chain rule or loss as a function of this weight")
        box.addWidget(self.tabs, 1)
        self.check_button.clicked.connect(self.check_numerically)

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
        self.title.setText(f"Edge {edge_label(src, tgt, j, i)}")
        self.where.setText(
            f"From {neuron_label(src, i)} (neuron i = {i} of layer {src}) to {neuron_label(tgt, j)} (neuron j = {j} "
            f"of layer {tgt}): the weight {weight_label(src, tgt, j, i)}, row j, column i of the matrix of {src} → {tgt}.")
        self._show_weight()
        self.weight.setEnabled(enabled)
        self._hide_weight_if_asked()
        with quiet(self.present):
            self.present.setChecked(enabled)
        if not self.inspector.fields_only:  # else the view state has it rewritten
            self.refresh_gradient()

    def _show_weight(self) -> None:
        """The weight box holds the weight the canvas shows (``ViewState.shown_weight``: during Play the running
        session's newest, so that ↑ nudges the trained weight, not the one from before the run), except while
        the student types in it."""
        src, tgt, j, i = self.key
        show_number(self.weight, self.inspector.view_state.shown_weight(src, tgt, j, i))

    def _hide_weight_if_asked(self) -> None:
        """The weight box, or in its place "? (hidden: …)" while the weights into the edge's target are
        hidden (``ViewState.revealed("weight", …)``: a lesson asks this weight after k training steps)."""
        view_state = self.inspector.view_state
        if self.key is None or view_state is None:
            return
        tgt = self.key[1]
        hidden = not view_state.revealed("weight", tgt)
        self.weight_pending.setText(view_state.pending("weight", tgt) if hidden else "")
        self.weight.setVisible(not hidden)
        self.weight_pending.setVisible(hidden)

    def refresh_gradient(self) -> None:
        """The chain rule, gradient and loss curve for the traced input (cheap: one small batch).
        During a step-through each number waits for its phase (``ViewState.revealed``)."""
        if self.valid():
            self._show_weight()  # (during Play the weights move on between two document edits)
        self._hide_weight_if_asked()
        self.check_result.setText("")
        shown = self.inspector.traced() if self.valid() else None
        if shown is None:
            self.gradient.setText(f"— ({nothing_traced_reason(self.inspector.doc.network)})")
            self.explanation.setPlainText("")
            set_follow_links(self.follow, "", [])
            self.loss_of_weight.clear()
            return
        net, X, T, words = shown
        src, tgt, j, i = self.key
        view_state = self.inspector.view_state
        digits = max(4, view_state.digits)
        with np.errstate(all="ignore"):
            e = core.explain_edge(net, src, tgt, j, i, X, T)
        revealed = view_state.revealed("dL/dw", tgt, (src, j, i))  # (the edge's own: answered in a lesson)
        self.check_button.setEnabled(revealed)
        if not revealed:
            pending = view_state.pending("dL/dw", tgt, (src, j, i))
            self.gradient.setText(pending)
            first = e.samples[0] if e.samples else None
            rule = "" if first is None or first.f_prime is None or e.removed else f"\n({slope_meaning(first.activation)})"
            self.explanation.setPlainText(f"{words}:\n\n{first.symbolic() if first else ''}{rule}\n\n"
                                          f"dL/dw = {pending}.")
            set_follow_links(self.follow, "", [])
        else:
            change = view_state.weight_change(src, tgt, j, i)
            self.gradient.setText(format_computed(e.total, 6) + ("" if change is None else
                                                                   f"   (this step: w {change_text(*change[:2])})"))
            self.explanation.setPlainText(words + ":\n\n" + "\n".join(with_note(e.lines(digits))))
            terms = e.samples[0].contributions if e.samples else []
            set_follow_links(self.follow, "Follow: the target neuron, then each δ_k of Σ_k w_kj δ_k",
                             [(tgt, j, neuron_label(tgt, j))] + [(c.layer, c.k, neuron_symbol("δ", c.layer, c.k))
                                                         for c in terms if not c.removed])
        self.loss_of_weight.show_curve(net, self.key, X, T, view_state, removed=e.removed)

    def check_numerically(self) -> None:
        """The central difference beside the backprop value, and their relative error."""
        shown = self.inspector.traced() if self.valid() else None
        if shown is None:
            self.check_result.setText(f"Nothing to check: {nothing_traced_reason(self.inspector.doc.network)}.")
            return
        net, X, T, _ = shown
        try:
            with np.errstate(all="ignore"):
                result = core.check_parameter(net, X, T, "weight", self.key)
        except (ValueError, IndexError) as exc:
            self.check_result.setText(str(exc))
            return
        self.check_result.setText("\n".join(result.lines(6)))

    def _set_weight(self, value: float) -> None:
        if not self.valid():
            return
        src, tgt, j, i = self.key
        if float(self.doc.network.weights[src, tgt][j, i]) != value and \
                self.inspector.perform(commands.SetWeight(self.doc, src, tgt, j, i, value, merge=True)):
            return  # the document's and the view state's signals refresh the page, once
        self.refresh()

    def _set_present(self, enabled: bool) -> None:
        if self.valid() and not self.inspector.perform(commands.set_edge_enabled(self.doc, *self.key, enabled)):
            self.refresh()  # refused: show the document's state again

