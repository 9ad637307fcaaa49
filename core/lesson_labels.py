"""A lesson's questions and actions in words: what a question asks ("dL/dw[h→y][0,1]"), where its numbers come
from ("dataset row 0, the lesson's starting weights") and an action as an instruction ("Train 3 steps")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lesson_words import one_sample_words

if TYPE_CHECKING:
    from .lesson import Action, Question
    from .network import Network

__all__ = ["question_label", "question_context", "action_label"]


def question_label(q: Question, network: Network | None = None) -> str:
    """What the question asks, in the app's notation: "a_h0", "dL/dw[h→y][0,1]", "loss", …; the output of
    a ``network`` with one output neuron by its layer's name alone ("the output y", as the lessons write it)."""
    from .lesson import EDGE_KINDS
    from .notation import neuron_label, weight_label

    if q.kind in EDGE_KINDS:
        w = weight_label(q.source, q.target, q.j, q.i)
        return {"dL/dw": f"dL/d{w}", "weight_after_step": f"{w} after one step",
                "weight_after_steps": f"{w} after {q.step} steps"}[q.kind]
    if q.kind == "loss":
        return "the loss L"
    if q.kind == "output":
        if network is not None and not network.problems() and network.layer(network.output_layer).units == 1:
            return f"the output {network.output_layer}"
        return f"the output y{q.unit or 0}"
    n = neuron_label(q.layer, q.unit)
    return {"a": f"a_{n}", "z": f"z_{n}", "delta": f"δ_{n} = dL/dz_{n}", "dL/db": f"dL/db_{n}",
            "bias_after_step": f"b_{n} after one step"}[q.kind]


def question_context(q: Question, network: Network | None = None) -> str:
    """Where the question's numbers come from: "dataset row 0, the lesson's starting weights" / "the next mini-batch,
    the weights after 3 steps"; for a ``network`` whose dataset is one sample, "the lesson's one sample"
    (a one-sample lesson never speaks of mini-batches)."""
    if q.kind == "weight_after_steps":
        return f"after {q.step} training step{'s' if q.step != 1 else ''}"
    one = one_sample_words(network)
    data = one or (f"dataset row {q.sample}" if q.sample is not None else "the next mini-batch")
    if one and q.step == 0:
        return f"{one} and starting weights"  # "the lesson's one sample and starting weights"
    when = "the lesson's starting weights" if q.step == 0 else f"the weights after {q.step} step{'s' if q.step != 1 else ''}"
    return f"{data}, {when}"


def action_label(a: Action) -> str:
    """The action as an instruction: "Set w[x→h][0,1] to 0.5", "Train 100 steps", …"""
    from .notation import format_number, neuron_label, weight_label

    if a.kind == "step_through":
        where = f" until {a.phase.capitalize()} reaches {a.layer}" if a.layer else f" until the {a.phase.capitalize()} phase"
        return f"Step through (F7: next layer, F8: next phase){where}"
    if a.kind == "set_weight":
        return f"Set {weight_label(a.source, a.target, a.j, a.i)} to {format_number(a.value, 6)}"
    if a.kind == "set_bias":
        return f"Set b_{neuron_label(a.layer, a.unit)} to {format_number(a.value, 6)}"
    if a.kind == "train":
        return f"Train {a.steps} step{'s' if a.steps != 1 else ''}"
    if a.kind == "select_edge":
        return f"Select the edge {weight_label(a.source, a.target, a.j, a.i)}"
    return f"Select the layer {a.layer}"
