"""A weight typed on the canvas while answered δ's are written under their neurons (teacher review 16 #4).

guided_chain_rule step 8 asks δ_h0 in the step-through's Backward phase, at the weights as saved; δ_y0 and
δ_y1 were answered at steps 5 to 7. The student typed 0.9 on w[h→y][0,0] and revealed: the Lesson panel
said "The answer is −0.0454877", while h0's card wrote "δ −0.06769" (the δ of the canvas's weights) and the
legend called it "dL/dz you answered"; y0 wrote δ −0.3706 for the −0.4855 answered. Now, while the canvas's
weights differ from the saved ones, no neuron writes an answered δ; Ctrl+Z brings the saved weight and the
answered δ's back. The edit also ended the step-through without a word: the step bar now says it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from core.lesson import answer
from test_lesson_answered_delta_keeps_a import neuron_texts
from test_lesson_edited_weight import type_on_edge
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import written
from test_training_support import press

#: the neurons whose δ the student holds at step 8 once it is answered, and the steps that asked them
ANSWERED = {("h", 0): 8, ("y", 0): 5, ("y", 1): 6}


def delta_lines(window, layer: str, unit: int) -> list[str]:
    """The numbers of the "δ" lines neuron ``unit`` of ``layer`` writes under its circle."""
    return [number for label, number in neuron_texts(window, layer, unit)[1] if label == "δ"]


def step_bar_text(window) -> str:
    return window.findChild(QLabel, "step_phase_text").text()


def answered_deltas(net) -> dict:
    """{(layer, unit): δ} of the saved network, as the lesson's questions have them."""
    return {place: answer(net.lesson.steps[step - 1].question, net) for place, step in ANSWERED.items()}


def test_an_answered_delta_is_not_written_for_weights_typed_after_it(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    deltas = answered_deltas(net)
    assert student.type_answer(f"{deltas['h', 0]:.10g}").startswith("Right")
    qtbot.wait(100)
    for (layer, unit), delta in deltas.items():
        assert [written(delta) & {n.lstrip("−")} != set() for n in delta_lines(window, layer, unit)] == [True], \
            (layer, unit, delta_lines(window, layer, unit))

    type_on_edge(canvas, "h", "y", 0, 0, "0.9")
    assert window.document.network.weights["h", "y"][0, 0] == 0.9
    qtbot.wait(100)
    for (layer, unit), delta in deltas.items():  # the canvas's δ there is the edited network's: none written
        assert delta_lines(window, layer, unit) == [], (layer, unit, delta, delta_lines(window, layer, unit))
    assert "you answered" not in window.canvas.legend.neuron_text

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the saved weight back
    assert window.document.network.weights["h", "y"][0, 0] == 0.5
    qtbot.wait(100)
    for (layer, unit), delta in deltas.items():
        lines = delta_lines(window, layer, unit)
        assert len(lines) == 1 and written(delta) & {lines[0].lstrip("−")}, (layer, unit, delta, lines)


def test_revealed_after_the_edit_the_canvas_writes_no_other_delta_than_the_answer(qtbot, main_window, canvas):
    """The review's path: the weight typed first, then Reveal."""
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    delta = answered_deltas(net)["h", 0]
    type_on_edge(canvas, "h", "y", 0, 0, "0.9")
    revealed = student.reveal()
    assert revealed.startswith("The answer is"), revealed
    qtbot.wait(100)
    lines = delta_lines(window, "h", 0)
    assert all(written(delta) & {n.lstrip("−")} for n in lines), f"δ_h0 is {delta}, h0 writes δ {lines}"


def test_a_weight_typed_in_the_step_through_says_it_ended_the_walk(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 8)
    assert window.view_state.stepping is not None and window.view_state.stepping.phase == "backward"

    type_on_edge(canvas, "h", "y", 0, 0, "0.9")
    qtbot.waitUntil(lambda: "Step-through ended" in step_bar_text(window), timeout=3000)
    assert window.view_state.stepping is None
    said = step_bar_text(window)
    assert "you changed w[h→y][0,0] to 0.9" in said and "F8" in said, said

    press(qtbot, window, Qt.Key.Key_F8)  # a new walk, then Ctrl+Z ends it too
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Step-through ended" in step_bar_text(window), timeout=3000)
    said = step_bar_text(window)
    assert "Undo put w[h→y][0,0] back to 0.5" in said, said

    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.document.network.weights["h", "y"][0, 0] == 0.9  # a Redo with no walk on: no word left over
    qtbot.waitUntil(lambda: "Step-through ended" not in step_bar_text(window), timeout=3000)
