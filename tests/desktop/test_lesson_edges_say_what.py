"""Every number on an edge says what it is, and the heatmaps' "Canvas edges show dL/dw" box shows what the edges show.

Teacher review 24 #3: guided_chain_rule step 7 (F8 three times: Backward reaches h) wrote dL/dw on the h → y edges
as bare numbers ("−0.2789", "0.1628"), in the weights' colours; step 8 wrote the same edges "w 0.5", "w −0.4" (its
formula takes those weights); the Gradient heatmaps panel's box stayed unticked (and greyed) all the while. A student
who needs w[h→y][0,0] at step 10 read −0.2789 for it. Now a dL/dw on an edge reads "dL/dw −0.2789", a weight among
them "w 0.5", and the box is ticked while the edges show dL/dw (greyed: the phase decides), unticked again once the
step-through ends.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

import core
from test_lesson_error_hidden import lesson_at_step
from test_training_support import press


def edge_texts(qtbot, window, source: str, target: str) -> list[str]:
    qtbot.wait(150)  # (the canvas repaints after the change)
    view = window.canvas
    net = window.document.network
    rows, cols = net.weights[(source, target)].shape
    return [view.edge_item(source, target, j, i).label_text() for j in range(rows) for i in range(cols)]


def number(value: float) -> str:
    return core.format_number(value, 4).replace("-", "−")


def test_gradients_and_weights_on_the_edges_are_named_and_the_box_agrees(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    student, net = lesson_at_step(qtbot, window, canvas, "guided_chain_rule", 7)
    toggle = window.training.ui.heatmaps.canvas_toggle
    assert not toggle.isChecked()
    for _ in range(3):  # step 7: "press F8 three times"
        press(qtbot, window, Qt.Key.Key_F8)
        qtbot.wait(200)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None and window.view_state.stepping.phase == "backward")
    gradient = core.trace_step(net, 0).weights("h", "y", "gradient")
    texts = edge_texts(qtbot, window, "h", "y")
    assert texts == [f"dL/dw {number(g)}" for g in gradient.ravel()], texts
    assert toggle.isChecked() and not toggle.isEnabled(), "the box says the edges show weights while they show dL/dw"
    student.next()  # step 8: its formula takes w[h→y]: those edges write the weights, named; x → h writes dL/dw
    weights = edge_texts(qtbot, window, "h", "y")
    assert weights == [f"w {number(w)}" for w in net.weights[("h", "y")].ravel()], weights
    assert all(t.startswith("dL/dw ") or t == "?" for t in edge_texts(qtbot, window, "x", "h"))
    assert toggle.isChecked()
    press(qtbot, window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # the step-through ends
    qtbot.waitUntil(lambda: window.view_state.stepping is None)
    assert not toggle.isChecked() and toggle.isEnabled()
    assert not any(t.startswith("dL/dw") for t in edge_texts(qtbot, window, "h", "y"))
