"""Review 21, finding 4: a saved network whose CSV was moved opens without its data, never refused.

Driven as a student meets it: Dataset → Load CSV… ``xor.csv``, Save As ``mine.bpnet`` beside it,
the CSV is moved away, File → Open ``mine.bpnet``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog


XOR = "a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"
NOTE = "xor.csv was not found beside mine.bpnet: Load CSV… again"


def test_a_network_whose_csv_was_moved_opens_without_its_data_and_says_so(main_window, dialogs, qtbot,
                                                                            tmp_path, monkeypatch):
    window = main_window
    csv = tmp_path / "xor.csv"
    csv.write_text(XOR, encoding="utf-8")
    window.panel_docks["dataset_panel"].raise_()
    panel = window.training.ui.dataset
    dialogs.answer("open_file", str(csv))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a, b -> label
    qtbot.mouseClick(panel.csv_button, Qt.MouseButton.LeftButton)
    assert window.document.network.dataset is not None and len(window.document.network.dataset) == 4
    dialogs.answer("save_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["save_as"].trigger()
    saved = window.document.network.parameters().copy()
    csv.rename(tmp_path / "elsewhere.csv")

    window.files.new()  # another network in the window, then File → Open
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()

    assert dialogs.of("critical") == []
    network = window.document.network
    assert network.dataset is None and [layer.name for layer in network.layers] == ["x", "h", "y"]
    assert (network.parameters() == saved).all()
    assert NOTE in window.statusBar().currentMessage()
    assert window.training.ui.dataset.info.text() == NOTE
    assert window.training.ui.dataset.isVisible()  # its tab is in front

