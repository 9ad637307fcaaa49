"""The weights a question's formula takes are on the canvas, named, where the edges otherwise carry dL/dw.

Teacher review 13 #4: guided_chain_rule steps 8–9 ask dL/da_h0 = w[h→y][0,0] · δ_y0 + w[h→y][1,0] · δ_y1,
but step 7 leaves the student in Backward, where the four h → y edges carry dL/dw (−0.2789, −0.3135,
0.1628, 0.1830) right beside δ_y0 and δ_y1, and no weight (0.5, −0.4, 0.2, 0.7) is anywhere on screen.
A student took the dL/dw for the weights. While a question on δ of a hidden layer is open, the edges out
of that layer write their weight as "w 0.5" (the legend says so; the dL/dw stay in the heatmap and the
edge's tooltip); once no open question takes them they carry dL/dw again.
"""

from __future__ import annotations

import core
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from window_texts import painted_texts

#: how an edge names the weight it writes among dL/dw's
WEIGHT_PREFIX = "w "


def edge_texts(window, source: str, target: str) -> list[str]:
    """What the edges of ``source`` → ``target`` write, as painted."""
    connection = window.canvas.scene().connection_items[(source, target)]
    return [t for edge in connection.items for t in painted_texts_of(edge.label)]


def painted_texts_of(item) -> list[str]:
    """The strings ``item`` draws."""
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QStyleOptionGraphicsItem
    from window_texts import RecordingPainter

    image = QImage(64, 64, QImage.Format.Format_ARGB32)  # (kept: the painter paints on it)
    painter = RecordingPainter(image)
    try:
        item.paint(painter, QStyleOptionGraphicsItem(), None)
    finally:
        painter.end()
    return painter.texts


def test_the_h_to_y_weights_are_on_their_edges_while_steps_8_and_9_ask_the_hidden_deltas(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    assert window.view_state.stepping is not None and window.view_state.stepping.phase == "backward"
    weights = net.weights[("h", "y")]
    gradient = core.trace_step(net, 0).weights("h", "y", "gradient")
    for step in (8, 9):
        qtbot.wait(100)
        texts = edge_texts(window, "h", "y")
        expected = {f"{WEIGHT_PREFIX}{window.view_state.format(float(w))}" for w in weights.ravel()}
        assert expected <= set(texts), f"step {step}: the h → y edges write {texts}, not the weights {expected}"
        on_canvas = " ".join(painted_texts(window.canvas.scene()))
        for g in gradient.ravel():
            assert window.view_state.format(float(g)) not in on_canvas, f"step {step}: dL/dw {g} still on the canvas"
        legend = " ".join(window.canvas.legend.weights_text.split())
        assert "h → y" in legend and "weight" in legend, f"the legend does not say the edges carry weights: {legend!r}"
        edge = window.canvas.scene().connection_items[("h", "y")].items[0]
        tip = edge.tooltip_text()
        assert "weight" in tip and window.view_state.format(float(gradient[edge.j, edge.i])) in tip, tip
        q = net.lesson.steps[step - 1].question
        assert q.kind == "delta" and q.layer == "h"
        assert student.type_answer(f"{answer(q, net):.10g}").startswith("Right")
        qtbot.wait(100)  # answered: the step's picture stays, weights and all
        assert expected <= set(edge_texts(window, "h", "y")), f"step {step}: answering took the weights away"
        student.next()
    # step 10 asks dL/dw[x→h]: no formula takes the h → y weights now, their edges carry dL/dw again
    qtbot.wait(100)
    texts = edge_texts(window, "h", "y")
    assert not any(t.startswith(WEIGHT_PREFIX) for t in texts), texts
    assert {window.view_state.format(float(g)) for g in gradient.ravel()} <= set(texts), texts
