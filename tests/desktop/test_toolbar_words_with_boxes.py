"""The training toolbar keeps each label with its box (review 12 #17).

At 1024×700 the toolbar ended in "or loss ≤  »": the threshold box had moved into the overflow menu
and the sentence ended in nothing. A label and its box now leave the toolbar together, or stay.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QToolBar, QWidget

import core


@pytest.mark.parametrize("size", [(1024, 700), (900, 700), (1400, 900)])
def test_every_label_on_the_training_toolbar_has_its_box_beside_it(qtbot, main_window, size):
    window = main_window
    window.resize(*size)
    assert window.files.open_example(str(core.example_path("xor")))
    for _ in range(5):
        QApplication.instance().processEvents()
    toolbar = window.findChild(QToolBar, "training_toolbar")
    boxes = {"Learning rate": "toolbar_learning_rate", "Batch": "toolbar_batch_size",
             "Stop at epoch": "toolbar_stop_epochs", "or loss ≤": "toolbar_stop_loss"}
    shown = {label.text().strip() for label in toolbar.findChildren(QLabel) if label.isVisible()}
    for words, box_name in boxes.items():
        box = toolbar.findChild(QWidget, box_name)
        assert box is not None, box_name
        assert (words in shown) == box.isVisible(), (size, words, "shown" if words in shown else "hidden",
                                                      box_name, box.isVisible())
