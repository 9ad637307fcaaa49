"""Review 21, finding 4: a saved network whose CSV was moved opens without its data, never refused.

Driven as a student meets it: Dataset → Load CSV… ``xor.csv``, Save As ``mine.bpnet`` beside it,
the CSV is moved away, File → Open ``mine.bpnet``.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

import core
from conftest import Canvas

XOR = "a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"
NOTE = "xor.csv was not found beside mine.bpnet: Load CSV… again, or put it back there (Save keeps naming it)"


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



def test_saving_a_network_opened_without_its_csv_keeps_its_data_link_and_run(main_window, dialogs, qtbot, tmp_path):
    """Review 22, finding 2: opened without its missing CSV, a layer moved, Ctrl+S: the file named no CSV and
    held no run any more, and nothing said so. Now it keeps both, and the status bar says what it kept."""
    csv = tmp_path / "xor.csv"
    csv.write_text(XOR, encoding="utf-8")
    net = core.load_network(core.example_path("xor"))  # a classmate's file: trained 3 steps on xor.csv
    net.dataset = core.load_csv(str(csv), ["a", "b"], ["label"])
    trainer = core.Trainer(net)
    trainer.train_steps(3)
    net.progress = core.SavedRun.of(trainer)
    core.save_network(net, str(tmp_path / "mine.bpnet"))
    csv.rename(tmp_path / "elsewhere.csv")  # sent without its CSV

    window = main_window
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()
    assert window.document.network.dataset is None
    canvas = Canvas(window, qtbot)
    item = canvas.scene.layer_items["y"]
    before = window.document.network.layer("y").position
    grab = item.mapToScene(QPointF(0, item.card_rect().bottom() - 3))  # the card's border, not the neuron
    canvas.drag(grab, grab + QPointF(60, 90), steps=8)
    assert window.document.network.layer("y").position != before
    window.activateWindow()
    QTest.keyClick(window.canvas, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.document.dirty
    assert window.statusBar().currentMessage().startswith("Saved mine.bpnet")  # the name first, whole
    status = window.statusBar().whole_message()  # the rest in its tooltip
    assert "it still names xor.csv as its data and keeps its training run (step 3)" in status

    (tmp_path / "elsewhere.csv").rename(csv)  # the classmate sends the CSV: put beside the file
    dialogs.answer("open_file", str(tmp_path / "mine.bpnet"))
    window.actions_by_name["open"].trigger()
    network = window.document.network
    assert dialogs.of("critical") == []
    assert network.dataset is not None and len(network.dataset) == 4
    assert network.progress is not None and network.progress.progress.step_count == 3


def test_a_lesson_whose_csv_is_missing_opens_naming_the_csv_first(main_window, dialogs, tmp_path):
    """Review 22, finding 11: File → Open said only that a lesson question needs data, not that data.csv
    is missing; then (code review 22) it said the CSV first but refused the lesson. Now the lesson opens, and the
    status bar and the Dataset panel say the CSV first (``test_lesson_without_csv``: the Lesson panel too)."""
    doc = json.loads(open(core.example_path("guided_perceptron"), encoding="utf-8").read())
    doc["dataset"] = {"csv": "data.csv", "inputs": ["a"], "targets": ["t"]}  # a teacher's lesson on their own CSV
    (tmp_path / "teacher.bpnet").write_text(json.dumps(doc), encoding="utf-8")  # mailed without data.csv
    dialogs.answer("open_file", str(tmp_path / "teacher.bpnet"))
    main_window.actions_by_name["open"].trigger()
    assert dialogs.of("critical") == []
    assert main_window.document.network.lesson is not None and main_window.lesson_guide.lesson is not None
    said = "data.csv was not found beside teacher.bpnet: Load CSV… again"
    assert said in main_window.statusBar().currentMessage()
    assert main_window.training.ui.dataset.info.text().startswith(said)
