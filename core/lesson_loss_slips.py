"""The slips a student makes with the network's own loss, in that loss's words (for ``core.lesson_hints``).

Each function returns candidate wrong values as (value, factor name, why), ``why`` read after "your number
fits …". The words follow the loss the lesson uses (``net.training.loss``), with K the output layer's units
and one sample (a batch of one):

* ``mse``, L = mean over the K outputs of (y − t)²: dL/da_y = 2(y − t)/K. Slips: the 2 left out
  (y − t), the mean over K outputs left out (2(y − t)).
* ``half_mse``, L = ½ · mean over the K outputs of (y − t)²: dL/da_y = (y − t)/K. Slips: the ½ not
  cancelled (2(y − t)/K, K = 1), the mean over the K outputs left out (y − t: "halved twice" for K = 2).
* cross-entropy (softmax, or sigmoid with binary cross-entropy), where δ = y − t comes directly: the −t
  left out (δ taken as y); the loss with log₁₀ in place of the natural log ln.
* L2 regularization, penalty rate · ½ · Σ w²: its ½ left out (the penalty doubled, its slope 2 · rate · w).

Every other loss or regularization gives no slips here (a generic hint follows).
"""

from __future__ import annotations

import math

from .loss_formulas import loss_words, one_hot_target
from .notation import neuron_label

__all__ = ["slope_slips", "fused_delta_slips", "loss_slips", "loss_formula", "penalty_slope_slips"]

#: the losses whose output δ comes directly as y − t (its −t can be left out)
Y_MINUS_T = ("cross_entropy", "binary_cross_entropy")


def _outputs(net) -> int:
    return net.layer(net.output_layer).units


def _mean_words(k: int) -> str:
    return f"the mean over the {k} outputs"


def slope_slips(net, product: float, extra: float, factor: str) -> list[tuple[float, str, str]]:
    """dL/da's slips of a one-sample product (``product`` = the right product, ``extra`` added to every
    value: a regularization term), charged to ``factor`` (the product's dL/da_j, at the output or one that
    sums the output δ's back): the output's slope of the squared error taken without its 2, with a ½ not
    cancelled, or without the mean over the outputs."""
    loss, k = net.training.loss, _outputs(net)
    slips: list[tuple[float, str, str]] = []
    if loss == "mse":
        slips.append((0.5 * product + extra, factor,
                      "the output's slope taken as y − t: the slope of (y − t)² is 2(y − t), and this loss "
                      "(mse) has no ½ to cancel the 2"))
        if k > 1:
            slips.append((k * product + extra, factor,
                          f"the output's slope taken as 2(y − t), without {_mean_words(k)}: "
                          f"dL/da_y = 2(y − t)/{k}"))
    elif loss == "half_mse":
        if k == 1:
            slips.append((2 * product + extra, factor,
                          "the output's slope taken as 2(y − t): with ½(y − t)² the ½ cancels the 2, "
                          "so dL/da_y = y − t"))
        else:
            twice = "halved twice: the ½, and" if k == 2 else "halved by the ½ and divided by"
            slips.append((k * product + extra, factor,
                          f"the output's slope taken as y − t, without {_mean_words(k)} (the loss is {twice} "
                          f"{_mean_words(k)}, so dL/da_y = (y − t)/{k})"))
            if k != 2:
                slips.append((2 * product + extra, factor,
                              f"the output's slope taken as 2(y − t)/{k}: with ½(y − t)² the ½ cancels the 2"))
    return slips


def fused_delta_slips(net, state, scale: float, extra: float, factor: str) -> list[tuple[float, str, str]]:
    """An output δ that comes directly as y − t (cross-entropy): δ taken as y, the −t left out, times
    ``scale`` (the product's other factors: 1 for δ itself, a_in for dL/dw) plus ``extra``. ``state`` is the
    neuron's ``core.explain.NeuronState`` (its a, target and δ); none when t = 0 (then δ is y)."""
    if net.training.loss not in Y_MINUS_T or state.target in (None, 0.0) or state.a == state.target:
        return []
    normaliser = state.delta / (state.a - state.target)  # 1/N of the loss's mean
    return [(scale * state.a * normaliser + extra, factor,
             f"δ taken as y alone, the −t left out: δ = y − t, and this neuron's target is t = {state.target:g}")]


def loss_slips(t) -> list[tuple[float, str, str]]:
    """Slips of the loss L itself (``t`` a ``core.StepTrace``): log₁₀ in place of ln (cross-entropy), and
    the L2 penalty without its ½."""
    net, slips = t.network, []
    loss = net.training.loss
    if loss in Y_MINUS_T:
        slips.append((t.data_loss / math.log(10) + t.penalty, "the log",
                      "log₁₀ (a calculator's log key) in place of ln: log here is the natural log ln, "
                      "of base e ≈ 2.718"))
    if net.training.regularization == "l2" and t.penalty:
        slips.append((t.data_loss + 2 * t.penalty, "the penalty",
                      "the penalty without its ½: it is rate · ½ · Σ w²"))
    return slips


def penalty_slope_slips(net, data_part: float, regularization: float, factor: str) -> list[tuple[float, str, str]]:
    """dL/dw with the L2 penalty's slope doubled (its ½ left out: 2 · rate · w in place of rate · w)."""
    if net.training.regularization != "l2" or not regularization:
        return []
    return [(data_part + 2 * regularization, factor,
             "the penalty's slope taken as 2 · rate · w: the penalty rate · ½ · w² has a ½, so its slope is rate · w")]


def loss_formula(t) -> str:
    """The loss of the trace ``t`` in symbols and plain words (``core.loss_formulas``: "L = −Σ_k t_k ln y_k =
    −ln a_y1 …"), with "the mean over the batch" only for a batch of several samples."""
    net = t.network
    target = one_hot_target(t.targets) if net.training.loss == "cross_entropy" else None
    return loss_words(net.training.loss, _outputs(net), t.batch_size,
                      net.training.regularization if t.penalty else None,
                      None if target is None else neuron_label(net.output_layer, target))
