"""The matrix form of a layer: its forward and backward pass as matrix products, with numbers.

Which layer: the selected layer (or the target layer of a selected edge or connection),
else the layer the step-through is at (Forward/Backward phase). Which rows: what the view
state traces — one sample (N = 1) or the next mini-batch (N rows). Which weights: the ones
the canvas shows. The numbers are ``core.matrix_form``'s (the trace's), so they are the
canvas's: the canvas shows each neuron's mean over the rows, this view every row.

During a step-through a matrix appears only once its phase has computed it: the forward
matrices once Forward has reached the layer, Δ and dL/dW once Backward has. A matrix that a
guided lesson (or predict mode) holds back says why, in the words every panel writes in place of
such a number (``desktop.reveal.hidden_reason``, ``ViewState.pending``).
"""

from __future__ import annotations

import numpy as np

from core.matrix_form import layer_matrix_form
from core.notation import counted, neuron_label
from desktop import reveal

from .html_panel import ViewStateHtmlPanel
from .matrix_html import equation, heading, matrix, note, wrapped_equation

EMPTY = "Select a layer on the canvas (any but the input layer) to see its computation as matrices."


def chosen_layer(view_state) -> str | None:
    """The selected layer (or the target of a selected edge or connection), else the layer the
    step-through is at; None when neither names a layer that computes something."""
    net = view_state.network()
    sel = view_state.selection
    name = None
    if sel is not None:
        name = sel.layers[0] if sel.kind == "layers" and sel.layers else sel.target or None
    if name is None or name == net.input_layer:
        name = view_state.active_layer()
    return name if name and name != net.input_layer and name in {l.name for l in net.layers} else None


def reached(view_state, layer: str) -> tuple[bool, bool]:
    """(forward shown, backward shown) for ``layer``: the view state's one rule (``revealed``),
    so the phase and a lesson's hidden quantities decide here as on every panel."""
    return (view_state.revealed("a", layer) and view_state.revealed("z", layer),
            view_state.revealed("delta", layer) and view_state.revealed("dL/dw", layer))


#: why a lesson holds a layer's matrices back, for each ``reveal.hidden_reason``
HELD_BECAUSE = {
    "asked": "the open question asks a number of this layer",
    "answer": "they are computed from the open question's answer",
    "later": "a later question of the lesson asks for them",
    "hidden": "held back until you have worked them out",
}


def held_back(view_state, layer: str, names: str, quantities: tuple[str, ...]) -> str | None:
    """The note for ``names`` ("Z and A") of ``layer`` when a lesson or predict mode holds one of its
    ``quantities`` back: "Z and A of this layer: ? (comes with a later question): a later question
    of the lesson asks for them."; None when nothing holds them (the phase has not computed them)."""
    for quantity in quantities:
        reason = reveal.hidden_reason(quantity, layer, view_state.hidden)
        if reason is not None:
            return f"{names} of this layer: {view_state.pending(quantity, layer)}: {HELD_BECAUSE[reason]}."
    return None


def traced_words(view_state, n: int) -> str:
    """'sample 3 (x = …, t = …), N = 1' or 'the next mini-batch, N = 32 rows (…)'."""
    if n == 1:
        return f"{view_state.traced_description(with_rows=False)}, N = 1"
    return f"the next mini-batch, N = {n} rows (one per sample; the canvas shows their mean)"


def shown_network(view_state):
    """The network at the weights the canvas shows (a copy; the document is not touched)."""
    if view_state.stepping is not None:
        return view_state.stepping.trace.network
    net = view_state.network().copy()
    net.set_parameters(view_state.parameters())
    return net


def matrix_form_html(view_state, equation=equation) -> str:
    """The whole view as rich text (a message when there is nothing to show); ``equation(*parts)`` writes
    each equation (``matrix_html.equation`` on one row, or the panel's rows no wider than itself)."""
    layer = chosen_layer(view_state)
    if layer is None:
        return note(EMPTY)
    data = view_state.traced_data()
    net = view_state.network()
    if data is None or net.problems() or net.dataset_problems():
        return note("Nothing is traced yet: the network needs a dataset it fits (choose a sample in the "
                    "step toolbar's Trace box).")
    with np.errstate(all="ignore"):
        form = layer_matrix_form(shown_network(view_state), layer, *data)
    d = view_state.digits
    show_forward, show_backward = reached(view_state, layer)
    rows = [str(r) for r in view_state.traced_rows()] if view_state.traced_rows() is not None else None
    sample_names = [f"row {r}" for r in rows] if rows and len(rows) == form.N else None
    mine = [neuron_label(layer, k) for k in range(form.Z.shape[1])]
    parts = [heading(f"Layer {layer}: {counted(form.Z.shape[1], 'neuron')}, {form.activation}"),
             note(f"For {traced_words(view_state, form.N)}, at {view_state.weights_description()}. "
                  "A row of Z, A or Δ is a sample; of W or dL/dW, a target neuron j (W[j, i]: the edge i → j).")]
    if not show_forward:
        held = held_back(view_state, layer, "Z and A", ("a", "z"))
        parts.append(note(held or "The forward pass has not reached this layer yet (press F7)."))
        return "".join(parts)
    # forward: Z = Σ A_s W_sᵀ + b
    terms: list[str] = []
    for inc in form.incoming:
        src = [neuron_label(inc.source, k) for k in range(inc.A.shape[1])]
        if terms:
            terms.append("+")
        terms += [matrix(f"A_{inc.source}", inc.A, d, sample_names, src), "·",
                  matrix(f"W_{inc.source}→{layer}ᵀ", inc.W.T, d, src, mine)]
    if form.b is not None:
        terms += ["+", matrix("b", form.b[None, :], d, None, mine)]
    parts += [heading("Forward: Z = A_prev · Wᵀ + b"), equation(*terms, "=", matrix("Z", form.Z, d, sample_names, mine))]
    parts += [heading(f"A = {form.activation}(Z)"), equation(matrix("A", form.A, d, sample_names, mine))]
    if not show_backward:
        held = held_back(view_state, layer, "Δ and dL/dW", ("delta", "dL/dw"))
        parts.append(note(held or "Backward has not reached this layer yet: Δ and dL/dW appear when it does (F7)."))
        return "".join(parts)
    parts.append(heading("Backward: Δ = dL/dZ, one row per sample"))
    if form.outgoing:
        back: list[str] = []
        for out in form.outgoing:
            nxt = [neuron_label(out.target, k) for k in range(out.W.shape[0])]
            if back:
                back.append("+")
            back += [matrix(f"Δ_{out.target}", out.delta, d, sample_names, nxt), "·",
                     matrix(f"W_{layer}→{out.target}", out.W, d, nxt, mine)]
        parts.append(equation(*back, "=", matrix("dL/dA", form.dL_dA, d, sample_names, mine)))
    elif form.fused:
        parts.append(note("The output layer with its loss: Δ = y − t per row (the loss and the "
                          "activation's derivative cancel; binary cross-entropy divides by the outputs per row)."))
    else:
        parts += output_dl_da(net.training.loss, form, data[1], d, sample_names, mine, equation)
    if form.fprime is not None:
        fp_name = "σ'(Z) = A(1 − A)" if form.activation == "sigmoid" else f"{form.activation}'(Z)"
        parts.append(equation(matrix("dL/dA", form.dL_dA, d, sample_names, mine), "⊙",
                              matrix(fp_name, form.fprime, d, sample_names, mine), "=",
                              matrix("Δ", form.delta, d, sample_names, mine)))
        if form.activation in ("sigmoid", "tanh") and np.max(np.abs(form.fprime)) < 0.05:
            parts.append(note("Every f'(z) here is below 0.05: the neurons are saturated, so Δ is small and "
                              "the weights into this layer learn slowly."))
    else:
        if not form.fused and form.outgoing == []:
            parts.append(note("softmax: each Δ row is the Jacobian of softmax times dL/dA (not an element-wise product)."))
        parts.append(equation(matrix("Δ", form.delta, d, sample_names, mine)))
    parts.append(heading("Gradients: dL/dW = Δᵀ · A_prev / N"))
    for inc in form.incoming:
        src = [neuron_label(inc.source, k) for k in range(inc.A.shape[1])]
        terms = [matrix("Δᵀ", form.delta.T, d, mine, sample_names), "·",
                 matrix(f"A_{inc.source}", inc.A, d, sample_names, src), f"/ {form.N}", "="]
        terms.append(matrix(f"dL/dW_{inc.source}→{layer}", inc.dW_data, d, mine, src))
        if form.regularization != "none" and not np.array_equal(inc.dW, inc.dW_data):
            terms += ["+", "penalty", "=", matrix("dL/dW", inc.dW, d, mine, src)]
        parts.append(equation(*terms))
    if form.db is not None:
        parts.append(equation(matrix("dL/db = column sums of Δ / N", form.db[None, :], d, None, mine)))
    return "".join(parts)


def output_dl_da(loss: str, form, T, d: int, sample_names, mine, equation=equation) -> list[str]:
    """The output layer's dL/dA worked out from A and the targets T (one row per sample, K outputs):
    squared error L = mean over K of (y − t)² gives dL/dA = 2(A − T)/K, half of it (A − T)/K;
    another loss shows dL/dA beside T."""
    T = np.atleast_2d(np.asarray(T, dtype=np.float64))
    K = form.A.shape[1]
    per = f" / {K}" if K > 1 else ""
    targets = matrix("T", T, d, sample_names, mine)
    result = matrix("dL/dA", form.dL_dA, d, sample_names, mine)
    if loss in ("mse", "half_mse"):
        factor, what = ("2 · ", "(y − t)²") if loss == "mse" else ("", "½(y − t)²")
        rule = f"dL/dA = {factor}(A − T){per}"
        return [note(f"At the output: {rule}, the derivative of L = {what}"
                     f"{' meaned over the ' + str(K) + ' outputs' if K > 1 else ''} for each sample; T: the targets."),
                equation(f"{factor}(", matrix("A", form.A, d, sample_names, mine), "−", targets, f"){per}", "=", result)]
    return [note("At the output: dL/dA, the loss's derivative at A and the targets T."), equation(targets), equation(result)]


class MatrixFormPanel(ViewStateHtmlPanel):
    """A dock's widget: the matrix form of the chosen layer, rewritten when the view state changes or
    the panel's width does. Each equation wraps into rows as wide as the panel (``wrapped_equation``):
    in a laptop's dock (340 px) XOR's "A_x · Wᵀ + b = Z" ran off its right edge, "b (1×2)" cut to "h0 h"."""

    object_name = "matrix_form"
    empty = EMPTY
    failure = "The matrix form cannot be shown now"
    open_links = False
    rewrite_on_width = True

    def render(self, view_state) -> str:
        width = self.page_width()
        return matrix_form_html(view_state, lambda *parts: wrapped_equation(parts, width, self.written_width))
