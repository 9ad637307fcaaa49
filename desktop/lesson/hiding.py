"""Which numbers on screen would give a question's answer away (the view state's hidden quantities).

``hidden_quantities(question, network)`` lists them in ``ViewState.hide``'s form:

* ``a``, ``output``: the neuron's a; ``z``: its z; ``delta`` and ``dL/db``: its δ
  (dL/db of one sample is δ);
* ``dL/dw``: the edge's gradient (the canvas's dL/dw in Backward, gradient colouring);
* ``weight_after_step``: the edge's weight after the step (the Update phase) and its
  gradient (new = old − lr · dL/dw would give it away);
* ``bias_after_step``: the neuron's δ;
* ``loss``: ("loss",);
* ``weight_after_steps``: nothing: it is the weight the canvas shows once the student has
  trained that many steps, the lesson's action.
"""

from __future__ import annotations

from core.lesson import Question


def hidden_quantities(q: Question, network) -> frozenset:
    if q.kind in ("a", "output"):
        layer = network.output_layer if q.kind == "output" else q.layer
        return frozenset({("a", layer, q.unit or 0)})
    if q.kind == "z":
        return frozenset({("z", q.layer, q.unit)})
    if q.kind in ("delta", "dL/db", "bias_after_step"):
        return frozenset({("delta", q.layer, q.unit)})
    edge = (q.source, q.target, q.j, q.i)
    if q.kind == "dL/dw":
        return frozenset({("gradient", *edge)})
    if q.kind == "weight_after_step":
        return frozenset({("gradient", *edge), ("updated", *edge)})
    if q.kind == "loss":
        return frozenset({("loss",)})
    return frozenset()
