"""When the data stop fitting the network, the Loss panel's plots say why they are empty (leftovers 24, #3).

xor played for a few hundred steps at 1024×700, then Dataset → Load CSV… of a target the binary cross-entropy
cannot take (100.5): the line under the plots said "No loss: the dataset does not fit the network", but the plot
kept the run before's axes (0 … 400 steps, loss 0 … 0.7) and drew its curve, now a compared run, under a legend
naming "this run": a student read the earlier data's curve as the loss now. Now a note covers the plots, saying
that training cannot run on this data, and the legend goes; Ctrl+Z (the CSV undone) brings the plots back.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QLabel

from lesson_support import Student
from test_editor_readable import open_at
from test_training_support import wait_steps


def empty_note(window) -> QLabel | None:
    """The words over the Loss panel's plots when it has nothing to plot (found as a screen reader finds it)."""
    return next((label for label in window.findChildren(QLabel) if label.accessibleName() == "Why the loss plot is empty"),
                None)


def covers(note: QLabel, plots) -> bool:
    """``note`` is shown over the whole of ``plots``."""
    top_left = note.mapTo(plots, QPoint(0, 0))
    return note.isVisible() and QRect(top_left, note.size()).contains(plots.rect())


def test_data_the_loss_cannot_take_empties_the_plot_and_says_why(qtbot, main_window, dialogs, tmp_path, monkeypatch):
    window = main_window
    open_at(window, "xor", (1024, 700))
    student = Student(qtbot, window)
    student.press(Qt.Key.Key_F5)  # Play
    wait_steps(qtbot, window.training, 200, timeout=30000)
    student.press(Qt.Key.Key_F5)  # Pause
    qtbot.waitUntil(lambda: not window.training.running, timeout=10000)
    loss = window.training.ui.loss
    note = empty_note(window)
    assert note is None or not note.isVisible()  # a run to show: its curve shows

    csv = tmp_path / "scores.csv"
    csv.write_text("a,b,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.2,0.1,100.5\n", encoding="utf-8")
    student.click_tab("Dataset")
    dialogs.answer("open_file", str(csv))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a, b -> y
    qtbot.mouseClick(window.training.ui.dataset.csv_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No loss" in loss.summary.text(), timeout=10000)
    QApplication.processEvents()
    note = empty_note(window)
    assert note is not None and covers(note, loss.plots), "the plot keeps the earlier run's axes and curve"
    assert "training cannot run on this data" in note.text(), note.text()
    assert not loss.legend.isVisible()  # no legend naming "this run", a curve not drawn

    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the CSV undone: the data fit again
    qtbot.waitUntil(lambda: "No loss" not in loss.summary.text(), timeout=10000)
    QApplication.processEvents()
    assert not note.isVisible() and loss.legend.isVisible()
