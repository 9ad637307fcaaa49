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
from core.notation import ACTIVATION_PRIME, neuron_label, neuron_symbol, slope_meaning, weight_label
from core.paths import paths_from_neuron, paths_to_loss
from desktop import reveal

from .html_panel import ViewStateHtmlPanel
from .matrix_html import CELL, heading, note, number
from .matrix_view import shown_network, traced_words
from .paths_hold import NOT_YET, SLOPE, PathHold, held_product
from .paths_lines import PADDING, RowFit, joined

EMPTY = ("Select one edge on the canvas to see every path from its weight to the loss, or click one neuron "
         "(not an output neuron) to see every path from its activation to the loss.")
LIMIT = 64
#: the table's path and product cells: the numbers' monospace, closer together than a matrix's (``CELL``)
PATH_CELL = CELL.replace("padding:1px 5px", f"padding:1px {PADDING // 2}px")
#: a row's rate factors: in the page's own font, wrapped (narrower than the monospace of the numbers' cells:
#: at 1024×700 a path's five factors take two lines)
FACTORS = f"padding:1px {PADDING // 2}px; text-align:left; white-space:normal;"
#: an activation by its slope's name: σ' → sigmoid
PRIME_ACTIVATION = {prime: activation for activation, prime in ACTIVATION_PRIME.items()}


def _neuron(view_state) -> tuple[str, int] | None:
    """(layer, neuron) when one neuron of a layer that is not the output is selected."""
    sel = view_state.selection
    if sel is None or sel.kind != "layers" or len(sel.layers) != 1 or sel.j < 0:
        return None
    layer = sel.layers[0]
    return None if layer == view_state.network().output_layer else (layer, sel.j)


def paths_html(view_state, limit: int = LIMIT, fit: RowFit | None = None) -> str:
    """The page for the selection; ``fit``: the page's width and font (None: Qt wraps the rows)."""
    sel = view_state.selection
    neuron = _neuron(view_state)
    if neuron is not None:
        return _neuron_html(view_state, *neuron, limit, fit)
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
    about = note(f"For {traced_words(view_state, found.N)}, at {view_state.weights_description()}. "
                 "A change of the weight moves z of its target neuron, and every neuron downstream, "
                 "along each path to the loss; each path multiplies the rates it passes: "
                 f"{_rate_chain(found, 'a (input of the weight)')}. {_backprop_words(found)}")
    if found.removed:
        return "".join([heading(f"dL/d{name} as a sum over paths"), about, note(
            "This edge is removed: its weight is 0 and stays 0, and no path starts here.")])
    hold = PathHold(view_state, ("dL/dw", sel.target, (sel.source, sel.j, sel.i)), (sel.source, sel.i)) \
        if view_state.hidden else None
    # the table and its sum first: at 1024×700 the dock shows about nine lines (review 16 #6)
    return heading(f"dL/d{name} as a sum over paths") + _paths_table(found, view_state.digits, "dL/dw", hold, fit) + about


def phase_reached(view_state, quantity: str, layer: str) -> bool:
    """Whether the step-through's phase has computed ``quantity`` of ``layer`` (always without one),
    whatever a lesson holds back: what it holds reads "?" in the table (``PathHold``)."""
    return reveal.revealed(quantity, layer, view_state.stepping, view_state.computable_order() or [])


def _neuron_html(view_state, layer: str, k: int, limit: int, fit: RowFit | None = None) -> str:
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
    about = note(f"For {traced_words(view_state, found.N)}, at {view_state.weights_description()}. "
                 "A change of this neuron's output a moves every neuron downstream, along each path to the "
                 f"loss; each path multiplies the rates it passes: {_rate_chain(found, 'w')}. "
                 f"{_backprop_words(found)}")
    hold = PathHold(view_state, ("delta", layer, k)) if view_state.hidden else None
    return (heading(f"{neuron_symbol('dL/da', layer, k)} as a sum over paths")
            + _paths_table(found, view_state.digits, "dL/da", hold, fit) + about)


def _backprop_words(found) -> str:
    """What backpropagation does with the same products (it adds them without listing them)."""
    return (f"Backpropagation adds the same products without listing them ({found.count} "
            f"path{'s' if found.count != 1 else ''} in all).")


def _rate_chain(found, start: str) -> str:
    """"a (input of the weight) · σ'(z) · w · σ'(z) · … · δ = dL/dz of an output neuron (σ'(z) = …)": the rates
    a path multiplies from ``start`` ("a …" for a weight's paths, "w" for a neuron's), each slope named as the
    lessons name it (σ' for a sigmoid neuron, ``core.notation.slope_name``), and what that slope is."""
    names = list(dict.fromkeys(symbol.split(SLOPE)[0] + "'" for path in found.paths for symbol, _ in path.factors
                               if SLOPE in symbol))
    delta = "δ = dL/dz of an output neuron"
    if not names:
        return f"{start} · {delta}"
    if len(names) == 1:
        slope, rule = names[0], slope_meaning(PRIME_ACTIVATION.get(names[0], ""))
    else:
        slope, rule = "f'", f"f' is each neuron's own slope: {', '.join(names)}"
    chain = f"{slope}(z) · w · {slope}(z)" if start.startswith("a") else f"{slope}(z) · w"
    return f"{start} · {chain} · … · {delta} ({rule})"


def _paths_table(found, d: int, what: str, hold: PathHold | None = None, fit: RowFit | None = None) -> str:
    """The paths' table and sums; ``hold``: what the view state holds back, "?" in its place, with the
    words saying when each "?" shows in one line under the table (a row fits two lines at 1024×700);
    ``fit``: the page's width and font, to break each row's factors between factors (``paths_lines``)."""
    products = []  # each product as written, "≈" before it when its factors as written do not give it
    held = False  # a product held back: the sums are too
    waiting: dict[str, list[str]] = {}  # the words of a held factor → the factors they hold
    rows = []  # (route, factors as written)
    for path in found.paths:
        route = "→".join(neuron_label(layer, q) for layer, q in path.neurons)
        words = [hold.factor(sym, path.neurons) if hold is not None else None for sym, _ in path.factors]
        for (sym, _), w in zip(path.factors, words):
            if w and sym not in waiting.setdefault(w, []):
                waiting[w].append(sym)
        rows.append((route, [f"{sym} = {NOT_YET if w else number(v, d)}" for (sym, v), w in zip(path.factors, words)]))
        product = number(path.product, d)
        if held_product(hold, words):
            held, product = True, NOT_YET
        elif found.N == 1:  # (over several rows a product is a mean, not the product of the factors shown)
            hand = Decimal(1)
            for _, v in path.factors:
                hand *= written(v, d)
            product = approximately(hand, product)
        products.append(product)
    # as wide as its columns (a table of the page's width shares the room left over among them, the path's
    # too, and the factors' lines, broken to the room measured for them, wrapped again)
    room = None if fit is None else fit.columns([r for r, _ in rows], products)[2]
    table = ["<table cellspacing='0' style='margin:2px 0'>",
             f"<tr><td style='{PATH_CELL} text-align:left'>path</td>"
             f"<td style='{FACTORS}'>rate factors</td><td style='{PATH_CELL}'>product</td></tr>"]
    for (route, factors), product in zip(rows, products):
        table.append(f"<tr><td style='{PATH_CELL} text-align:left'>{html.escape(route)}</td>"
                     f"<td style='{FACTORS}'>{joined(factors) if fit is None else fit.lines(factors, room)}</td>"
                     f"<td style='{PATH_CELL}'><b>{product}</b></td></tr>")
    table.append("</table>")
    parts = ["".join(table)]
    if waiting:
        parts.append(note("; ".join(f"{NOT_YET} {', '.join(symbols)}: {_reason(w)}" for w, symbols in waiting.items())))
    if found.N > 1:
        parts.append(note(f"The factors are those of the first row; each product is the mean over the {found.N} rows."))
    if held:
        result = hold.result() or NOT_YET + " (a factor above is held back)"
        parts.append(note(f"Sum = {what} = {result}"))
        return "".join(parts)
    rest = found.count - len(found.paths)
    hand = sum((written(float(p.lstrip("≈").replace("−", "-")), 17) for p in products), Decimal(0))
    listed = approximately(hand, number(found.listed_sum, d))
    total = number(found.gradient, d)
    if not rest and not found.penalty and listed.lstrip("≈") == total:
        plural = "s" if len(found.paths) != 1 else ""
        parts.append(note(f"Sum of the {len(found.paths)} path product{plural}: {listed} = {what}"))
        return "".join(parts)
    lines = [f"Sum of the {len(found.paths)} path products shown: {listed}"]
    if rest:
        lines.append(f"The other {rest} paths (not listed), summed: {number(found.rest_sum, d)}")
    if found.penalty:
        lines.append(f"Regularization's term (no path): {number(found.penalty, d)}")
    lines.append(f"{what} = {total}")
    parts += [note(line) for line in lines]
    return "".join(parts)


def _reason(words: str) -> str:
    """"shows once you answer" of the pending words "? (shows once you answer)"."""
    inner = words[len(NOT_YET):].strip()
    return inner[1:-1] if inner.startswith("(") and inner.endswith(")") else inner


class PathsPanel(ViewStateHtmlPanel):
    """A dock's widget: the selected weight's paths, rewritten when the view state changes."""

    object_name = "paths_view"
    empty = EMPTY
    failure = "The paths cannot be shown now"

    rewrite_on_width = True  # each row's factors are broken to the page's width

    def render(self, view_state) -> str:
        return paths_html(view_state, fit=RowFit(self.written_width, self.page_width()))
