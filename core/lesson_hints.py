"""Hints for a wrong answer to a lesson question: the chain rule of the number, and which factor differs.

``diagnose(question, value, right, answers, ok)`` returns (factors, hint lines, differing,
worked lines):

* ``factors``: the answer's chain-rule factors as (name, value), in the order they
  multiply: dL/dw_ji = a_i · f'(z_j) · dL/da_j (or a_i · δ_j when the output's δ comes
  directly, softmax + cross-entropy), δ_j = f'(z_j) · dL/da_j, dL/db_j = δ_j, w after a
  step = w − lr · dL/dw; empty for a number that is not such a product (a batch sum, the loss);
* ``hint`` (only for a wrong value): what to check, never the right value: the formula in
  symbols and, when the typed value is what a typical slip gives, which factor differs
  ("your a_h0 and σ'(z_y0) are right, your dL/da_y0 is not: your number fits …"), else the
  factors to check, as a list ("check each factor of the product: a_h0; σ'(z_y0); dL/da_y0");
* ``differing``: the name of that factor, or None when no slip explains the value;
* ``worked``: the right value and its worked computation, the chain rule with its numbers
  (``core.explain``), or for a weight after k steps w* + (w − w*) · factorᵏ where each step shrinks
  the distance to the bottom w* by one factor (``core.lesson_steps_hints``), else each step's update: what
  Reveal shows.

The slips tried (each a number the typed value is compared with, within the question's
tolerance): a factor left out; a factor replaced by a neighbour quantity (z instead of
a = f(z), f(z) instead of f'(z)); the loss's slope taken wrong, in the words of the
network's own loss (``core.lesson_loss_slips``: the 2 of (y − t)², the ½ of ½(y − t)², the
mean over the outputs, δ = y − t taken as y, log₁₀ for ln, the L2 penalty's ½); the sign
flipped ("y − t, not t − y?" only where y − t is a factor of the answer, else the plain sign);
the regularization term left out; the loss's penalty left out; for an update, lr · dL/dw
added instead of subtracted, the learning rate left out, or the weight before the step typed
back; for a weight after k steps, one step too few or too many, where the steps end up, and with
the factor method the distance without w* added back or the weight shrunk instead of the distance.
Only single slips are recognised. When none fits, the answer rounded to fewer significant digits than the
question asks gets a hint that says how many to give (``too_few_digits``); the answer cut off after a digit
instead of rounded, one that says to round (``cut_off``).
"""

from __future__ import annotations

import math
from decimal import Decimal

from .explain import explain_edge, explain_neuron
from .hand_check import relation, written
from .lesson_steps_hints import factor_form, factor_lines, factor_slips, far_weight, steps_lines, superscript
from .lesson_loss_slips import (Y_MINUS_T, fused_delta_slips, loss_formula, loss_slips, penalty_slope_slips,
                                slope_slips)
from .lesson_words import one_sample_words
from .loss_formulas import data_loss_numbers
from .notation import factor as bracketed, format_number, neuron_label, slope_label, weight_label

#: the sign slip of a number that is a product with an output's y − t in it
T_MINUS_Y = "the right size with the wrong sign (y − t, not t − y?)"


def _forward_rules(net, layer: str, unit: int) -> tuple[str, str]:
    """How neuron ``unit`` of ``layer`` computes z and a, naming only the terms it has:
    "z_h0 = b + Σ w · a_in" (no "b +" for a layer without a bias) and "a_h0 = sigmoid(z_h0)"
    (softmax, which reads every z of its layer: "a_y1 = e^z_y1 / Σ_m e^z_ym")."""
    name = neuron_label(layer, unit)
    z_rule = f"z_{name} = {'b + ' if layer in net.biases else ''}Σ w · a_in"
    activation = net.layer(layer).activation
    if activation == "softmax":
        return z_rule, f"a_{name} = e^z_{name} / Σ_m e^z_{layer}m"
    return z_rule, f"a_{name} = {activation}(z_{name})"


def _n(x: float) -> str:
    return format_number(x, 4)


class _Slips:
    """Candidate wrong values, each with the factor it makes differ and what it would mean."""

    def __init__(self):
        self.items: list[tuple[float, str, str, bool]] = []

    def add(self, value: float, factor: str, why: str, *, sentence: bool = False) -> None:
        """``why`` follows "your number fits …", or (``sentence``) is the whole hint line."""
        if math.isfinite(value):
            self.items.append((float(value), factor, why, sentence))

    def match(self, typed: float, right: float, tolerance) -> tuple[str, str, bool] | None:
        for value, factor, why, sentence in self.items:
            if tolerance.accepts(value, right):
                continue  # indistinguishable from the right answer: tells nothing
            if tolerance.accepts(typed, value):
                return factor, why, sentence
        return None


def diagnose(q, typed: float, right: float, answers, ok: bool):
    """(factors, hint lines, differing factor name or None): see the module docstring."""
    kind = q.kind
    lines: list[str] = []
    formula: list[str] = []
    factors: list[tuple[str, float]] = []
    slips = _Slips()
    net = answers.net(q.step)
    if kind == "weight_after_steps":
        start = float(answers.net(0).weights[q.source, q.target][q.j, q.i])
        slips.add(start, "the number of steps", "the lesson's starting weight, before any step")
        if q.step > 1:
            earlier = float(answers.net(q.step - 1).weights[q.source, q.target][q.j, q.i])
            slips.add(earlier, "the number of steps", f"the weight after {q.step - 1} steps, one step too few")
            later = float(answers.trace(q.step, None).weights(q.source, q.target, "updated")[q.j, q.i])
            slips.add(later, "the number of steps", f"the weight after {q.step + 1} steps, one step too many")
        far = far_weight(answers, q)
        if far is not None:
            slips.add(far, "the number of steps", f"where the steps end up, after many more steps, not the weight after "
                      f"{q.step} steps: each step goes only part of the way")
        form = factor_form(answers, q)
        if form is not None:  # the distance to the bottom shrinks by one factor: the lesson's method
            formula.append(f"the weight after {q.step} steps = w* + (w − w*) · factor{superscript(q.step)}: each step "
                           f"multiplies the distance w − w* to the bottom w* by the same factor")
            for value, factor, why in factor_slips(form, q.step):
                slips.add(value, factor, why)
            lines += factor_lines(form, q.step, right) + ["or step by step:", *steps_lines(answers, q, 2)]
        else:
            batch = "" if one_sample_words(answers.network) else "'s batch"
            formula.append(f"the weight after {q.step} steps; each step subtracts lr · dL/dw of that step{batch}")
            lines += steps_lines(answers, q)
    else:
        t = answers.trace(q.step, q.sample)
        if kind in ("dL/dw", "weight_after_step"):
            factors, grad_lines, grad_slips = _edge(net, q, t)
            if kind == "dL/dw":
                lines += grad_lines
                for value, factor, why in grad_slips:
                    slips.add(value, factor, why)
            else:
                factors, update_lines = _update(t, q, factors, grad_slips, slips, edge=True)
                lines += grad_lines + update_lines
        elif kind in ("dL/db", "bias_after_step", "delta"):
            factors, d_lines, d_slips = _neuron_delta(net, q.layer, q.unit, t)
            if kind == "bias_after_step":
                factors, update_lines = _update(t, q, factors, d_slips, slips, edge=False)
                lines += d_lines + update_lines
            else:
                lines += d_lines
                if kind == "dL/db" and t.batch_size > 1:
                    lines.append(f"dL/db = Σ over the {t.batch_size} samples of δ (each δ carries the loss's 1/N)")
                for value, factor, why in d_slips:
                    slips.add(value, factor, why)
        elif kind in ("a", "z", "output"):
            layer = net.output_layer if kind == "output" else q.layer
            unit = q.unit or 0
            lt = t.layers[layer]
            name = neuron_label(layer, unit)
            if lt.z is None:
                formula.append(f"a_{name} is the input value itself (the input layer computes nothing)")
                lines.append(f"a_{name} = {_n(float(lt.a[0, unit]))}, the input value itself")
            else:
                z, a = float(lt.z[0, unit]), float(lt.a[0, unit])
                activation = net.layer(layer).activation
                z_rule, a_rule = _forward_rules(net, layer, unit)
                if kind == "z":
                    # the working stops at z: a = f(z) may be a later question's answer, and softmax's a
                    # also reads the layer's other z, which later questions may ask
                    formula.append(z_rule)
                    lines.append(f"{z_rule} = {_n(z)}")
                    slips.add(a, f"z_{name}", f"a_{name}, the value after the activation ({activation})")
                    if layer in net.biases:
                        b = float(net.biases[layer][unit])
                        slips.add(z - b, f"the bias b_{name}", f"Σ w · a_in without the bias b = {_n(b)}")
                else:
                    formula.append(f"{z_rule}; {a_rule}")
                    lines.append(f"{z_rule} = {_n(z)}; {a_rule} = {_n(a)}")
                    slips.add(z, f"{activation}(z_{name})", f"z_{name}, the value before the activation")
                    if layer in net.biases and activation != "softmax":
                        b = float(net.biases[layer][unit])
                        slips.add(get_act(activation, z - b), f"the bias b_{name}", f"the bias b = {_n(b)} left out")
        elif kind == "loss":
            loss_name = t.network.training.loss
            formula.append(loss_formula(t))
            out = net.output_layer
            by_hand = None if t.batch_size > 1 else data_loss_numbers(
                loss_name, t.layers[out].a[0], t.targets[0], t.data_loss, 4, out)
            if by_hand is None or t.penalty or loss_name in Y_MINUS_T:  # (the formula says what ln is)
                lines.append(loss_formula(t))
            if t.penalty:
                if by_hand is not None:
                    lines.append(f"data loss = {by_hand}")
                lines.append(f"L = data loss {_n(t.data_loss)} + penalty {_n(t.penalty)} = {_n(t.loss)}")
            else:  # no penalty: the loss is the data loss, one term
                lines.append(f"L = {by_hand}" if by_hand else f"L = {_n(t.loss)}")
            if t.penalty:
                slips.add(t.data_loss, "the penalty", "the data loss without the regularization penalty")
            for value, factor, why in loss_slips(t):
                slips.add(value, factor, why)
            if loss_name == "half_mse":
                slips.add(2 * t.data_loss + t.penalty, "the ½", "(y − t)² without the ½ of ½(y − t)²")
            elif loss_name == "mse":
                slips.add(0.5 * t.data_loss + t.penalty, "the ½", "½(y − t)²: this loss, mse, has no ½")
            if t.batch_size > 1:
                slips.add(t.data_loss * t.batch_size + t.penalty, "the mean", "the sum over the batch, not its mean")
    slips.add(-right, "the sign", "the right size with the wrong sign")
    worked = [f"the right value is {_n(right)}", *lines]
    if ok:
        return factors, [], None, worked
    if not formula:
        formula.append(_formula(q, factors, t))
    hint = [f"you typed {format_number(typed, 8)}", *formula]  # (as typed: 0.590059, not 0.5901)
    found = slips.match(typed, right, q.tolerance)
    short = None if found is not None else too_few_digits(typed, right, q.tolerance) or cut_off(typed, right)
    if short is not None:  # the right number, rounded short or cut off: say so, not which factor to check
        return factors, [hint[0], short], None, worked
    differing = None
    if found is not None:
        differing, why, sentence = found
        others = [name for name, _ in factors if name != differing]
        if sentence:
            hint.append(why)
        elif others and any(name == differing for name, _ in factors):
            hint.append(f"your {_and(others)} {'is' if len(others) == 1 else 'are'} right, your {differing} is not: "
                        f"your number fits {why}")
        else:
            hint.append(f"your number fits {why}")
    elif len(factors) > 1:
        parts = "each part of it" if kind in ("weight_after_step", "bias_after_step") else "each factor of the product"
        hint.append(f"check {parts}: " + "; ".join(name for name, _ in factors))
    return factors, hint, differing, worked


def too_few_digits(typed: float, right: float, tolerance) -> str | None:
    """The hint for ``typed`` that is ``right`` rounded to fewer significant digits than ``tolerance`` asks
    (within half a unit of its last digit: 0.57 for 0.5744 at 3 digits): "close: 0.57 is the answer to 2
    significant digits; give 3". None otherwise: another tolerance, a number that differs, or one of a single
    digit where more are asked (0.6 may as well be a weight typed by mistake)."""
    wanted = tolerance.significant_digits
    if tolerance.absolute is not None or typed == 0 or not math.isfinite(typed):
        return None
    shape = Decimal(repr(abs(typed))).normalize().as_tuple()
    have = len(shape.digits)
    if have >= wanted or (have == 1 and wanted > 2):
        return None
    if abs(typed - right) > 0.5 * 10.0 ** shape.exponent * (1 + 1e-9):  # (10^exponent: its last digit's place)
        return None
    return (f"close: {_n(typed)} is the answer to {have} significant digit{'s' if have != 1 else ''}; "
            f"give {wanted}")


def cut_off(typed: float, right: float) -> str | None:
    """The hint for ``typed`` that is ``right`` cut off after its last digit instead of rounded (−0.0454 for
    −0.0454877: the same sign, nearer 0, less than one unit of its last digit away, and of at least 2 significant
    digits): "close: your number looks cut off after its last digit; round it instead". None otherwise."""
    if typed == 0 or not (math.isfinite(typed) and math.isfinite(right)) or (typed > 0) != (right > 0):
        return None
    shape = Decimal(repr(abs(typed))).normalize().as_tuple()
    if len(shape.digits) < 2 or not abs(typed) < abs(right) < abs(typed) + 10.0 ** shape.exponent:
        return None
    return f"close: {_n(typed)} looks cut off after its last digit; round it instead"


def _formula(q, factors, t) -> str:
    """The rule of a gradient, δ or update in symbols, without a number (what a hint may say)."""
    product = " · ".join(name for name, _ in factors)
    if q.kind in ("weight_after_step", "bias_after_step"):
        name, gname = ("w", "dL/dw") if q.kind == "weight_after_step" else ("b", "dL/db")
        if t.optimizer != "sgd":
            return f"new {name} = {name} − Δ, the step {t.optimizer} takes from {gname}"
        return f"new {name} = {name} − lr · {gname}"
    penalty = " + the regularization term" if q.kind == "dL/dw" and t.network.training.penalized else ""
    if q.kind == "dL/dw":
        what = f"dL/dw[{q.source}→{q.target}][{q.j},{q.i}]"
        return f"{what} = {product}{penalty}" if len(factors) > 1 else f"{what} = mean over the batch of a_in · δ{penalty}"
    name = neuron_label(q.layer, q.unit)
    what = f"dL/db_{name} = δ_{name}" if q.kind == "dL/db" else f"δ_{name}"
    if len(factors) > 1:
        return f"{what} = {product}"
    net = t.network
    if len(factors) == 1 and net.training.loss in Y_MINUS_T and q.layer == net.output_layer:
        outputs = net.layer(q.layer).units if net.training.loss == "binary_cross_entropy" else 1
        error = "y − t" if outputs == 1 else f"(y − t)/{outputs}"
        return f"{what} = dL/dz_{name} = {error} at this output (cross-entropy after {net.layer(q.layer).activation})"
    return f"{what} = dL/dz_{name}, from the loss back to this neuron"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def get_act(name: str, z: float) -> float:
    import numpy as np

    from .activations import get_activation

    return float(get_activation(name).forward(np.array([[z]]))[0, 0])


def _edge(net, q, t):
    """The factors, chain-rule lines and slips of dL/dw_ji for the traced batch."""
    e = explain_edge(net, q.source, q.target, q.j, q.i, t.inputs, t.targets)
    lines = e.lines(4)
    slips: list[tuple[float, str, str]] = []
    reg = e.regularization
    if reg:
        slips.append((e.mean, f"the {e.regularization_kind.upper()} term",
                      "dL/dw without the regularization term"))
        slips += penalty_slope_slips(net, e.mean, reg, f"the {e.regularization_kind.upper()} term")
    if e.mean != 0:  # the data part, a product with the output's y − t in it
        slips.append((-e.mean + reg, "the sign", T_MINUS_Y))
    if e.removed:
        return [], lines, slips
    if e.batch_size > 1:
        for s in e.samples:
            slips.append((s.gradient * e.batch_size + reg, "the batch sum",
                          f"sample {s.sample + 1}'s term alone (times B); dL/dw sums over the samples"))
            slips.append((s.gradient + reg, "the batch sum", f"sample {s.sample + 1}'s term alone"))
        return [], lines, slips
    s = e.samples[0]
    src, tgt = neuron_label(q.source, q.i), neuron_label(q.target, q.j)
    a_name = f"a_{src}"
    if s.f_prime is None:
        factors = [(a_name, s.a_in), (f"δ_{tgt}", s.delta)]
        slips += fused_delta_slips(net, s.neuron, s.a_in, reg, f"δ_{tgt}")
    else:
        factors = [(a_name, s.a_in), (slope_label(s.activation, tgt), s.f_prime), (f"dL/da_{tgt}", s.dL_da)]
    values = t.layers[q.source]
    from_neuron = f"{weight_label(q.source, q.target, q.j, q.i)} comes from neuron i = {q.i}"
    ones = [neuron_label(q.source, other) for other in range(values.a.shape[1])
            if other != q.i and _n(float(values.a[0, other])) == "1"]
    # another input that reads 1 multiplies to the same number as a_i left out: name both readings
    also = {a_name: f", or with a_{ones[0]} = 1 in its place ({from_neuron})"} if ones else {}
    slips += _factor_slips(net, factors, reg, s.contributions if s.f_prime is not None else (), also)
    if s.f_prime is not None:
        slips += [(s.a_in * value + reg, name, why)
                  for value, name, why in _one_term_slips(s.contributions, s.f_prime, f"dL/da_{tgt}")]
    rest = math.prod(v for _, v in factors[1:])
    for other in range(values.a.shape[1]):
        if other != q.i:
            a_other = float(values.a[0, other])
            slips.append((a_other * rest + reg, a_name,
                          f"a_{neuron_label(q.source, other)} = {_n(a_other)}, another neuron's value, in place of "
                          f"a_{src} = {_n(s.a_in)} ({from_neuron})"))
    if values.z is not None:
        z_in = float(values.z[0, q.i])
        slips.append((z_in * s.delta + reg, a_name, f"z_{src} = {_n(z_in)} in place of a_{src} = {_n(s.a_in)}"))
    if s.f_prime is not None:
        a_out = float(t.layers[q.target].a[0, q.j])
        rest = s.a_in * s.dL_da
        slips.append((rest * a_out + reg, factors[1][0],
                      f"{s.activation}(z) = {_n(a_out)} in place of its derivative"))
        slips.append((rest * s.z + reg, factors[1][0], f"z_{tgt} = {_n(s.z)} in place of {factors[1][0]}"))
    return factors, lines, slips


def _neuron_delta(net, layer: str, unit: int, t):
    """δ of neuron ``unit`` of ``layer`` (its batch sum for several rows): factors, lines, slips."""
    e = explain_neuron(net, layer, unit, t.inputs, t.targets)
    lines = e.lines(4)
    if len(e.samples) > 1:
        return [], lines, []
    s = e.samples[0]
    name = neuron_label(layer, unit)
    sign = [(-s.delta, "the sign", T_MINUS_Y)] if s.delta else []  # δ is a product with the output's y − t
    if s.how != "elementwise":
        return [(f"δ_{name}", s.delta)], lines, sign + fused_delta_slips(net, s, 1.0, 0.0, f"δ_{name}")
    factors = [(slope_label(s.activation, name), s.f_prime), (f"dL/da_{name}", s.dL_da)]
    slips = (sign + _factor_slips(net, factors, 0.0, s.contributions)
             + _one_term_slips(s.contributions, s.f_prime, f"dL/da_{name}"))
    slips.append((s.a * s.dL_da, factors[0][0], f"{s.activation}(z) = {_n(s.a)} in place of its derivative"))
    slips.append((s.z * s.dL_da, factors[0][0], f"z_{name} = {_n(s.z)} in place of {factors[0][0]}"))
    return factors, lines, slips


def _one_term_slips(contributions, f_prime: float, name: str):
    """f'(z) · (one term w_kj · δ_k) where dL/da_j sums several: a hidden neuron's δ collects every
    neuron it feeds."""
    live = [c for c in contributions if not c.removed]
    if len(live) < 2:
        return []
    return [(f_prime * c.product, name,
             f"only the term w·δ of {neuron_label(c.layer, c.k)} = {_n(c.product)} in {name}: it sums "
             f"w_kj · δ_k over every neuron it feeds ({len(live)} terms)")
            for c in live]


def _factor_slips(net, factors, extra: float, contributions=(), also=None):
    """A factor left out, and dL/da with the loss's slope taken wrong (``core.lesson_loss_slips``: its 2,
    its ½, its mean over the outputs), for a product + ``extra``; ``contributions``: the terms w_kj · δ_k
    a hidden neuron's dL/da sums (none at the output); ``also``: factor name → the other reading of the
    same number, added to "the product without" it (another input that is 1 in its place)."""
    summed = tuple(f"δ_{neuron_label(c.layer, c.k)}" for c in contributions if not c.removed)
    product = math.prod(v for _, v in factors)
    slips = []
    for k, (name, value) in enumerate(factors):
        rest = math.prod(v for m, (_, v) in enumerate(factors) if m != k)
        if value not in (0.0, 1.0):
            slips.append((rest + extra, name, f"the product without {name}{(also or {}).get(name, '')}"))
        if name.startswith("dL/da"):
            slips += slope_slips(net, product, extra, name, summed)
    return slips


def _update(t, q, grad_factors, grad_slips, slips: _Slips, *, edge: bool):
    """Factors and lines of θ_new = θ − lr · g (SGD), and its slips (added to ``slips``)."""
    if edge:
        before = float(t.weights(q.source, q.target, "before")[q.j, q.i])
        g = float(t.weights(q.source, q.target, "gradient")[q.j, q.i])
        after = float(t.weights(q.source, q.target, "updated")[q.j, q.i])
        name, gname = "w", "dL/dw"
    else:
        before = float(t.bias(q.layer, "before")[q.unit])
        g = float(t.bias(q.layer, "gradient")[q.unit])
        after = float(t.bias(q.layer, "updated")[q.unit])
        name, gname = "b", "dL/db"
    lr = t.learning_rate
    lines = [f"{gname} = {_n(g)}"]
    if t.optimizer != "sgd":
        lines.append(f"new {name} = {name} − Δ ({t.optimizer}) = {_n(before)} − {_n(before - after)} = {_n(after)}")
        return [], lines
    hand = written(before, 4) - written(lr, 4) * written(g, 4)  # "≈" when the numbers as written do not give it
    lines.append(f"new {name} = {name} − lr · {gname} = {_n(before)} − {_n(lr)} · {bracketed(g, 4)} "
                 f"{relation(hand, after, 4)}")
    factors = [(name, before), ("lr", lr), (gname, g)]
    slips.add(before + (before - after), "the sign of the update", f"{name} + lr · {gname}: the step goes against the gradient")
    slips.add(before - g, "lr", f"{name} − {gname} without the learning rate {_n(lr)}")
    slips.add(before, gname, f"that is {name} before the step; now subtract lr · {gname}", sentence=True)
    if g != 0:
        for value, factor, why in grad_slips:
            slips.add(before - (before - after) * value / g, factor, why + f" (in {gname})")
    return factors, lines
