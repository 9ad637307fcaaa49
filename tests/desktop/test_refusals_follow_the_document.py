"""The status bar's refusals follow the document (review 21, finding 9's status part and "a refusal stays up to
15 s"): Load CSV… of data that does not fit the network says "Cannot train: …" on the bar's right, as a units
change does (it said "Ready to train."); a "Cannot train: …" on the bar's left goes when the document changes."""

from __future__ import annotations

from PySide6.QtCore import Qt

from student_built import XOR_CSV, build_by_mouse, load_csv
from test_training_support import press, press_step


def test_a_csv_that_does_not_fit_says_cannot_train_on_the_right(qtbot, main_window, canvas, dialogs, monkeypatch,
                                                                 tmp_path):
    build_by_mouse(main_window, canvas, qtbot)
    right = main_window.training.ui.status_label
    words = tmp_path / "words.csv"
    words.write_text("a,b,label\n0,0,no\n0,1,yes\n1,0,yes\n1,1,no\n")  # two classes: two one-hot targets
    load_csv(main_window, qtbot, dialogs, monkeypatch, words)
    assert main_window.document.network.dataset is not None
    assert right.text().startswith("Cannot train: column 'label' holds 2 classes (no, yes)"), right.text()
    assert "Cannot train" in right.toolTip()
    good = tmp_path / "xor.csv"
    good.write_text(XOR_CSV)
    load_csv(main_window, qtbot, dialogs, monkeypatch, good)  # a file that fits: the refusal goes
    qtbot.waitUntil(lambda: not right.text().startswith("Cannot"), timeout=10000)


def test_a_refusal_on_the_left_goes_when_the_document_changes(qtbot, main_window, canvas, dialogs, monkeypatch,
                                                               tmp_path):
    build_by_mouse(main_window, canvas, qtbot)
    bar = main_window.statusBar()
    press(qtbot, main_window, Qt.Key.Key_F5)  # no data yet
    assert bar.currentMessage().startswith("Cannot train: the network has no dataset"), bar.currentMessage()
    csv = tmp_path / "xor.csv"
    csv.write_text(XOR_CSV)
    load_csv(main_window, qtbot, dialogs, monkeypatch, csv)
    assert not bar.currentMessage().startswith("Cannot"), bar.currentMessage()
    c = main_window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    press(qtbot, main_window, Qt.Key.Key_F8)  # (nothing to refuse now) …
    qtbot.waitUntil(lambda: main_window.view_state.stepping is not None, timeout=10000)
    qtbot.keyClick(main_window.canvas, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # cancel the walk
    page = main_window.inspector
    canvas.click(canvas.centre("y"))
    units = page.layer_page.units
    units.setFocus()
    units.lineEdit().selectAll()
    qtbot.keyClicks(units.lineEdit(), "2")
    qtbot.keyClick(units.lineEdit(), Qt.Key.Key_Return)
    assert main_window.document.network.layer("y").units == 2
    press(qtbot, main_window, Qt.Key.Key_F6)  # refused: y has 2 units, the data 1 target
    assert bar.currentMessage().startswith("Cannot train"), bar.currentMessage()
    press(qtbot, main_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # Undo: y has 1 unit again
    assert main_window.document.network.layer("y").units == 1
    assert not bar.currentMessage().startswith("Cannot"), bar.currentMessage()
    press_step(qtbot, main_window)
    assert not bar.currentMessage().startswith("Cannot"), bar.currentMessage()


def test_file_new_s_hint_goes_once_the_layers_are_connected(qtbot, main_window, canvas):
    """File → New says "New network: add layers …, then drag from a layer's blue port to connect"; it stayed on the
    bar's left through the building, the data and a whole run (teacher review 22 #8b). It goes at the first
    connection, and stays while the layers are only being added."""
    bar = main_window.statusBar()
    assert main_window.files.new()
    assert bar.currentMessage().startswith("New network:")
    for kind in ("input", "hidden", "output"):
        qtbot.mouseClick(main_window.palette_buttons[kind], Qt.MouseButton.LeftButton)
    assert bar.currentMessage().startswith("New network:")  # nothing connected yet: the hint still helps
    canvas.connect("x", "h1")
    assert not bar.currentMessage().startswith("New network:"), bar.currentMessage()
