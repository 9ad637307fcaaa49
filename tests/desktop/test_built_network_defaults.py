"""A network the student builds in the window gets the teaching defaults an opened file gets.

File → New, palette buttons, port drags, Dataset → Load CSV…: the canvas then traces sample 0 (numbers a
student checks by hand), with z and b beside the neurons and the neuron thumbnails, as the same network
saved and opened again does. A toggle the student set while building is kept. Traced over a mini-batch,
the Loss phase does not promise y − t the canvas does not write."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QSpinBox

from test_editor import build_xor_by_mouse


@pytest.fixture
def xor_csv(tmp_path):
    path = tmp_path / "xor.csv"
    path.write_text("a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n")
    return path


def load_csv_by_button(window, qtbot, dialogs, monkeypatch, path) -> None:
    """Dataset → Load CSV…: the file dialog answers ``path``, the columns dialog is accepted as offered."""
    dialogs.answer("open_file", str(path))
    monkeypatch.setattr(QInputDialog, "getText",
                        staticmethod(lambda parent, title, label, *a, **k: (k.get("text", ""), True)))
    qtbot.mouseClick(window.training.ui.dataset.csv_button, Qt.MouseButton.LeftButton)
    assert window.document.network.dataset is not None and len(window.document.network.dataset) == 4


def trace_box(window) -> QSpinBox:
    return window.findChild(QSpinBox, "trace_sample")


def test_a_network_built_in_the_window_gets_the_defaults_of_an_opened_one(
        main_window, canvas, qtbot, dialogs, monkeypatch, xor_csv):
    actions = main_window.actions_by_name
    build_xor_by_mouse(main_window, canvas, qtbot)
    # connected and small: z and b and the thumbnails are on, as they are for xor.bpnet opened
    assert actions["canvas_numbers"].isChecked()
    assert actions["thumbnails"].isChecked()
    load_csv_by_button(main_window, qtbot, dialogs, monkeypatch, xor_csv)
    assert trace_box(main_window).text() == "sample 0"  # one sample, not XOR's batch mean 0.5
    assert actions["canvas_numbers"].isChecked() and actions["thumbnails"].isChecked()
    assert actions["digits_4"].isChecked()


def test_a_toggle_the_student_set_while_building_is_kept(main_window, canvas, qtbot, dialogs, monkeypatch, xor_csv):
    actions = main_window.actions_by_name
    build_xor_by_mouse(main_window, canvas, qtbot)
    actions["canvas_numbers"].trigger()  # the student turns z and b off …
    assert not actions["canvas_numbers"].isChecked()
    qtbot.mouseClick(main_window.palette_buttons["hidden"], Qt.MouseButton.LeftButton)  # … and builds on
    load_csv_by_button(main_window, qtbot, dialogs, monkeypatch, xor_csv)
    assert not actions["canvas_numbers"].isChecked()


def test_the_loss_phase_of_a_mini_batch_trace_says_how_to_see_y_minus_t(
        main_window, canvas, qtbot, dialogs, monkeypatch, xor_csv):
    window = main_window
    build_xor_by_mouse(window, canvas, qtbot)
    load_csv_by_button(window, qtbot, dialogs, monkeypatch, xor_csv)
    box = trace_box(window)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Down)  # sample 0 → next mini-batch
    assert box.text() == "next mini-batch"
    said = []
    window.stepper.status.connect(said.append)
    qtbot.keyClick(window, Qt.Key.Key_F8)  # Forward
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    qtbot.keyClick(window, Qt.Key.Key_F8)  # Loss
    qtbot.waitUntil(lambda: any(s.startswith("Loss") for s in said), timeout=10000)
    loss = [s for s in said if s.startswith("Loss")][-1]
    assert "by the output: y − t" not in loss, loss
    assert "choose one sample in the Trace box to see y − t" in loss, loss
