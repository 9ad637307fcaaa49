"""After File → New, building, Save As and Open, the status bar names the file opened (teacher review 21: it
said "Opened Untitled", the name File → New gives every network)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from test_editor import build_xor_by_mouse


def test_reopening_a_built_network_names_its_file(main_window, canvas, qtbot, dialogs, tmp_path):
    window = main_window
    build_xor_by_mouse(window, canvas, qtbot)
    dialogs.answer("save_file", str(tmp_path / "mine"))
    window.actions_by_name["save_as"].trigger()
    window.actions_by_name["new"].trigger()
    dialogs.answer("question", QMessageBox.StandardButton.Discard)
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()
    assert [layer.name for layer in window.document.network.layers] == ["x", "h1", "y"]
    said = window.statusBar().currentMessage()
    assert said.startswith("Opened mine.bpnet") and "Untitled" not in said, said
