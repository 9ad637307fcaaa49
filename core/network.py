"""``Network``: a layer graph with its parameters, forward pass and backpropagation.

Conventions (shapes in parentheses):

* a batch is rows: ``X`` is (batch, units of the input layer);
* the connection from layer s to layer t has weights ``W`` (units of t, units of s):
  ``W[j, i]`` is the edge from source neuron i to target neuron j (the textbook w_ji);
* a layer sums every incoming connection: z = b + Σ_c a_src(c) @ W_c.T, a = f(z);
* a removed (masked) edge has weight 0 and gradient 0, always;
* input features (``core.features``): when the input layer computes features, the
  network's inputs X are the two raw columns (batch, 2) and the input layer's
  activations are ``feature_inputs(X)`` (batch, number of features); otherwise they are X.

All parameters live in one flat float64 vector ``net.flat`` (weights first, then
biases); ``net.weights[src, tgt]`` and ``net.biases[name]`` are views into it, so an
optimizer updates every parameter with a few vector operations. Structural edits
(``core.network_edits``, a mixin of ``Network``) re-pack the vector: views taken before
an edit are stale after it.
"""

from __future__ import annotations

import copy
from dataclasses import replace

import numpy as np

from . import features as _features
from .layout import ParameterBlock, ParameterLayout
from .graph import (
    Edge,
    GraphError,
    Layer,
    connection_refusal,
    sinks,
    sources,
    structure_problems,
    topological_order,
)
from .losses import LOSSES
from .network_edits import StructureEdits
from .parameters import INITIALIZERS, Gradients, _init_matrix, _Parameters
from .plan import Plan
from .settings import TrainingSettings
from .target_fit import target_problem

__all__ = ["INITIALIZERS", "Gradients", "Network"]


def _classes_misfit(data, layer: str) -> str:
    """Why text class labels (one-hot: one target column per class) do not fit the output layer ``layer``:
    "column 'label' holds 2 classes (no, yes), one output each: give 'y' 2 units (softmax)"."""
    names, columns = data.class_names, data.source.get("targets") or []
    shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
    column = f"column {columns[0]!r}" if len(columns) == 1 else "the target column"
    return f"{column} holds {len(names)} classes ({shown}), one output each: give {layer!r} {len(names)} units (softmax)"


def _only(role: str, found: list[str]) -> str:
    if len(found) != 1:
        raise GraphError(f"expected exactly one {role} layer, found {len(found)}: {', '.join(found) or 'none'}")
    return found[0]


class Network(StructureEdits):
    """A feed-forward network on any acyclic layer graph.

    Build it with ``add_layer`` and ``connect`` (the structural edits of
    ``core.network_edits``) or load a ``.bpnet`` file; read
    ``layers``, ``connections``, ``weights``, ``biases``, ``masks``; run ``forward``
    and ``loss_and_gradients``. ``training`` and ``dataset`` ride along for the
    ``Trainer`` and the file.
    """

    def __init__(self, name: str = "", description: str = ""):
        self.name = name
        self.description = description
        self.training = TrainingSettings()
        self.dataset = None  # core.datasets.Dataset or None
        self.extra: dict = {}  # unknown keys of a loaded file, written back unchanged
        self.lesson = None  # core.lesson.Lesson or None: the file's guided lesson
        #: a student's place in it (the file's ``lesson_progress``: core.bpnet_lesson_progress), or None
        self.lesson_progress = None
        #: core.resume.SavedRun or None: the training run that left these weights (the file's ``progress``);
        #: it describes them only while ``progress.fits(self)`` (an edit since makes it stale)
        self.progress = None
        #: core.open_without_data.LeftOut or None: the dataset entry and run a file opened without its
        #: missing CSV had, written back by Save while they still describe the network
        self.left_out = None
        self._layers: dict[str, Layer] = {}
        self._edges: list[Edge] = []
        self._masks: dict[Edge, np.ndarray] = {}
        self._w_slots: dict[Edge, tuple[int, tuple[int, int]]] = {}
        self._b_slots: dict[str, tuple[int, tuple[int]]] = {}
        self._retired_biases: dict[str, np.ndarray] = {}
        self.flat = np.zeros(0)
        self.n_weights = 0
        self.weights = _Parameters(self, "weights")
        self.biases = _Parameters(self, "biases")
        self._plan = None
        self._mask_flat = None
        self._layout = None

    # ------------------------------------------------------------------ structure
    @property
    def layers(self) -> list[Layer]:
        """The layers in insertion order (copies: edit through the methods)."""
        return [replace(layer) for layer in self._layers.values()]

    def layer(self, name: str) -> Layer:
        """A copy of the layer called ``name``."""
        return replace(self._layer(name))

    def _layer(self, name: str) -> Layer:
        try:
            return self._layers[name]
        except KeyError:
            raise GraphError(f"there is no layer called {name!r}") from None

    @property
    def connections(self) -> list[Edge]:
        """(source, target) pairs in the order they were made."""
        return list(self._edges)

    @property
    def masks(self) -> dict[Edge, np.ndarray]:
        """0/1 arrays (shape of the weights) for connections with removed edges (copies)."""
        return {k: m.copy() for k, m in self._masks.items()}

    def incoming(self, name: str) -> list[str]:
        return [s for s, t in self._edges if t == name]

    def outgoing(self, name: str) -> list[str]:
        return [t for s, t in self._edges if s == name]

    def problems(self) -> list[str]:
        """Why this network cannot run yet (empty when it can)."""
        problems = structure_problems(list(self._layers.values()), self._edges)
        if not problems:
            loss = LOSSES.get(self.training.loss)
            if loss is None:
                problems.append(f"unknown loss {self.training.loss!r}")
            elif refusal := loss.refusal(self.output_layer, self._layers[self.output_layer].activation):
                problems.append(refusal)
        return problems

    def validate(self) -> None:
        """Raise ``GraphError`` listing every problem, if there is any."""
        problems = self.problems()
        if problems:
            raise GraphError("; ".join(problems))

    @property
    def input_layer(self) -> str:
        """The one layer no connection goes into (``graph.sources``); ``GraphError`` if there is not exactly one."""
        return _only("input", sources(list(self._layers), self._edges))

    @property
    def output_layer(self) -> str:
        """The one layer no connection leaves (``graph.sinks``); ``GraphError`` if there is not exactly one."""
        return _only("output", sinks(list(self._layers), self._edges))

    def dataset_problems(self, dataset=None) -> list[str]:
        """Why ``dataset`` (default: the network's own) does not fit this network: its input
        columns must match the input layer's units and its target columns the output layer's,
        and its targets must be ones the loss takes (``core.target_fit``: 0…1 for
        binary_cross_entropy, rows summing to 1 for cross_entropy).

        Empty when it fits. With no dataset at all: one line saying so. When the structure
        itself is not valid there is no input or output layer to compare with, so this says
        nothing more (``problems()`` lists what is wrong with the structure).
        """
        data = dataset if dataset is not None else self.dataset
        if data is None:
            return ["there is no dataset to train on"]
        if structure_problems(list(self._layers.values()), self._edges):
            return []
        found = []
        features = self.input_features
        if features is not None and data.inputs.shape[1] != _features.RAW_INPUTS:
            columns = data.inputs.shape[1]
            found.append(f"the input features of {self.input_layer!r} need {_features.RAW_INPUTS} input columns "
                         f"(x₀, x₁) but the dataset has {columns} input column{'s' if columns != 1 else ''}")
        for what, columns, role, layer in (("input", data.inputs.shape[1], "input", self.input_layer),
                                           ("target", data.targets.shape[1], "output", self.output_layer)):
            if what == "input" and features is not None:
                continue
            units = self._layers[layer].units
            if columns != units:
                found.append(_classes_misfit(data, layer) if what == "target" and data.class_names else
                             f"the {role} layer {layer!r} has {units} unit{'s' if units != 1 else ''} but the "
                             f"dataset has {columns} {what} column{'s' if columns != 1 else ''}: give {layer!r} "
                             f"{columns} unit{'s' if columns != 1 else ''} or use a dataset with {units} {what} "
                             f"column{'s' if units != 1 else ''}")
        out = self._layers[self.output_layer]
        if data.targets.shape[1] == out.units and (misfit := target_problem(self.training.loss, data)):
            found.append(misfit)  # (targets the loss cannot take: core.target_fit)
        if out.activation == "softmax" and out.units == 1:  # (here, not in problems(): such a file still opens)
            found.append(f"softmax over 1 neuron is always 1: use sigmoid for two classes, or give {out.name!r} "
                         "one unit per class")
        return found

    def order(self) -> list[str]:
        """Layer names in topological order (input first)."""
        return topological_order(list(self._layers), self._edges)

    def connection_refusal(self, src: str, tgt: str) -> str | None:
        """Why ``connect(src, tgt)`` would be refused, or None."""
        return connection_refusal(list(self._layers.values()), self._edges, src, tgt)

    # ------------------------------------------------------------------ values
    def set_weight(self, src: str, tgt: str, j: int, i: int, value: float) -> None:
        """Set W[j, i] of ``src`` → ``tgt`` (the edge from neuron i of src to neuron j of tgt)."""
        value = float(value)
        if not np.isfinite(value):
            raise ValueError("a weight must be a finite number")
        w = self.weights[src, tgt]
        if not (0 <= j < w.shape[0] and 0 <= i < w.shape[1]):
            raise IndexError(f"{src}→{tgt} has no edge [{j}, {i}]; its shape is {w.shape}")
        if not self.edge_enabled(src, tgt, j, i):
            raise GraphError(f"edge {src}[{i}] → {tgt}[{j}] is removed; restore it first")
        w[j, i] = value

    def set_bias(self, name: str, j: int, value: float) -> None:
        value = float(value)
        if not np.isfinite(value):
            raise ValueError("a bias must be a finite number")
        if name not in self._b_slots:
            raise GraphError(f"layer {name!r} has no bias")
        self.biases[name][j] = value

    def edge_enabled(self, src: str, tgt: str, j: int, i: int) -> bool:
        mask = self._masks.get((src, tgt))
        return mask is None or bool(mask[j, i])

    def initialize(self, method: str = "xavier", seed: int = 0) -> None:
        """Fill every weight from ``method`` (zeros, uniform, xavier, he) and ``seed``; biases become 0.

        uniform: U(−1/√fan_in, 1/√fan_in); xavier: U(±√(6/(fan_in+fan_out)));
        he: N(0, 2/fan_in); fan_in counts every incoming unit of the target layer.
        """
        if method not in INITIALIZERS:
            raise ValueError(f"unknown initializer {method!r}; expected one of {', '.join(INITIALIZERS)}")
        rng = np.random.default_rng(seed)
        for edge in self._edges:
            self.weights[edge] = _init_matrix(method, self._shape(edge), self._fan_in(edge[1]), rng)
        self.flat[self.n_weights :] = 0.0

    # ---------------------------------------------------------- input features
    @property
    def input_features(self) -> tuple[str, ...] | None:
        """The input layer's features (names of ``core.features``, one per unit), or None when it
        takes the raw inputs (also when the structure has no single input layer)."""
        found = sources(list(self._layers), self._edges)
        return self._layers[found[0]].features if len(found) == 1 else None

    @property
    def raw_input_units(self) -> int:
        """How many input columns ``forward`` takes: 2 (x₀, x₁) with input features, else the
        input layer's units."""
        if self.input_features is not None:
            return _features.RAW_INPUTS
        return self._layers[self.input_layer].units

    def feature_inputs(self, X) -> np.ndarray:
        """The input layer's activations for raw inputs X: (batch, raw_input_units) → (batch,
        units of the input layer). With input features, column k is feature k of
        ``core.features`` computed from X's two columns (x₀, x₁); without, it is X itself
        (as float64). One row may be given as a vector. ``ValueError`` for a wrong shape."""
        return self._features(self._check_inputs(X))

    def _features(self, X: np.ndarray) -> np.ndarray:
        """``feature_inputs`` of an already checked raw batch."""
        features = self.input_features
        return X if features is None else _features.feature_columns(X, features)

    # -------------------------------------------------------------- parameters
    def _shape(self, edge: Edge) -> tuple[int, int]:
        return (self._layers[edge[1]].units, self._layers[edge[0]].units)

    def _fan_in(self, name: str) -> int:
        return sum(self._layers[s].units for s in self.incoming(name)) or 1

    def _repack(self) -> None:
        """Lay out the flat parameter vector again after a structural edit, keeping values."""
        old_w = {e: self.weights[e].copy() for e in self._w_slots if e in self._edges and
                 self._w_slots[e][1] == self._shape(e)}
        old_b = {n: self.biases[n].copy() for n in self._b_slots}
        self._retired_biases.update(old_b)
        targets = {t for _, t in self._edges}
        w_slots, b_slots, offset = {}, {}, 0
        for edge in self._edges:
            shape = self._shape(edge)
            w_slots[edge] = (offset, shape)
            offset += shape[0] * shape[1]
        n_weights = offset
        for name, layer in self._layers.items():
            if layer.bias and name in targets:
                b_slots[name] = (offset, (layer.units,))
                offset += layer.units
        self._w_slots, self._b_slots, self.n_weights = w_slots, b_slots, n_weights
        self.flat = np.zeros(offset)
        for edge, w in old_w.items():
            self.weights[edge] = w
        for name in b_slots:
            kept = self._retired_biases.get(name)
            if kept is not None and kept.shape == (self._layers[name].units,):
                self.biases[name] = kept
        self._plan = None
        self._mask_flat = None
        self._layout = None

    def parameter_layout(self) -> ParameterLayout:
        """Which slice of ``flat`` holds which connection's weights or layer's biases, and the
        structure signature (see ``core.layout``). The same object until the structure changes."""
        if self._layout is None:
            blocks = [ParameterBlock("weight", e, start, shape) for e, (start, shape) in self._w_slots.items()]
            blocks += [ParameterBlock("bias", n, start, shape) for n, (start, shape) in self._b_slots.items()]
            self._layout = ParameterLayout(tuple(blocks), self.flat.size, self.n_weights, self.structure_signature())
        return self._layout

    def structure_signature(self) -> tuple:
        """Equal for two networks exactly when their structures are: layers (name, units,
        activation, bias, input features), connections in order, and removed edges. Values and positions don't count."""
        layers = tuple((l.name, l.units, l.activation, l.bias, l.features) for l in self._layers.values())
        masks = tuple(sorted((e, np.flatnonzero(m == 0).tobytes()) for e, m in self._masks.items()))
        return layers, tuple(self._edges), masks

    def mask_vector(self) -> np.ndarray | None:
        """0/1 over ``flat`` (1 for every bias), or None when no edge is removed."""
        if not self._masks:
            return None
        if self._mask_flat is None:
            m = np.ones_like(self.flat)
            for edge, mask in self._masks.items():
                start, shape = self._w_slots[edge]
                m[start : start + mask.size] = mask.ravel()
            self._mask_flat = m
        return self._mask_flat

    def parameters(self) -> np.ndarray:
        """A copy of every parameter as one vector (weights, then biases)."""
        return self.flat.copy()

    def set_parameters(self, flat: np.ndarray) -> None:
        """Copy a vector from ``parameters()`` of a network with the same structure back in."""
        flat = np.asarray(flat, dtype=np.float64)
        if flat.shape != self.flat.shape:
            raise ValueError(f"expected {self.flat.size} parameters, got {flat.size}")
        self.flat[...] = flat

    def parameter_names(self) -> list[str]:
        """A readable name for every entry of ``flat``: 'w[h←x][j,i]' and 'b[h][j]'."""
        names = []
        for (s, t), (_, (rows, cols)) in self._w_slots.items():
            names += [f"w[{t}←{s}][{j},{i}]" for j in range(rows) for i in range(cols)]
        for n, (_, (units,)) in self._b_slots.items():
            names += [f"b[{n}][{j}]" for j in range(units)]
        return names

    def get_state(self) -> dict:
        """Everything about structure and parameters, copied (for undo)."""
        return {
            "layers": self.layers,
            "edges": list(self._edges),
            "weights": {e: self.weights[e].copy() for e in self._edges},
            "masks": self.masks,
            "biases": {n: self.biases[n].copy() for n in self._b_slots},
        }

    def set_state(self, state: dict) -> None:
        """Restore what ``get_state`` returned."""
        self._layers = {l.name: replace(l) for l in state["layers"]}
        self._edges = list(state["edges"])
        self._masks = {e: m.copy() for e, m in state["masks"].items()}
        self._w_slots, self._b_slots = {}, {}
        self._retired_biases = {n: b.copy() for n, b in state["biases"].items()}
        self._repack()
        for e, w in state["weights"].items():
            self.weights[e] = w

    def copy(self) -> "Network":
        """An independent deep copy (parameters, settings, dataset)."""
        net = Network(self.name, self.description)
        net.training = self.training.copy()
        net.dataset = self.dataset
        net.extra = copy.deepcopy(self.extra)
        net.lesson = self.lesson  # immutable (frozen dataclasses)
        net.lesson_progress = self.lesson_progress  # frozen too
        net.left_out = self.left_out  # frozen
        net.progress = self.progress  # never changed in place (a trainer resuming from it copies it)
        net.set_state(self.get_state())
        return net

    # ---------------------------------------------------------------- compute
    def _compiled(self) -> Plan:
        """The compiled plan (built again after any structural, activation, mask or loss change)."""
        plan = self._plan
        if plan is None or plan.loss_name != self.training.loss:
            self.validate()
            plan = self._plan = Plan(self)
        return plan

    def _as_batch(self, A, layer: str, what: str) -> np.ndarray:
        """``A`` as a float64 (batch, units of ``layer``) array; one row may be given as a vector."""
        A = np.asarray(A, dtype=np.float64)
        units = self._layers[layer].units
        if A.ndim == 1 and A.size == units:
            A = A[None, :]
        if A.ndim != 2 or A.shape[1] != units:
            raise ValueError(f"{what} must have shape (batch, {units}); got {A.shape}")
        return A

    def _check_inputs(self, X) -> np.ndarray:
        """Raw inputs X as a float64 (batch, raw_input_units) array (see ``feature_inputs``)."""
        if self.input_features is None:
            return self._as_batch(X, self.input_layer, "inputs")
        X = np.asarray(X, dtype=np.float64)
        n = _features.RAW_INPUTS
        if X.ndim == 1 and X.size == n:
            X = X[None, :]
        if X.ndim != 2 or X.shape[1] != n:
            raise ValueError(f"inputs must have shape (batch, {n}): the two raw inputs x₀, x₁ the input "
                             f"features are computed from; got {X.shape}")
        return X

    def _check_targets(self, T) -> np.ndarray:
        return self._as_batch(T, self.output_layer, "targets")

    def forward_all(self, X) -> dict[str, tuple[np.ndarray | None, np.ndarray]]:
        """Every layer's (z, a) for inputs X (batch, n_in); the input layer has z = None and
        a = ``feature_inputs(X)``."""
        plan = self._compiled()
        X = self.feature_inputs(X)
        zs, acts = [None], [X]
        for _, _, incoming, bias, act in plan.layers:
            z = sum(acts[src] @ w.T for src, _, w in incoming)
            if bias is not None:
                z = z + bias
            zs.append(z)
            acts.append(act.forward(z))
        return {name: (zs[k], acts[k]) for k, name in enumerate(plan.order)}

    def forward(self, X) -> np.ndarray:
        """The output layer's activation for inputs X: (batch, n_in) → (batch, n_out), n_in =
        ``raw_input_units`` (input features are applied first)."""
        plan = self._compiled()
        acts, _ = plan.forward(self.feature_inputs(X))
        return acts[-1]

    def data_loss(self, X, T) -> float:
        """The loss of the outputs for X against targets T, without regularization."""
        loss, _ = self._loss_and_grad(self._check_inputs(X), self._check_targets(T), None)
        return loss

    def regularization(self) -> tuple[float, np.ndarray | None]:
        """(penalty, gradient over the weights) of the training settings' regularization."""
        kind, rate = self.training.regularization, self.training.regularization_rate
        w = self.flat[: self.n_weights]
        if kind == "none" or rate == 0:
            return 0.0, None
        if kind == "l2":
            return rate * 0.5 * float(w @ w), rate * w
        if kind == "l1":
            return rate * float(np.abs(w).sum()), rate * np.sign(w)
        raise ValueError(f"unknown regularization {kind!r}; expected none, l1 or l2")

    def loss_and_gradients(self, X, T) -> tuple[float, Gradients]:
        """The loss (plus regularization) and dL/dθ for every parameter.

        X: (batch, n_in), T: (batch, n_out). Returns (loss, Gradients) where
        ``grads.weights[src, tgt]`` has the shape of the weights (units of tgt,
        units of src) and ``grads.biases[name]`` the shape of the bias.
        """
        X, T = self._check_inputs(X), self._check_targets(T)
        grad = np.zeros_like(self.flat)
        loss, _ = self._loss_and_grad(X, T, grad)
        penalty, pgrad = self.regularization()
        if pgrad is not None:
            grad[: self.n_weights] += pgrad
        return loss + penalty, Gradients(self, grad)

    def _loss_and_grad(self, X, T, grad: np.ndarray | None):
        """Forward, data loss and (if ``grad`` is given) backward into ``grad`` (shape of flat).

        X (raw inputs) and T must already be checked float64 arrays; input features are
        applied here. Returns (data loss, output activation).
        """
        plan = self._compiled()
        return plan.loss_and_grad(self._features(X), T, grad)

    def __repr__(self) -> str:
        parts = ", ".join(f"{l.name}:{l.units}" for l in self._layers.values())
        return f"Network({self.name!r}, layers=[{parts}], connections={len(self._edges)})"

