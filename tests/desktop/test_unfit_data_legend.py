"""After the Dataset panel's Apply gives the network data it cannot take, the canvas legend says that no sample
can be shown and why (it still named "sample 0 …", a sample of no data on screen: the value boxes read "–")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from lesson_support import Student
from test_editor_readable import open_at
from test_unfit_data_shows_no_loss import apply_button, dataset_panel, loss_line


def legend_words(window) -> str:
    """The words the canvas legend paints when it is open (at 1024×700 it opens when pointed at)."""
    legend = window.canvas.legend
    return " ".join([legend.traced_text] + [text for row in legend.rows() for _, text in row])


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_data_the_network_cannot_take_leaves_no_sample_named_in_the_legend(qtbot, main_window, size):
    window = main_window
    open_at(window, "one_hidden_sigmoid", size)
    assert "sample" in legend_words(window)  # the lesson's one sample
    Student(qtbot, window).click_tab("Dataset")
    combo = dataset_panel(window).generator
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Home)  # xor: two input columns, for a network with one input
    QTest.mouseClick(apply_button(window), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No loss" in loss_line(window), timeout=10000)
    words = legend_words(window)
    assert "sample 0" not in words and "x = [" not in words, words
    assert "no sample can be shown: the data does not fit the network" in words, words
