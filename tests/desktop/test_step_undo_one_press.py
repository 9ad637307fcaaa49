"""Ctrl+Z after F6 takes back one press, says so, and the lesson's "n of N trained" follows; memory stays bounded.

Teacher review 15, #5: at guided_weight_decay's step 6 ("Train 5 steps") five presses of F6 left one undo
entry, "Training step", and one Ctrl+Z went from step 5 to step 0 ("not done yet", no "4 of 5"). Each Step is
now its own undo entry while the Steps in a row hold at most ``SEPARATE_STEPS_BYTES``; past that (a big
network pressed many times) the next Steps join the newest entry, named with its count ("Training: 5
steps"), and the status bar says what an Undo took back ("Undid 5 training steps").
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

import core
from desktop.training.step_command import ENTRY_OVERHEAD, SEPARATE_STEPS_BYTES
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press, press_step, training_window  # noqa: F401 (a fixture)
from training_networks import big_network

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def undo_texts(doc) -> list[str]:
    stack = doc.undo_stack
    return [stack.text(k) for k in range(stack.index())]


def test_ctrl_z_after_five_presses_takes_back_the_last_press(qtbot, main_window, canvas):
    window = main_window
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 6)
    panel, doc, controller = student.panel, window.document, window.training
    assert net.lesson.steps[5].action.steps == 5
    trainer, after = core.Trainer(net.copy()), [net.flat.copy()]
    for k in range(1, 6):
        trainer.run(steps=1)
        after.append(trainer.net.flat.copy())
    for k in range(1, 6):
        student.press(Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not controller.running and controller.latest.step == k, timeout=10000)
    np.testing.assert_allclose(doc.network.flat, after[5], rtol=0, atol=1e-12)
    assert "✓ done: stopped at exactly 5" in panel.action.text()
    assert undo_texts(doc) == ["Training step"] * 5  # one entry per press (was ["Training step"] for all five)

    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # one press back: the weights after 4 steps, "4 of 5"
    np.testing.assert_allclose(doc.network.flat, after[4], rtol=0, atol=1e-12)
    qtbot.waitUntil(lambda: "not done yet: 4 of 5 trained" in panel.action.text(), timeout=5000)
    assert not panel.next_button.isEnabled()
    assert window.statusBar().currentMessage() == "Undid 1 training step"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    np.testing.assert_allclose(doc.network.flat, after[3], rtol=0, atol=1e-12)
    qtbot.waitUntil(lambda: "not done yet: 3 of 5 trained" in panel.action.text(), timeout=5000)

    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    press(qtbot, window, Qt.Key.Key_Z, CTRL | SHIFT)
    np.testing.assert_allclose(doc.network.flat, after[5], rtol=0, atol=1e-12)
    qtbot.waitUntil(lambda: "✓ done: stopped at exactly 5" in panel.action.text(), timeout=5000)
    assert panel.next_button.isEnabled()
    # the lesson's words on the step done again come after the Redo's (teacher review 16, #5)
    assert window.statusBar().currentMessage() == "Redid 1 training step (Lesson: stopped at 5 steps)"


def test_many_presses_of_a_big_network_merge_past_the_budget_and_say_how_many(qtbot, training_window):
    window = training_window(big_network(samples=300))
    doc = window.document
    parameters = doc.network.flat.size  # 50,890
    entry = 2 * 8 * parameters + ENTRY_OVERHEAD
    separate = SEPARATE_STEPS_BYTES // entry  # 20 entries of their own, then the Steps join the newest
    presses = separate + 4
    weights = [doc.network.flat.copy()]
    for _ in range(presses):
        press_step(qtbot, window)
        weights.append(doc.network.flat.copy())
    merged = presses - separate + 1  # the newest separate entry took the later presses in
    assert undo_texts(doc) == ["Training step"] * (separate - 1) + [f"Training: {merged} steps"]
    stack = doc.undo_stack
    held = sum(stack.command(k).old.nbytes + stack.command(k).new.nbytes for k in range(stack.count()))
    assert held == separate * 2 * 8 * parameters <= SEPARATE_STEPS_BYTES  # bounded, however many presses

    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # the merged entry: its steps, said
    assert np.array_equal(doc.network.flat, weights[separate - 1])
    assert window.statusBar().currentMessage() == f"Undid {merged} training steps"
    press(qtbot, window, Qt.Key.Key_Z, CTRL)  # then one press at a time
    assert np.array_equal(doc.network.flat, weights[separate - 2])
    assert window.statusBar().currentMessage() == "Undid 1 training step"
