"""The words in place of a number not reached yet are right in every phase of the step-through.

A teacher's review: in the step-through's Forward phase the status bar and the Loss panel read
"accuracy ? (computed in Forward)" while the student was in Forward; and the accuracy was written
once Forward reached the output, though it compares the output with the target (the Loss phase's
work) and the accuracy curve stayed hidden until the Loss phase. Now the words say when the number
will appear ("? (appears in the Loss phase)", "? (appears when Backward reaches h)"), never "computed
in" the phase the student is in, and the accuracy appears with the loss, in the Loss phase.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

import core
from desktop.view_values import Selection
from window_texts import window_texts

PHASE_NAMES = {"forward": "Forward", "loss": "Loss", "backward": "Backward", "update": "Update"}


def open_lesson(qtbot, window, name: str) -> None:
    assert window.files.open_example(str(core.example_path(name)))  # the Lessons menu's action
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)


def figures(window) -> dict[str, str]:
    """The two lines that write the loss and the accuracy: the status bar's and the Loss panel's."""
    return {"status bar": window.training.ui.status_label.text(), "Loss panel": window.training.ui.loss.summary.text()}


def press(qtbot, window, key) -> None:
    before = window.view_state.stepping
    qtbot.keyClick(window.canvas, key)
    qtbot.waitUntil(lambda: window.view_state.stepping is not before, timeout=10000)


def test_no_text_says_computed_in_the_phase_the_student_is_in(qtbot, lesson_window):
    """F7 (one layer at a time) through a step of XOR, with an edge into the hidden layer and
    the output neuron selected in turn: no visible text says '(computed in <this phase>)'."""
    window = lesson_window
    open_lesson(qtbot, window, "xor")
    window.canvas.setFocus()
    press(qtbot, window, Qt.Key.Key_F7)
    phases = []
    while window.view_state.stepping is not None:
        step = window.view_state.stepping
        phases.append(step.phase)
        for selection in (Selection.edge("x", "h", 0, 0), Selection.of_layers("h", neuron=0), Selection.of_layers("y", neuron=0)):
            window.view_state.select(selection)
            qtbot.wait(1)
            contradicting = [t for t in window_texts(window) if f"computed in {PHASE_NAMES[step.phase]}" in t]
            assert not contradicting, f"in {step.phase} (layer {step.layer}): {contradicting}"
        if step.phase == "update":
            break
        press(qtbot, window, Qt.Key.Key_F7)
    assert set(phases) == set(PHASE_NAMES)


def test_the_accuracy_appears_with_the_loss_in_the_loss_phase(qtbot, lesson_window):
    """F8 (Forward through every layer, the output reached): the loss and the accuracy both read
    '? (appears in the Loss phase)' on the status bar and the Loss panel, as the accuracy curve is
    hidden; F8 again (the Loss phase): both figures are written, as they were before the walk."""
    window = lesson_window
    open_lesson(qtbot, window, "xor")
    qtbot.waitUntil(lambda: "accuracy" in figures(window)["status bar"], timeout=5000)
    before = figures(window)
    assert "?" not in "".join(before.values()) and "accuracy" in before["Loss panel"]
    window.canvas.setFocus()
    press(qtbot, window, Qt.Key.Key_F8)
    step = window.view_state.stepping
    assert step.phase == "forward" and step.layer == len(step.trace.layers) - 1  # the output computed
    assert window.view_state.revealed("output", "y")
    for where, text in figures(window).items():
        assert "loss ? (appears in the Loss phase)" in text, (where, text)
        assert "accuracy ? (appears in the Loss phase)" in text, (where, text)
    panel = window.training.ui.loss
    assert len(panel.train_acc_curve.getData()[0] or []) == 0  # the accuracy at step 0: not drawn yet either
    press(qtbot, window, Qt.Key.Key_F8)
    assert window.view_state.stepping.phase == "loss"
    qtbot.waitUntil(lambda: figures(window) == before, timeout=5000)
    assert len(panel.train_acc_curve.getData()[0]) == 1  # and its point is drawn


def test_the_output_map_says_when_the_output_will_appear(qtbot, lesson_window):
    """F7 (Forward has computed the hidden layer only): the output map names the layer Forward
    has still to reach, in the same words as the canvas."""
    window = lesson_window
    open_lesson(qtbot, window, "xor")
    window.canvas.setFocus()
    press(qtbot, window, Qt.Key.Key_F7)
    assert (window.view_state.stepping.phase, window.view_state.stepping.layer) == ("forward", 1)
    label = window.training.ui.output_map.label.text()
    assert label == "The network's output: ? (appears when Forward reaches y)."
    assert window.view_state.pending("a", "y") == "? (appears when Forward reaches y)"
