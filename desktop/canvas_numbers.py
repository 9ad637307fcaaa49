"""What a neuron on the canvas writes beside its circle, in words a student checks by hand.

No Qt: the layer item paints these (label, number) lines; the view state decides which
numbers are known in the current phase (``ViewState.revealed``), so a line reads "?" until
its phase has computed it.

* ``inside_lines``: z and b of a hidden or output neuron, for the traced input (the View
  menu's "z and b on Canvas"); in Update the bias's old and new value instead (the edges
  show the new weights);
* ``target_lines``: right of an output neuron: its target t, and from the Loss phase on
  y − t ("?" until ``reveal.error_revealed``: with cross-entropy it is δ, shown from Backward on;
  "?" while a lesson's δ question is open) and its term of the loss: (y − t)²/n for MSE, −log y of the target class for
  softmax with cross-entropy (the other classes add 0), the binary cross-entropy term;
* ``loss_lines``: under the output layer from the Loss phase on: the loss L = the sum of the terms
  (with a regularization penalty: L = data loss + penalty, the data loss being that sum).
"""

from __future__ import annotations

from core.notation import format_change, format_number, loss_parts
from desktop import reveal
from desktop.reveal import NOT_YET

#: how many digits more than the canvas's an Update line may take to show a parameter's change
#: (5 → 4.999996: three more than 4); a smaller change is written as Δb
UPDATE_EXTRA_DIGITS = 3


def term_label(loss: str, outputs: int, target: float | None) -> str:
    """The name of one output's loss term (``core.losses``'s definitions, one output, one sample)."""
    per = f"/{outputs}" if outputs > 1 else ""
    if loss == "mse":
        return f"(y − t)²{per}"
    if loss == "half_mse":
        return f"½(y − t)²{per}"
    if loss == "cross_entropy":
        return "−log y" if target == 1 else "−t·log y"  # y: the softmax output p the canvas writes
    if loss == "binary_cross_entropy":  # −[t·log y + (1 − t)·log(1 − y)]: one log for a 0/1 target
        return {1.0: f"−log y{per}", 0.0: f"−log(1 − y){per}"}.get(target, f"BCE{per}")
    return "L term"


def zb_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    """[("z", …), ("b", …)] for neuron k of a computing layer ([] for an input or nothing traced)."""
    order = view_state.computable_order()
    if not view_state.canvas_numbers or order is None or layer == order[0]:
        return []
    numbers = view_state.neuron(layer, k)
    if numbers is None:
        return []
    change = view_state.bias_change(layer, k)
    if change is not None:  # Update: the bias's change, as the edges show their weights' new values
        return update_lines("b", change[0], change[1], view_state.digits)
    lines = [("z", view_state.format(numbers.z) if numbers.z is not None else NOT_YET)]
    if numbers.bias is not None:
        lines.append(("b", view_state.format(numbers.bias)))
    return lines


def update_lines(symbol: str, old: float, new: float, digits: int) -> list[tuple[str, str]]:
    """[("old b", "5"), ("new b", "4.999996")]: a parameter's step, with the digits that show its change
    (``core.notation.format_change``); a change too small for ``UPDATE_EXTRA_DIGITS`` more digits than
    the canvas's is said as [("old b", "3"), ("Δb", "−9.992e−14")] (new b = old b + Δb)."""
    old_text, new_text, delta = format_change(old, new, digits, most=digits + UPDATE_EXTRA_DIGITS)
    if delta is None:
        return [(f"old {symbol}", old_text), (f"new {symbol}", new_text)]
    return [(f"old {symbol}", old_text), (f"Δ{symbol}", delta)]


def new_value_text(old: float, new: float, digits: int) -> str:
    """A parameter's new value as the canvas writes it in Update: as ``update_lines``'s "new b" (4.999996
    after 5), or with ``digits`` when the change would take more digits (the hover and the Inspector say Δw)."""
    old_text, new_text, delta = format_change(old, new, digits, most=digits + UPDATE_EXTRA_DIGITS)
    return format_number(new, digits) if delta is not None else new_text


def target_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    """[("t", …), ("y − t", …), (term, …)] right of output neuron k, each once revealed ([] when
    the traced input has no single target: a mini-batch)."""
    numbers = view_state.neuron(layer, k)
    if numbers is None or numbers.target is None:
        return []
    lines = [("t", view_state.format(numbers.target))]
    if view_state.stepping is None or not view_state.revealed("loss", layer):
        return lines  # outside the walk the canvas keeps to a and t; the Loss phase adds the rest
    net = view_state.network()
    if numbers.a is not None:  # y − t as the Loss phase computes it (squared error), else as δ (Backward)
        shown = reveal.error_revealed(net.training.loss, layer, view_state.stepping,
                                      view_state.computable_order() or [], view_state.hidden)
        lines.append(("y − t", view_state.format(numbers.a - numbers.target) if shown else NOT_YET))
    if numbers.loss_term is not None:
        label = term_label(net.training.loss, net.layer(layer).units, numbers.target)
        if net.training.loss != "cross_entropy" or numbers.target:
            lines.append((label, view_state.format(numbers.loss_term)))
    return lines


def loss_lines(view_state) -> list[tuple[str, str]]:
    """[("L =", "0.03049"), ("(sum of the terms)", "")] under the output layer once the Loss phase has
    run ([] before): the loss and how it adds the terms up. With a penalty: [("L =", "0.54"),
    ("= data loss 0.49 + penalty 0.05", ""), ("(data loss: sum of the terms)", "")]."""
    if view_state.stepping is None:
        return []
    loss = view_state.loss()
    if loss is None:
        return []
    trace = view_state.stepping.trace
    words = "sum of the terms" if len(trace.rows) == 1 else f"mean over {len(trace.rows)} samples"
    if trace.penalty:  # L = data loss + penalty, both written, as the Loss panel and the status bar write it
        data, penalty = loss_parts(loss, trace.penalty, view_state.digits)
        return [("L =", view_state.format(loss)), (f"= data loss {data} + penalty {penalty}", ""),
                (f"(data loss: {words})", "")]
    return [("L =", view_state.format(loss)), (f"({words})", "")]
