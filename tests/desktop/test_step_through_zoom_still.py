"""A walk's first press shows the network at one zoom. A student presses F8 on a big network
(784-64-10 at 1400×900): the step bar takes a line more for the walk's sentences, and the canvas under
it is that much lower. The bar grew a turn of the event loop after the canvas had fitted and painted
Forward, so the canvas fitted again at its new height and Forward was painted at a second zoom: the
picture jumped on the student's press (and the canvas was fitted twice a walk)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from test_training_support import press
from training_networks import big_network


class WalkZooms(QObject):
    """The canvas's zoom at each of its paintings while a walk is shown."""

    def __init__(self, window):
        super().__init__()
        self.window, self.zooms = window, []
        window.canvas.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.window.view_state.stepping is not None:
            self.zooms.append(round(self.window.canvas.transform().m11(), 4))
        return False


def test_forward_is_painted_at_one_zoom(qtbot, main_window):
    window = main_window
    window.resize(1400, 900)
    window.document.replace_network(big_network(), None)
    qtbot.wait(300)
    painted = WalkZooms(window)
    press(qtbot, window, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    for _ in range(3):  # the window lays itself out after the press, and the canvas fits again if it must
        qtbot.wait(100)
        QApplication.instance().processEvents()
    assert window.view_state.stepping.phase == "forward"
    assert painted.zooms, "Forward was not painted"
    assert len(set(painted.zooms)) == 1, f"Forward was painted at zooms {painted.zooms}"
