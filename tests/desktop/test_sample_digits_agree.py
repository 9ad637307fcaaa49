"""A traced sample's x and t are written with the canvas's digits wherever the window names them.

A teacher's review read "x = [1.50, 0.149]" in the legend and the panels' headers while the
canvas's input neurons showed 1.501 and 0.1494 (three_classes_softmax), and "t = [1.01]" beside
the canvas's "t 1.013" (sine_regression): one number written two ways. Every "x = […]" and
"t = […]" the window shows now writes each number as the canvas does (``ViewState.format``).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

import core
from window_texts import painted_texts, window_texts

VECTOR = re.compile(r"\b([xt]) = \[([^\]]*)\]")


@pytest.mark.parametrize("name", ["three_classes_softmax", "sine_regression", "saturation"])
def test_the_traced_samples_x_and_t_read_as_the_canvas_writes_them(qtbot, lesson_window, name):
    window = lesson_window
    assert window.files.open_example(str(core.example_path(name)))  # the Lessons menu's action
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    qtbot.keyClick(window.canvas, Qt.Key.Key_F8)  # the step-through traces one sample: its x and t everywhere
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    row = int(window.view_state.stepping.trace.rows[0])
    data, fmt = window.document.network.dataset, window.view_state.format
    canvas = painted_texts(window.canvas.scene())
    written = {"x": [fmt(v) for v in data.inputs[row]], "t": [fmt(v) for v in data.targets[row]]}
    assert all(n in canvas for n in written["x"] + written["t"]), (written, canvas)  # the canvas's own forms

    found = [(symbol, numbers) for text in window_texts(window) for symbol, numbers in VECTOR.findall(text)]
    assert {symbol for symbol, _ in found} == {"x", "t"}, found
    for symbol, numbers in found:
        assert numbers.split(", ") == written[symbol], f"{name}: {symbol} = [{numbers}], the canvas writes {written[symbol]}"
