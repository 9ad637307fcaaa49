"""Typing a right δ changes the neuron it asks about, and no other (review 14 #7).

guided_softmax step 7 asks δ_y1, step 8 δ_y2; δ_y0 is never asked. Once δ_y2 was typed right, the
canvas rang y2 as "δ₂ 0.6176" (expected) and y0 as "δ₀ 0.07564" too: the ring reads "you answered this".
Now y0 writes no δ, and y1 and y2 write the δ the student answered under them (review 15: every circle
keeps its a).
"""

from __future__ import annotations

import core
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_answered_delta_keeps_a import neuron_texts
from test_lesson_spoilers import written
from window_texts import numbers_in, painted_texts


def canvas_texts(qtbot, window) -> list[str]:
    qtbot.wait(100)  # (the canvas repaints after the change)
    return painted_texts(window.canvas.scene())


def delta_units(qtbot, window, layer: str) -> list[str]:
    """The neurons of ``layer`` the canvas writes a line "δ …" under."""
    qtbot.wait(100)  # (the canvas repaints after the change)
    return [str(k) for k in range(window.canvas.scene().layer_items[layer].units)
            if any(label == "δ" for label, _ in neuron_texts(window, layer, k)[1])]


def test_a_right_delta_is_written_only_under_the_neuron_it_asks_about(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_softmax", 8)
    asked = net.lesson.steps[7].question
    assert (asked.kind, asked.layer, asked.unit) == ("delta", "y", 2)
    trace = core.trace_step(net, 0).layers["y"]
    a_y0 = float(trace.a[0, 0])

    assert delta_units(qtbot, window, "y") == ["1"]  # before: δ_y1, answered at step 7
    assert student.type_answer(f"{answer(asked, net):.10g}").startswith("Right")
    texts = canvas_texts(qtbot, window)
    # the neurons answered write δ under them; y0, never asked, writes none, and its a as every neuron
    assert delta_units(qtbot, window, "y") == ["1", "2"], texts
    assert written(a_y0) & set(numbers_in(texts))
