"""After Undo then Redo of a training run the Output map looks as it did before the Undo (review 15).

guided_weight_decay step 6: "Train 5 steps". The Output map drew the one sample filled in its target's
colour (t = 0.5 on the colour bar's −3 … 5.4, a light orange) before the Undo; after Ctrl+Z then
Ctrl+Shift+Z the same sample was drawn almost white, as if unfilled: the session loaded for the redone
weights cleared the panel, and its colour bar took the range of the trained output (−2.2 … 3.3), which put
t = 0.5 at the scale's white middle. The colour bar now keeps its range while the panel shows the same
data; an output outside it, or filling less than a third of it, rescales it, as during a run.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from test_lesson_bundled import do_action
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def sample_colour(qtbot, panel) -> tuple[int, int, int]:
    """The colour drawn at the centre of the map's one sample, read from the panel's pixels."""
    qtbot.wait(200)  # (the plot repaints after the change)
    x, y = panel.train_points.getData()
    view = panel.plot_widget
    pixel = view.mapFromScene(panel.plot.getViewBox().mapViewToScene(QPointF(float(x[0]), float(y[0]))))
    return view.grab().toImage().pixelColor(pixel).getRgb()[:3]


def test_redo_of_the_5_steps_draws_the_sample_as_before_the_undo(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel = window.training.ui.output_map
    assert panel.mode == "map" and len(net.dataset) == 1
    do_action(student, canvas, net.lesson.steps[5].action)  # Train 5 steps
    qtbot.waitUntil(lambda: "✓ done" in student.panel.action.text(), timeout=10000)
    before = sample_colour(qtbot, panel), panel.bar.levels()
    assert max(before[0]) - min(before[0]) > 20, f"the sample is drawn grey or white: {before[0]}"

    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: "(not done yet)" in student.panel.action.text(), timeout=10000)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.waitUntil(lambda: "✓ done" in student.panel.action.text(), timeout=10000)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step == 5, timeout=10000)
    after = sample_colour(qtbot, panel), panel.bar.levels()
    assert after == before, f"the sample and its colour bar before the Undo {before}, after the Redo {after}"
