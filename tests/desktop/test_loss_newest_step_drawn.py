"""The Loss panel draws the batch loss of the Step just pressed, at its own step, in a narrow panel too.

In a laptop window (1024×700, the default layout: the Loss panel's plot about 170 px wide), after a few
thousand steps of Play, F6 added the Step's batch loss to the curve's data but the curve drawn did not
reach it: pyqtgraph's downsampling ("peak") drew each chunk of steps as its lowest and highest loss at
the chunk's middle step and left out the last ``len % chunk`` points. The curve drawn ends at the newest
point, its own step and loss, after each of three Steps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_training_support import press, training_window, xor_network  # noqa: F401 (a fixture)

STEPS = 3000  # enough that the plot holds several steps to each of its pixels


def test_each_step_reaches_the_end_of_the_drawn_curve(qtbot, training_window):
    window = training_window(xor_network(batch=8))
    window.resize(1024, 700)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    c, panel = window.training, window.training.ui.loss
    qtbot.waitUntil(lambda: c.worker.is_ready, timeout=30000)
    press(qtbot, window, Qt.Key.Key_F5)  # Play
    qtbot.waitUntil(lambda: c.latest is not None and c.latest.step >= STEPS, timeout=120000)
    press(qtbot, window, Qt.Key.Key_F5)  # Pause
    qtbot.waitUntil(lambda: not c.running, timeout=10000)
    for _ in range(3):
        before = c.latest.step
        press(qtbot, window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda: not c.running and c.latest.step == before + 1, timeout=10000)
        qtbot.wait(50)
        given_x, given_y = panel.step_curve.getOriginalDataset()
        drawn_x, drawn_y = panel.step_curve.getData()
        assert len(given_x) > 4 * panel.loss_plot.getViewBox().width()  # (a narrow plot: several steps a pixel)
        assert (drawn_x[-1], drawn_y[-1]) == (given_x[-1], given_y[-1]), \
            f"step {c.latest.step}: the curve drawn ends at step {drawn_x[-1]:g}, its newest point is at {given_x[-1]:g}"
