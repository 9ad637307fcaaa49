"""A step-through press (F8) reaches the canvas first: the network is painted in the new phase
before the panels that follow it (the loss plot showing the step's loss in the Loss phase)
redraw, so the student's press is answered without waiting for the plots."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from test_training_support import press, training_window, xor_network  # noqa: F401 (a fixture)


class PaintLog(QObject):
    """Records, in order, which of the watched widgets paint."""

    def __init__(self, watched: dict):
        super().__init__()
        self.watched = watched  # widget -> name
        self.order: list[str] = []

    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and obj in self.watched:
            self.order.append(self.watched[obj])
        return False


def test_f8_paints_the_canvas_before_the_loss_plot(qtbot, training_window):
    window = training_window(xor_network())
    c, view_state = window.training, window.view_state
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    loss_plot = window.training.ui.loss.plots.viewport()
    log = PaintLog({window.canvas.viewport(): "canvas", loss_plot: "loss plot"})
    QApplication.instance().installEventFilter(log)
    try:
        press(qtbot, window, Qt.Key.Key_F8)  # Forward: asks the process for the step's numbers
        qtbot.waitUntil(lambda: view_state.stepping is not None and view_state.stepping.phase == "forward")
        qtbot.wait(100)
        for phase in ("loss", "backward"):
            log.order.clear()
            press(qtbot, window, Qt.Key.Key_F8)
            assert view_state.stepping.phase == phase
            expected = {"canvas", "loss plot"} if phase == "loss" else {"canvas"}  # Loss shows the step's loss
            qtbot.waitUntil(lambda: expected <= set(log.order), timeout=3000)
            assert log.order[0] == "canvas", f"{phase}: painted in the order {log.order}"
    finally:
        QApplication.instance().removeEventFilter(log)
        window.stepper.cancel()
