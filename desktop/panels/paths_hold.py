"""Which numbers of a sum over paths the view state holds back, and the words in their place.

A path's product multiplies rate factors (``core.paths``): a (the weight's input), f'(z) of each neuron
passed, each w passed, and ∂L/∂z of the output neuron reached (δ of that output, for one row). Each factor
is a number of one neuron or edge that the one spoiler rule (``ViewState.revealed``, with its index) may
hold back:

* a_x0 (a of neuron i of layer s) is "a" of layer s (an input's is data, always shown);
* σ'(z_h0) (f' of the neuron's activation: ``core.notation.slope_label``) is computed from z (and a) of its
  layer: "z" and "a" of that layer; and it is a factor the student works out for δ of that neuron
  (δ = f'(z) · dL/da, and dL/dw into it and dL/db multiply the same f'(z)): while a lesson holds that
  neuron's δ (its open question asks δ, dL/dw or dL/db there, or a later one does), f'(z) waits with the
  same words (review 15 #4: guided_chain_rule step 8 asks δ_h0 and the paths wrote σ'(z_h0) = 0.2445,
  leaving two multiplications and an addition);
* w[s→t][j,i] is a "weight" into t (held only while a lesson asks a weight after k training steps);
* δ_y0 (= dL/dz of output neuron k) is "delta" of the output layer.

The products and their sum are the path's result: dL/dw of the edge ("dL/dw" of its target layer) or
dL/da of the neuron (δ = f'(z)·dL/da of its layer: "delta" of the neuron's layer; for an input neuron,
every δ after it). A product is written only when all its factors and the result are shown; else "?".
Where a number is held, the panel writes the same words as every panel (``ViewState.pending``):
'? (comes with a later question)', '? (shows once you answer)' in a lesson, '? (hidden: work it out first)'
in predict mode.
"""

from __future__ import annotations

from core.notation import neuron_label
from desktop.reveal import NOT_YET


#: what a slope's symbol has between its activation and its neuron: σ'(z_h0)
SLOPE = "'(z_"


class PathHold:
    """The hold on one panel's sum over paths: ``factor`` and ``result`` give None (shown) or the words
    to write instead. ``result`` is (quantity, layer, index) of what the paths add up to (the index as
    ``ViewState.revealed`` takes it: a neuron's unit, an edge's (source, j, i)); ``source`` (layer, unit)
    of the weight's input a (an edge's paths; None for a neuron's, which have no a factor). A number the
    student has answered shows, although its layer's quantity is held (``revealed`` with its index)."""

    def __init__(self, view_state, result: tuple[str, str, object], source: tuple[str, int] | None = None):
        self.view_state, self.source = view_state, source
        net = view_state.network()
        order = view_state.computable_order() or []
        self.input = order[0] if order else None
        self.output = net.output_layer
        self.result_place = result

    def words(self, quantity: str, layer: str, index=None) -> str | None:
        """None when ``quantity`` of ``layer`` (its number ``index``) shows, else the words in its place."""
        vs = self.view_state
        return None if vs.revealed(quantity, layer, index) else vs.pending(quantity, layer, index)

    def factor(self, symbol: str, neurons) -> str | None:
        """None when the factor ``symbol`` of a path through ``neurons`` [(layer, k), …] shows, else the
        words in its place ("? (…)")."""
        by_label = {neuron_label(layer, k): (layer, k) for layer, k in neurons}
        if symbol.startswith("a_"):
            return None if self.source is None or self.source[0] == self.input else self.words("a", *self.source)
        if symbol.endswith(")") and SLOPE in symbol:  # σ'(z_h0)
            place = by_label.get(symbol[symbol.index(SLOPE) + len(SLOPE):-1])
            if place is None:
                return None
            return self.words("z", *place) or self.words("a", *place) or self.view_state.held("delta", *place)
        if symbol.startswith("w["):  # w[s→t][j,i]
            route, cell = symbol[2:].split("][", 1)
            source, target = route.split("→")
            j, i = (int(n) for n in cell.rstrip("]").split(","))
            return self.words("weight", target, (source, j, i))
        if symbol.startswith("δ_"):
            place = by_label.get(symbol[len("δ_"):], (self.output, None))
            return self.words("delta", *place)
        return None

    def result(self) -> str | None:
        return self.words(*self.result_place)


def held_product(hold: PathHold | None, factor_words: list) -> bool:
    """Whether a path's product is held back: one of its factors is, or the sum it is a part of."""
    return hold is not None and (any(factor_words) or hold.result() is not None)


__all__ = ["NOT_YET", "PathHold", "held_product"]
