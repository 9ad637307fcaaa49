"""Typing a right answer changes one number on the canvas, never the picture's form.

Teacher review 13 #6: at guided_relu_tutorial step 8, typing δ_h0 right made every card shrink, the
thumbnails vanish and the values move into small circles, with h0 writing δ₀ where its map and a stood
while h1 wrote a₁ without its map; guided_chain_rule step 5 and guided_softmax step 7 did the same
(softmax's straight edges turned into curved bundles). The answered δ now appears under its own neuron,
named δ, in the row its card keeps for it (the legend says so); every neuron keeps its map and a, and the
cards, the zoom and the edges stay as they were.
"""

from __future__ import annotations

import pytest

from core.lesson import answer
from test_lesson_error_hidden import canvas_numbers, lesson_at_step
from test_lesson_spoilers import written


def picture(window) -> dict:
    """The canvas's form as the student sees it: the zoom, each card's place and size on screen, which
    neurons draw a thumbnail, and each connection's drawing (bundled, each edge's detour, whether its edges
    write their weights)."""
    view, scene = window.canvas, window.canvas.scene()
    form = {"zoom": round(view.transform().m11(), 6)}
    for name, item in scene.layer_items.items():
        rect = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        form[f"card {name}"] = rect.getRect()
        form[f"maps {name}"] = tuple(item.thumbnail(k) is not None for k in range(item.units))
    for key, connection in scene.connection_items.items():
        form[f"edges {key}"] = (connection.bundled, tuple(edge.detour for edge in connection.items))
        # what the edges write: their weights ("w 0.5") or the picture's own numbers (dL/dw in Backward)
        form[f"weights named {key}"] = tuple(edge.label_text().startswith("w ") for edge in connection.items)
    return form


CASES = [("guided_relu_tutorial", 8, (1024, 700)), ("guided_relu_tutorial", 8, (1400, 900)),
         ("guided_chain_rule", 5, (1024, 700)), ("guided_softmax", 7, (1024, 700)),
         ("guided_chain_rule", 8, (1024, 700)),  # (in Backward: no thumbnails; δ_h0 under a_h0)
         ("guided_chain_rule", 9, (1024, 700))]  # (the h → y edges keep their weights once δ_h1 is answered)


@pytest.mark.parametrize("lesson, step, size", CASES, ids=lambda c: str(c))
def test_a_right_delta_answer_appears_in_place(qtbot, main_window, canvas, lesson, step, size):
    window = main_window
    window.resize(*size)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, lesson, step)
    asked = net.lesson.steps[step - 1].question
    assert asked.kind == "delta"
    if window.view_state.stepping is None:  # the maps come from the worker's output map
        qtbot.waitUntil(lambda: any(any(picture(window)[f"maps {name}"]) for name in window.scene.layer_items))
    qtbot.wait(100)
    before = picture(window)
    delta = answer(asked, net)
    assert student.type_answer(f"{delta:.10g}").startswith("Right")
    qtbot.wait(200)
    after = picture(window)
    assert written(delta) & set(canvas_numbers(window)), f"the answered δ = {delta} is not on the canvas"
    changed = {key: (before[key], after.get(key)) for key in before if after.get(key) != before[key]}
    assert not changed, f"{lesson} step {step} at {size}: typing the right δ changed the picture: {changed}"
    words = " ".join(window.canvas.legend.neuron_text.split())
    assert "δ under it" in words, f"the legend does not say what the δ under a neuron is: {words!r}"
