"""A loss written as a formula in plain words, the one table every explanation and hint uses.

``loss_words(loss, outputs, batch, penalty, target)`` writes the loss the network trains with (the
engine's name, ``net.training.loss``) as the student computes it, never by its code name:

* ``mse``:       L = (y − t)², or with K > 1 outputs "L = mean over the K outputs of (y − t)²";
* ``half_mse``:  L = ½(y − t)², or "L = ½ · mean over the K outputs of (y − t)²";
* ``cross_entropy`` (after softmax): L = −Σ_k t_k ln y_k, which for a one-hot target t (1 at output
  ``target``, 0 elsewhere) is −ln y of that output: "L = −Σ_k t_k ln y_k = −ln a_y1 …";
* ``binary_cross_entropy`` (after sigmoid): L = −[t ln y + (1 − t) ln(1 − y)], meaned over K outputs;

ln is the natural log (of base e ≈ 2.718; a calculator's "log" key is log₁₀). With an L2 or L1
``penalty`` the loss is "data loss + penalty" (rate · ½ · Σ w², rate · Σ |w|), and "the mean over the
batch of B samples" is said only for a ``batch`` of several samples (a one-sample lesson has no batch).
"""

from __future__ import annotations

import numpy as np

__all__ = ["LOSS_NAMES", "loss_words", "one_hot_target"]

#: each loss's name in words (for "softmax with cross-entropy"), not the engine's
#: (written with the hyphen ‐, U+2010: an explanation's "-" would pass for a minus sign)
LOSS_NAMES = {"mse": "squared error", "half_mse": "half squared error", "cross_entropy": "cross‐entropy",
              "binary_cross_entropy": "binary cross‐entropy"}

#: every natural log in these words is written ln (as the lessons write it)
LN_NOTE = "ln is the natural log"


def one_hot_target(targets) -> int | None:
    """The output k whose target is 1 when ``targets`` is one sample's one-hot row (1 at k, 0 elsewhere;
    a (1, K) array or a (K,) vector), else None (several samples, or not one-hot)."""
    row = np.asarray(targets, dtype=float)
    if row.ndim == 2:
        if row.shape[0] != 1:
            return None
        row = row[0]
    ones = np.flatnonzero(row == 1.0)
    if len(ones) != 1 or np.count_nonzero(row) != 1:
        return None
    return int(ones[0])


def loss_words(loss: str, outputs: int, batch: int = 1, penalty: str | None = None,
               target: str | None = None) -> str:
    """The loss ``loss`` of a network with ``outputs`` output units on a ``batch`` of samples, as a
    formula in plain words ("L = ½(y − t)²"); ``penalty`` the regularization that adds to it ("l2",
    "l1", None: none); ``target``: the output neuron's label ("y1") whose one-hot target is 1, for the
    cross-entropy's one remaining term (None when not one sample with a one-hot target)."""
    over = f"mean over the {outputs} outputs of " if outputs > 1 else ""
    if loss == "mse":
        formula = f"L = {over}(y − t)²"
    elif loss == "half_mse":
        formula = f"L = ½ · {over}(y − t)²" if over else "L = ½(y − t)²"
    elif loss == "cross_entropy":
        formula = "L = −Σ_k t_k ln y_k"
        if target is not None:
            formula += f" = −ln a_{target} (a one‐hot t leaves only the target's term; {LN_NOTE})"
        else:
            formula += f" ({LOSS_NAMES[loss]}; {LN_NOTE})"
    elif loss == "binary_cross_entropy":
        formula = f"L = {over}−[t ln y + (1 − t) ln(1 − y)] ({LOSS_NAMES[loss]}; {LN_NOTE})"
    else:
        formula = f"L = {loss}"
    if penalty in ("l2", "l1"):
        rule = "rate · ½ · Σ w²" if penalty == "l2" else "rate · Σ |w|"
        formula = f"L = data loss + penalty, with the data loss {formula[len('L = '):]} and the penalty {rule}"
    if batch > 1:
        formula += f", the mean over the batch of {batch} samples"
    return formula


def data_loss_numbers(loss: str, y, t, value: float, digits: int = 4, output: str = "") -> str | None:
    """One sample's data loss written out with its numbers (what follows "L = "), from its outputs ``y``
    and targets ``t`` (length-K vectors) to ``value`` (the loss the engine computed): "(y − t)² =
    (1.2 − 0.5)² = 0.49", "½ · mean over the 2 outputs of (y − t)² = ½ · ((0.029 − 1)² + (0.5668 − 0)²)/2
    = …", "−ln a_y1 = −ln 0.3067 = 1.182" (``output``: the output layer's name). "=" when the numbers as
    written give the result by hand, else "≈" (``core.hand_check.relation``). None for a loss written
    otherwise (binary cross-entropy) or a cross-entropy target that is not one-hot."""
    from .hand_check import relation, written, written_factor

    y, t = np.asarray(y, dtype=float).ravel(), np.asarray(t, dtype=float).ravel()
    d = digits
    if loss in ("mse", "half_mse"):
        squares = [f"({written_factor(a, d)} − {written_factor(b, d)})²" for a, b in zip(y, t)]
        hand = sum((written(a, d) - written(b, d)) ** 2 for a, b in zip(y, t))
        numbers = squares[0] if len(squares) == 1 else f"({' + '.join(squares)})/{len(squares)}"
        hand /= len(squares)
        if loss == "half_mse":
            numbers, hand = (f"½{numbers}" if len(squares) == 1 else f"½ · {numbers}"), hand / 2
        return f"{loss_words(loss, len(y))[len('L = '):]} = {numbers} {relation(hand, value, d)}"
    if loss == "cross_entropy":
        k = one_hot_target(t)
        if k is None or not output:
            return None
        from .notation import neuron_label

        hand = -written(y[k], d).ln() if y[k] > 0 else None
        return f"−ln a_{neuron_label(output, k)} = −ln {written_factor(y[k], d)} {relation(hand, value, d)}"
    return None
