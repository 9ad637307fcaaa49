"""Has training stopped learning? Every dL/dw exactly 0 because the neurons are saturated.

A learning rate far too high (1e6 on XOR) throws the weights to thousands: every sigmoid's z is
then so large that σ(z) is exactly 1 or 0 in float64, its slope σ'(z) = σ(1 − σ) is exactly 0, and
by the chain rule δ = dL/da · f'(z) = 0 for every neuron behind it: every dL/dw is exactly 0 while
the loss stays high (0.5). Nothing becomes infinite and the loss does not rise 4× (the window's
other two warnings), so the run would go on in silence.

``stalled_words(trainer, gradient, loss)`` says so: when, after steps of the ``trainer``, every entry
of the flat ``gradient`` (the last step's dL/dw and dL/db) is exactly 0 although the step's ``loss``
is above 0, the layers whose every slope f'(z) over the training rows is below ``STUCK_SLOPE`` are
named. A loss of exactly 0
(a perfect fit) has zero gradients too and is no failure: it is never reported.
"""

from __future__ import annotations

import numpy as np

from .activations import ACTIVATIONS
from .notation import format_number

#: f'(z) below this for every row and neuron: the layer passes no gradient back (its neurons are saturated)
STUCK_SLOPE = 1e-6
#: the rows looked at (a forward pass, only once every dL/dw is 0)
MAX_ROWS = 1024

__all__ = ["STUCK_SLOPE", "stuck_layers", "stalled_words"]


def stuck_layers(net, X) -> list[str]:
    """The layers (input to output order) with an elementwise activation whose f'(z) is below
    ``STUCK_SLOPE`` for every row of ``X`` (n, inputs) and every neuron."""
    values = net.forward_all(np.asarray(X, dtype=float)[:MAX_ROWS])
    stuck = []
    for layer in net.layers:
        z, a = values[layer.name]
        act = ACTIVATIONS.get(layer.activation)
        if z is None or act is None or not act.elementwise or act.derivative is None or not z.size:
            continue
        with np.errstate(all="ignore"):
            slope = np.abs(act.derivative(z, a))
        if np.all(slope < STUCK_SLOPE):
            stuck.append(layer.name)
    return stuck


def stalled_words(trainer, gradient, loss) -> str:
    """The warning for a run that no longer learns ("" when it does, or when the loss is 0): a headline,
    then the layers and the remedy in parentheses ("Saturated: every dL/dw is 0
    (the neurons of h1 and y are saturated: …; lower the learning rate, then Undo (Ctrl+Z) or Reset)")."""
    if trainer.step_count == 0 or gradient is None or loss is None or not loss > 0:
        return ""
    gradient = np.asarray(gradient)
    if not gradient.size or np.any(gradient):
        return ""
    names = stuck_layers(trainer.net, trainer.X)
    remedy = "lower the learning rate, then Undo (Ctrl+Z) or Reset"
    if not names:
        return (f"Stuck: every dL/dw is 0 (every dL/dw is exactly 0 though the loss "
                f"is {format_number(loss)}: training has stopped; {remedy})")
    which = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return (f"Saturated: every dL/dw is 0 (the neurons of {which} are saturated: "
            f"f'(z) = 0 for every sample, so every dL/dw is 0 and the loss stays {format_number(loss)}; {remedy})")
