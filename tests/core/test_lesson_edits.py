"""core.lesson_edits: the weights a student changed against the saved ones a lesson's question is about."""

from __future__ import annotations

import core
from core.lesson import answer
from core.lesson_edits import changed_count, changes_note, fits_the_canvas, parameter_changes


def edited(net: core.Network, source: str, target: str, j: int, i: int, value: float) -> core.Network:
    copy = net.copy()
    weights = copy.weights[source, target].copy()
    weights[j, i] = value
    copy.weights[source, target] = weights
    return copy


def test_one_changed_weight_is_named_with_both_values():
    net = core.load_network(core.example_path("guided_perceptron"))
    now = edited(net, "x", "y", 0, 0, 0.5)
    (change,) = parameter_changes(net, now)
    assert (change.label, change.saved, change.now) == ("w[x→y][0,0]", float(net.weights["x", "y"][0, 0]), 0.5)
    assert changes_note([change]) == ("You changed w[x→y][0,0] to 0.5; this question is about the lesson's starting "
                                      f"weight, w = {core.format_number(change.saved, 6)}. Ctrl+Z puts it back.")
    assert parameter_changes(net, net.copy()) == [] and changes_note([]) == ""


def test_a_value_right_for_the_canvas_is_told_so_and_no_other():
    net = core.load_network(core.example_path("guided_perceptron"))
    q = net.lesson.steps[4].question
    now = edited(net, q.source, q.target, q.j, q.i, 0.5)
    fits = fits_the_canvas(q, answer(q, now), net, now)
    assert fits is not None and fits.startswith("your number fits the weights now on the canvas (w = 0.5)")
    assert fits_the_canvas(q, answer(q, now) + 1, net, now) is None
    assert fits_the_canvas(q, answer(q, now), net, net.copy()) is None  # nothing changed: nothing to say


def test_several_changes_and_a_changed_structure():
    net = core.load_network(core.example_path("guided_chain_rule"))
    now = edited(edited(net, "x", "h", 0, 0, 0.9), "h", "y", 1, 1, 2.0)
    changes = parameter_changes(net, now)
    assert [c.label for c in changes] == ["w[x→h][0,0]", "w[h→y][1,1]"]
    assert "You changed w[x→h][0,0] to 0.9 and w[h→y][1,1] to 2;" in changes_note(changes)
    other = core.load_network(core.example_path("guided_perceptron"))
    assert parameter_changes(net, other) is None and "layers or connections" in changes_note(None)


def test_a_network_changed_everywhere_names_three_and_counts_the_rest():
    net = core.load_network(core.example_path("guided_chain_rule"))
    now = net.copy()
    now.weights["x", "h"] = net.weights["x", "h"] + 1.0
    listed, total = parameter_changes(net, now, most=3), changed_count(net, now)
    assert len(listed) == 3 and total == net.weights["x", "h"].size
    assert f"and {total - 3} more;" in changes_note(listed, total)
