"""The weights on the canvas against the weights a lesson's question is about.

A question with ``step`` 0 is about the lesson's start ("the lesson's starting weights",
``core.lesson``). A student who types a new weight on the canvas while it is open sees every panel
follow the new weight while the answer stays the saved network's (teacher review 15 #2: w typed as 0.5
at guided_perceptron step 5, the answer 0.75 worked from the screen got "Not yet", Reveal's 2.1 stood
beside a heatmap reading 0.75). So:

* ``parameter_changes(saved, now)``: the weights w[s→t][j,i] and biases b_lk that differ between the
  two networks, with both values (None when the structure itself differs); ``changed_count``: how many;
* ``changes_note(changes)``: the Lesson panel's words, "You changed w[x→y][0,0] to 0.5; this question
  is about the lesson's starting weight, w = 0.8. Ctrl+Z puts it back.";
* ``fits_the_canvas(question, value, saved, now)``: for a typed value that is wrong for the saved network,
  the hint line when it is right (within the question's tolerance) for the network now on the canvas, the
  answer computed by the engine (``core.lesson.answer``) on that network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .lesson import LessonError, Question, answer
from .network import Network
from .notation import format_number, neuron_label, weight_label

__all__ = ["Change", "changed_count", "parameter_changes", "changes_note", "fits_the_canvas", "step_applied_note"]

#: the changed parameters a sentence names one by one; the rest are counted
NAMED = 3


@dataclass(frozen=True)
class Change:
    """One parameter that differs: ``label`` ("w[x→y][0,0]", "b_y0"), ``symbol`` ("w" or "b"), its
    ``saved`` value (the question's) and its value ``now`` (the canvas's)."""

    label: str
    symbol: str
    saved: float
    now: float


def _structure(net: Network) -> tuple:
    return (tuple((layer.name, layer.units) for layer in net.layers), tuple(net.connections),
            net.parameter_layout().signature)


def changed_count(saved: Network, now: Network) -> int | None:
    """How many weights and biases of ``now`` differ from ``saved``; None when the layers, units or
    connections differ."""
    if _structure(saved) != _structure(now):
        return None
    return int(np.count_nonzero(saved.flat != now.flat))


def parameter_changes(saved: Network, now: Network, most: int | None = None) -> list[Change] | None:
    """Every weight W[j, i] of a connection s → t and every bias b of a layer l whose value in ``now``
    differs from ``saved`` (in the order of the networks' flat parameters: weights by connection, row j,
    column i; then biases), the first ``most`` of them (None: all); [] when none does; None when the
    layers, units or connections differ (no weight-by-weight answer). Cheap for a big network trained
    since (every parameter differs): only the ones listed are looked up."""
    if _structure(saved) != _structure(now):
        return None
    layout = saved.parameter_layout()
    changes = []
    for index in np.flatnonzero(saved.flat != now.flat)[:most]:
        block, position = layout.locate(int(index))
        if block.kind == "weight":
            label, symbol = weight_label(block.source, block.target, *position), "w"
        else:
            label, symbol = f"b_{neuron_label(block.key, position[0])}", "b"
        changes.append(Change(label, symbol, float(saved.flat[index]), float(now.flat[index])))
    return changes


def _n(x: float) -> str:
    return format_number(x, 6)


def _listed(parts: list[str], total: int) -> str:
    """The first ``NAMED`` of ``parts`` and how many more of ``total``, as a list in words."""
    if total > NAMED:
        parts = parts[:NAMED] + [f"{total - NAMED} more"]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def changes_note(changes: list[Change] | None, total: int | None = None) -> str:
    """The Lesson panel's words about ``changes`` (``parameter_changes``; ``total``: how many in all, when
    they list only the first ones; "" when there are none): what the student changed, what the question is
    about, and how to get it back."""
    if changes is None:
        return ("You changed the network's layers or connections; this question is about the network the lesson "
                "starts from. Undo (Ctrl+Z) puts it back.")
    if not changes:
        return ""
    total = len(changes) if total is None else total
    if total == 1:
        c = changes[0]
        return (f"You changed {c.label} to {_n(c.now)}; this question is about the lesson's starting "
                f"{'weight' if c.symbol == 'w' else 'bias'}, {c.symbol} = {_n(c.saved)}. Ctrl+Z puts it back.")
    done = _listed([f"{c.label} to {_n(c.now)}" for c in changes], total)
    saved = _listed([f"{c.label} = {_n(c.saved)}" for c in changes], total)
    return (f"You changed {done}; this question is about the lesson's starting weights, {saved}. Undo (Ctrl+Z) "
            "puts them back, one edit at a time.")


def step_applied_note(steps: int, about_the_step: bool, settled: bool, label: str = "", value: float | None = None) -> str:
    """The Lesson panel's words when the canvas's weights are exactly the saved ones after ``steps`` training
    steps of the lesson's run (F6, or F8 to Apply: the student trained, edited nothing; teacher review 24 #1).
    ``about_the_step``: the open question asks the value after that one step (``weight_after_step``,
    ``bias_after_step``) of the parameter ``label`` (its value now ``value``); ``settled``: answered or revealed.
    Each Ctrl+Z takes one whole step back (a step is one command on the document)."""
    back = "Ctrl+Z takes the step back" if steps == 1 else "each Ctrl+Z takes one step back"
    done = "one training step" if steps == 1 else f"{steps} training steps"
    after = "after it" if steps == 1 else "after them"
    if about_the_step and steps == 1 and settled:
        return (f"You applied one training step: the canvas now shows the weights after it; {label} = "
                f"{format_number(value, 4)} is the number you computed ({back}).")
    about = ("this question is about that one step from the lesson's starting weights" if about_the_step
             else "this question is about the lesson's starting weights, before any step")
    return f"You applied {done}: the canvas now shows the weights {after}; {about} ({back})."


def _values(changes: list[Change], total: int, which: str) -> str:
    if total == 1:
        return f"{changes[0].symbol} = {_n(getattr(changes[0], which))}"
    return _listed([f"{c.label} = {_n(getattr(c, which))}" for c in changes], total)


def fits_the_canvas(question: Question, value: float, saved: Network, now: Network) -> str | None:
    """The hint's line when ``value`` answers ``question`` (within its tolerance) for the network ``now`` on
    the canvas, whose weights or biases differ from ``saved``, the network the question is about ("your
    number fits the weights now on the canvas (w = 0.5), not the saved ones (w = 0.8) …"); None when the
    weights are the same, the structure differs, the question is about the weights after training, or
    ``value`` does not fit ``now`` either."""
    total = changed_count(saved, now)
    if not total or question.step != 0:
        return None
    changes = parameter_changes(saved, now, NAMED)
    try:
        right_now = answer(question, now)
    except LessonError:
        return None
    if not question.tolerance.accepts(float(value), right_now):
        return None
    return (f"your number fits the weights now on the canvas ({_values(changes, total, 'now')}), not the lesson's "
            f"starting weights ({_values(changes, total, 'saved')}) this question is about. Ctrl+Z puts "
            f"{'it' if total == 1 else 'them'} back; or work it out from the starting "
            f"{'value' if total == 1 else 'values'}.")
