"""What the canvas shows, owned in one place (napari's evented model, in Qt signals).

The view state answers, for the scene, the inspector and the panels:

* **which input is traced**: one dataset row (``sample``), or the next mini-batch
  (``sample is None``: the rows the next Step will use, told by training);
* **the number of each neuron** for that input: a, z, δ = dL/dz and the bias, from
  ``core.layer_traces`` at the weights shown (a batch shows the mean over its rows);
* **the number of each edge**: its weight (the document's, or the live weights of a
  running session), or its gradient dL/dw for the traced input (``traced_gradient``: the
  same gradient the chain-rule panel explains);
* **the step-through phase** (forward → loss → backward → update) and the
  ``core.StepTrace`` it walks through;
* **how many significant digits** numbers on the canvas have;
* **neuron thumbnails**: each neuron's activation over the input plane (two-input
  networks), computed by training's worker, shown only at the weights they belong to;
* **what is selected**: layers, one edge or a whole connection (``Selection``). The
  scene reports the student's clicks here; the inspector, the trajectories and the scene
  itself follow ``selection_changed``; anyone may select (``select``).

Writers: the canvas (selection), the sample picker, training (live weights, gradient, next batch rows), the
step-through controls. Readers subscribe to ``changed`` and read; none of them
decides what a number means. Nothing here changes the document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from PySide6.QtCore import QObject, Signal

import core
import core.features

PHASES = ("forward", "loss", "backward", "update")
#: at most this many rows of a mini-batch are traced for the canvas numbers
MAX_TRACED_ROWS = 512
#: ``ViewState._layers`` before the traced layers are computed (None: nothing can be traced)
_NOT_COMPUTED = object()


@dataclass(frozen=True)
class NeuronNumbers:
    """The numbers of neuron j of a layer for the traced input (batch means when several rows)."""

    a: float | None
    z: float | None = None
    bias: float | None = None
    delta: float | None = None
    target: float | None = None


@dataclass(frozen=True)
class Selection:
    """What is selected: ``kind`` "layers" (``layers``; ``j`` the neuron clicked in the first
    one, or -1), "edge" (W[j, i] of source → target) or "connection" (the whole bundle)."""

    kind: str
    layers: tuple[str, ...] = ()
    source: str = ""
    target: str = ""
    j: int = -1
    i: int = -1

    @classmethod
    def of_layers(cls, *names: str, neuron: int = -1) -> "Selection":
        return cls("layers", layers=tuple(names), j=int(neuron))

    @classmethod
    def edge(cls, source: str, target: str, j: int, i: int) -> "Selection":
        return cls("edge", source=source, target=target, j=int(j), i=int(i))

    @classmethod
    def connection(cls, source: str, target: str) -> "Selection":
        return cls("connection", source=source, target=target)


@dataclass
class StepThrough:
    """Where the step-through is: ``phase`` in PHASES; ``layer`` indexes the topological
    order (forward: the newest computed layer; backward: the newest layer with δ)."""

    trace: core.StepTrace
    phase: str
    layer: int


class ViewState(QObject):
    #: the numbers, the traced input, the phase or the precision changed: repaint
    changed = Signal()
    #: the selection changed: Selection or None
    selection_changed = Signal(object)

    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.digits = 4
        self.sample: int | None = None
        self.batch_rows: np.ndarray | None = None
        self.edge_mode = "weight"
        self.live_parameters: np.ndarray | None = None
        self.stepping: StepThrough | None = None
        self.selection: Selection | None = None
        #: recorded weight values of the last run: (steps (m,), values (m, k), watched (k,) flat indices)
        self.weight_history: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        #: thumbnails on the canvas (View menu); the worker's maps and the parameters they were computed at
        self.thumbnails = False
        self._neuron_maps: tuple[dict, np.ndarray] | None = None
        self._maps_fit: bool | None = None
        self._layers: dict | None | object = _NOT_COMPUTED
        self._numbers: dict | object = _NOT_COMPUTED  # {layer: [NeuronNumbers] or None}
        self._gradient: np.ndarray | None = None
        #: quantities hidden on behalf of an owner (a lesson's open question, predict mode): {owner: frozenset}
        self._hidden: dict[str, frozenset] = {}
        for signal in (document.structure_changed, document.parameters_changed, document.settings_changed):
            signal.connect(self._document_changed)
        document.network_replaced.connect(self._network_replaced)
        document.structure_changed.connect(lambda: self.set_weight_history(None, None, None))
        self._network_replaced()

    # ------------------------------------------------------------ writers
    def set_digits(self, digits: int) -> None:
        """Significant digits of the numbers on the canvas (2 … 6)."""
        digits = int(min(6, max(2, digits)))
        if digits != self.digits:
            self.digits = digits
            self.changed.emit()

    def select(self, selection: Selection | None) -> None:
        """Select layers, an edge or a connection (None: nothing); listeners follow.

        A selection the network does not have (a gone layer or edge) selects nothing. A listener
        may select again while this is announced (the canvas shows a bundle for an edge of a
        bundled connection): listeners read ``self.selection``, the newest, not the argument."""
        if selection is not None and not self._exists(selection):
            selection = None
        if selection != self.selection:
            self.selection = selection
            self.selection_changed.emit(selection)

    def select_edge(self, source: str, target: str, j: int, i: int) -> None:
        """Select edge W[j, i] of source → target."""
        self.select(Selection.edge(source, target, j, i))

    def set_sample(self, sample: int | None) -> None:
        """Trace dataset row ``sample`` (0-based), or the next mini-batch (None)."""
        if sample is not None:
            n = self.dataset_size()
            if not 0 <= int(sample) < max(n, 1):
                raise ValueError(f"sample {sample} is out of range: the dataset has {n} rows")
            sample = int(sample)
        if sample != self.sample:
            self.sample = sample
            self._invalidate()

    def set_batch_rows(self, rows) -> None:
        """The dataset rows of the next mini-batch (training knows them)."""
        rows = None if rows is None else np.asarray(rows, dtype=np.intp)
        if (rows is None) != (self.batch_rows is None) or (rows is not None and not np.array_equal(rows, self.batch_rows)):
            self.batch_rows = rows
            if self.sample is None:
                self._invalidate()

    def set_live_parameters(self, parameters: np.ndarray | None) -> None:
        """Live weights of a running session (None: the document's)."""
        fits = self.document.network.parameter_layout().fits
        self.live_parameters = parameters if parameters is not None and fits(parameters) else None
        self._invalidate()

    def set_weight_history(self, steps, values, watched) -> None:
        """The training run's recorded trajectories (None: no run). Not a repaint: readers ask for it."""
        self.weight_history = None if steps is None else (np.asarray(steps), np.asarray(values), np.asarray(watched))

    def set_thumbnails(self, on: bool) -> None:
        if bool(on) != self.thumbnails:
            self.thumbnails = bool(on)
            self.changed.emit()

    def set_neuron_maps(self, maps: dict | None, parameters: np.ndarray | None) -> None:
        """The worker's activation maps {layer: (G, G, units)} at ``parameters`` (None: none).
        Not a repaint by itself: the training numbers that come with them repaint."""
        self._neuron_maps = None if maps is None or parameters is None else \
            (maps, parameters, self.network().structure_signature(), self._activations())
        self._maps_fit = None

    def _activations(self) -> tuple:
        return tuple((layer.name, layer.activation) for layer in self.network().layers)

    def neuron_map(self, layer: str, k: int) -> np.ndarray | None:
        """Neuron k of ``layer``'s activation a over the input plane (G, G), row 0 = lowest x2,
        or None: thumbnails off, none computed, computed at other weights than those shown, or
        during a step-through (its numbers have the neurons to themselves)."""
        if not self.thumbnails or self._neuron_maps is None or self.stepping is not None:
            return None
        maps, parameters, structure, activations = self._neuron_maps
        if self._maps_fit is None:  # the same weights, connections and activations as those computed with
            shown = self.parameters()
            net = self.network()
            self._maps_fit = (parameters.shape == shown.shape and bool(np.array_equal(parameters, shown))
                              and structure == net.structure_signature() and activations == self._activations()
                              and not net.problems())
        if not self._maps_fit or layer not in maps or not 0 <= k < maps[layer].shape[2]:
            return None
        return maps[layer][:, :, k]

    def shows_thumbnails(self) -> bool:
        """Whether some neuron shows a thumbnail now."""
        maps = self._neuron_maps[0] if self._neuron_maps is not None else {}
        return any(self.neuron_map(layer, 0) is not None for layer in maps)

    def earlier_weights(self, source: str, target: str, j: int, i: int, count: int = 8):
        """(steps, values) of W[j, i]'s last ``count`` recorded values before the weights shown, or None.

        Only when the record leads to the shown value (its last value is the weight shown now),
        so the points are this weight's own recent path and not an undone or older run's."""
        if self.weight_history is None:
            return None
        steps, values, watched = self.weight_history
        layout = self.network().parameter_layout()
        if (source, target) not in {b.edge for b in layout.weight_blocks} or len(steps) < 2:
            return None
        index = layout.weight(source, target).index(j, i)
        column = np.flatnonzero(watched == index)
        if column.size == 0:
            return None
        path = values[:, column[0]]
        if path[-1] != self.parameters()[index]:
            return None
        return steps[-count - 1:-1], path[-count - 1:-1]

    def set_edge_mode(self, mode: str) -> None:
        if mode not in ("weight", "gradient"):
            raise ValueError(f"unknown edge colouring {mode!r}; expected 'weight' or 'gradient'")
        if mode != self.edge_mode:
            self.edge_mode = mode
            self.changed.emit()

    def set_stepping(self, stepping: StepThrough | None) -> None:
        self.stepping = stepping
        self._invalidate()

    def hide(self, owner: str, quantities=()) -> None:
        """Hide ``quantities`` on behalf of ``owner``, replacing what that owner hid before (``()``: show
        them again). A quantity is a tuple: ("a" | "z" | "delta", layer, j) of a neuron, ("gradient" |
        "updated", source, target, j, i) of an edge (dL/dw; the weight after the step), ("loss",); the
        kind alone, ("a",) or ("gradient",), hides it everywhere (an input's x is never hidden).
        A hidden neuron number reads None (the canvas writes "?"), a hidden edge number NaN ("?")."""
        quantities = frozenset(quantities)
        if quantities != self._hidden.get(owner, frozenset()):
            if quantities:
                self._hidden[owner] = quantities
            else:
                self._hidden.pop(owner, None)
            self.changed.emit()

    def is_hidden(self, *quantity) -> bool:
        """Whether someone hides ``quantity`` (see ``hide``)."""
        everywhere = quantity[:1]
        return any(quantity in hidden or everywhere in hidden for hidden in self._hidden.values())

    # ------------------------------------------------------------ readers
    def network(self) -> core.Network:
        return self.document.network

    def dataset_size(self) -> int:
        data = self.network().dataset
        return 0 if data is None else len(data)

    def parameters(self) -> np.ndarray:
        """The weights the canvas shows: a step's, the live session's, or the document's."""
        if self.stepping is not None:
            return self.stepping.trace.updated if self.stepping.phase == "update" else self.stepping.trace.before
        return self.live_parameters if self.live_parameters is not None else self.network().flat

    def traced_rows(self) -> np.ndarray | None:
        """Dataset rows traced now, or None when nothing can be traced (no dataset, no batch known yet)."""
        if self.stepping is not None:
            return np.asarray(self.stepping.trace.rows)
        n = self.dataset_size()
        if n == 0:
            return None
        if self.sample is not None:
            return np.array([self.sample]) if self.sample < n else None
        if self.batch_rows is None or len(self.batch_rows) == 0 or self.batch_rows.max() >= n:
            return None
        return self.batch_rows[:MAX_TRACED_ROWS]

    def traced_data(self) -> tuple[np.ndarray, np.ndarray] | None:
        """(X, T) of the traced rows, or None."""
        if self.stepping is not None:
            return self.stepping.trace.inputs, self.stepping.trace.targets
        rows = self.traced_rows()
        if rows is None:
            return None
        data = self.network().dataset
        return data.inputs[rows], data.targets[rows]

    def traced_description(self, with_rows: bool = True) -> str:
        """What the numbers refer to, in words: 'sample 3 (x = [0, 1], t = [1])' or 'the next
        mini-batch (the mean over its 4 samples, rows 1, 2, 0, 3)' (``with_rows`` False: no row list)."""
        if self.stepping is not None and self.stepping.trace.kind == "sample":
            return self._sample_words(self.stepping.trace.rows[0])
        if self.stepping is None and self.sample is not None:
            return self._sample_words(self.sample)
        rows = self.traced_rows()
        if rows is None:
            return "nothing traced yet (no dataset, or training has not told the next mini-batch)"
        if len(rows) == 1:
            return f"the next mini-batch: {self._sample_words(int(rows[0]))}"
        if not with_rows:
            return f"the next mini-batch (the mean over its {len(rows)} samples)"
        return f"the next mini-batch (the mean over its {len(rows)} samples, rows {_rows_text(rows)})"

    def weights_description(self) -> str:
        """Which weights the traced numbers use, in words."""
        if self.stepping is not None:
            return "the weights before this step"
        return "the weights of the running session" if self.live_parameters is not None else "the current weights"

    def _sample_words(self, row: int) -> str:
        data = self.network().dataset
        return f"sample {row} (x = {_vector_text(data.inputs[row])}, t = {_vector_text(data.targets[row])})"

    def layer_values(self) -> dict | None:
        """{layer: core.LayerTrace} for the traced rows at the shown weights, or None."""
        if self.stepping is not None:
            return self.stepping.trace.layers
        if self._layers is _NOT_COMPUTED:  # dropped whenever anything it depends on changes
            self._layers = self._traced_layers()
        return self._layers

    def _traced_layers(self) -> dict | None:
        net = self.network()
        data = self.traced_data()
        if data is None or net.problems() or net.dataset_problems():
            return None
        with np.errstate(all="ignore"):
            return core.layer_traces(self._shown_network(), *data)

    def _shown_network(self) -> core.Network:
        """A copy of the document's network with the weights the canvas shows."""
        shown = self.network().copy()
        shown.set_parameters(self.parameters())
        return shown

    def traced_gradient(self) -> np.ndarray | None:
        """dL/dθ (flat, regularization included) of the batch loss of the traced rows at the shown
        weights: the gradient the chain-rule panel explains, or None when nothing is traced.
        During a step-through it is the step's own gradient."""
        if self.stepping is not None:
            return self.stepping.trace.gradient
        if self.layer_values() is None:
            return None
        if self._gradient is None:
            with np.errstate(all="ignore"):
                self._gradient = self._shown_network().loss_and_gradients(*self.traced_data())[1].flat.copy()
        return self._gradient

    def neuron(self, layer: str, j: int) -> NeuronNumbers | None:
        """The numbers of neuron j of ``layer`` (means over the traced rows), or None (also for a
        neuron the layer does not have)."""
        if self._numbers is _NOT_COMPUTED:  # a canvas frame asks for every neuron, often twice
            self._numbers = {}
        if layer not in self._numbers:
            self._numbers[layer] = self._layer_numbers(layer)
        numbers = self._numbers[layer]
        found = numbers[j] if numbers is not None and 0 <= j < len(numbers) else None
        if found is not None and self._hidden and layer != self.network().input_layer:
            hidden = {k: None for k in ("a", "z", "delta") if self.is_hidden(k, layer, j)}
            found = replace(found, **hidden) if hidden else found
        return found

    def _layer_numbers(self, layer: str) -> list[NeuronNumbers] | None:
        values = self.layer_values()
        if values is None or layer not in values:
            return None
        lt = values[layer]
        units = lt.a.shape[1]
        mean = lambda v: [None] * units if v is None else [float(x) for x in np.mean(v, axis=0)]  # noqa: E731
        net = self.network()
        biases = [None] * units
        if layer in net.biases:
            biases = [float(b) for b in net.parameter_layout().bias(layer).take(self.parameters())]
        targets = [None] * units
        data = self.traced_data()
        if layer == net.output_layer and len(data[1]) == 1:  # a mean of 0/1 targets is no target
            targets = [float(t) for t in data[1][0]]
        return [NeuronNumbers(a, z, b, d, t) for a, z, b, d, t in zip(mean(lt.a), mean(lt.z), biases, mean(lt.delta), targets)]

    def shown_number(self, layer: str, j: int) -> tuple[float | None, str]:
        """(value, symbol) the neuron shows: "x" (an input), "a" (its output), "δ" (dL/dz, in the
        backward phase), or (None, "?") for a layer the forward phase has not reached; (None, "")
        when nothing is traced."""
        numbers = self.neuron(layer, j)
        if numbers is None:
            return None, ""
        order = self.network().order()
        index = order.index(layer)
        if index == 0:
            return numbers.a, "x"
        step = self.stepping
        if step is not None and step.phase == "forward" and index > step.layer:
            return None, "?"
        if step is not None and step.phase == "backward" and index >= step.layer:
            return (None, "?") if numbers.delta is None else (numbers.delta, "δ")
        return (None, "?") if numbers.a is None else (numbers.a, "a")

    def neuron_caption(self, layer: str, j: int, symbol: str) -> str:
        """The small name above neuron j's number: ``symbol`` and j ("a2", "x0"), or for an input
        layer that computes input features, the feature (x₁², sin x₂, …)."""
        net = self.network()
        features = net.layer(layer).features if layer in {l.name for l in net.layers} else None
        if features is not None and symbol == "x" and j < len(features):
            return core.features.FEATURES[features[j]].label
        return f"{symbol}{j}"

    def edge_arrays(self) -> dict:
        """{(source, target): array shaped like the weights}: what each edge's number is now."""
        layout = self.network().parameter_layout()
        if self.stepping is not None and self.stepping.phase == "backward":
            source = self.stepping.trace.gradient
        elif self.stepping is None and self.edge_mode == "gradient":
            gradient = self.traced_gradient()
            source = gradient if gradient is not None else np.zeros(layout.size)
        else:
            source = self.parameters()
        arrays = {b.edge: b.take(source) for b in layout.weight_blocks}
        kind = "gradient" if self.edge_noun() in ("gradient", "dL/dw") else \
            "updated" if self.stepping is not None and self.stepping.phase == "update" else None
        for hidden in self._hidden.values():
            if (kind,) in hidden:
                return {edge: np.full(values.shape, np.nan) for edge, values in arrays.items()}
            for q in hidden:
                if q[0] == kind and len(q) == 5 and (q[1], q[2]) in arrays and q[3] < arrays[q[1], q[2]].shape[0] and q[4] < arrays[q[1], q[2]].shape[1]:
                    arrays[q[1], q[2]] = arrays[q[1], q[2]].astype(float)  # a copy: the source stays whole
                    arrays[q[1], q[2]][q[3], q[4]] = np.nan
        return arrays

    def weight_change(self, source: str, target: str, j: int, i: int) -> tuple[float, float, float] | None:
        """(old, new, dL/dw) of W[j, i] in the update phase of a step-through, else None."""
        step = self.stepping
        if step is None or step.phase != "update":
            return None
        if self.is_hidden("updated", source, target, j, i):
            return None
        t = step.trace
        return (float(t.weights(source, target, "before")[j, i]), float(t.weights(source, target, "updated")[j, i]),
                float(t.weights(source, target, "gradient")[j, i]))

    def active_layer(self) -> str | None:
        """The layer the step-through is at: just computed (forward) or just given its δ (backward)."""
        step = self.stepping
        if step is None or step.phase not in ("forward", "backward"):
            return None
        order = self.network().order()
        return order[step.layer] if 0 <= step.layer < len(order) else None

    def active_connections(self) -> set[tuple[str, str]]:
        """The connections into the active layer: forward, their weights make its z = Σ w·a + b;
        backward, their dL/dw = a_source · δ_active are now known."""
        layer = self.active_layer()
        return {(s, t) for s, t in self.network().connections if t == layer} if layer is not None else set()

    def edge_noun(self) -> str:
        if self.stepping is not None:
            return "dL/dw" if self.stepping.phase == "backward" else "weight"
        return "gradient" if self.edge_mode == "gradient" else "weight"

    def format(self, value: float) -> str:
        """``value`` with the canvas's digits; "?" for a hidden number (None or NaN, see ``hide``)."""
        return "?" if value is None or np.isnan(value) else core.format_number(value, self.digits)

    # ------------------------------------------------------------ internals
    def _exists(self, selection: Selection) -> bool:
        net = self.network()
        if selection.kind == "layers":
            names = {layer.name for layer in net.layers}
            return bool(selection.layers) and all(name in names for name in selection.layers) and \
                selection.j < net.layer(selection.layers[0]).units
        if (selection.source, selection.target) not in net.weights:
            return False
        if selection.kind == "connection":
            return True
        rows, cols = net.weights[selection.source, selection.target].shape
        return 0 <= selection.j < rows and 0 <= selection.i < cols

    def _invalidate(self) -> None:
        self._layers = _NOT_COMPUTED
        self._numbers = _NOT_COMPUTED
        self._gradient = None
        self._maps_fit = None
        self.changed.emit()

    def _document_changed(self) -> None:
        self.stepping = None
        self.live_parameters = None
        if self.sample is not None and self.sample >= self.dataset_size():
            self.sample = None
        self._invalidate()

    def _network_replaced(self) -> None:
        net = self.document.network
        self.digits = 4 if net.flat.size <= 64 else 3
        # one sample, not the mean of a mini-batch: numbers a student checks by hand (XOR's batch
        # mean is 0.5 at every output, trained or not); the Trace box chooses the next mini-batch
        self.sample = 0 if net.dataset is not None and len(net.dataset) else None
        self.batch_rows = None
        self.weight_history = None
        self._neuron_maps = None
        self.thumbnails = thumbnails_by_default(net)
        self.select(None)
        self._document_changed()


#: a sample's vector is written in full up to this many numbers (a 784-pixel image is not)
MAX_VECTOR_SHOWN = 6


def _vector_text(v) -> str:
    """[0.1, 0.2] — or the first numbers and the count: [0.1, 0.2, 0.3, … (784 numbers)]."""
    shown = ", ".join(core.format_number(float(x), 3) for x in v[:MAX_VECTOR_SHOWN])
    return f"[{shown}]" if len(v) <= MAX_VECTOR_SHOWN else f"[{shown}, … ({len(v)} numbers)]"


def _rows_text(rows) -> str:
    rows = [int(r) for r in rows]
    return ", ".join(map(str, rows)) if len(rows) <= 6 else ", ".join(map(str, rows[:5])) + f", … ({len(rows)} rows)"


#: thumbnails are on by default for two-input networks with at most this many hidden and output neurons
THUMBNAILS_DEFAULT_MAX = 64


def thumbnails_by_default(net: core.Network) -> bool:
    """On for a network with two inputs and at most THUMBNAILS_DEFAULT_MAX hidden and output neurons
    (off for one that cannot run yet: two input layers, no output, a layer left alone)."""
    if net.problems():
        return False
    order = net.order()
    if not order or net.raw_input_units != 2:  # two inputs (input features add units, not inputs)
        return False
    return sum(net.layer(name).units for name in order[1:]) <= THUMBNAILS_DEFAULT_MAX
