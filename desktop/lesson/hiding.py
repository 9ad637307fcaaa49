"""Which numbers on screen would give a question's answer away, in the view state's terms.

``core.lesson.hidden_quantity`` names what an open question hides (the spoiler rule); this
module turns that key into the quantities ``ViewState.hide`` knows:

* ("neuron", layer, unit, "a" | "z" | "delta") → (kind, layer, unit): the canvas's a or δ
  of that neuron, its tooltip's numbers;
* ("edge", …, "gradient") → ("gradient", source, target, j, i): the edge's dL/dw on the
  canvas (Backward, gradient colouring);
* ("edge", …, "weight") → ("updated", source, target, j, i): the weight after the step
  (the Update phase, its tooltip's old → new); a weight after k steps is the weight the
  canvas shows once the student trained them, so nothing else hides it;
* ("bias", layer, unit, "gradient") → ("delta", layer, unit): dL/db of one sample is δ;
* ("loss",) → ("loss",).
"""

from __future__ import annotations

from core.lesson import Question, hidden_quantity


def hidden_quantities(q: Question, network) -> frozenset:
    key = hidden_quantity(q, network)
    if key[0] == "neuron":
        _, layer, unit, kind = key
        return frozenset({(kind, layer, unit)})
    if key[0] == "edge":
        *edge, what = key[1:]
        return frozenset({("gradient" if what == "gradient" else "updated", *edge)})
    if key[0] == "bias":
        _, layer, unit, what = key
        return frozenset({("delta", layer, unit)}) if what == "gradient" else frozenset()
    return frozenset({key})
