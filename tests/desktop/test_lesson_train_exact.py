"""A lesson step that says "Train N steps" trains exactly N, and the network is then the one its answers are about.

The teacher's review: guided_perceptron ("Train 50 steps", then "Where is w after 50 steps?"; since review 13
"Train 3 steps", then w after 3 steps) and guided_weight_decay ("Train 100 steps", then w₁ after 100 steps;
now 5 steps, then 95 more) ask for F5 in the text; Play ran on
until the lesson noticed, hundreds to thousands of steps past N, so the network on screen was not the
one the questions are about (w₁ had decayed to ≈0 after ~3,000 steps instead of 0.6 · 0.99¹⁰⁰). Now,
while a step's train action is open, Play (F5), the panel's Train button, Step (F6) and Step epoch
(Shift+F6) all stop where the N steps since the step opened end, and the status bar says so; once the
step is done, Play runs until paused again.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from core.lesson import Action, Lesson, LessonStep
from core.training import Trainer
from test_lesson_error_hidden import lesson_at_step
from test_lesson_spoilers import open_lesson
from test_training_support import press


def trained(net: core.Network, steps: int) -> np.ndarray:
    """The file's network trained ``steps`` steps as the lesson's answers train it (``core.lesson``)."""
    trainer = Trainer(net.copy())
    trainer.run(steps=steps)
    return trainer.net.flat


def status_line(window) -> str:
    """The training figures at the right of the status bar ("Epoch 100 · Step 100 · …")."""
    return window.training.ui.status_label.text()


def wait_until_stopped(qtbot, student) -> None:
    """Wait for the step's tick; a run still going then (the old Play) is paused with F5, as a student would."""
    window, panel = student.window, student.panel
    qtbot.waitUntil(lambda: "✓ done" in panel.action.text(), timeout=30000)
    if window.training.running:
        student.press(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)


def test_f5_in_weight_decays_train_step_stops_at_exactly_100_steps(qtbot, main_window, canvas):
    """Step 6 trains 5 steps, step 8 "95 more steps (100 in all)": F5 stops at step 100 of the run."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 8)
    action = net.lesson.steps[7].action
    assert (action.kind, action.steps) == ("train", 95)
    assert window.training.latest.step == 5  # step 6's 5 steps
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    assert window.training.latest.step == 100
    assert "Step 100 ·" in status_line(window)
    assert window.statusBar().currentMessage() == "Lesson: stopped at 95 steps."
    assert "✓ done: stopped at exactly 95, as the lesson asks" in student.panel.action.text()
    np.testing.assert_allclose(window.document.network.flat, trained(net, 100), rtol=0, atol=1e-12)

def test_the_perceptrons_50_steps_count_f6_a_pause_and_the_panels_train_button(qtbot, main_window, canvas):
    """The last step's "Train 50 more steps", after step 8's 3: three Steps (F6), then a slow Play paused
    part way, then the Lesson panel's "Train … steps": 50 steps in all since the step opened, exactly, and w
    is where 53 steps of the lesson's training put it."""
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_perceptron", 10)
    panel = student.panel
    assert (net.lesson.steps[9].action.kind, net.lesson.steps[9].action.steps) == ("train", 50)
    assert window.training.latest.step == 3  # step 8's 3 steps
    assert np.array_equal(window.document.network.flat, trained(net, 3))
    assert panel.train_button.isVisible() and panel.train_button.text() == "Train 50 steps"
    for k in range(1, 4):
        student.press(Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not window.training.running and window.training.latest.step == 3 + k,
                        timeout=10000)
    assert panel.train_button.text() == "Train 47 more steps"

    toolbar = window.training.toolbar
    toolbar.speed.setValue(10)  # 10 steps a second: a pause lands part way
    student.press(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.training.latest.step >= 8, timeout=10000)
    student.press(Qt.Key.Key_F5)  # Pause
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    paused_at = window.training.latest.step - 3
    assert 5 <= paused_at < 50 and f"not done yet: {paused_at} of 50 trained" in panel.action.text()
    assert panel.train_button.text() == f"Train {50 - paused_at} more steps"
    toolbar.speed.setValue(toolbar.speed.maximum())

    student.click(panel.train_button)
    wait_until_stopped(qtbot, student)
    assert window.training.latest.step == 53 and "Step 53 ·" in status_line(window)
    assert "✓ done: stopped at exactly 50" in panel.action.text()
    assert not panel.train_button.isVisible()
    assert np.array_equal(window.document.network.flat, trained(net, 53))


def test_step_epoch_stops_where_the_steps_the_lesson_asks_end(qtbot, main_window):
    """XOR trains one sample a step, four to an epoch: a lesson's "Train 3 steps" ends Shift+F6's epoch at 3."""
    window = main_window
    net = core.load_network(core.example_path("xor"))
    net.training.batch_size = 1
    net.lesson = Lesson("Three steps", (LessonStep("Train.", Action("train", steps=3)),))
    student = open_lesson(qtbot, window, net)
    press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    wait_until_stopped(qtbot, student)
    assert window.training.latest.step == 3
    np.testing.assert_allclose(window.document.network.flat, trained(net, 3), rtol=0, atol=1e-12)


def test_a_play_going_on_as_the_train_step_opens_is_paused_and_its_steps_are_not_the_steps(qtbot, main_window):
    """Play pressed on the step before, Next while it runs: the run pauses there; the step's 3 steps are
    the next ones (the status bar and the panel say so), and then the run stops after exactly 3."""
    window = main_window
    net = core.load_network(core.example_path("xor"))
    net.training.batch_size = 1
    net.lesson = Lesson("Three steps", (LessonStep("Read."), LessonStep("Train.", Action("train", steps=3))))
    student = open_lesson(qtbot, window, net)
    student.press(Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step > 20, timeout=20000)
    student.next()
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    assert window.statusBar().currentMessage() == "Paused: this step trains 3 steps."
    paused_at = window.training.latest.step
    assert "(not done yet)" in student.panel.action.text() and student.panel.train_button.text() == "Train 3 steps"
    student.press(Qt.Key.Key_F5)
    wait_until_stopped(qtbot, student)
    assert window.training.latest.step == paused_at + 3
    np.testing.assert_allclose(window.document.network.flat, trained(net, paused_at + 3), rtol=0, atol=1e-12)
