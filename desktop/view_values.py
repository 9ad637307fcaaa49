"""The values the view state hands out: a neuron's numbers, a selection, the step-through's
position, and the words for a traced input (no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

import core
import core.losses

PHASES = ("forward", "loss", "backward", "update")


@dataclass(frozen=True)
class NeuronNumbers:
    """The numbers of neuron j of a layer for the traced input (batch means when several rows)."""

    a: float | None
    z: float | None = None
    bias: float | None = None
    delta: float | None = None
    target: float | None = None
    #: this output's share of the data loss (summed over the outputs it is the loss), once revealed
    loss_term: float | None = None


def loss_terms(loss: str, z: np.ndarray, y: np.ndarray, t: np.ndarray, from_logits: bool) -> np.ndarray:
    """Each row's and output's term of the data loss, (B, n_out): the data loss is the sum over the
    outputs of the mean over the rows (``core.losses``'s definitions, term by term):

    * mse: (y − t)²/n_out; half_mse: ½(y − t)²/n_out;
    * binary_cross_entropy: −[t·ln y + (1 − t)·ln(1 − y)]/n_out (from z after a sigmoid:
      max(z, 0) − z·t + ln(1 + e^(−|z|)), the same number computed stably);
    * cross_entropy: −t_k·ln p_k (from z after a softmax: t_k·(logsumexp(z) − z_k)), so for a
      one-hot target only the target class has a term, −ln y of that class (y = p: the canvas
      writes "−ln y" beside it, y being the output it shows).
    """
    n = y.shape[1]
    if loss in ("mse", "half_mse"):
        return (0.5 if loss == "half_mse" else 1.0) * (y - t) ** 2 / n
    if loss == "binary_cross_entropy":
        if from_logits:
            return (np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))) / n
        p = np.clip(y, core.losses.EPS, 1.0 - core.losses.EPS)
        return -(t * np.log(p) + (1.0 - t) * np.log(1.0 - p)) / n
    if loss == "cross_entropy":
        if from_logits:
            m = z.max(axis=1, keepdims=True)
            lse = m + np.log(np.exp(z - m).sum(axis=1, keepdims=True))
            return t * (lse - z)
        return -t * np.log(np.clip(y, core.losses.EPS, 1.0))
    raise ValueError(f"unknown loss {loss!r}")


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

    def exists_in(self, net: core.Network) -> bool:
        """Whether ``net`` has what this selects (its layers and neuron, its edge or connection)."""
        if self.kind == "layers":
            names = {layer.name for layer in net.layers}
            return bool(self.layers) and all(name in names for name in self.layers) and \
                self.j < net.layer(self.layers[0]).units
        if (self.source, self.target) not in net.weights:
            return False
        if self.kind == "connection":
            return True
        rows, cols = net.weights[self.source, self.target].shape
        return 0 <= self.j < rows and 0 <= self.i < cols


@dataclass
class StepThrough:
    """Where the step-through is: ``phase`` in PHASES; ``layer`` indexes the topological
    order (forward: the newest computed layer; backward: the newest layer with δ)."""

    trace: core.StepTrace
    phase: str
    layer: int


#: a sample's vector is written in full up to this many numbers (a 784-pixel image is not)
MAX_VECTOR_SHOWN = 6


def _vector_text(v, digits: int) -> str:
    """[0.1, 0.2] — or the first numbers and the count: [0.1, 0.2, 0.3, … (784 numbers)]; each to
    ``digits`` significant digits, the canvas's, so a sample's x and t read as its neurons show them."""
    shown = ", ".join(core.format_number(float(x), digits) for x in v[:MAX_VECTOR_SHOWN])
    return f"[{shown}]" if len(v) <= MAX_VECTOR_SHOWN else f"[{shown}, … ({len(v)} numbers)]"


def sample_values(net: core.Network, row: int, digits: int) -> str:
    """Dataset row ``row``'s input and target, "(x = [0, 1], t = [1])", to ``digits`` significant digits."""
    data = net.dataset
    x, t = (_vector_text(v[row], digits) for v in (data.inputs, data.targets))
    return f"(x = {x}, t = {t})"


def _rows_text(rows) -> str:
    rows = [int(r) for r in rows]
    return ", ".join(map(str, rows)) if len(rows) <= 6 else ", ".join(map(str, rows[:5])) + f", … ({len(rows)} rows)"


#: thumbnails are on by default for one- and two-input networks with at most this many hidden and output neurons
THUMBNAILS_DEFAULT_MAX = 64


def thumbnails_by_default(net: core.Network) -> bool:
    """On for a network with one input (curves of a over x) or two (maps over the plane), and at
    most THUMBNAILS_DEFAULT_MAX hidden and output neurons (off for one that cannot run yet: two
    input layers, no output, a layer left alone). A one-sample lesson's curves and maps cover the
    sample ± a margin (``core.datasets.axis_bounds``), the sample a dot."""
    if net.problems():
        return False
    order = net.order()
    if not order or net.raw_input_units not in (1, 2):  # input features add units, not inputs
        return False
    return sum(net.layer(name).units for name in order[1:]) <= THUMBNAILS_DEFAULT_MAX


#: z and b are written under each neuron by default for a network of at most this many neurons …
CANVAS_NUMBERS_DEFAULT_MAX = 16
#: … none of whose layers has more than this many (two rows under each neuron make a column taller)
CANVAS_NUMBERS_LAYER_MAX = 4


def canvas_numbers_by_default(net: core.Network) -> bool:
    """z and b under each neuron by default: a connected network of at most CANVAS_NUMBERS_DEFAULT_MAX
    neurons, at most CANVAS_NUMBERS_LAYER_MAX in a layer (View → z and b on Canvas turns them on for
    any network). They sit inside the layer card, so they never take the room the edges' numbers need."""
    units = [layer.units for layer in net.layers]
    return bool(net.connections) and sum(units) <= CANVAS_NUMBERS_DEFAULT_MAX and max(units) <= CANVAS_NUMBERS_LAYER_MAX
