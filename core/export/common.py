"""What the three exports share: the refusal error, the structure walk, the training data, and
Python-source literals.

``ExportError`` (a ``ValueError``) says in one sentence why a network cannot be exported.
``structure(net)`` is the network as an exporter reads it, through the public API only:
the layers in topological order with their incoming connections (in connection order,
which is also the order core sums them and accumulates dL/da), the weight key
``"<src>-><dst>"`` of each connection, masks, biases and activations. ``training_data``
is the dataset split as ``Trainer`` splits it: the rows it trains on and the rows it holds
out for the validation loss (and early stopping).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..graph import GraphError
from ..network import Network
from ..training import Trainer


class ExportError(ValueError):
    """The network cannot be exported; the message says why (one line)."""


@dataclass(frozen=True)
class Connection:
    """One connection ``source`` → ``target``: ``weights`` (units of target, units of source),
    ``mask`` (same shape, 0 = removed edge) or None, and its key ``"<source>-><target>"``."""

    source: str
    target: str
    key: str
    weights: np.ndarray
    mask: np.ndarray | None


@dataclass(frozen=True)
class LayerSpec:
    """One non-input layer: its activation, bias (shape (units,)) or None, and incoming connections."""

    name: str
    units: int
    activation: str
    bias: np.ndarray | None
    incoming: tuple[Connection, ...]


@dataclass(frozen=True)
class Structure:
    """A network as the exporters read it: input layer, layers in topological order, settings.

    ``input_features``: the input layer's features (names of ``core.features``) or None;
    ``raw_inputs``: the columns ``forward`` takes (2 with features, else ``input_units``).
    """

    name: str
    description: str
    input_name: str
    input_units: int
    layers: tuple[LayerSpec, ...]
    connections: tuple[Connection, ...]  # in the network's connection order
    training: object  # core.TrainingSettings (a copy)
    input_features: tuple[str, ...] | None = None
    raw_inputs: int = 0

    @property
    def output(self) -> LayerSpec:
        return self.layers[-1]


def edge_key(source: str, target: str) -> str:
    """The key of a connection in the exported ``weights`` dict: ``"<source>-><target>"``."""
    return f"{source}->{target}"


def structure(net: Network) -> Structure:
    """The network's structure and parameters (copies), or ``ExportError`` saying why it cannot run."""
    try:
        net.validate()
        order = net.order()
    except GraphError as exc:
        raise ExportError(f"the network cannot be exported yet: {exc}") from None
    masks = net.masks
    connections = {}
    for source, target in net.connections:
        key = edge_key(source, target)
        if key in {c.key for c in connections.values()}:
            raise ExportError(f"two connections would both be called {key!r}; rename a layer "
                              "so that no layer name contains '->'")
        connections[source, target] = Connection(
            source, target, key, net.weights[source, target].copy(), masks.get((source, target)))
    layers = []
    for name in order[1:]:
        layer = net.layer(name)
        bias = net.biases[name].copy() if name in net.biases else None
        incoming = tuple(connections[source, name] for source in net.incoming(name))
        layers.append(LayerSpec(name, layer.units, layer.activation, bias, incoming))
    return Structure(net.name, net.description, order[0], net.layer(order[0]).units, tuple(layers),
                     tuple(connections.values()), net.training.copy(), net.input_features, net.raw_input_units)


def feature_expressions(features, x1: str, x2: str, sin: str) -> list[str]:
    """Source text of each input feature's column from the source texts ``x1``, ``x2`` of the raw
    columns and ``sin`` of the sine function: the same operations as ``core.features``."""
    code = {"x1": "{x1}", "x2": "{x2}", "x1^2": "{x1} * {x1}", "x2^2": "{x2} * {x2}", "x1*x2": "{x1} * {x2}",
            "sin(x1)": "{sin}({x1})", "sin(x2)": "{sin}({x2})"}
    return [code[f].format(x1=x1, x2=x2, sin=sin) for f in features]


class TrainingRows(NamedTuple):
    """The rows of ``Trainer(net)``, raw inputs (before input features): ``X`` (samples, n_in) and
    ``T`` (samples, n_out) it trains on; ``X_val``, ``T_val`` held out for validation (0 rows
    without a validation split)."""

    X: np.ndarray
    T: np.ndarray
    X_val: np.ndarray
    T_val: np.ndarray


def training_data(net: Network) -> TrainingRows:
    """The training and validation rows of ``Trainer(net)``, after its seeded validation split.

    ``ExportError`` when the network has no dataset or cannot be trained on it.
    """
    try:
        trainer = Trainer(net.copy())
    except (ValueError, GraphError) as exc:
        raise ExportError(f"the network cannot be trained: {exc}") from None
    return TrainingRows(trainer.X.copy(), trainer.T.copy(), trainer.X_val.copy(), trainer.T_val.copy())


def structure_and_data(net: Network) -> tuple[Structure, TrainingRows | None, str | None]:
    """(structure, the training rows or None, why there is no training data or None), for the
    scripts: a network without (usable) training data still exports its forward pass."""
    s = structure(net)
    try:
        return s, training_data(net), None
    except ExportError as exc:
        return s, None, str(exc)


# ---------------------------------------------------------------------- Python source
def number(value) -> str:
    """The shortest Python literal that reads back to the same float64 (``repr``)."""
    return repr(float(value))


def array_literal(array: np.ndarray, indent: str = "", width: int = 100, call: str = "np.array") -> str:
    """``np.array([...])`` (or ``call([...])``) source text for a 1-D or 2-D float array, bit-exact,
    rows on their own lines; ``indent`` is the indentation of the line the literal starts on."""
    array = np.asarray(array, dtype=np.float64)
    if array.ndim == 1:
        return f"{call}(" + _wrapped_list(array, indent, width) + ")"
    if array.ndim != 2:
        raise ValueError(f"expected a 1-D or 2-D array, got shape {array.shape}")
    if array.shape[0] == 1:
        return f"{call}([" + _wrapped_list(array[0], indent, width) + "])"
    inner = indent + "    "
    rows = "".join(f"{inner}{_wrapped_list(row, inner, width)},\n" for row in array)
    return f"{call}([\n{rows}{indent}])"


def _wrapped_list(values: np.ndarray, indent: str, width: int) -> str:
    items = [number(v) for v in values.tolist()]
    one_line = "[" + ", ".join(items) + "]"
    if len(indent) + len(one_line) <= width:
        return one_line
    lines, line = [], ""
    inner = indent + "    "
    for item in items:
        piece = item + ","
        if line and len(inner) + len(line) + 1 + len(piece) > width:
            lines.append(line)
            line = piece
        else:
            line = f"{line} {piece}" if line else piece
    lines.append(line)
    return "[\n" + "".join(f"{inner}{l}\n" for l in lines) + indent + "]"


def comment(text: str, prefix: str = "# ") -> str:
    """``text`` as comment lines (each starts with ``prefix``); characters a source file cannot
    hold (control characters, lone surrogates) are written as escapes."""
    lines = str(text).splitlines() or [""]
    return "\n".join((prefix + inline(line)).rstrip() for line in lines)


def inline(line: str) -> str:
    """``line`` with every character a one-line comment cannot hold (line breaks, control
    characters, lone surrogates) written as an escape."""
    out = []
    for ch in line:
        if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF:
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii"))
    return "".join(out)


def identifiers(names: list[str], prefix: str) -> list[str]:
    """A distinct Python identifier for each of ``names``: ``prefix`` + the name's letters, digits
    and underscores (other characters become "_"), numbered where two would be equal."""
    out: list[str] = []
    for k, name in enumerate(names):
        slug = "".join(ch if (ch.isascii() and ch.isalnum()) or ch == "_" else "_" for ch in name)
        candidate = f"{prefix}{slug}"
        if candidate in out or not candidate.isidentifier():
            candidate = f"{prefix}{k}"
        while candidate in out:
            candidate += "_"
        out.append(candidate)
    return out


# ---------------------------------------------------------------------- shared parts of the scripts
def settings_block(training) -> str:
    """The training settings as the scripts' constants (LOSS, OPTIMIZER, LEARNING_RATE, …, SEED,
    PATIENCE, RESTORE_BEST)."""
    o = training.optimizer
    lines = [
        "# ---------------------------------------------------------------- training settings",
        f"LOSS = {training.loss!r}",
        f"OPTIMIZER = {o.name!r}",
        f"LEARNING_RATE = {number(o.learning_rate)}",
    ]
    if o.name == "sgd":
        lines += [f"MOMENTUM = {number(o.momentum)}", f"NESTEROV = {bool(o.nesterov)!r}"]
    else:
        lines += [f"BETA1 = {number(o.beta1)}", f"BETA2 = {number(o.beta2)}", f"EPS = {number(o.eps)}"]
    patience = training.early_stopping_patience
    lines += [
        f"BATCH_SIZE = {int(training.batch_size)}",
        f"REGULARIZATION = {training.regularization!r}  # none, l1 (rate·Σ|w|) or l2 (rate·½Σw²), over weights only",
        f"REGULARIZATION_RATE = {number(training.regularization_rate)}",
        f"SEED = {int(training.seed)}  # seeds the shuffle of the training samples, once per epoch",
        f"PATIENCE = {None if patience is None else int(patience)!r}  # early stopping: stop PATIENCE epochs after "
        "the epoch of the lowest validation loss (None: never)",
        f"RESTORE_BEST = {bool(training.early_stopping_restore_best)!r}  # when it stops early: put back the "
        "weights of that best epoch",
    ]
    return "\n".join(lines)


def no_data_guard(no_data: str | None) -> str:
    """The first lines of a script's train(): refuse when the export had no training data."""
    if no_data is None:
        return ""
    return ('    if NO_DATA is not None:\n'
            '        raise RuntimeError("this network was exported without training data: " + NO_DATA)\n')


def main_block(train_line: str) -> str:
    """``if __name__ == "__main__"``: --steps N, then ``train_line`` (which sets ``batch_losses, why``),
    then print the final batch loss and, when training stopped early, why."""
    return f'''\
if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Train this network and print the final batch loss.")
    parser.add_argument("--steps", type=int, default=100, help="mini-batch steps to train (default 100)")
    args = parser.parse_args()
{train_line}
    if batch_losses:
        print(f"final batch loss after {{len(batch_losses)}} steps: {{batch_losses[-1]!r}}")
    if why != "completed":
        print(why)'''
