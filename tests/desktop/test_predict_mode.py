"""View → Predict Mode on a network without a lesson: the next phase's numbers are hidden on the canvas;
the student clicks a neuron, types a guess in the Predict panel, presses F8 and sees the real value
beside the guess, coloured by how close it was."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import core
from desktop.lesson.predict import AMBER, GREEN, RED, closeness


def type_guess(panel, text: str) -> None:
    panel.guess_box.setFocus()
    QTest.keyClicks(panel.guess_box, text)
    QTest.keyClick(panel.guess_box, Qt.Key.Key_Return)


def f8(qtbot, window) -> None:
    before = window.view_state.stepping
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not before, timeout=10000)


def test_guess_then_reveal_through_one_step(qtbot, main_window, canvas):
    window = main_window
    window.document.replace_network(core.load_network(core.example_path("xor")), None)  # laid out: h can be clicked
    vs = window.view_state
    real_a = vs.neuron("h", 1).a
    window.actions_by_name["predict_mode"].trigger()
    panel = window.predict_dock.widget()
    assert window.predict_dock.isVisible() and "Next: Forward" in panel.about.text()
    assert vs.shown_number("h", 1) == (None, "?") and vs.shown_number("y", 0) == (None, "?")
    assert vs.shown_number("x", 0)[1] == "x" and vs.shown_number("x", 0)[0] is not None  # inputs stay

    qtbot.wait(300)  # the canvas fits the new network first
    item = window.scene.layer_items["h"]
    canvas.click(item.mapToScene(item.neuron_centre(1)))
    assert vs.selection is not None and vs.selection.j == 1, vs.selection
    assert "a of h[1]" in panel.about.text()
    focused = QApplication.focusWidget()
    assert focused is panel.guess_box  # clicking the "?" lets the student type the guess at once
    QTest.keyClicks(focused, f"{real_a * 1.05:.6f}")  # 5 % off
    QTest.keyClick(focused, Qt.Key.Key_Return)
    assert "F8 reveals it" in panel.results.text()

    f8(qtbot, window)  # Forward: a is shown, the loss is hidden next
    assert vs.shown_number("h", 1) == (real_a, "a")
    assert AMBER in panel.results.text() and core.format_number(real_a, 4) in panel.results.text()
    assert "Next: Loss" in panel.about.text()
    type_guess(panel, "0.25")
    f8(qtbot, window)  # Loss: revealed; Backward's δ and dL/dw hidden now
    loss = vs.stepping.trace.loss
    assert core.format_number(loss, 4) in panel.results.text()
    assert ("dL/dw", None) in vs.hidden and vs.traced_gradient() is not None
    assert all(value != value for value in vs.traced_gradient())  # every dL/dw hidden until F8: NaN
    f8(qtbot, window)
    assert vs.stepping.phase == "backward" and vs.shown_number("h", 1)[1] == "δ"
    assert not any(value != value for arrays in vs.edge_arrays().values() for value in arrays.ravel())

    window.actions_by_name["predict_mode"].trigger()  # off: nothing hidden any more
    assert vs.hidden == frozenset() and not window.predict_dock.isVisible()


def test_the_colour_says_how_close():
    assert closeness(1.005, 1.0)[1] == GREEN and closeness(1.05, 1.0)[1] == AMBER and closeness(2, 1)[1] == RED
    assert closeness(0.0, 0.0) == (0.0, GREEN)
