"""Review 21: Load CSV… of a file whose text label holds two classes, on a network whose output has one
unit: the Dataset panel says why and what to do first, whole at 1024×700 (the remedy was cut off
at the bottom of "…the dataset has 2 target")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog


def test_the_refusal_and_its_remedy_are_shown_whole_at_1024(main_window, dialogs, qtbot, tmp_path, monkeypatch):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    csv = tmp_path / "textlabel.csv"
    csv.write_text("a,b,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n", encoding="utf-8")
    window.panel_docks["dataset_panel"].raise_()
    panel = window.training.ui.dataset
    dialogs.answer("open_file", str(csv))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a, b -> label
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    for _ in range(5):
        QApplication.processEvents()
    info = panel.info
    assert info.text().startswith("Cannot train this network: column 'label' holds 2 classes (no, yes), "
                                  "one output each: give 'y' 2 units (softmax).")
    assert info.isVisible() and info.heightForWidth(info.width()) <= info.height()  # every line shown
