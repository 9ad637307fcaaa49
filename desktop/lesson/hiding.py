"""What a lesson's open question (or predict mode) keeps hidden, through the one spoiler rule.

The rule is ``desktop.reveal`` (a number appears only once its phase computed it, and never
while it is in ``ViewState.hidden``); every panel asks ``ViewState.revealed`` before writing
a number. This module only chooses the (quantity, layer) pairs:

* ``hidden_quantities(question, network)``: the pairs of one question, from
  ``core.lesson.hidden_quantity`` through ``desktop.reveal.lesson_key_quantity`` (the rule
  hides by layer: every neuron or edge into that layer, more than the one number asked,
  never less), with every number computed from it (``desktop.reveal.with_what_follows``: a
  forward value hides the later layers' forward values, the loss and everything backward;
  a weight after k training steps (``question_quantity``) hides the weights into its layer
  (on the edges, in the Inspector, in the trajectories' readout) as a forward value of that layer;
  a backward value hides the backward values of the layers Backward reaches after it and
  the updates), so that none can be worked backwards to the answer; a dL/db question also
  hides the layer's δ (dL/db of one sample is δ);
* ``lesson_hidden(lesson, current, settled, network)``: what a lesson in progress hides at
  step ``current``: the pairs of its open question and of every later question not answered
  or revealed yet, so that no answer is on screen before its question is asked, except a
  quantity the student has answered (or seen revealed) and no unsettled question asks: the
  student has that number already, so showing it gives nothing away. A question about
  the network after training (``step`` > 0), open or later, hides nothing until the lesson has
  had the student train (a step with a "train" action before, the current one once its first step is
  trained, or one done before the student went Back) and the document still holds that training (an
  Undo that took it back leaves the saved weights, which the student has seen: teacher review 23 #1): before,
  the numbers on screen are about the network as it is, not as training will leave it; from then
  on they are the trained network's, the answer among them. While such a question hides, no
  number counts as held: the screen shows the trained network, not the numbers answered. A step
  before the question relies only on numbers answered already (the lessons ask forward, then
  loss, then backward, then update), so nothing it asks the student to read is hidden. Where a
  question still open hides a quantity of a whole layer (δ_y2 hides every δ of y), each number of that
  layer the student has answered (δ_y1) shows all the same: it is marked ``KNOWN`` at its own
  place (``answered_places``), unless an open question asks that very number. Each number answered is
  marked at its place even once its layer's quantity is known as a whole (δ_y1 and δ_y2 answered, δ_y0
  never asked): the canvas writes δ on the neurons whose δ was answered, a on the others. A loss answered
  is marked at the weights it is about (``reveal.after_steps``: the lesson's k steps trained, 0 for the
  weights as saved), so a figure measured there shows while the trained network's losses are held;
* ``Hold``: the pairs one owner (the lesson, predict mode) keeps hidden. ``Hold.set`` hides
  the new pairs and unhides the ones it no longer needs, unless another owner's hold on the
  same view state still holds them.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from core.lesson import Question, hidden_quantity
from desktop.reveal import (AFTER, ASKED, KNOWN, LATER, after_steps, is_hidden, known_place,
                            lesson_key_quantity, with_what_follows)

#: every hold of a view state, so one owner never unhides what another still holds
_HOLDS: WeakKeyDictionary = WeakKeyDictionary()


def question_quantity(q: Question, network) -> tuple[str, str | None]:
    """The (quantity, layer) question ``q`` asks: ``lesson_key_quantity`` of its key, but for a weight
    after k training steps the weight itself (``"weight"`` of the connection's target layer): once the
    student has trained, the edges, the Inspector and the trajectories show it as it is now."""
    key = hidden_quantity(q, network)
    return ("weight", q.target) if q.kind == "weight_after_steps" else lesson_key_quantity(key)


def question_place(q: Question, network) -> tuple[str, str | None, object]:
    """(quantity, layer, index) of the one number ``q`` asks: ``question_quantity`` and its index in the
    layer, the neuron's unit or the edge's (source, j, i) (None: the loss)."""
    quantity, layer = question_quantity(q, network)
    key = hidden_quantity(q, network)
    if key[0] == "edge":
        _, source, _target, j, i, _what = key
        return quantity, layer, (source, j, i)
    return quantity, layer, (key[2] if key[0] in ("neuron", "bias") else None)


def asked_places(q: Question, network) -> set[tuple[str, str | None, object]]:
    """The (quantity, layer, index) numbers an unsettled ``q`` asks: the one of ``question_place``, and for
    dL/db of a neuron its δ too (dL/db of one sample is δ)."""
    quantity, layer, index = question_place(q, network)
    return {(quantity, layer, index)} | ({("delta", layer, index)} if q.kind == "dL/db" else set())


def answered_places(q: Question, network) -> set[tuple[str, str | None, object]]:
    """The (quantity, layer, index) numbers the student holds once ``q`` is answered: the one it asks; for
    dL/db of one neuron also its δ (dL/db of one sample is δ); for a forward value of a neuron whose
    activation works on its own z (all but softmax) also the other of its z and a: a = f(z)."""
    quantity, layer, index = question_place(q, network)
    if index is None:
        return set()
    places = asked_places(q, network)
    if quantity in ("a", "z") and network.layer(layer).activation != "softmax":
        places |= {("a", layer, index), ("z", layer, index)}
    return places


def hidden_quantities(q: Question, network) -> frozenset:
    """The (quantity, layer) pairs the open question ``q`` hides (see the module docstring)."""
    quantity, layer = question_quantity(q, network)
    try:
        order = network.order()
    except ValueError:  # a network that cannot compute: hide the whole phase
        order = []
    pairs = set(with_what_follows(quantity, layer, order))
    if q.kind == "dL/db":
        pairs.add(("delta", q.layer))
    return frozenset(pairs)


def trains(step) -> bool:
    """Whether lesson ``step``'s action is a "Train N steps"."""
    return step.action is not None and step.action.kind == "train"


def first_unsettled(lesson, current: int, settled, after_training_only: bool = False) -> int | None:
    """The 0-based index of the first step from ``current`` on whose question is not in ``settled`` (answered
    or revealed) and, with ``after_training_only``, asks about the weights after the lesson's training
    (``step`` > 0); None when there is none. What holds training (``train_gate.holding_question``) and the
    weights (``edit_gate.EditGate.holding``) back."""
    for k in range(current, len(lesson.steps)):
        q = lesson.steps[k].question
        if q is not None and k not in settled and (q.step > 0 or not after_training_only):
            return k
    return None


def has_trained(lesson, current: int, actions_done=frozenset(), started: bool = True, undone=frozenset()) -> bool:
    """Whether the lesson has had the student train by step ``current`` (0-based): a step with a "train"
    action before it, or done (Back from after training: the network stays trained), or the open step's
    once its training has ``started`` (before its first step the network on screen is the saved one,
    whose numbers the student has worked out). The numbers answered before are then not those of the
    network on screen. A step in ``undone`` (``TrainedSteps.undone``: an Undo took its training back) does not
    count: the document no longer holds its training (what the hold asks; the gates, which send the student
    back to train it, pass none)."""
    return any(trains(step) and k not in undone and (k < current or k in actions_done or (k == current and started))
               for k, step in enumerate(lesson.steps))


def lesson_hidden(lesson, current: int, settled, network, actions_done=frozenset(), started: bool = True,
                  undone=frozenset(), trained_before: bool = False) -> frozenset:
    """What the lesson hides at step ``current`` when the questions of the steps in ``settled``
    are answered or revealed: the open question's pairs and those of every later unsettled
    question about the network as it is (``step`` 0, or any once the lesson has had the student
    train, at this step once its training has ``started``, before it or, ``actions_done``, after it), less what the student holds already
    (see the module docstring). Marks say why (``desktop.reveal.hidden_reason``): ``ASKED`` the open
    question's own quantity, ``LATER`` the places later questions ask; ``KNOWN`` what the student holds; ``AFTER``
    what the lesson still hides once the open question is answered (``once_answered``). ``trained_before``: the
    network on screen was trained since the lesson's start before the lesson's own steps (a file saved after its
    training, worked again from step 1: ``start_again.trained_away``), so it hides as once the lesson trained."""
    pairs: set = set()
    now: set = set()  # the open question's pairs
    own: set = set()  # the quantity the open question asks (a dL/db question: δ of its layer too)
    asked: set = set()  # the quantities unsettled questions ask
    held: set = set()  # the quantities settled questions asked
    asked_at: set = set()  # the (quantity, layer, index) numbers unsettled questions ask
    own_at: set = set()  # those the open question asks
    held_at: set = set()  # the numbers the student holds from settled questions (``answered_places``)
    losses_held: set = set()  # the lesson's steps trained at which the student holds the loss
    trained = trained_before or has_trained(lesson, current, actions_done, started, undone)
    after_training = False  # whether a question on the network after training hides now
    for k, step in enumerate(lesson.steps):
        q = step.question
        if q is None:
            continue
        try:
            quantity = question_quantity(q, network)
            if k in settled:
                held.add(quantity)
                held_at |= answered_places(q, network)
                if q.kind == "loss":  # the loss at the weights after the lesson's q.step steps
                    losses_held.add(q.step)
            elif k >= current and (q.step == 0 or trained):
                asked.add(quantity)
                asked_at |= asked_places(q, network)
                pairs |= hidden_quantities(q, network)
                after_training |= q.step > 0
                if k == current:
                    own_at |= asked_places(q, network)
                    now |= hidden_quantities(q, network)
                    own |= {quantity} | ({("delta", q.layer)} if q.kind == "dL/db" else set())
        except (ValueError, KeyError):  # a place this network lacks: the check says so when asked
            continue
    known = set() if after_training else held - asked
    withheld = set() if after_training else withheld_outputs(lesson, settled, network)
    if withheld:  # an output no question asks stays back while the output δ's are asked (review 24 #2)
        output = network.output_layer
        covered = is_hidden("a", output, frozenset(pairs))  # a question's own pairs hide the layer's outputs
        known -= {(q, output) for q in FORWARD}
        pairs |= {(q, output) for q in FORWARD}
        if not any(s.question is not None and s.question.kind == "loss" for s in lesson.steps):
            pairs.add(("loss", None))  # (its terms give the output back: L = ½ · mean of (y − t)²)
        # the other outputs show at their places, unless a question's pairs hide them already (the open one asks)
        marks_shown = set() if covered else {(KNOWN + q, (output, u)) for u in range(network.layer(output).units)
                                             if u not in withheld for q in FORWARD}
    else:
        marks_shown = set()
    pairs -= known
    marks = {(ASKED + q, layer) for q, layer in own}
    # the numbers the student has show, even where a later question's HIDES would cover them
    marks |= {(KNOWN + q, layer) for q, layer in known}
    # the places of the numbers asked, now and later: a neighbour of the asked neuron says which it is
    marks |= {((ASKED if place in own_at else LATER) + q, known_place(layer, index))
              for place in asked_at for q, layer, index in [place] if index is not None}
    # each answered number shows on its own where an open question hides its layer's, and is marked at its
    # place even where the layer's quantity is known as a whole: the canvas rings only the neurons answered
    if not after_training:
        marks |= {(KNOWN + q, known_place(layer, index)) for q, layer, index in held_at - asked_at}
    # a loss answered is the loss at the weights after the lesson's k steps: measured there, it shows even while
    # the trained network's losses are held (the Loss panel's "epoch 1 mean (before step 1's update)" is the
    # loss answered)
    # (the output layer as ``ViewState.pending_figure`` reads it: none while the network cannot compute, as with
    # a layer "+ Hidden layer" just added at a question, whose ``output_layer`` raised: the answered losses stay hidden)
    output = network.output_layer if not network.problems() else None
    marks |= {(KNOWN + "loss", known_place(output, after_steps(k))) for k in losses_held if output is not None}
    marks |= marks_shown
    held_now = pairs | marks
    after = (once_answered(lesson, current, settled, network, actions_done, started, undone, trained_before) if now
             else held_now)
    return frozenset(held_now | {(AFTER + q, where) for q, where in after if not q.startswith((ASKED, LATER))})


#: the forward quantities of a neuron
FORWARD = ("a", "z", "output")


def withheld_outputs(lesson, settled, network) -> set[int]:
    """The units of the output layer that stay hidden (``lesson_hidden``): those whose value (a, or z when a = f(z)
    on its own: not softmax) no question of the lesson asks, while a question on an output δ (or dL/db) about the
    network as it is is not settled yet. Answering y0 showed y1 too, and step 6's δ_y1 = (y1 − t1) / 2 became
    "halve the number on the canvas" (guided_chain_rule, teacher review 24 #2): a number appears once the
    student reached it. Empty when the network cannot compute or no such question is open or ahead."""
    try:
        output = network.output_layer
        units = network.layer(output).units
        softmax = network.layer(output).activation == "softmax"
    except (ValueError, KeyError, AttributeError):
        return set()
    steps = [(k, step.question) for k, step in enumerate(lesson.steps) if step.question is not None]
    if not any(k not in settled and q.step == 0 and q.kind in ("delta", "dL/db") and q.layer == output
               for k, q in steps):
        return set()
    asked = set()
    for _k, q in steps:
        try:
            quantity, layer, index = question_place(q, network)
        except (ValueError, KeyError):
            continue
        if layer == output and (quantity in ("a", "output") or (quantity == "z" and not softmax)):
            asked.add(index)
    if not asked:  # (a lesson that asks no output: the rule hides by its questions alone)
        return set()
    return {u for u in range(units) if u not in asked}


def once_answered(lesson, current: int, settled, network, actions_done=frozenset(), started: bool = True,
                  undone=frozenset(), trained_before: bool = False) -> frozenset:
    """What ``lesson_hidden`` hides once the question of step ``current`` is answered: its pairs and ``KNOWN``
    marks, marked ``AFTER`` in the set it hides while the question is open. A number among them comes with a later
    question, not with this one's answer (``desktop.reveal.hidden_reason``: review 23 #4)."""
    after = lesson_hidden(lesson, current, set(settled) | {current}, network, actions_done, started, undone,
                          trained_before)
    return frozenset(p for p in after if not p[0].startswith(AFTER))


def formula_weights(q: Question | None, network) -> frozenset:
    """The connections (source, target) whose weights question ``q``'s formula takes: for δ (or dL/db) of
    neuron j of a layer L that is not the output, δ_j = f'(z_j) · Σ_k w[L→T][k, j] · δ_T,k over every
    connection L → T out of L; none for any other question."""
    if q is None or q.kind not in ("delta", "dL/db"):
        return frozenset()
    return frozenset(edge for edge in network.connections if edge[0] == q.layer)  # (none out of the output)


class Hold:
    def __init__(self, view_state):
        self.view_state = view_state
        self.pairs: frozenset = frozenset()
        _HOLDS.setdefault(view_state, []).append(self)

    def set(self, pairs) -> None:
        """Hold exactly ``pairs`` hidden (() : none)."""
        pairs = frozenset(pairs)
        vs = self.view_state
        if pairs == self.pairs and pairs <= vs.hidden:
            return
        others = set().union(*(h.pairs for h in _HOLDS.get(vs, []) if h is not self))
        with vs.batch():
            for quantity, layer in self.pairs - pairs - others:
                vs.unhide(quantity, layer)
            for quantity, layer in pairs - vs.hidden:  # also what someone else unhid meanwhile
                vs.hide(quantity, layer)
        self.pairs = pairs
