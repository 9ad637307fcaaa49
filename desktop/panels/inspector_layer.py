"""Inspector pages for a layer and for a whole connection (a bundle on the canvas)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QFormLayout, QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

import core
from core import features as input_features
from core.graph import MAX_UNITS
from core.hand_check import with_note
from core.notation import neuron_symbol
from desktop import commands
from desktop.naming import name, name_form, slug

from .roomy_text import RoomyText
from .units_box import UnitsBox
from .inspector_widgets import (NumberBox, follow_label, heading, int_box, note, quiet, set_follow_links, set_value,
                                 show_number)


class FeatureChoice(QWidget):
    """A check box per input feature of ``core.features`` (x₀, x₁, x₀², x₁², x₀x₁, sin x₀, sin x₁),
    two per row. ``chosen()`` is the checked features in the current order: a feature kept stays
    where it was, a new one goes where ``FEATURE_NAMES`` puts it."""

    def __init__(self, on_change):
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for k, feature in enumerate(input_features.FEATURE_NAMES):
            f = input_features.FEATURES[feature]
            box = name(QCheckBox(f.label), f"layer_feature_{slug(feature)}", f"Input feature {f.label}")
            box.setToolTip(f"Feed the input layer the column {f.formula} of each sample")
            box.toggled.connect(lambda _on, feature=feature: on_change(feature))
            grid.addWidget(box, k // 2, k % 2)
            self.boxes[feature] = box
        self.current: tuple[str, ...] = input_features.RAW

    def display(self, features) -> None:
        self.current = tuple(features or input_features.RAW)
        with quiet(*self.boxes.values()):
            for feature, box in self.boxes.items():
                box.setChecked(feature in self.current)

    def chosen(self, toggled: str) -> tuple[str, ...]:
        if not self.boxes[toggled].isChecked():
            return tuple(f for f in self.current if f != toggled)
        rank = input_features.FEATURE_NAMES.index
        at = sum(1 for f in self.current if rank(f) < rank(toggled))
        return self.current[:at] + (toggled,) + self.current[at:]


class LayerPage(QWidget):
    """Name, units, activation, bias on/off and values, incoming and outgoing connections, and
    the chosen neuron's numbers for the traced input: z, a, and δ = dL/dz with where it comes
    from (``core.explain_neuron``). The input layer of a two-input network also chooses its
    input features (one undoable command per change)."""

    def __init__(self, inspector):
        super().__init__()
        self.inspector = inspector
        self.layer_name: str | None = None
        self.title = heading("")
        self.name = QLineEdit()
        self.name.setToolTip("Rename the layer (Enter to apply)")
        self.units = UnitsBox(1, MAX_UNITS)
        self.units.refused.connect(inspector.message)
        self.units.setToolTip("Number of neurons; existing weights of the kept neurons stay")
        self.activation = QComboBox()
        self.activation.addItems(list(core.ACTIVATIONS))
        self.bias = QCheckBox("bias b per neuron")
        self.features = name(FeatureChoice(self._set_features), "layer_features", "Input features")
        self.neuron = int_box(0, 0)
        self.neuron.setToolTip("Which neuron to explain (click one on the canvas) and whose bias to edit")
        self.bias_value = NumberBox()
        self.bias_value.setToolTip("The bias of the chosen neuron")
        self.links = note()
        self.role = note()
        self.explanation = name(RoomyText(), "layer_neuron_explanation", "Neuron explanation")
        self.explanation.setMinimumHeight(200)
        self.explanation.setPlaceholderText("The chosen neuron's z, a and δ appear here when the network "
                                            "has a dataset that fits it.")

        form = self.form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Units", self.units)
        form.addRow("Features", self.features)
        form.addRow("Activation", self.activation)
        form.addRow("Bias", self.bias)
        form.addRow("Neuron", self.neuron)
        form.addRow("Bias value", self.bias_value)
        name_form(form, "layer")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.role)
        box.addLayout(form)
        box.addWidget(self.links)
        box.addWidget(note("This neuron: forward values and δ = dL/dz"))
        box.addWidget(self.explanation, 1)
        self.follow = name(follow_label(inspector), "layer_follow", "Follow a term of the chain rule")
        box.addWidget(self.follow)

        self.name.editingFinished.connect(self._rename)
        self.units.valueChanged.connect(self._set_units)
        self.activation.currentTextChanged.connect(self._set_activation)
        self.bias.toggled.connect(self._set_bias)
        self.neuron.valueChanged.connect(lambda _v: self.refresh())
        self.bias_value.valueChanged.connect(self._set_bias_value)

    @property
    def doc(self):
        return self.inspector.doc

    def show_layer(self, name: str, neuron: int = -1) -> None:
        """Show layer ``name``; ``neuron`` ≥ 0 chooses that neuron (a click on it on the canvas)."""
        changed = name != self.layer_name
        self.layer_name = name
        if neuron >= 0 or changed:
            with quiet(self.neuron):
                self.neuron.setMaximum(max(self.doc.network.layer(name).units - 1, 0))
                self.neuron.setValue(max(neuron, 0))
        self.refresh()

    def refresh(self) -> None:
        net = self.doc.network
        if self.layer_name not in {l.name for l in net.layers}:
            return
        layer = net.layer(self.layer_name)
        incoming, outgoing = net.incoming(layer.name), net.outgoing(layer.name)
        is_input = not incoming and bool(outgoing)  # an unconnected layer may still become anything
        with quiet(self.name, self.activation, self.bias, self.neuron):
            if not self.name.hasFocus():
                self.name.setText(layer.name)
            self.activation.setCurrentText(layer.activation)
            self.bias.setChecked(layer.bias)
            self.neuron.setMaximum(layer.units - 1)
        set_value(self.units, layer.units)
        self.title.setText(f"Layer {layer.name}")
        self.role.setText(
            ("The input layer: it computes the chosen input features of each sample's x₀, x₁; it has no "
             "activation and no bias." if layer.features is not None else
             "The input layer: it receives the data, so it has no activation and no bias.") if is_input
            else "Not connected yet: drag from a layer's blue port onto another layer." if not incoming
            else "The output layer: its activations are the network's answer." if not outgoing
            else "A hidden layer.")
        self.activation.setEnabled(not is_input)
        self.bias.setEnabled(not is_input)
        # input features: for the input layer of two raw inputs (x₀, x₁), or one that has features
        can_feature = is_input and (layer.features is not None or layer.units == input_features.RAW_INPUTS)
        self.form.setRowVisible(self.features, can_feature)
        if can_feature:
            self.features.display(layer.features)
        self.units.setEnabled(layer.features is None)
        self.units.setToolTip("Number of neurons; existing weights of the kept neurons stay" if layer.features is None
                              else "One neuron per input feature: choose features to change it")
        has_values = layer.name in net.biases
        self.bias_value.setEnabled(has_values)
        if has_values:
            self._show_bias()
        lines = [f"from {s}: W {net.weights[s, layer.name].shape[0]}×{net.weights[s, layer.name].shape[1]}"
                 for s in incoming]
        lines += [f"to {t}: W {net.weights[layer.name, t].shape[0]}×{net.weights[layer.name, t].shape[1]}"
                  for t in outgoing]
        self.links.setText("Connections:\n" + "\n".join(lines) if lines else "No connections.")
        if not self.inspector.fields_only:  # else the view state has it rewritten
            self.refresh_explanation()

    def _show_bias(self) -> None:
        """The bias box holds the chosen neuron's bias as the canvas shows it (``ViewState.shown_bias``: during Play
        the running session's newest), except while the student types in it."""
        j = min(self.neuron.value(), self.doc.network.layer(self.layer_name).units - 1)
        show_number(self.bias_value, self.inspector.view_state.shown_bias(self.layer_name, j))

    def refresh_explanation(self) -> None:
        """z, a and δ of the chosen neuron for what the view state traces (a small batch: cheap)."""
        if self.layer_name in self.doc.network.biases:
            self._show_bias()  # (during Play the biases move on between two document edits)
        traced = self.inspector.traced()
        net = self.doc.network
        if traced is None or self.layer_name not in {l.name for l in net.layers} or not net.connections:
            self.explanation.setPlainText("")
            set_follow_links(self.follow, "", [])
            return
        shown, X, T, words = traced
        digits = max(4, self.inspector.view_state.digits)
        units = net.layer(self.layer_name).units
        if self.neuron.value() >= units:  # the layer just lost units (its page refreshes after the view state)
            with quiet(self.neuron):
                self.neuron.setMaximum(units - 1)
        j = min(self.neuron.value(), units - 1)
        view_state = self.inspector.view_state
        if not view_state.revealed("delta", self.layer_name, j) and self.layer_name != net.order()[0]:
            self.explanation.setPlainText(words + ":\n\n" + forward_lines(view_state, self.layer_name, j))
            set_follow_links(self.follow, "", [])
            return
        with np.errstate(all="ignore"):
            explained = core.explain_neuron(shown, self.layer_name, j, X, T)
        self.explanation.setPlainText(words + ":\n\n" + "\n".join(with_note(explained.lines(digits))))
        terms = explained.samples[0].contributions if explained.samples else []
        set_follow_links(self.follow, "Follow a term of Σ_k w_kj δ_k",
                         [(c.layer, c.k, neuron_symbol("δ", c.layer, c.k)) for c in terms if not c.removed])

    def _perform(self, command) -> None:
        self.inspector.perform(command)
        self.refresh()

    def _rename(self) -> None:
        new = self.name.text().strip()
        if self.layer_name and new and new != self.layer_name:
            old = self.layer_name
            if self.inspector.perform(commands.rename_layer(self.doc, old, new)):
                self.layer_name = new
                self.inspector.select_layer(new)
        self.refresh()

    def _set_units(self, units: int) -> None:
        if self.layer_name and units != self.doc.network.layer(self.layer_name).units:
            self._perform(commands.set_units(self.doc, self.layer_name, units, seed=self.doc.network.training.seed,
                                             merge=True))

    def _set_features(self, toggled: str) -> None:
        if self.layer_name:
            chosen = self.features.chosen(toggled)
            self._perform(commands.set_input_features(self.doc, chosen, seed=self.doc.network.training.seed))

    def _set_activation(self, activation: str) -> None:
        if self.layer_name and activation != self.doc.network.layer(self.layer_name).activation:
            self._perform(commands.set_activation(self.doc, self.layer_name, activation))

    def _set_bias(self, enabled: bool) -> None:
        if self.layer_name and enabled != self.doc.network.layer(self.layer_name).bias:
            self._perform(commands.set_bias_enabled(self.doc, self.layer_name, enabled))

    def _set_bias_value(self, value: float) -> None:
        net = self.doc.network
        if self.layer_name in net.biases:
            j = self.neuron.value()
            if float(net.biases[self.layer_name][j]) != value:
                self._perform(commands.SetBias(self.doc, self.layer_name, j, value, merge=True))


class ConnectionPage(QWidget):
    """A whole connection (shown when a bundle is selected): shape, value summary, delete."""

    def __init__(self, inspector):
        super().__init__()
        self.inspector = inspector
        self.edge = None
        self.title = heading("")
        self.summary = note()
        self.delete = name(QPushButton("Delete connection"), "connection_delete", "Delete connection")
        self.delete.clicked.connect(self._delete)
        self.target_j = int_box(0, 0)
        self.source_i = int_box(0, 0)
        self.open_edge = QPushButton("Show this weight")
        self.open_edge.setToolTip("Inspect and edit the single weight W[j, i]")
        self.open_edge.clicked.connect(self._open_edge)
        pick = QFormLayout()
        pick.addRow("Target neuron j", self.target_j)
        pick.addRow("Source neuron i", self.source_i)
        pick.addRow("", self.open_edge)
        name_form(pick, "connection")
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.summary)
        box.addLayout(pick)
        box.addWidget(self.delete)
        box.addStretch(1)

    def show_connection(self, src: str, tgt: str) -> None:
        self.edge = (src, tgt)
        self.refresh()

    def refresh(self) -> None:
        net = self.inspector.doc.network
        if self.edge not in net.connections:
            return
        w = net.weights[self.edge]
        removed = int((net.masks[self.edge] == 0).sum()) if self.edge in net.masks else 0
        self.target_j.setMaximum(w.shape[0] - 1)
        self.source_i.setMaximum(w.shape[1] - 1)
        self.title.setText(f"Connection {self.edge[0]} → {self.edge[1]}")
        view_state = self.inspector.view_state
        shown = view_state is None or view_state.revealed("weight", self.edge[1])
        figures = f"mean {w.mean():.4g}, min {w.min():.4g}, max {w.max():.4g}" if shown else \
            f"weights {view_state.pending('weight', self.edge[1])}"
        self.summary.setText(
            f"W has shape {w.shape[0]}×{w.shape[1]} (units of {self.edge[1]} × units of {self.edge[0]}); "
            f"W[j, i] joins {self.edge[0]}[i] to {self.edge[1]}[j].\n\n"
            f"{figures}\n"
            f"{removed} removed edge{'s' if removed != 1 else ''}.\n\n"
            "The layers are too big to draw every edge: pick one weight below to inspect and edit it.")

    def _open_edge(self) -> None:
        if self.edge is not None:
            self.inspector.show_edge(*self.edge, self.target_j.value(), self.source_i.value())

    def _delete(self) -> None:
        if self.edge is not None:
            self.inspector.perform(commands.disconnect(self.inspector.doc, *self.edge))


def forward_lines(view_state, layer: str, j: int) -> str:
    """What the step-through has computed of neuron j so far: z and a (or "?"), and δ still "?"."""
    numbers = view_state.neuron(layer, j)
    me = f"{layer}{j}"
    fmt = lambda v: core.format_number(v, max(4, view_state.digits))  # noqa: E731
    bias = "b + " if layer in view_state.network().biases else ""
    z = view_state.pending("z", layer, j) if numbers is None or numbers.z is None else \
        f"{bias}Σ w·a = {fmt(numbers.z)}"
    a = view_state.pending("a", layer, j) if numbers is None or numbers.a is None else f"f(z_{me}) = {fmt(numbers.a)}"
    forward = f"z_{me} = {z},  a_{me} = {a}"
    return (f"neuron {me} (layer {layer})\n{forward}\n"
            f"δ_{me} = dL/dz_{me} = {view_state.pending('delta', layer, j)}.")
