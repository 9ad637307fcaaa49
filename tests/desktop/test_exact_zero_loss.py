"""A loss that is exactly 0 reads "0", not "< 1e−12" (review 12 #5).

guided_perceptron trains w to exactly 1/3 (1.5·w − 0.5 = 0.0 in floating point): the heatmap says "Every
dL/dw is exactly 0" while the Loss caption and the status bar read "loss < 1e−12", which a student takes
for "not quite 0". "< 1e−12" stays for a nonzero rounding-size loss (``core.notation.format_loss``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from test_loss_numbers_agree import open_lesson
from window_texts import window_texts


def test_guided_perceptrons_trained_loss_reads_0_in_the_status_bar_and_the_loss_caption(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    status, _loss_panel = open_lesson(qtbot, window, "guided_perceptron")
    window.canvas.setFocus()
    for _ in range(2):  # F5 starts training, F5 again stops it once w has settled
        qtbot.keyClick(window.canvas, Qt.Key.Key_F5)
        if not window.training.running:
            break
        qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.step >= 200,
                        timeout=30000)
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    qtbot.waitUntil(lambda: window.training.latest.evaluation is not None, timeout=10000)
    net = window.document.network
    assert float(net.forward(net.dataset.inputs)[0, 0] - net.dataset.targets[0, 0]) == 0.0  # exactly 0
    qtbot.wait(300)
    texts = window_texts(window)
    tiny = [t for t in texts if "1e−12" in t]
    assert not tiny, tiny
    assert "loss 0" in status.text(), status.text()
