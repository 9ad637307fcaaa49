"""Review 21: after Load CSV… of a file with columns a, b, label the Output map named its axes "a" and
"b" (also the app's name for an activation) while the canvas and the Dataset panel say x₀ and x₁:
the axes read "x₀ (a)" and "x₁ (b)"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog


def test_the_output_maps_axes_say_x0_and_x1_with_the_csv_columns(main_window, dialogs, qtbot, tmp_path,
                                                                  monkeypatch):
    window = main_window
    csv = tmp_path / "xor.csv"
    csv.write_text("a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    window.panel_docks["dataset_panel"].raise_()
    dialogs.answer("open_file", str(csv))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a, b -> label
    qtbot.mouseClick(window.training.ui.dataset.csv_button, Qt.MouseButton.LeftButton)
    assert window.document.network.dataset.source["inputs"] == ["a", "b"]
    window.panel_docks["output_map_panel"].raise_()
    plot = window.panels["output_map"].plot
    qtbot.waitUntil(lambda: plot.getAxis("bottom").labelText == "x₀ (a)", timeout=5000)
    assert plot.getAxis("left").labelText == "x₁ (b)"
