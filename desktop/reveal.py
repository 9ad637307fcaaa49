"""The one rule of what a student may see: a number appears only once it has been computed.

During a step-through (forward → loss → backward → update) each quantity of a layer is
computed in one phase, and every panel (canvas, inspector, chain rule, heatmaps, output
map, L(w), status bar) asks this rule before writing it. Before that the panel writes
``NOT_YET`` ("?") or leaves it out, with the same words everywhere (``pending_words``), which
say when the number will appear: "? (appears when Backward reaches h)", "? (appears in the Loss
phase)"; right in every phase, the one that computes it included.

``revealed(quantity, layer, step, order, hidden)`` answers, for a quantity of
``QUANTITIES``:

* ``"a"``, ``"z"``, ``"output"`` of a layer: Forward has reached the layer (its index in
  the topological ``order`` is at most ``step.layer``), or any later phase;
* ``"loss"`` (and the loss terms) and ``"accuracy"`` (the share of outputs on their
  target's side: it compares the output with the target, as the loss does): the Loss phase or later;
* ``"delta"`` (δ = dL/dz) and ``"dL/db"`` of a layer, ``"dL/dw"`` of a connection *into*
  that layer (named by its target layer): Backward has reached the layer (index at least
  ``step.layer``), or Update;
* ``"updated"`` (the new weights and biases): Update.

``"x"`` (the inputs), ``"t"`` (the targets) and ``"weight"`` (the weights before the step)
are data, in every phase. With no step-through everything is revealed, except what
``hidden`` holds: a set of (quantity, layer) pairs (layer None: every layer) that another
owner, for example a guided lesson's open question, keeps hidden until the student has
answered. A question hides its quantity ``with_what_follows``: with every number computed from
it, so that none can be worked backwards to the answer. The rule hides by layer (more than the one
number asked, never less); a number the student has answered shows all the same: the hidden set marks
its own place ``KNOWN`` (``known_place``: a neuron ``(layer, unit)``, an edge ``(target, (source, j, i))``)
and the panels ask with its ``index`` (the unit, or (source, j, i)). This module has no Qt:
``ViewState.revealed`` applies it to the window's state.
"""

from __future__ import annotations

#: what a step-through computes, in the order it computes it
QUANTITIES = ("x", "t", "weight", "a", "z", "output", "loss", "accuracy", "delta", "dL/dw", "dL/db", "updated")
#: what a panel writes in place of a number not computed yet
NOT_YET = "?"
#: the phase that computes each quantity (data: None, always known)
COMPUTED_IN = {"x": None, "t": None, "weight": None, "a": "Forward", "z": "Forward", "output": "Forward",
               "loss": "Loss", "accuracy": "Loss", "delta": "Backward", "dL/dw": "Backward", "dL/db": "Backward", "updated": "Update"}
_FORWARD = ("a", "z", "output")
_BACKWARD = ("delta", "dL/dw", "dL/db")


def revealed(quantity: str, layer: str | None, step, order: list[str], hidden=frozenset(), index=None) -> bool:
    """Whether ``quantity`` of ``layer`` may be shown (see the module docstring).

    ``step``: the step-through's position (``phase`` in forward/loss/backward/update and
    ``layer``, an index into ``order``) or None; ``order``: the layers in topological order.
    A layer not in ``order`` (None included) counts as the last (forward) or first (backward)
    layer to be reached: a network-wide quantity is revealed once the whole phase has run.
    ``index``: one number of the layer (a neuron's unit, an edge's (source, j, i)), which shows
    although its layer's quantity is hidden when ``hidden`` marks it known (``known_place``)."""
    if quantity not in COMPUTED_IN:
        raise ValueError(f"unknown quantity {quantity!r}; expected one of {', '.join(QUANTITIES)}")
    if is_hidden(quantity, layer, hidden, index):
        return False
    if step is None or COMPUTED_IN[quantity] is None:
        return True
    if is_known(quantity, layer, hidden, index):  # answered: shown whatever the phase (review 24 #4)
        return True
    phase = step.phase
    if quantity in _FORWARD:
        index = order.index(layer) if layer in order else len(order) - 1
        return phase != "forward" or index <= step.layer
    if quantity in ("loss", "accuracy"):
        return phase in ("loss", "backward", "update")
    if quantity in _BACKWARD:
        index = order.index(layer) if layer in order else 1
        return phase == "update" or (phase == "backward" and index >= step.layer)
    return phase == "update"  # "updated"


#: the losses of which an output's y − t is a factor of its loss term; with the others (softmax with
#: cross-entropy, sigmoid with binary cross-entropy) y − t is δ itself (÷ the outputs for binary)
SQUARED_ERRORS = ("mse", "half_mse")


def error_revealed(loss: str, layer: str | None, step, order: list[str], hidden=frozenset(), index=None) -> bool:
    """Whether an output ``layer``'s y − t (of its neuron ``index``; None: every one) may be shown: with
    squared error as a part of the loss (the Loss phase on), with cross-entropy as the δ it is (Backward
    on); never while δ of the neuron is hidden (an open δ question: δ = y − t with ½(y − t)², 2(y − t)/n
    with (y − t)²/n)."""
    if is_hidden("delta", layer, hidden, index):
        return False
    if loss in SQUARED_ERRORS:
        return revealed("loss", layer, step, order, hidden)
    return revealed("delta", layer, step, order, hidden, index)


#: what hiding a quantity of a layer hides with it: what a student could read its value back from.
#: Forward, a = f(z) both ways (an identity output's z is its a) and the accuracy counts the outputs
#: on their target's side. Backward, only what is computed from it: dL/dw = a·δ, dL/db = δ (one
#: sample) and the update old − lr·dL/dθ come from δ, and the update from dL/dw or dL/db; never what
#: its answer is computed from (a question on dL/dw leaves δ on screen: the student multiplies it by a).
HIDES = {
    **{q: frozenset({"a", "z", "output", "accuracy"}) for q in ("a", "z", "output")},
    "accuracy": frozenset({"accuracy"}),
    "delta": frozenset({"delta", "dL/dw", "dL/db", "updated"}),
    "dL/db": frozenset({"dL/db", "delta", "dL/dw", "updated"}),  # = δ for one sample: as δ
    "dL/dw": frozenset({"dL/dw", "updated"}),
    "updated": frozenset({"updated"}),
}


#: ``(KNOWN + quantity, layer)`` in a hidden set: the student has that number already (answered or
#: revealed), so it shows even where another hidden quantity's ``HIDES`` covers it
KNOWN = "known: "
#: marks a guided lesson adds to its hidden set to say why a pair is hidden (``hidden_reason``): ``ASKED``
#: the open question's own quantity, ``LATER`` the place of a number a question the student has not reached
#: asks, ``AFTER`` before each pair and ``KNOWN`` mark of the set the lesson hides once the open question is
#: answered (``AFTER + KNOWN + quantity``: a number known then). Like ``KNOWN`` they hide nothing themselves.
ASKED = "asked: "
LATER = "later: "
AFTER = "once answered: "
MARKS = (KNOWN, ASKED, LATER, AFTER)
#: the words after "?" for each ``hidden_reason``: a guided lesson writes two, so one screen never reads
#: three ways (review 14): a number the open question asks, or one computed from its answer, shows once
#: the student answers; a number a question not reached yet asks comes with that question. Predict mode
#: (no question, the reason "hidden") asks the student to work out every number it holds.
HIDDEN_WORDS = {
    "asked": "shows once you answer",
    "answer": "shows once you answer",
    "later": "comes with a later question",
    "hidden": "hidden: work it out first",
}


def unmarked(quantity: str) -> str:
    """``quantity`` without its marks of ``MARKS`` ("known: delta", "once answered: known: delta" → "delta")."""
    marked = True
    while marked:
        marked = quantity.startswith(MARKS)
        for mark in MARKS:
            if quantity.startswith(mark):
                quantity = quantity[len(mark):]
    return quantity


def after_steps(k: int) -> tuple[str, int]:
    """The index of a loss measured at the weights after ``k`` training steps (the lesson's own steps: a
    lesson trains from the weights as saved), where a lesson marks the loss its student has answered
    ``KNOWN`` (a figure the Loss panel writes of those weights shows, although the loss is held)."""
    return ("after steps", int(k))


def before_walked_step(index, walked_from: int) -> bool:
    """Whether ``index`` (``after_steps(k)``) names weights before the step the step-through walks, which starts
    after ``walked_from`` steps: the figures of those weights (step k's batch loss, an epoch's mean) were on screen
    before the walk began; only the walked step's own (its loss, the loss after it) wait for its Loss phase."""
    return isinstance(index, tuple) and len(index) == 2 and index[0] == "after steps" and index[1] < walked_from


def known_place(layer: str | None, index) -> tuple | None:
    """Where a ``KNOWN`` mark of one number sits in a hidden set: ``(layer, index)`` (None: no index)."""
    return None if index is None else (layer, index)


def known_numbers(quantity: str, layer: str | None, hidden) -> bool:
    """Whether ``hidden`` marks any single number of ``quantity`` of ``layer`` ``KNOWN`` (``known_place``):
    only then is it worth asking number by number."""
    mark = KNOWN + quantity
    return bool(hidden) and any(q == mark and isinstance(where, tuple) and where[0] == layer for q, where in hidden)


def is_known(quantity: str, layer: str | None, hidden, index=None) -> bool:
    """Whether ``hidden`` marks ``quantity`` of ``layer`` ``KNOWN`` (the student answered it, or its number
    ``index``): it shows in every phase of a step-through, not only once the phase computes it again."""
    if not hidden:
        return False
    return (KNOWN + quantity, layer) in hidden or (
        index is not None and (KNOWN + quantity, known_place(layer, index)) in hidden)


def is_hidden(quantity: str, layer: str | None, hidden, index=None) -> bool:
    """Whether ``hidden`` keeps ``quantity`` of ``layer`` hidden: the pair itself (of the layer or
    of every layer), else, unless ``hidden`` marks it ``KNOWN``, a pair of the same layer (or of
    every layer) whose ``HIDES`` holds ``quantity``. Never the number ``index`` of the layer when
    ``hidden`` marks that one number ``KNOWN`` (``known_place``): the student has answered it."""
    if not hidden:
        return False
    if index is not None and (KNOWN + quantity, known_place(layer, index)) in hidden:
        return False
    if (quantity, layer) in hidden or (quantity, None) in hidden:
        return True
    if (KNOWN + quantity, layer) in hidden:
        return False
    return any(quantity in HIDES.get(q, frozenset({q})) for q, where in hidden if where in (layer, None))


def hidden_reason(quantity: str, layer: str | None, hidden, index=None) -> str | None:
    """Why ``hidden`` keeps ``quantity`` of ``layer`` hidden (None: it does not), for the words in its place:

    * ``"later"``: the lesson still hides it once the open question is answered (the set marked ``AFTER``; all
      of it when no question is open): a question the student has not reached yet hides it, and it comes with
      that question. So "shows once you answer" is a promise the answer keeps (guided_perceptron step 2 asks y:
      the loss, which step 3 asks, said "shows once you answer", then "comes with a later question" beside the
      accepted answer, and the student took the answer for not accepted: review 23 #4);
    * ``"asked"``: else, the open question asks it (its pair is marked ``ASKED``, or it is the same number
      seen another way, ``same_number``: a and z of the asked neuron's layer): the student works it out;
    * ``"answer"``: else, computed from the open question's answer (the loss while the last forward value is
      asked, the accuracy while an output): it shows once the question is answered;
    * ``"hidden"``: hidden by an owner that marks nothing (predict mode).

    ``index``: one number of the layer, as for ``revealed`` (None when it is marked known). A lesson marks
    the places of the numbers its questions ask too (``ASKED``/``LATER`` at ``known_place``): while the open
    question asks another neuron (or edge) of the layer, this one is not the student's to work out now."""
    if not is_hidden(quantity, layer, hidden, index):
        return None
    if not any(q.startswith((ASKED, LATER, AFTER)) for q, _ in hidden):
        return "hidden"
    if is_hidden(quantity, layer, once_answered(hidden), index):
        return "later"
    if index is not None:
        reason = _neighbour_reason(quantity, layer, hidden, known_place(layer, index))
        if reason is not None:
            return reason
    exempt = (KNOWN + quantity, layer) in hidden
    covering = [(q, where) for q, where in hidden
                if not q.startswith(MARKS) and where in (layer, None)
                and (q == quantity or (not exempt and quantity in HIDES.get(q, frozenset({q}))))]
    if any((ASKED + q, where) in hidden and same_number(q, quantity) for q, where in covering):
        return "asked"
    return "answer"


def once_answered(hidden) -> frozenset:
    """The pairs and ``KNOWN`` marks a lesson's ``hidden`` set keeps once its open question is answered: those it
    marks ``AFTER`` (without the mark); none when it marks none."""
    return frozenset((q[len(AFTER):], where) for q, where in hidden if q.startswith(AFTER))


def _neighbour_reason(quantity: str, layer: str | None, hidden, place: tuple) -> str | None:
    """``hidden_reason`` of the number at ``place`` while the open question asks a number of the same kind
    (``same_number``) at a place of the same layer and the answer brings it (``hidden_reason`` asked that first):
    "asked" at its own place, else "answer"; None when no open question asks such a number in this layer."""
    asked = [(unmarked(q), where) for q, where in hidden if q.startswith(ASKED) and isinstance(where, tuple)
             and where[0] == layer and same_number(unmarked(q), quantity)]
    if not asked:
        return None
    return "asked" if any(where == place for _, where in asked) else "answer"


#: quantities that are one number seen two ways: a = f(z) of a neuron (an output's a is "output"), and
#: dL/db = δ of one sample; asking one asks the other
SAME_NUMBER = (frozenset({"a", "z", "output"}), frozenset({"delta", "dL/db"}))


def same_number(asked: str, quantity: str) -> bool:
    """Whether ``quantity`` is the number a question on ``asked`` asks (``SAME_NUMBER``): the student works it
    out; else it is computed from that answer (the accuracy from a, dL/dw = a·δ from δ)."""
    return asked == quantity or any(asked in group and quantity in group for group in SAME_NUMBER)


def with_what_follows(quantity: str, layer: str | None, order: list[str]) -> frozenset:
    """The (quantity, layer) pairs to hide so that ``quantity`` of ``layer`` cannot be worked out
    backwards: itself and every number computed from it (the order a step-through computes in).

    * a forward value (``"a"``, ``"z"``, ``"output"``) of layer L, or ``"weight"`` of the connections
      into L (a weight as training left it, asked "after k steps"): the forward values of L and of
      every layer after it in the topological ``order``, the loss, and everything backward (every
      layer's δ, dL/dw, dL/db and update);
    * ``"loss"``: the loss and everything backward (δ of the output is 2(y − t), and L = (y − t)²);
    * a backward value (``"delta"``, ``"dL/dw"``, ``"dL/db"``) of layer L: the backward values and
      the updates of L and of every layer before it in ``order`` (Backward reaches them after L:
      δ_h = f'(z_h) · Σ w · δ_L);
    * ``"updated"`` of L: itself (``HIDES``: nothing else is computed from it).

    A layer not in ``order`` (None included) counts as the whole network: every layer."""
    everything_backward = {("delta", None), ("updated", None)}
    index = order.index(layer) if layer in order else None
    if quantity in _FORWARD or quantity == "weight":
        later = order[index:] if index is not None else order
        pairs = {("a", name) for name in later} if index is not None else {("a", None)}
        return frozenset({(quantity, layer), *pairs, ("loss", None), *everything_backward})
    if quantity == "loss":
        return frozenset({("loss", None), *everything_backward})
    if quantity in _BACKWARD:
        if index is None:
            return frozenset({(quantity, layer), *everything_backward})
        return frozenset({(quantity, layer), *(("delta", name) for name in order[:index + 1])})
    return frozenset({(quantity, layer)})


def pending_words(quantity: str, hidden: bool | str = False, step=None, layer: str | None = None,
                  order: list[str] | None = None) -> str:
    """The same words on every panel for a number not shown, saying when it will appear.

    During a step-through (``step``, ``order`` as for ``revealed``): a layer's forward or backward
    quantity '? (appears when Backward reaches h)' (``layer`` None: the layer the phase reaches
    last), a figure of the whole network '? (appears in the Loss phase)'; right before and during
    the phase that computes it. Without one: '? (computed in Backward)'. ``hidden`` (True, or a
    ``hidden_reason``): a guided lesson's words, ``HIDDEN_WORDS``: '? (shows once you answer)' for
    the open question's number and one computed from it, '? (comes with a later question)' for a number
    a question not reached yet asks; predict mode's '? (hidden: work it out first)'."""
    if hidden:
        return f"{NOT_YET} ({HIDDEN_WORDS.get(hidden, HIDDEN_WORDS['hidden'])})"
    phase = COMPUTED_IN.get(quantity)
    if not phase:
        return NOT_YET
    if step is None or not order:
        return f"{NOT_YET} (computed in {phase})"
    if quantity in _FORWARD or quantity in _BACKWARD:
        forward = quantity in _FORWARD
        if layer not in order:
            layer = order[-1] if forward else order[min(1, len(order) - 1)]
        return f"{NOT_YET} (appears when {phase} reaches {layer})"
    return f"{NOT_YET} (appears in the {phase} phase)"


def lesson_key_quantity(key: tuple) -> tuple[str, str | None]:
    """The (quantity, layer) this rule hides for a guided lesson's open question, from its key
    (``core.lesson.hidden_quantity``): a neuron's a/z/δ, an edge's dL/dw or weight after a step,
    a bias's dL/db or value after a step, the loss. The rule hides the quantity for the whole
    layer (every neuron, every edge into it): more than the one number asked, never less."""
    kind = key[0]
    if kind == "neuron":
        _, layer, _unit, what = key
        return ("delta" if what == "delta" else what), layer
    if kind == "edge":
        _, _source, target, _j, _i, what = key
        return ("dL/dw" if what == "gradient" else "updated"), target
    if kind == "bias":
        _, layer, _unit, what = key
        return ("dL/db" if what == "gradient" else "updated"), layer
    if kind == "loss":
        return "loss", None
    raise ValueError(f"unknown lesson key {key!r}")
