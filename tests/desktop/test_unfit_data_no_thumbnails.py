"""Leftover 23 #1: after Load CSV… of data with 3 input columns onto a 2-input network (the app says the data
does not fit), the neurons' thumbnails on the canvas still drew the curves of the previous data. While the data
does not fit, no neuron shows a picture; back on data that fits (Undo), the pictures come back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog


def pictures(window) -> dict:
    """{(layer, k): whether the canvas draws a thumbnail in that neuron} for every neuron of the network."""
    scene = window.canvas.scene()
    net = window.document.network
    return {(layer.name, k): scene.thumbnail(layer.name, k) is not None for layer in net.layers
            for k in range(layer.units)}


def test_data_that_does_not_fit_leaves_no_old_pictures_in_the_neurons(main_window, dialogs, qtbot, tmp_path,
                                                                     monkeypatch):
    window = main_window
    assert window.document.network.layers[0].units == 2
    qtbot.waitUntil(lambda: all(pictures(window).values()), timeout=10000)
    csv = tmp_path / "three.csv"
    csv.write_text("a,b,c,label\n0,0,1,0\n0,1,0,1\n1,0,0,1\n1,1,1,0\n", encoding="utf-8")
    window.panel_docks["dataset_panel"].raise_()
    dialogs.answer("open_file", str(csv))
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (k.get("text", ""), True))  # a, b, c -> label
    qtbot.mouseClick(window.training.ui.dataset.csv_button, Qt.MouseButton.LeftButton)
    assert window.document.network.dataset.inputs.shape[1] == 3
    assert window.canvas.scene().view_state.data_unfit()
    qtbot.wait(300)  # (the training process's answer, if any, comes in meanwhile)
    assert not any(pictures(window).values()), pictures(window)
    window.canvas.setFocus()
    qtbot.keyClick(window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo: the data that fits
    assert window.document.network.dataset.inputs.shape[1] == 2
    qtbot.waitUntil(lambda: all(pictures(window).values()), timeout=10000)
