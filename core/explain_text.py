"""The text of a chain-rule explanation: its products and numbers written as plain Unicode lines.

The mixins here give the dataclasses of ``core.explain`` their text; they read only those
dataclasses' fields (the numbers are computed there) and write them with
``core.notation`` (``format_number`` at ``d`` significant digits; a factor in brackets
when negative). Every calculation written out ends in "= result" when its operands, as
written, give the written result by hand, and in "≈ result" when they do not; a result that
is rounding noise reads "≈ 0" (``core.hand_check``):

* ``NeuronStateText`` (``NeuronState``): the lines deriving δ_j = dL/dz_j of one neuron
  on one sample: f'(z_j) by the activation's rule, dL/da_j = 2(y − t)/N or (y − t)/N at
  the output and Σ_k w_kj·δ_k elsewhere, then δ_j = f'(z_j)·dL/da_j; or δ_j directly
  for a fused output, (y·Σ_k t_k − t)/N, and a coupled softmax,
  s_j·(dL/da_j − Σ_k s_k·dL/da_k).
* ``GradientText`` (``GradientExplanation``): dL/dw_ji = a_i · f'(z_j) · dL/da_j (or
  a_i · δ_j) symbolically, then with one sample's numbers.

The slope f' is written with the activation's own name, as the lessons and the hints write it
(``core.notation.slope_label``: σ'(z_h0), tanh'(z_h0), relu'(z_h0); f'(z_y0) for a linear neuron); the
line deriving its number says what it is (σ'(z) = σ(z)(1 − σ(z)) = …).
* ``EdgeText`` (``EdgeExplanation``): the same over a batch of B samples (at most
  ``MAX_SAMPLES_SHOWN`` written out), the loss and its normaliser N, the batch sum
  Σ_n a_i·δ_j, the regularization term and the total.
* ``NeuronText`` (``NeuronExplanation``): z, a and δ of one neuron per sample, then the
  batch means and Σ δ (the bias gradient).
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np

from .features import FEATURES
from .hand_check import product_line, relation, stated, sum_line, written
from .loss_formulas import LOSS_NAMES, loss_words, one_hot_target
from .notation import MINUS, difference_digits, exact_enough, format_number, neuron_label, slope_label, slope_name
from .notation import weight_label
from .notation import factor as _f

#: at most this many samples of a batch are written out one by one (all are in the sums)
MAX_SAMPLES_SHOWN = 8


def _difference(y: float, t: float, d: int) -> tuple[str, str, object]:
    """(y, t, y − t as written): y and t with the digits that make their written difference the one
    computed (``difference_digits``; t in brackets when negative) and that difference, exactly."""
    dd = difference_digits(y, t, d)
    ny, nt = exact_enough(y, dd), exact_enough(t, dd)
    hand = _read(ny) - _read(nt)
    return ny, (f"({nt})" if nt.startswith(MINUS) else nt), hand


def _read(text: str) -> Decimal:
    """The exact value of a written number ("−0.05890")."""
    return Decimal(text.replace(MINUS, "-"))


class NeuronStateText:
    """The derivation of one neuron's δ on one sample, line by line (mixin of ``NeuronState``)."""

    def derivation(self, d: int) -> list[str]:
        """The lines that derive δ's factors: f'(z) and dL/da, or δ directly."""
        if self.how == "input":
            return []
        if self.how == "fused":
            return [self._fused_line(d)]
        if self.how == "coupled":
            return [self._dlda_line(d), *self._coupled_lines(d)]
        return [self._fprime_line(d), self._dlda_line(d)]

    def delta_line(self, d: int) -> str:
        """δ as a product of the derived factors (or the value just derived)."""
        me = self.label
        if self.how == "elementwise":
            slope = slope_label(self.activation, me)
            return f"δ_{me} = {slope} · dL/da_{me} = {product_line([self.f_prime, self.dL_da], self.delta, d)}"
        return f"δ_{me} {stated(self.delta, d)}"

    def _fprime_line(self, d: int) -> str:
        me, z, a, fp = self.label, self.z, self.a, self.f_prime
        head = f"f = {self.activation}, z_{me} = {format_number(z, d)}:  "
        name = self.activation
        if name == "identity":
            return head + "f'(z) = 1"
        # a saturated neuron (σ = 0.9999945) gets the digits that make the written 1 − σ the one computed
        if name == "sigmoid":
            s = _f(a, difference_digits(a, 1.0, d))
            hand = _read(s.strip("()")) * (1 - _read(s.strip("()")))
            return head + f"σ'(z) = σ(z)(1 − σ(z)) = {s} · (1 − {s}) {relation(hand, fp, d)}"
        if name == "tanh":
            s = _f(a, difference_digits(a * a, 1.0, d))
            return head + f"tanh'(z) = 1 − tanh²(z) = 1 − {s}² {relation(1 - _read(s.strip('()')) ** 2, fp, d)}"
        if name == "relu":
            side = "> 0" if z > 0 else ("= 0" if z == 0 else "< 0")
            return head + f"relu'(z) = 1 if z > 0 else 0 (0 at exactly 0); z {side}, so {format_number(fp, d)}"
        if name == "leaky_relu":
            side = "> 0" if z > 0 else "≤ 0"
            return head + f"leaky_relu'(z) = 1 if z > 0 else 0.01; z {side}, so {format_number(fp, d)}"
        return head + f"f'(z) = {format_number(fp, d)}"

    def _dlda_line(self, d: int) -> str:
        me = self.label
        if self.target is not None:
            y, t, n = self.a, self.target, self.n
            ny, nt, gap = _difference(y, t, d)
            scale = max(abs(y), abs(t)) / n  # what 0.6 − 0.6 leaves of y and t is rounding noise
            per, by = ("/N", f"/{n}") if n > 1 else ("", "")  # (N = 1: nothing to divide by)
            if self.loss == "mse":
                return (f"dL/da_{me} = 2(y − t){per} = 2·({ny} − {nt}){by} "
                        f"{relation(2 * gap / n, self.dL_da, d, scale)}")
            if self.loss == "half_mse":
                text = f"(y − t)/N = ({ny} − {nt})/{n}" if n > 1 else f"y − t = {ny} − {nt}"
                return f"dL/da_{me} = {text} {relation(gap / n, self.dL_da, d, scale)}"
            # binary_cross_entropy and cross_entropy never get here: the network refuses them after
            # any output but their partner (Network.problems), and with it δ is fused (_fused_line)
            return f"dL/da_{me} {stated(self.dL_da, d)}"
        kept = [c for c in self.contributions if not c.removed]
        layers = list(dict.fromkeys(c.layer for c in self.contributions))
        symbols = " + ".join(f"Σ_k w[{self.layer}→{k}][k,{self.j}] · δ_{neuron_label(k, 'k')}" for k in layers)
        terms = " + ".join(f"{_f(c.weight, d)}·{_f(c.delta, d)}" for c in kept) or "0"
        hand = sum((written(c.weight, d) * written(c.delta, d) for c in kept), Decimal(0))
        note = ""
        if len(kept) < len(self.contributions):
            note = "   (removed edges contribute nothing)" if kept else "   (every edge leaving it is removed)"
        scale = sum(abs(c.weight * c.delta) for c in kept)
        return f"dL/da_{me} = {symbols} = {terms} {relation(hand, self.dL_da, d, scale)}{note}"

    def _fused_line(self, d: int) -> str:
        me, y, t, n = self.label, self.a, self.target, self.n
        partner = f"sigmoid with {LOSS_NAMES['binary_cross_entropy']}: σ'(z) cancels the loss's 1/(y(1 − y))"
        if self.loss == "cross_entropy":
            partner = (f"softmax with {LOSS_NAMES['cross_entropy']}: the softmax's coupled derivative and the "
                       "loss's −t/y combine")
        scale = max(abs(y), abs(t)) / n
        per, by = ("/N", f"/{n}") if n > 1 else ("", "")  # (N = 1: nothing to divide by)
        if self.loss == "cross_entropy" and self.target_sum != 1.0:
            text = (f"(y·Σ_k t_k − t){per} = ({format_number(y, d)}·{_f(self.target_sum, d)} − {_f(t, d)}){by}")
            hand = (written(y, d) * written(self.target_sum, d) - written(t, d)) / n
            scale *= max(1.0, abs(self.target_sum))
        else:
            ny, nt, gap = _difference(y, t, d)
            text, hand = f"y − t = {ny} − {nt}" if n == 1 else f"(y − t)/N = ({ny} − {nt})/{n}", gap / n
        return f"δ_{me} = dL/dz_{me} = {text} {relation(hand, self.delta, d, scale)}   ({partner})"

    def _coupled_lines(self, d: int) -> list[str]:
        me, out = self.label, self.layer
        terms = " + ".join(f"{_f(s, d)}·{_f(g, d)}" for s, g in self.coupled)
        hand = sum((written(s, d) * written(g, d) for s, g in self.coupled), Decimal(0))
        scale = sum(abs(s * g) for s, g in self.coupled)
        inner = written(self.a, d) * (written(self.dL_da, d) - written(self.coupled_sum, d))
        return [
            "f = softmax is coupled (each s_k depends on every z), so there is no single f'(z); δ comes directly:",
            f"Σ_k s_k · dL/da_{neuron_label(out, 'k')} = {terms} {relation(hand, self.coupled_sum, d, scale)}",
            f"δ_{me} = s_{self.j} · (dL/da_{me} − Σ_k s_k · dL/da_{neuron_label(out, 'k')}) = "
            f"{_f(self.a, d)}·({format_number(self.dL_da, d)} − {_f(self.coupled_sum, d)}) "
            f"{relation(inner, self.delta, d, abs(self.a) * max(abs(self.dL_da), scale))}",
        ]


class GradientText:
    """dL/dw_ji of one sample, symbolically and with its numbers (mixin of ``GradientExplanation``)."""

    def formula(self) -> str:
        """The product written out with its numbers (one line)."""
        if self.removed:
            return "this edge is removed: its weight and gradient are 0"
        if self.f_prime is None:
            return f"dL/dw = a_in × δ = {product_line([self.a_in, self.delta], self.gradient, 6, ' × ')}"
        return (f"dL/dw = a_in × {slope_name(self.activation)}(z) × dL/da = "
                f"{product_line([self.a_in, self.f_prime, self.dL_da], self.gradient, 6, ' × ')}")

    def symbolic(self) -> str:
        """dL/dw[s→t][j,i] = a_si · f'(z_tj) · dL/da_tj (or a_si · δ_tj when δ comes directly), the slope f'
        named as the lessons name it (``slope_label``: σ'(z_h0) for a sigmoid neuron, f'(z_y0) for a linear one)."""
        w = weight_label(self.source, self.target, self.j, self.i)
        src, tgt = neuron_label(self.source, self.i), neuron_label(self.target, self.j)
        if self.removed:
            return f"dL/d{w}: this edge is removed: its weight and gradient are 0"
        if self.f_prime is None:
            return f"dL/d{w} = a_{src} · δ_{tgt}   (δ = dL/dz)"
        return f"dL/d{w} = a_{src} · {slope_label(self.activation, tgt)} · dL/da_{tgt}"

    def steps(self, digits: int = 4, name: str = "dL/dw") -> list[str]:
        """This sample's numbers: a_in, the derivation of the factors, and their product ``name``."""
        d = digits
        if self.removed:
            return ["this edge is removed: its weight and gradient are 0"]
        lines = [f"a_{neuron_label(self.source, self.i)} = {format_number(self.a_in, d)}"]
        if self.neuron is not None:
            lines += self.neuron.derivation(d)
        factors = [self.a_in, self.delta] if self.f_prime is None else [self.a_in, self.f_prime, self.dL_da]
        lines.append(f"{name} = {product_line(factors, self.gradient, d)}")
        return lines

    def lines(self, digits: int = 4) -> list[str]:
        """The chain rule symbolically, then with this sample's numbers."""
        if self.removed:
            return [self.symbolic()]
        return [self.symbolic(), *self.steps(digits)]


class EdgeText:
    """dL/dw_ji over a batch, sample by sample, summed (mixin of ``EdgeExplanation``)."""

    def lines(self, digits: int = 4) -> list[str]:
        """The chain rule symbolically, then numerically for each sample (at most 8), the batch sum,
        the regularization term and the total. The last number is ``total``."""
        d = digits
        first = self.samples[0]
        if self.removed:
            return [first.symbolic()]
        B = self.batch_size
        symbolic = first.symbolic()
        if B > 1:
            head, rest = symbolic.split(" = ", 1)
            symbolic = f"{head} = Σ over the {B} samples of {rest}"
        penalty = self.regularization_kind if self.regularization_rate else None
        lines = [symbolic, _loss_line(self.loss, B, self.targets, self.n, self.output_layer, penalty)]
        if B == 1:
            lines += first.steps(d)
        else:
            for e in self.samples[:MAX_SAMPLES_SHOWN]:
                lines.append(_sample_header(e.sample, B, self.inputs, self.targets, d))
                lines += ["  " + s for s in e.steps(d, f"p{e.sample + 1}")]
            if B > MAX_SAMPLES_SHOWN:
                lines.append(f"… and {B - MAX_SAMPLES_SHOWN} more samples (all are in the sum below)")
            lines.append(_batch_sum_line("dL/dw", "p", [e.gradient for e in self.samples], self.mean, d))
        if self.regularization_kind != "none" and self.regularization_rate != 0:
            w = self.weight if self.regularization_kind == "l2" else float(np.sign(self.weight))
            term = "+ L2: rate · w" if self.regularization_kind == "l2" else "+ L1: rate · sign(w)"
            rate_w = product_line([self.regularization_rate, w], self.regularization, d)
            lines.append(f"{term} = {rate_w}")
            total = sum_line([self.mean, self.regularization], self.total, d,
                             abs(self.mean) + abs(self.regularization))
            lines.append(f"dL/dw with {self.regularization_kind.upper()} = {total}")
        return lines


class NeuronText:
    """One neuron's z, a and δ over a batch (mixin of ``NeuronExplanation``)."""

    def lines(self, digits: int = 4) -> list[str]:
        """z, a and the derivation of δ for each sample (at most 8), then the batch figures."""
        d = digits
        me = neuron_label(self.layer, self.j)
        B = len(self.samples)
        if self.is_input:
            head = [f"neuron {me} (input layer): a_{me} = x_{self.j}, the input value"]
            if self.feature is not None:
                head = [f"neuron {me} (input layer): a_{me} = {FEATURES[self.feature].formula}, an input "
                        "feature computed from the sample's raw inputs x₀, x₁"]
            values = [format_number(s.a, d) for s in self.samples[:MAX_SAMPLES_SHOWN]]
            more = f", … ({B - MAX_SAMPLES_SHOWN} more)" if B > MAX_SAMPLES_SHOWN else ""
            tail = [f"a_{me} = {values[0]}"] if B == 1 else [
                f"a_{me} per sample: {', '.join(values)}{more}; mean {format_number(self.a_mean, d)}"]
            return head + tail
        how = self.samples[0].how
        rule = {"elementwise": f"δ_{me} = dL/dz_{me} = {slope_label(self.activation, me)} · dL/da_{me}",
                "fused": f"δ_{me} = dL/dz_{me}, straight from the loss",
                "coupled": f"δ_{me} = dL/dz_{me} = s_{self.j} · (dL/da_{me} − Σ_k s_k · "
                           f"dL/da_{neuron_label(self.layer, 'k')})"}[how]
        lines = [f"neuron {me} (layer {self.layer}, {self.activation}):  {rule}",
                 _loss_line(self.loss, B, self.targets, self.n, self.output_layer)]
        for s in self.samples[:MAX_SAMPLES_SHOWN]:
            body = [f"z_{me} = {format_number(s.z, d)},  a_{me} = {format_number(s.a, d)}", *s.derivation(d)]
            if s.how == "elementwise":
                body.append(s.delta_line(d))
            if B == 1:
                lines += body
            else:
                lines.append(_sample_header(s.sample, B, self.inputs, self.targets, d))
                lines += ["  " + line for line in body]
        if B > MAX_SAMPLES_SHOWN:
            lines.append(f"… and {B - MAX_SAMPLES_SHOWN} more samples (all are in the figures below)")
        bias = f"dL/db_{me}" if self.has_bias else f"Σ δ_{me}"
        if B == 1:
            lines.append(f"{bias} = δ_{me} {stated(self.delta_sum, d)}")
        else:
            lines.append(f"batch of {B}: mean z_{me} = {format_number(self.z_mean, d)}, "
                         f"mean a_{me} = {format_number(self.a_mean, d)}")
            lines.append(_batch_sum_line(bias, f"δ_{me}", [s.delta for s in self.samples], self.delta_sum, d))
        return lines


def _vector(v, d: int, cap: int = 6) -> str:
    v = np.asarray(v).ravel()
    text = ", ".join(format_number(x, d) for x in v[:cap])
    return f"[{text}{', …' if v.size > cap else ''}]"


def _sample_header(n: int, B: int, X, T, d: int) -> str:
    if X is None:
        return f"sample {n + 1} of {B}:"
    return f"sample {n + 1} of {B} (x = {_vector(X[n], d)}, t = {_vector(T[n], d)}):"


def _loss_line(name: str, B: int, T, n: int, output_layer: str, penalty: str | None = None) -> str:
    """The loss as a formula in words (``core.loss_formulas``) and, when it divides by more than 1, what its
    normaliser N counts: "L = ½ · mean over the 2 outputs of (y − t)²; N = 2 outputs"."""
    outputs = T.shape[1] if T is not None else n // max(B, 1)
    target = one_hot_target(T) if name == "cross_entropy" and T is not None else None
    words = loss_words(name, outputs, B, None if penalty in (None, "none") else penalty,
                       None if target is None or not output_layer else neuron_label(output_layer, target))
    if n == 1:
        return words
    plural = "s" if outputs != 1 else ""
    if name == "cross_entropy":
        return f"{words}; N = {B} samples"
    if B == 1:
        return f"{words}; N = {outputs} output{plural}"
    return f"{words}; N = {B} samples × {outputs} output{plural} = {n}"


def _batch_sum_line(what: str, term: str, values: list[float], total: float, d: int) -> str:
    """``what`` = Σ over samples of ``term``, every term written out (the first 8, then the rest's sum)."""
    shown = values[:MAX_SAMPLES_SHOWN]
    B = len(values)
    scale = math.fsum(abs(v) for v in values)
    if B > len(shown):
        rest = math.fsum(values[len(shown):])
        numbers = sum_line([*shown, rest], total, d, scale)
        head, tail = numbers.rsplit(" + ", 1)
        numbers = f"{head} + (the other {B - len(shown)}: {tail.split(' ', 1)[0]}) {tail.split(' ', 1)[1]}"
    else:
        numbers = sum_line(shown, total, d, scale)
    symbols = " + ".join(f"{term}{k}" if term == "p" else f"{term}(sample {k})" for k in range(1, len(shown) + 1))
    symbols += " + …" if B > len(shown) else ""
    return (f"batch, a sum over the {B} samples (each term already carries the loss's 1/N, so no further "
            f"mean): {what} = {symbols} = {numbers}")
