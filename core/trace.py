"""Every number of one training step: forward, loss, backward, gradient, update.

A batch is B rows. For every layer, in topological order (shapes in parentheses):

* forward: z (B, units) = b + Σ_c a_src(c) @ W_c.T, a (B, units) = f(z); the input
  layer has a = X (or, with input features, a = the feature columns of X: see
  ``core.features``) and no z;
* loss: L = data loss of the batch (the loss takes the mean over the batch) +
  the regularization penalty (L2: rate·½Σw², L1: rate·Σ|w|, over weights);
* backward, with δ = dL/dz (B, units):
  output layer: dL/da = loss'(y, T) and δ = f'(z) ⊙ dL/da (softmax: its Jacobian
  product); a fused output (softmax + cross_entropy, sigmoid + binary_cross_entropy)
  gets δ = dL/dz directly and no dL/da;
  hidden layer s: dL/da_s = Σ over its outgoing connections s → t of δ_t @ W_ts,
  δ_s = f'(z_s) ⊙ dL/da_s;
* gradient: dL/dW_ts = δ_t.T @ a_s (units of t, units of s), that is
  dL/dw_ji = Σ_b a_i[b]·δ_j[b] (δ already carries the loss's 1/B, so this sum is
  the batch average of the per-sample products); dL/db_t = Σ_b δ_t[b]; plus
  rate·w (L2) or rate·sign(w) (L1) on every weight; a removed edge's is 0;
* update: θ_new = θ − Δ, with Δ from the optimizer (SGD: Δ = lr·g).

The per-layer z, a, δ and dL/da come from the reference backward pass
(``core.backprop``, which ``core.explain`` shows too); the gradient and the new parameters come from exactly
the code path of ``Trainer.step`` on a copy of the optimizer, so ``updated`` is bit
for bit what the next step produces.

``StepTrace`` renders itself as JSON (``to_json_dict``), plain text (``to_text``) and
a printable HTML worksheet (``to_html``); the worksheet is ``core.trace_worksheet``.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass

import numpy as np

from .backprop import LayerTrace, backward_pass
from .network import Network
from .parameters import Gradients
from .training import DivergenceError, Trainer

__all__ = ["LayerTrace", "StepTrace", "layer_traces", "trace_step", "trace_trainer_step"]

VECTORS = ("before", "gradient", "updated", "update")


@dataclass
class StepTrace:
    """Every number of one training step (see the module docstring for the math).

    ``inputs`` (B, n_in) and ``targets`` (B, n_out) are the traced batch (raw inputs: with
    input features the input layer's ``a`` holds their feature columns); ``rows``
    their dataset row indices (0-based, of the dataset as loaded, before the
    validation split); ``kind`` is "batch" (the next mini-batch) or "sample" (one
    dataset row). ``layers`` maps layer names, in topological order, to their
    ``LayerTrace``. ``loss`` = ``data_loss`` + ``penalty`` is what ``Trainer.step``
    returns. ``before``, ``gradient`` and ``updated`` have the shape of ``net.flat``
    (weights first, then biases); read them per connection or bias with ``weights``
    and ``bias``. ``network`` is a copy of the network at ``before``, without a dataset: the traced
    rows are ``inputs`` and ``targets`` (a trace sent from the training process to the window
    does not carry a big dataset along: 784-64-10 on 2,000 samples, 15 → 2.6 MB).
    """

    network: Network
    kind: str
    rows: list[int]
    inputs: np.ndarray
    targets: np.ndarray
    layers: dict[str, LayerTrace]
    loss: float
    data_loss: float
    penalty: float
    before: np.ndarray
    gradient: np.ndarray
    updated: np.ndarray
    optimizer: str
    learning_rate: float
    step: int = 0  # steps the trainer had taken before this one

    @property
    def update(self) -> np.ndarray:
        """before − updated, per parameter (shape of ``net.flat``)."""
        return self.before - self.updated

    @property
    def batch_size(self) -> int:
        return self.inputs.shape[0]

    def vector(self, of: str) -> np.ndarray:
        """The flat vector called ``of``: "before", "gradient", "updated" or "update"."""
        if of not in VECTORS:
            raise ValueError(f"unknown vector {of!r}; expected one of {', '.join(VECTORS)}")
        return getattr(self, of)

    def weights(self, source: str, target: str, of: str = "before") -> np.ndarray:
        """W of the connection source → target in vector ``of``: (units of target, units of source)."""
        return Gradients(self.network, self.vector(of)).weights[source, target].copy()

    def bias(self, layer: str, of: str = "before") -> np.ndarray | None:
        """The bias of ``layer`` in vector ``of`` (units,), or None for a layer without bias."""
        view = Gradients(self.network, self.vector(of)).biases
        return view[layer].copy() if layer in view else None

    # ------------------------------------------------------------------ JSON
    def to_json_dict(self) -> dict:
        """Plain lists and floats (see the README's "Trace one training step"); W[j][i] per connection."""
        net = self.network
        doc = {
            "network": net.name,
            "kind": self.kind,
            "rows": list(self.rows),
            "step": self.step,
            "loss_function": net.training.loss,
            "optimizer": self.optimizer,
            "learning_rate": self.learning_rate,
            "inputs": self.inputs.tolist(),
            **({"input_features": list(net.input_features)} if net.input_features is not None else {}),
            "targets": self.targets.tolist(),
            "layers": {
                name: {
                    "z": _list(layer.z),
                    "a": layer.a.tolist(),
                    "delta": _list(layer.delta),
                    "dL_da": _list(layer.dL_da),
                }
                for name, layer in self.layers.items()
            },
            "loss": self.loss,
            "data_loss": self.data_loss,
        }
        if net.training.regularization != "none":
            doc["penalty"] = self.penalty
            doc["regularization"] = {"kind": net.training.regularization, "rate": net.training.regularization_rate}
        doc["before"] = self._parameters_dict("before")
        doc["gradients"] = self._parameters_dict("gradient")
        doc["updated"] = self._parameters_dict("updated")
        doc["masks"] = {f"{s}->{t}": m.tolist() for (s, t), m in net.masks.items()}
        return doc

    def _parameters_dict(self, of: str) -> dict:
        net = self.network
        return {
            "weights": {f"{s}->{t}": self.weights(s, t, of).tolist() for s, t in net.connections},
            "biases": {name: _list(self.bias(name, of)) for name in list(self.layers)[1:]},
        }

    def to_json(self) -> str:
        """``to_json_dict`` as JSON text; floats are written exactly (repr), NaN/infinity refused."""
        return json.dumps(self.to_json_dict(), allow_nan=False, indent=1) + "\n"

    # --------------------------------------------------------- text and HTML
    def to_text(self) -> str:
        """A readable plain-text trace: forward, loss, backward, gradients, update."""
        from .trace_worksheet import render_text

        return render_text(self)

    def to_html(self) -> str:
        """A printable A4 worksheet: plain HTML and CSS, no scripts."""
        from .trace_worksheet import render_html

        return render_html(self)


def _list(a: np.ndarray | None):
    return None if a is None else a.tolist()


# ---------------------------------------------------------------- computing
def trace_trainer_step(trainer: Trainer) -> StepTrace:
    """The step the next ``trainer.step()`` would take, without changing the trainer.

    Its parameters, batch cursor, rng, optimizer state and history stay as they
    were; ``updated`` is bit for bit what ``trainer.step()`` then leaves in
    ``net.flat``. Raises ``DivergenceError`` when that step would diverge.
    """
    net = trainer.net
    X, T = trainer.next_batch()
    rows = [int(r) for r in trainer.next_batch_indices()]
    grad = np.zeros_like(net.flat)
    with np.errstate(all="ignore"):
        data_loss, _ = net._loss_and_grad(X, T, grad)
        loss, penalty = data_loss, 0.0
        if net.training.regularization != "none":
            penalty, pgrad = net.regularization()
            loss += penalty
            if pgrad is not None:
                grad[: net.n_weights] += pgrad
        before = net.flat.copy()
        updated = before - copy.deepcopy(trainer.optimizer).step_vector(grad)
        if not (math.isfinite(loss) and np.isfinite(updated).all()):
            raise DivergenceError(
                f"the next step (step {trainer.step_count + 1}) would diverge: the loss would be {loss} "
                f"and {int((~np.isfinite(updated)).sum())} parameters non-finite"
            )
        layers = layer_traces(net, X, T)
    settings = net.training.optimizer
    network = net.copy()
    network.dataset = None
    return StepTrace(
        network=network,
        kind="batch",
        rows=rows,
        inputs=X.copy(),
        targets=T.copy(),
        layers=layers,
        loss=float(loss),
        data_loss=float(data_loss),
        penalty=float(penalty),
        before=before,
        gradient=grad.copy(),
        updated=updated,
        optimizer=settings.name,
        learning_rate=float(trainer.learning_rate),
        step=trainer.step_count,
    )


def trace_step(net: Network, sample: int | None = None) -> StepTrace:
    """One training step of ``net`` from its current parameters (``net`` is not changed).

    Without ``sample``: the first step of a fresh ``Trainer(net.copy())``, exactly
    what ``backprop-studio train FILE --steps 1`` saves. With ``sample=K``: row K
    of ``net.dataset`` (0-based, before the validation split) as a batch of one,
    with the same loss, optimizer and regularization, from the optimizer's
    initial state. ``ValueError`` when there is no dataset or K is out of range.
    """
    if sample is None:
        return trace_trainer_step(Trainer(net.copy()))
    if net.dataset is None:
        raise ValueError("the network has no dataset to take a sample from")
    n = len(net.dataset)
    if isinstance(sample, (bool, np.bool_)) or not isinstance(sample, (int, np.integer)):
        raise ValueError(f"the sample must be a whole number; got {sample!r}")
    if not 0 <= sample < n:
        valid = "the dataset has no rows" if n == 0 else \
            f"the dataset has {n} row{'s' if n > 1 else ''}, so valid samples are 0 to {n - 1}"
        raise ValueError(f"sample {sample} is out of range: {valid}")
    trace = trace_trainer_step(Trainer(net.copy(), train_indices=[int(sample)], validation_indices=[]))
    trace.kind = "sample"
    return trace


def layer_traces(net: Network, X: np.ndarray, T: np.ndarray) -> dict[str, LayerTrace]:
    """z, a, δ and dL/da of every layer: the reference backward pass (``core.backprop``)."""
    return backward_pass(net, X, T)
