"""A Step (F6) reaches the canvas once: one announcement of the view state, one painting.

Issue 20: a Step reached the canvas twice, through the commit of its weights into the
document and through its snapshot (the next mini-batch's rows), so the canvas, the chain
rule and every other reader of the view state did their work twice and the canvas painted
twice. Driven by the F6 key in the real window with its training process.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QObject, Qt

from test_training_support import training_window, xor_network  # noqa: F401 (a fixture)


class Paints(QObject):
    """Counts the paint events the canvas's viewport receives."""

    def __init__(self, widget):
        super().__init__()
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def test_f6_paints_the_canvas_once_with_the_steps_weights(qtbot, training_window):
    window = training_window(xor_network(hidden=3))
    c, doc, view_state = window.training, window.document, window.view_state
    view_state.set_sample(None)  # the next mini-batch: each Step tells the canvas new rows to trace
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    assert c.wait_for_step_0()
    qtbot.wait(200)  # whatever step 0 left to paint
    paints = Paints(window.canvas.viewport())
    announced = []
    view_state.changed.connect(lambda: announced.append(view_state.batch_rows.copy()))
    for step in (1, 2, 3):
        paints.count, announced[:] = 0, []
        window.canvas.setFocus()
        qtbot.keyClick(window.canvas, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not c.running and c.latest is not None and c.latest.step == step, timeout=10000)
        qtbot.wait(150)  # time for any second painting to come
        assert len(announced) == 1, f"Step {step}: the view state announced {len(announced)} changes, not one"
        assert paints.count == 1, f"Step {step}: the canvas painted {paints.count} times, not once"
        # what was painted once is the step's: its weights on the edges, the next batch traced
        assert np.array_equal(announced[0], c.latest.next_rows)
        scene = window.canvas.scene()
        assert np.array_equal(scene.values["x", "h"], doc.network.weights["x", "h"])
        assert np.array_equal(view_state.parameters(), c.latest.parameters)
