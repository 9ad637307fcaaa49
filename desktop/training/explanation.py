"""The inspector's gradient provider: dL/dw of the newest training step, and the chain rule behind it.

The gradient is the latest mini-batch's dL/dw_ji (regularization included) from the
newest snapshot; before the first step, the gradient the first step will use. The explanation is ``core.explain_gradient`` for the first
training sample, with the weights of that snapshot (one forward and backward pass
on one sample: cheap enough for the GUI thread, and not a training step).
"""

from __future__ import annotations

import numpy as np

import core
from core.datasets import split_indices



def first_training_sample(net) -> tuple[np.ndarray, np.ndarray] | None:
    """(x, t) of the first sample of the training split, or None without a usable dataset."""
    data = net.dataset
    if data is None or len(data) == 0:
        return None
    train, _ = split_indices(len(data), net.training.validation_fraction, net.training.seed)
    return data.inputs[train[0]], data.targets[train[0]]


def explain_edge(controller, source: str, target: str, j: int, i: int):
    """(gradient or None, text or None) for the edge from neuron i of ``source`` to neuron j of ``target``."""
    net = controller.network
    snap = controller.latest
    consistent = snap is not None and controller.snapshot_fits(snap)
    gradient = None
    if consistent:
        try:
            gradient = float(snap.gradient[net.parameter_layout().weight(source, target).index(j, i)])
        except (KeyError, IndexError):
            gradient = None
    sample = first_training_sample(net)
    if sample is None or net.problems():
        return gradient, None
    x, t = sample
    if consistent:
        net = net.copy()
        net.set_parameters(snap.parameters)
    try:
        e = core.explain_gradient(net, source, target, j, i, x, t)
    except (ValueError, KeyError, IndexError, core.GraphError) as exc:
        return gradient, f"No chain rule for this edge: {exc}"
    where = "after step %d" % snap.step if consistent and snap.step else "with the current weights"
    lines = [
        f"Chain rule for w[{j},{i}] ({source}[{i}] → {target}[{j}]) on the first training sample "
        f"x = {np.array2string(np.asarray(x), precision=4)}, t = {np.array2string(np.asarray(t), precision=4)}, {where}:",
        e.formula(),
    ]
    if e.note:
        lines.append(e.note)
    if gradient is not None:
        which = "Latest mini-batch gradient" if snap.step else "Gradient the first Step will use"
        lines.append(f"{which} (mean over the mini-batch, with regularization): {gradient:.6g}")
    return gradient, "\n".join(lines)


__all__ = ["explain_edge", "first_training_sample"]
