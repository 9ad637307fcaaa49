"""While the Loss plot draws its ring ○ (and its legend names it), the line under the plots gives its number.

The teacher's review 13: at the end of guided_weight_decay at 1024×700 the legend read "○ now, all data"
and the plot drew the ring, but the line under the plots, in its short form, read "last batch loss 0.007895
· epoch 100 mean: loss 0.007895 (data loss 0.0001181 + penalty 0.0077772)": no number for the ring, and
the status bar's "now, all training data: loss 0.007846" a loss found nowhere in the panel. The short
forms now give way with the batch's and the epoch's figures, never with the ring's.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication, QLabel

from desktop.panels.loss import LossPanel
from desktop.panels.loss_now import RING
from desktop.panels.loss_words import NOW_LABEL
from test_lesson_error_hidden import lesson_at_step
from test_loss_summary_fits import drawn_lines


def test_the_end_of_the_weight_decay_lesson_names_the_rings_loss_at_1024(qtbot, main_window, canvas):
    window = main_window
    window.resize(1024, 700)
    qtbot.wait(50)
    window.apply_default_layout()
    student, net = lesson_at_step(qtbot, window, canvas, "guided_weight_decay", 10)
    assert len(net.lesson.steps) == 10  # its last step: the lesson has trained, and ends here
    student.click(student.panel.next_button)  # Finish
    label = window.findChild(QLabel, "status_training")
    qtbot.waitUntil(lambda: "now, all training data: loss" in label.text(), timeout=10000)
    for _ in range(5):  # the panels lay out their last words
        qtbot.wait(20)
        QApplication.instance().processEvents()
    status = label.text()
    now = re.search(r"now, all training data: loss (\S+)", status).group(1)  # "0.007846"

    panel = window.findChild(LossPanel)
    assert panel.width() < 300  # the narrow dock of a laptop's window
    assert NOW_LABEL in panel.legend_entries()  # the legend names the ring …
    lines = drawn_lines(panel.summary)
    shown = " ".join(lines)
    assert f"{RING} now, all data: {now}" in shown, (shown, status)  # … and the line under the plots its number
    assert shown == panel.summary.text(), (lines, panel.summary.text())  # drawn whole
