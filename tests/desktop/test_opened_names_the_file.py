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


def test_a_built_network_is_named_after_its_file(main_window, canvas, qtbot, dialogs, tmp_path):
    """File → New names the network "Untitled"; saved as mine.bpnet and opened again it stayed "Untitled" in the
    Inspector while the status bar said "Opened mine.bpnet" (teacher review 24 #10d). The file's name field is the
    network's name: a network not named yet takes its file's name when saved, and keeps it when opened."""
    from PySide6.QtCore import QPointF
    from PySide6.QtWidgets import QLineEdit

    window = main_window
    build_xor_by_mouse(window, canvas, qtbot)
    dialogs.answer("save_file", str(tmp_path / "mine"))
    window.actions_by_name["save"].trigger()  # (never saved: Save asks where)
    canvas.click(QPointF(-400, -400))  # nothing selected: the Inspector shows the network
    name = window.findChild(QLineEdit, "network_name")
    qtbot.waitUntil(lambda: name.text() == "mine", timeout=5000)
    assert not window.document.dirty and "Untitled" not in window.windowTitle()
    window.actions_by_name["new"].trigger()
    qtbot.waitUntil(lambda: name.text() == "Untitled", timeout=5000)
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()
    canvas.click(QPointF(-400, -400))
    qtbot.waitUntil(lambda: name.text() == "mine", timeout=5000)
    assert window.statusBar().currentMessage() == "Opened mine.bpnet"
