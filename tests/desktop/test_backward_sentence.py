"""The step toolbar's Backward sentence says what the canvas shows (teacher review 15 #7).

At guided_chain_rule step 8 (Backward at h, "Compute δ_h0") the bar said "Backward: δ = dL/dz of h
(ringed); the edges into it show dL/dw, edges not reached yet '?'": the h neurons wrote a₀ and a₁, no
δ and no ring, and the x → h "?" were held by the lesson, not unreached (x → h is the last layer
Backward reaches). Outside a lesson the sentence names the edges Backward has not reached only when
there are some. The canvas's legend said "glow: dL/dw = a · δ now known (into h)" over those "?" edges.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from core.lesson import answer
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press
from test_lesson_spoilers import written
from window_texts import numbers_in, painted_texts


def captions(window) -> list[str]:
    return painted_texts(window.canvas.scene())


def test_the_backward_sentence_says_which_delta_the_lesson_holds(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    assert window.view_state.stepping.phase == "backward"  # step 7 walked to Backward at h
    sentence = window.training.step_toolbar.phase_text
    qtbot.wait(100)
    h = core.trace_step(net, 0).layers["h"]
    numbers = numbers_in(captions(window))
    for k in (0, 1):  # each h neuron writes its a, not its δ
        assert written(float(h.a[0, k])) & numbers and not written(float(h.delta[0, k])) & numbers, k
    said = sentence.text()
    assert "not reached" not in said and "δ = dL/dz of h (ringed)" not in said, said
    assert "Backward reached h: δ_h0 shows once you answer" in said and "(h shows a)" in said, said
    assert "the edges into h '?' (their dL/dw" in said, said
    legend_widget = window.canvas.legend
    QTest.mouseMove(legend_widget, legend_widget.rect().center())  # pointed at, a folded legend opens
    qtbot.waitUntil(lambda: not legend_widget.is_folded_now(), timeout=3000)
    legend = " ".join(text for row in legend_widget.rows() for _, text in row)  # the canvas's legend too
    assert "(ringed) once reached and not asked" in legend and "now known (into h)" not in legend, legend
    assert "glow: the edges into h, whose dL/dw = a · δ a question holds ('?')" in legend, legend

    assert student.type_answer(f"{answer(net.lesson.steps[7].question, net):.10g}").startswith("Right")
    # answered: h0's δ is on the canvas (in its ringed circle, or under it beside a): the sentence says which
    qtbot.waitUntil(lambda: "δ = dL/dz of h0 (ringed)" in sentence.text()
                    or "the δ you answered under h0" in sentence.text(), timeout=3000)
    assert "(h1 shows a)" in sentence.text(), sentence.text()
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # leave the walk


def test_the_backward_sentence_names_unreached_edges_only_when_there_are_some(qtbot, main_window):
    window = main_window
    window.document.replace_network(core.load_network(core.example_path("xor")), None)
    press(qtbot, window, Qt.Key.Key_F7)  # layer by layer: Forward h, Forward y, Loss, Backward y
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    while window.view_state.stepping.phase != "backward":
        qtbot.keyClick(window.canvas, Qt.Key.Key_F7)
    sentence = window.training.step_toolbar.phase_text
    qtbot.wait(50)  # Backward at the output y: x → h is not reached yet
    assert sentence.text().startswith("Backward: δ = dL/dz of y (ringed); the edges into y show dL/dw"), sentence.text()
    assert "the edges further back '?' until Backward reaches them" in sentence.text()
    qtbot.keyClick(window.canvas, Qt.Key.Key_F7)  # one layer on: Backward at h, nothing left behind it
    qtbot.waitUntil(lambda: "of h (ringed)" in sentence.text(), timeout=3000)
    assert "further back" not in sentence.text() and "not reached" not in sentence.text(), sentence.text()
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
