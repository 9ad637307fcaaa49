"""A tiny colour scale's warning keeps the words of the weights shown (teacher's review 20, finding 4).

A trained xor at 1024×700: the heatmap's one-line caption said only "Tiny gradients: full colour at
only ±5e−5." in place of "dL/dw for sample 0, at the weights after step 500": the student could not
tell which weights the cells are the gradient at. Now its short form keeps both:
"Tiny gradients (±5e−5), weights after step 500."
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QSpinBox

import core
from test_status_bar_readable import drawn_lines
from test_training_support import wait_finished


def test_a_trained_xors_tiny_gradients_caption_names_its_weights_at_1024x700(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("xor")))
    window.apply_default_layout()
    window.training.wait_for_step_0()
    stop = window.findChild(QSpinBox, "toolbar_stop_epochs")  # the student types 500 into "Stop at epoch"
    stop.lineEdit().selectAll()
    qtbot.keyClicks(stop.lineEdit(), "500")
    qtbot.keyClick(stop.lineEdit(), Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_F5)  # Play
    snap = wait_finished(qtbot, window.training, timeout=60000)
    assert snap.step == 500  # xor's 4 samples in batches of 4: one step an epoch
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: "after step 500" in panel.what.toolTip(), timeout=10000)
    for _ in range(5):  # the layout settles
        QApplication.instance().processEvents()

    shown = " ".join(text for text, _ in drawn_lines(panel.what))
    assert shown.startswith("Tiny gradients"), shown  # the warning, with the bar's end
    assert "±" in shown, shown
    assert "after step 500" in shown, shown  # and the weights the cells are the gradient at
    for text, box in drawn_lines(panel.what):  # every line whole
        assert box.top() >= -0.5 and box.bottom() <= panel.what.height() + 0.5, (text, box)
