"""Load CSV… of a target the loss cannot take, then F5: the window says why, names the place, and trains nothing.

Found while testing: xor (sigmoid output, binary_cross_entropy) with a CSV whose column 'y' holds 100.5 trained
on F5 and showed "loss −36.74" with no warning; a student reads a negative cross-entropy as a right number.
Now the Dataset panel and the status bar say "the binary_cross_entropy loss needs targets between 0 and 1:
scores.csv, line 7, column 'y' holds 100.5 (…)", F5 is refused in those words, and no loss is shown.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog

from lesson_support import Student
from test_editor_readable import open_at
from text_probe import drawn_texts

NEEDS = ("the binary_cross_entropy loss needs targets between 0 and 1: scores.csv, line 7, column 'y' holds 100.5 "
         "(for such numbers use mse and an identity output, or scale the column to 0…1)")


def shown_texts(window) -> list[str]:
    """Every line a student reads about training: the status bar (both parts), the Loss panel's line, the canvas."""
    ui = window.training.ui
    return [window.statusBar().currentMessage(), ui.status_label.text(), ui.status_label.toolTip(),
            ui.loss.summary.text(), *(text for text, _ in drawn_texts(window.canvas))]


@pytest.mark.parametrize("size", [(1024, 700)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_target_of_100_5_under_binary_cross_entropy_is_refused_with_its_place(qtbot, main_window, dialogs,
                                                                                tmp_path, monkeypatch, size):
    window = main_window
    open_at(window, "xor", size)
    csv = tmp_path / "scores.csv"
    csv.write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n\n1,1,0\n0.2,0.1,100.5\n", encoding="utf-8")
    student = Student(qtbot, window)
    student.click_tab("Dataset")
    panel = window.training.ui.dataset
    dialogs.answer("open_file", str(csv))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a, b -> y
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    assert window.document.network.dataset.targets[-1, 0] == 100.5  # loaded, as the student asked
    info = panel.info
    assert info.text().startswith(f"Cannot train this network: {NEEDS}."), info.text()
    qtbot.waitUntil(lambda: "No loss" in window.training.ui.loss.summary.text(), timeout=10000)
    QApplication.processEvents()
    assert info.isVisible() and info.heightForWidth(info.width()) <= info.height()  # the remedy shown whole
    status = window.training.ui.status_label
    assert status.text() == f"Cannot train: {NEEDS}"  # (cut at the bar's width, whole in its tooltip)

    weights = window.document.network.flat.copy()
    student.press(Qt.Key.Key_F5)
    for _ in range(5):
        QApplication.processEvents()
    assert window.statusBar().currentMessage() == f"Cannot train: {NEEDS}"
    assert not window.training.running
    assert np.array_equal(window.document.network.flat, weights)  # nothing trained
    texts = shown_texts(window)
    assert not any("loss −" in text or "L = −" in text for text in texts), texts  # no negative "loss" anywhere
