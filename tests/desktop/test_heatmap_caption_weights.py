"""The heatmaps' caption says at which weights its dL/dw are (the teacher's review 13).

guided_sigmoid_neuron's last step: "Now press Step … and check your new weights". After the step the
heatmaps' cells read +0.03849 and +0.1565, the gradients at the new weights, while the caption still said
only "dL/dw for the lesson's one sample" (its ", at the current weights" left out at 1024×700), and the
student's own answers for these cells, a few steps before, were −0.0679 and −0.3595 at the weights as
saved. Now the caption reads "…, weights as saved" before the step and "…, weights after step 1" after it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from test_lesson_error_hidden import lesson_at_step
from test_status_bar_readable import drawn_lines


def caption(panel) -> str:
    """The caption as drawn (one line in the laptop's low panel)."""
    for _ in range(3):
        QApplication.instance().processEvents()
    return " ".join(text for text, _ in drawn_lines(panel.what))


def test_after_the_lessons_step_the_heatmaps_say_they_are_at_the_new_weights(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    qtbot.wait(50)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_sigmoid_neuron", 13)
    assert net.lesson.steps[12].action.kind == "train" and net.lesson.steps[12].action.steps == 1
    panel = window.training.ui.heatmaps
    saved = caption(panel)
    assert saved.startswith("dL/dw for the lesson's one sample"), saved
    assert "weights as saved" in saved, saved

    student.press(Qt.Key.Key_F6)  # Step, as the lesson asks
    qtbot.waitUntil(lambda: "✓ done" in student.panel.action.text(), timeout=10000)
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    trained = window.document.network
    assert not (trained.flat == net.flat).all()  # new weights
    after = core.trace_step(trained, 0).gradient  # dL/dw of the one sample at the new weights
    qtbot.waitUntil(lambda: "weights after step 1" in caption(panel), timeout=5000)
    shown = caption(panel)
    assert shown.startswith("dL/dw for the lesson's one sample"), shown
    assert "saved" not in shown
    # the cells are the gradients at those weights (the caption's claim)
    block = next(b for b in panel.blocks if b.edge == ("h", "y"))
    assert abs(float(panel.values("h", "y")[0, 0]) - float(block.take(after)[0, 0])) < 1e-12
