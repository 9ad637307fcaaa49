"""After the Dataset panel's Apply gives the network data it cannot take, no loss and no neuron value is shown
(teacher review 19 #6).

one_hidden_sigmoid has 1 input. Dataset tab → Apply with the generator the panel offered ("xor", 2 input
columns): the Dataset panel said it cannot train this network, and F5/F6/F8 were refused, but the Loss panel
still read "Step 0, before training, on all the training data: loss 0.03049" and the status bar "now, all
training data: loss 0.03049" (the old one-sample loss, of no data on screen), and the canvas's value boxes
showed the neurons' indices "0", "1" where values sit (read as h₁ = 1, y = 0). Now the Loss panel says that
no loss can be computed and why, the status bar that it cannot train, the value boxes "–"; and the generator
the panel offers for a one-input network is one whose data it can take.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

import core
from lesson_support import Student
from test_editor_readable import open_at
from text_probe import drawn_texts


def dataset_panel(window):
    from desktop.panels.dataset_panel import DatasetPanel

    return window.findChild(DatasetPanel)


def apply_button(window) -> QPushButton:
    return next(b for b in window.findChildren(QPushButton) if b.objectName() == "dataset_apply")


def loss_line(window) -> str:
    return window.training.ui.loss.summary.text()


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_data_the_network_cannot_take_shows_no_loss_and_no_values(qtbot, main_window, size):
    window = main_window
    open_at(window, "one_hidden_sigmoid", size)
    net = window.document.network
    start = core.Trainer(net.copy()).evaluate().train_loss
    before = f"{start:.4g}"
    qtbot.waitUntil(lambda: before in loss_line(window), timeout=10000)  # the lesson's one sample's loss
    Student(qtbot, window).click_tab("Dataset")
    panel = dataset_panel(window)
    combo = panel.generator
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)  # the first generator in the list: xor, two inputs
    assert combo.currentText() == "xor"
    QTest.mouseClick(apply_button(window), Qt.MouseButton.LeftButton)
    assert window.document.network.dataset.inputs.shape[1] == 2  # applied, as the student asked
    qtbot.waitUntil(lambda: "No loss" in loss_line(window), timeout=10000)
    qtbot.wait(300)  # (a late answer of the process would bring the old figures back)
    QApplication.instance().processEvents()
    line = loss_line(window)
    assert "does not fit the network" in line and before not in line, line
    status = window.training.ui.status_label
    assert status.text().startswith("Cannot train:") and before not in status.text(), status.text()
    assert "1 unit" in status.toolTip() and "2 input columns" in status.toolTip()

    texts = [text for text, _ in drawn_texts(window.canvas)]
    assert texts.count("–") == 4, texts  # x, h₀, h₁, y: no value
    assert "0" not in texts and "1" not in texts, texts  # not the neurons' indices in the value boxes


def test_a_one_input_network_is_offered_a_generator_it_can_take(qtbot, main_window):
    window = main_window
    open_at(window, "one_hidden_sigmoid", (1024, 700))
    Student(qtbot, window).click_tab("Dataset")
    combo = dataset_panel(window).generator
    QTest.mouseClick(apply_button(window), Qt.MouseButton.LeftButton)  # Apply with what the panel offers
    data = window.document.network.dataset
    assert combo.currentText() == "sine" and data.inputs.shape[1] == 1, combo.currentText()
    assert not window.document.network.dataset_problems()
    qtbot.waitUntil(lambda: "Step 0" in loss_line(window) and "No loss" not in loss_line(window), timeout=10000)
