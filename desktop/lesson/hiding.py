"""What a lesson's open question (or predict mode) keeps hidden, through the one spoiler rule.

The rule is ``desktop.reveal`` (a number appears only once its phase computed it, and never
while it is in ``ViewState.hidden``); every panel asks ``ViewState.revealed`` before writing
a number. This module only chooses the (quantity, layer) pairs:

* ``hidden_quantities(question, network)``: the pair of an open question, from
  ``core.lesson.hidden_quantity`` through ``desktop.reveal.lesson_key_quantity`` (the rule
  hides by layer: every neuron or edge into that layer, more than the one number asked,
  never less); a dL/db question also hides the layer's δ (dL/db of one sample is δ);
* ``Hold``: the pairs one owner (the lesson, predict mode) keeps hidden. ``Hold.set`` hides
  the new pairs and unhides the ones it no longer needs, unless another owner's hold on the
  same view state still holds them.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from core.lesson import Question, hidden_quantity
from desktop.reveal import lesson_key_quantity

#: every hold of a view state, so one owner never unhides what another still holds
_HOLDS: WeakKeyDictionary = WeakKeyDictionary()


def hidden_quantities(q: Question, network) -> frozenset:
    """The (quantity, layer) pairs the open question ``q`` hides; for dL/db also the layer's δ, which
    the canvas shows in Backward and which is dL/db itself for one sample."""
    pairs = {lesson_key_quantity(hidden_quantity(q, network))}
    if q.kind == "dL/db":
        pairs.add(("delta", q.layer))
    return frozenset(pairs)


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
