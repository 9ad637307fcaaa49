"""The sum over paths: for the selected weight, every route from it to the loss, each route's
product of rate factors, and their sum, which is the weight's dL/dw (``core.paths``).

For the traced rows at the weights the canvas shows; during a step-through it appears once
Backward has given the weight's target layer its δ (the products need every δ downstream).
A number the view state holds back (a guided lesson's open or later question: ``paths_hold``)
reads "?" with the words every panel writes, as the canvas writes it.
"""

from __future__ import annotations

import html
from decimal import Decimal

import numpy as np

from core.hand_check import approximately, written
from core.notation import neuron_label, neuron_symbol, weight_label
from core.paths import paths_from_neuron, paths_to_loss
from desktop import reveal

from .html_panel import ViewStateHtmlPanel
from .matrix_html import CELL, heading, note, number
from .matrix_view import shown_network, traced_words
from .paths_hold import NOT_YET, PathHold, held_product

EMPTY = ("Select one edge on the canvas to see every path from its weight to the loss, or click one neuron "
         "(not an output neuron) to see every path from its activation to the loss.")
LIMIT = 64


def _neuron(view_state) -> tuple[str, int] | None:
    """(layer, neuron) when one neuron of a layer that is not the output is selected."""
    sel = view_state.selection
    if sel is None or sel.kind != "layers" or len(sel.layers) != 1 or sel.j < 0:
        return None
    layer = sel.layers[0]
    return None if layer == view_state.network().output_layer else (layer, sel.j)


def paths_html(view_state, limit: int = LIMIT) -> str:
    sel = view_state.selection
    neuron = _neuron(view_state)
    if neuron is not None:
        return _neuron_html(view_state, *neuron, limit)
    if sel is None or sel.kind != "edge":
        return note(EMPTY)
    data = view_state.traced_data()
    net = view_state.network()
    if data is None or net.problems() or net.dataset_problems():
        return note("Nothing is traced yet: the network needs a dataset it fits.")
    if not phase_reached(view_state, "dL/dw", sel.target):
        return note("Backward has not reached this weight yet: its paths appear when it does (F7).")
    with np.errstate(all="ignore"):
        found = paths_to_loss(shown_network(view_state), sel.source, sel.target, sel.j, sel.i, *data, limit=limit)
    name = weight_label(sel.source, sel.target, sel.j, sel.i)
    parts = [heading(f"dL/d{name} as a sum over paths"),
             note(f"For {traced_words(view_state, found.N)}, at {view_state.weights_description()}. "
                  "A change of the weight moves z of its target neuron, and every neuron downstream, "
                  "along each path to the loss; each path multiplies the rates it passes: "
                  "a (input of the weight) · f'(z) · w · f'(z) · … · δ = dL/dz of an output neuron.")]
    if found.removed:
        parts.append(note("This edge is removed: its weight is 0 and stays 0, and no path starts here."))
        return "".join(parts)
    hold = PathHold(view_state, ("dL/dw", sel.target, (sel.source, sel.j, sel.i)), (sel.source, sel.i)) \
        if view_state.hidden else None
    return "".join(parts) + _paths_table(found, view_state.digits, "dL/dw", hold)


def phase_reached(view_state, quantity: str, layer: str) -> bool:
    """Whether the step-through's phase has computed ``quantity`` of ``layer`` (always without one),
    whatever a lesson holds back: what it holds reads "?" in the table (``PathHold``)."""
    return reveal.revealed(quantity, layer, view_state.stepping, view_state.computable_order() or [])


def _neuron_html(view_state, layer: str, k: int, limit: int) -> str:
    data = view_state.traced_data()
    net = view_state.network()
    if data is None or net.problems() or net.dataset_problems():
        return note("Nothing is traced yet: the network needs a dataset it fits.")
    order = net.order()
    step = view_state.stepping
    if step is not None and step.phase in ("forward", "loss", "backward") and not (
            step.phase == "backward" and step.layer <= order.index(layer) + 1):
        return note("Backward has not passed this neuron yet: its paths appear when it has (F7).")
    with np.errstate(all="ignore"):
        found = paths_from_neuron(shown_network(view_state), layer, k, *data, limit=limit)
    parts = [heading(f"{neuron_symbol('dL/da', layer, k)} as a sum over paths"),
             note(f"For {traced_words(view_state, found.N)}, at {view_state.weights_description()}. "
                  "A change of this neuron's output a moves every neuron downstream, along each path to the "
                  "loss; each path multiplies the rates it passes: w · f'(z) · w · … · δ = dL/dz of an output neuron.")]
    hold = PathHold(view_state, ("delta", layer, k)) if view_state.hidden else None
    return "".join(parts) + _paths_table(found, view_state.digits, "dL/da", hold)


def _paths_table(found, d: int, what: str, hold: PathHold | None = None) -> str:
    """The paths' table and sums; ``hold``: what the view state holds back, "?" in its place."""
    parts = []
    if found.N > 1:
        parts.append(note(f"The factors are those of the first row; each product is the mean over the {found.N} rows."))
    table = ["<table cellspacing='0' width='100%' style='margin:4px 0'>",
             f"<tr><td style='{CELL}'>#</td><td style='{CELL} text-align:left'>path</td>"
             f"<td style='{CELL} text-align:left'>rate factors</td><td style='{CELL}'>product</td></tr>"]
    products = []  # each product as written, "≈" before it when its factors as written do not give it
    held = False  # a product held back: the sums are too
    for k, path in enumerate(found.paths, start=1):
        route = " → ".join(neuron_label(layer, q) for layer, q in path.neurons) + " → L"
        words = [hold.factor(sym, path.neurons) if hold is not None else None for sym, _ in path.factors]
        factors = " × ".join(f"{html.escape(sym)} = {html.escape(w) if w else number(v, d)}"
                             for (sym, v), w in zip(path.factors, words))
        product = number(path.product, d)
        if held_product(hold, words):
            held, product = True, NOT_YET
        elif found.N == 1:  # (over several rows a product is a mean, not the product of the factors shown)
            hand = Decimal(1)
            for _, v in path.factors:
                hand *= written(v, d)
            product = approximately(hand, product)
        products.append(product)
        table.append(f"<tr><td style='{CELL}'>{k}</td><td style='{CELL} text-align:left'>{html.escape(route)}</td>"
                     f"<td style='{CELL} text-align:left; white-space:normal'>{factors}</td>"
                     f"<td style='{CELL}'><b>{product}</b></td></tr>")
    table.append("</table>")
    parts.append("".join(table))
    if held:
        parts.append(note(f"Sum of the path products: {NOT_YET}"))
        parts.append(note(f"{what} = {html.escape(hold.result() or NOT_YET + ' (a factor above is held back)')}"))
        return "".join(parts)
    rest = found.count - len(found.paths)
    hand = sum((written(float(p.lstrip("≈").replace("−", "-")), 17) for p in products), Decimal(0))
    listed = approximately(hand, number(found.listed_sum, d))
    lines = [f"Sum of the {len(found.paths)} path products shown: {listed}"]
    if rest:
        lines.append(f"The other {rest} paths (not listed), summed: {number(found.rest_sum, d)}")
    if found.penalty:
        lines.append(f"Regularization's term (no path): {number(found.penalty, d)}")
    lines.append(f"{what} = {number(found.gradient, d)}  (backpropagation adds the same products without "
                 f"listing them: {found.count} path{'s' if found.count != 1 else ''} in all)")
    parts += [note(line) for line in lines]
    return "".join(parts)


class PathsPanel(ViewStateHtmlPanel):
    """A dock's widget: the selected weight's paths, rewritten when the view state changes."""

    object_name = "paths_view"
    empty = EMPTY
    failure = "The paths cannot be shown now"

    def render(self, view_state) -> str:
        return paths_html(view_state)
