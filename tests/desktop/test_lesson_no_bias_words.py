"""A network without a bias is never explained with one: guided_perceptron's y = w · x.

The teacher's review found "b +" in the hints of guided_perceptron (``core.lesson_hints``, tested in
tests/core/test_lesson_hints_name_real_terms.py); the step-through's Forward sentence (the step toolbar's) and
the Inspector's forward values of a neuron wrote "z = b + Σ w·a" for it too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_lesson_answered_neuron_shows import inspector_text
from test_lesson_error_hidden import lesson_at_step


def test_the_perceptron_lesson_writes_z_without_a_bias(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 3)  # the output answered: 1.2
    assert not net.biases
    text = inspector_text(qtbot, student, canvas, "y", 0)
    assert "z_y0 = Σ w·a = 1.2" in text and "b +" not in text, text
    student.press(Qt.Key.Key_F7)  # the step-through's first layer
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    message = window.training.step_toolbar.phase_text.text()  # the step toolbar's sentence of the phase
    assert message.startswith("Forward: y computed z = Σ w·a and a = f(z)"), message
