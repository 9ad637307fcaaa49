"""What a neuron on the canvas writes beside its circle, in words a student checks by hand.

No Qt: the layer item paints these (label, number) lines; the view state decides which
numbers are known in the current phase (``ViewState.revealed``), so a line reads "?" until
its phase has computed it.

* ``zb_lines``: z and b of a hidden or output neuron, for the traced input (the View
  menu's "z and b on Canvas"); in Update the bias's old and new value instead (the edges
  show the new weights), or old b and Δb when the picture writes changes (``update_writing``:
  one way for every parameter of the picture); "new b ?" while a lesson holds it back; under them
  the δ a guided lesson's student has answered (``delta_lines``), in the row its card keeps for it;
* ``target_lines``: right of an output neuron: its target t, and y − t once its phase computes it
  (``reveal.error_revealed``: with squared error the Loss phase, with cross-entropy it is δ, written from
  Backward on; no line before, "?" while a lesson's open question holds it back) and its term of the loss: (y − t)²/n for MSE, −ln y (ln: the natural log) of the target class for
  softmax with cross-entropy (the other classes add 0), the binary cross-entropy term;
* ``loss_lines``: under the output layer from the Loss phase on: the loss L = the sum of the terms
  (with a regularization penalty: L = data loss + penalty, the data loss being that sum).
"""

from __future__ import annotations

import weakref

from core.hand_check import approximately, written
from core.notation import format_change, format_number, loss_parts
from desktop import reveal
from desktop.reveal import NOT_YET

#: how many digits more than the canvas's an Update picture's new values may take to show their changes
#: (5 → 4.999996: three more than 4); when one change needs more, the picture writes every change as Δ
UPDATE_EXTRA_DIGITS = 3
#: a connection with more weights than this prints no numbers on its edges (a band): nothing to check
CHECKED_WEIGHTS = 1000


def term_label(loss: str, outputs: int, target: float | None) -> str:
    """The name of one output's loss term (``core.losses``'s definitions, one output, one sample)."""
    per = f"/{outputs}" if outputs > 1 else ""
    if loss == "mse":
        return f"(y − t)²{per}"
    if loss == "half_mse":
        return f"½(y − t)²{per}"
    if loss == "cross_entropy":
        return "−ln y" if target == 1 else "−t·ln y"  # y: the softmax output p the canvas writes
    if loss == "binary_cross_entropy":  # −[t·ln y + (1 − t)·ln(1 − y)]: one ln for a 0/1 target
        return {1.0: f"−ln y{per}", 0.0: f"−ln(1 − y){per}"}.get(target, f"BCE{per}")
    return "L term"


def zb_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    """[("z", …), ("b", …)] for neuron k of a computing layer ([] for an input or nothing traced), and
    under them ``delta_lines``."""
    return _zb_lines(view_state, layer, k) + delta_lines(view_state, layer, k)


def delta_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    """[("δ", "−0.04549")] under neuron k once a guided lesson's student has answered its δ (or dL/db),
    outside a step-through or from Backward on (``ViewState.answered_delta_on``), else []: its circle keeps
    writing a, the neuron's output, and the line says which number is δ. In the row the card keeps for it
    (``ViewState.keeps_delta_row``), so the cards do not move as the student types the answer."""
    if not view_state.answered_delta_on(layer, k):
        return []
    return [("δ", view_state.format(view_state.neuron(layer, k).delta))]


def _zb_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    order = view_state.computable_order()
    if not view_state.canvas_numbers or order is None or layer == order[0]:
        return []
    numbers = view_state.neuron(layer, k)
    if numbers is None:
        return []
    change = view_state.bias_change(layer, k)
    if change is not None:  # Update: the bias's change, written as the edges write their weights'
        return update_lines("b", change[0], change[1], view_state.digits, update_writing(view_state))
    step = view_state.stepping
    if step is not None and step.phase == "update" and numbers.bias is not None:
        # its new value not shown yet (a lesson asks it): the picture's one writing still, old b and "?"
        old = float(step.trace.bias(layer, "before")[k])
        return [("old b", view_state.format(old)), ("Δb" if update_writing(view_state) == "change" else "new b", NOT_YET)]
    lines = [("z", view_state.format(numbers.z) if numbers.z is not None else NOT_YET)]
    if numbers.bias is not None:
        lines.append(("b", view_state.format(numbers.bias)))
    return lines


def update_lines(symbol: str, old: float, new: float, digits: int, writing: str = "new") -> list[tuple[str, str]]:
    """[("old b", "5"), ("new b", "4.999996")]: a parameter's step, with the digits that show its change
    (``core.notation.format_change``), when the picture writes new values (``update_writing`` "new");
    [("old b", "3"), ("Δb", "−5.314e−6")] (new b = old b + Δb) when it writes changes ("change")."""
    if writing == "change":
        return [(f"old {symbol}", format_number(old, digits)), (f"Δ{symbol}", format_number(new - old, digits))]
    old_text, new_text, delta = format_change(old, new, digits, most=17)
    if delta is None:
        return [(f"old {symbol}", old_text), (f"new {symbol}", new_text)]
    return [(f"old {symbol}", old_text), (f"Δ{symbol}", delta)]


def new_value_text(old: float, new: float, digits: int, writing: str = "new") -> str:
    """A weight's step as its edge writes it in Update: the new value as ``update_lines``'s "new b"
    (4.999996 after 5), or, when the picture writes changes (``update_writing``), Δw = new − old."""
    if writing == "change":
        return format_number(new - old, digits)
    old_text, new_text, delta = format_change(old, new, digits, most=17)
    return new_text if delta is None else delta


#: (trace, digits, writing): the last picture's answer (a frame asks for every edge and neuron)
_WRITING: list = [None, None, "new"]


def update_writing(view_state) -> str:
    """How the Update phase's picture writes every parameter's step, one way for all of them: "new"
    (old → new, each with the digits that show its change, ``format_change``) when every weight and
    bias the canvas prints shows its change within ``UPDATE_EXTRA_DIGITS`` more digits than the
    canvas's; else "change" (Δw, Δb = new − old with the canvas's digits, for every one: the saturation
    lesson's 3 → 2.9999947 would take 8 digits, so its picture says Δb −5.314e−6 beside Δb −7e−6, never
    "new b 2.999993" beside "Δb −5.314e−6", nor a moved weight as an unchanged-looking "4.000")."""
    step = view_state.stepping
    if step is None or step.phase != "update":
        return "new"
    trace, digits = step.trace, view_state.digits
    if _WRITING[0] is trace and _WRITING[1] == digits:
        return _WRITING[2]
    net, most = view_state.network(), digits + UPDATE_EXTRA_DIGITS
    pairs = []
    for source, target in net.connections:
        before = trace.weights(source, target, "before")
        if before.size <= CHECKED_WEIGHTS:
            pairs += zip(before.ravel(), trace.weights(source, target, "updated").ravel())
    for layer in net.biases:
        before = trace.bias(layer, "before")
        if before is not None and before.size <= CHECKED_WEIGHTS:
            pairs += zip(before, trace.bias(layer, "updated"))
    fits = all(format_change(float(old), float(new), digits, most=most)[2] is None for old, new in pairs)
    _WRITING[:] = [trace, digits, "new" if fits else "change"]
    return _WRITING[2]


#: (a weak reference to the view state, its revision, {question: answer}): the lines of one view state's revision (``kept``)
_KEPT: list = [None, None, {}]


def kept(view_state, question: tuple, answer):
    """``answer()``, worked out once per revision of ``view_state`` (``ViewState.revision`` counts every
    change of what it shows): laying the cards out for one phase asks for the same lines hundreds of
    times (784-64-10's Forward: ~220 ``target_lines`` a press, through every card size and zoom Fit tries).
    A copy of the list kept; a view state without a revision (a test's stand-in) works it out each time."""
    revision = getattr(view_state, "revision", None)
    if revision is None:
        return answer()
    if _KEPT[0] is None or _KEPT[0]() is not view_state or _KEPT[1] != revision:
        _KEPT[:] = [weakref.ref(view_state), revision, {}]  # (weak: a closed window's view state may go)
    answers = _KEPT[2]
    if question not in answers:
        answers[question] = answer()
    return list(answers[question])


def target_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    """[("t", …), ("y − t", …), (term, …)] right of output neuron k, each once revealed ([] when
    the traced input has no single target: a mini-batch)."""
    return kept(view_state, ("target", layer, k), lambda: _target_lines(view_state, layer, k))


def _target_lines(view_state, layer: str, k: int) -> list[tuple[str, str]]:
    numbers = view_state.neuron(layer, k)
    if numbers is None or numbers.target is None:
        return []
    lines = [("t", view_state.format(numbers.target))]
    if view_state.stepping is None or not view_state.revealed("loss", layer):
        return lines  # outside the walk the canvas keeps to a and t; the Loss phase adds the rest
    net = view_state.network()
    gap = None  # y − t as the student reads it: its own number, or y and t's when it is "?"
    order = view_state.computable_order() or []
    # y − t as the Loss phase computes it (squared error), else as δ (Backward): no line before its phase
    # computes it, "?" while a lesson's open question holds it back
    if numbers.a is not None and reveal.error_revealed(net.training.loss, layer, view_state.stepping, order):
        shown = reveal.error_revealed(net.training.loss, layer, view_state.stepping, order, view_state.hidden, k)
        gap = _written(view_state, numbers.a) - _written(view_state, numbers.target)
        text = view_state.format(numbers.a - numbers.target)
        lines.append(("y − t", approximately(gap, text) if shown else NOT_YET))
        if shown:
            gap = _written(view_state, numbers.a - numbers.target)
    if numbers.loss_term is not None:
        label = term_label(net.training.loss, net.layer(layer).units, numbers.target)
        if net.training.loss != "cross_entropy" or numbers.target:
            lines.append((label, _term_text(view_state, net.training.loss, net.layer(layer).units, gap,
                                            numbers.loss_term)))
    return lines


def target_rows(view_state, layer: str, k: int) -> int:
    """How many target lines output neuron k writes at most in the step-through under way: its t and,
    from the Loss phase on, y − t and its loss term (cross-entropy writes none for a target 0), so
    that its card keeps their room from Forward on and nothing moves as the student presses F8;
    outside the walk, those it writes (t alone; 0 with no single target)."""
    lines = len(target_lines(view_state, layer, k))
    numbers = view_state.neuron(layer, k)
    if view_state.stepping is None or numbers is None or numbers.target is None:
        return lines
    loss = view_state.network().training.loss
    return max(lines, 3 if loss != "cross_entropy" or numbers.target else 2)


def _term_text(view_state, loss: str, outputs: int, gap, term: float) -> str:
    """An output's loss term; a squared error's "≈" when (y − t)² from y − t as written (``gap``, exact)
    is not it."""
    text = view_state.format(term)
    if gap is None or loss not in ("mse", "half_mse"):
        return text  # a log is no sum a student does by hand
    half = 2 if loss == "half_mse" else 1
    return approximately(gap ** 2 / (half * outputs), text)


def loss_lines(view_state) -> list[tuple[str, str]]:
    """[("L =", "0.03049"), ("(sum of the terms)", "")] under the output layer once the Loss phase has
    run ([] before): the loss and how it adds the terms up. With a penalty: [("L =", "0.54"),
    ("= data loss 0.49 + penalty 0.05", ""), ("(data loss: sum of the terms)", "")]."""
    if view_state.stepping is None:
        return []
    loss = view_state.loss()
    return [] if loss is None else kept(view_state, ("loss",), lambda: _loss_lines(view_state, loss))


def loss_room_lines(view_state) -> list[tuple[str, str]]:
    """The lines ``loss_lines`` writes once the Loss phase has run (from the trace's loss), for the
    room kept under the output from the step-through's start ([] outside it): never shown."""
    if view_state.stepping is None:
        return []
    return kept(view_state, ("loss room",), lambda: _loss_lines(view_state, float(view_state.stepping.trace.loss)))


def _loss_lines(view_state, loss: float) -> list[tuple[str, str]]:
    trace = view_state.stepping.trace
    words = "sum of the terms" if len(trace.rows) == 1 else f"mean over {len(trace.rows)} samples"
    text = view_state.format(loss)
    if trace.penalty:  # L = data loss + penalty, both written, as the Loss panel and the status bar write it
        data, penalty = loss_parts(loss, trace.penalty, view_state.digits)
        sign = approximately(_read(data) + _read(penalty), text)[:-len(text)] or "="
        if text.startswith("≈"):
            sign, text = "≈", text[1:]
        return [(f"L {sign}", text), (f"{sign} data loss {data} + penalty {penalty}", ""),
                (f"(data loss: {words})", "")]
    terms = _shown_terms(view_state) if len(trace.rows) == 1 else None
    sign = "=" if terms is None else approximately(sum(terms), text)[:-len(text)] or "="
    if text.startswith("≈"):  # a loss near a short form ("≈1", "≈0"): "L ≈ 1", never "L = ≈1"
        sign, text = "≈", text[1:]
    return [(f"L {sign}", text), (f"({words})", "")]


def _read(text: str):
    return written(float(text.replace("−", "-").lstrip("< ")), 17)


def _shown_terms(view_state) -> list | None:
    """The loss terms the output neurons write (as written), or None when one is not shown."""
    net = view_state.network()
    layer = net.output_layer
    terms = []
    for k in range(net.layer(layer).units):
        term = [text for label, text in target_lines(view_state, layer, k) if label not in ("t", "y − t")]
        if not term:
            numbers = view_state.neuron(layer, k)
            if net.training.loss == "cross_entropy" and numbers is not None and not numbers.target:
                continue  # cross-entropy writes only the target class's term: the others add 0
            return None
        try:
            terms.append(_read(term[0].lstrip("≈")))
        except ValueError:
            return None
    return terms


def _written(view_state, value: float | None):
    """``value`` as a student reads it off the canvas (its digits), or None when it is not shown."""
    if value is None or value != value:
        return None
    return written(value, view_state.digits)


def _one_row(view_state) -> bool:
    data = view_state.traced_data()
    return data is not None and len(data[0]) == 1


def gradient_text(view_state, source: str, target: str, j: int, i: int, text: str) -> str:
    """An edge's dL/dw as the Backward phase writes it on the canvas: ``text``, or "≈" + ``text`` when
    a_i (the source neuron's output as the Forward phase wrote it) times δ_j (the target's number now),
    as written, do not give it by hand (``core.hand_check``: saturation_cross_entropy's a₁ 0.9886 ·
    δ 1.000 = 0.9886, but its dL/dw 0.98854 reads 0.9885: "≈0.9885"). Only where dL/dw is that one
    product: one traced sample, Backward, no penalty (L2 adds rate·w: not a rounding)."""
    step = view_state.stepping
    if step is None or step.phase != "backward" or step.trace.penalty or not _one_row(view_state):
        return text
    source_numbers, target_numbers = view_state.neuron(source, i), view_state.neuron(target, j)
    if source_numbers is None or target_numbers is None:
        return text
    a, delta = _written(view_state, source_numbers.a), _written(view_state, target_numbers.delta)
    return text if a is None or delta is None else approximately(a * delta, text)


def input_feature_text(view_state, layer: str, k: int, value: float) -> str:
    """An input neuron's number: an input feature that is a product of the raw inputs (x₀², x₁²,
    x₀x₁) gets "≈" before it when the raw inputs as the canvas writes them do not give it
    (x₀ 0.189: x₀² 0.0358 reads "≈0.0358", 0.189² = 0.0357)."""
    text = view_state.format(value)
    features = view_state.network().input_features
    if not features or k >= len(features) or features[k] not in PRODUCT_FEATURES or not _one_row(view_state):
        return text
    raw = view_state.traced_data()[0][0]
    first, second = PRODUCT_FEATURES[features[k]]
    return approximately(_written(view_state, raw[first]) * _written(view_state, raw[second]), text)


#: the input features that are a product of two raw inputs: {name: (column, column)}
PRODUCT_FEATURES = {"x1^2": (0, 0), "x2^2": (1, 1), "x1*x2": (0, 1)}
