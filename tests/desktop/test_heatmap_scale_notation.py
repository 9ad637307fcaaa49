"""The heatmap's colour scale is written as the cells are (the teacher's review 13).

The perceptron example at 1024×700 after F6 ×30: the colour bar's ticks read "0.000004999999999999996"
(a 1-2-5 scale computed as 5·10.0**−6, printed in full decimals) beside a cell's "3.413e−8", and the
caption "Tiny gradients: full colour at only ±0.000004999999999999996" wrapped to two lines in a
one-line label, which cut off the top half of its first line's letters. Now the ends read in the app's
notation, a few significant digits ("1e−6", "5e−6"), the caption names the same number, and every
line of the caption is drawn whole.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from core.notation import MINUS, format_number
from test_status_bar_readable import drawn_lines
from text_probe import drawn_texts


def press_f6(qtbot, window, times: int) -> None:
    """F6 (Step) ``times`` times, each step trained before the next press."""
    for k in range(1, times + 1):
        qtbot.keyClick(window, Qt.Key.Key_F6)
        qtbot.waitUntil(lambda k=k: not window.training.running and window.training.latest.step == k, timeout=10000)
    for _ in range(5):  # the panels draw the last step
        qtbot.wait(20)
        QApplication.instance().processEvents()


def is_number(text: str) -> bool:
    return re.fullmatch(r"−?\d+(\.\d+)?(e−?\d+)?", text) is not None


def test_a_tiny_colour_scale_reads_in_the_cells_notation_and_its_caption_is_whole(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("perceptron")))
    window.apply_default_layout()
    window.training.wait_for_step_0()
    press_f6(qtbot, window, 30)
    panel = window.training.ui.heatmaps

    cells = {text for row in panel.cell_texts("x", "y") for text in row}
    assert any("e" in text for text in cells), cells  # the cell is tiny: "3.413e−8"
    numbers = {text for text, _ in drawn_texts(panel.plots) if is_number(text)}
    ends = sorted((t for t in numbers - cells - {"0"} if t.startswith(MINUS)), key=len)
    assert len(ends) == 1, numbers  # the bar's lower end (its upper one is the same without the sign)
    low = ends[0]
    high = low[1:]
    assert high in numbers, numbers
    # the app's notation with a few significant digits: "1e−6", never "0.000001" or "0.000004999999999999996"
    assert format_number(float(high.replace(MINUS, "-")), 3) == high, high
    assert "e" in high, high

    lines = drawn_lines(panel.what)
    shown = " ".join(text for text, _ in lines)
    assert shown.startswith("Tiny gradients"), shown  # "Tiny gradients (±1e−6), weights after step 30." in this low panel
    assert "after step 30" in shown, shown  # and at which weights (review 20: the warning alone said no more)
    assert f"±{high}" in shown, (shown, high)  # the number on the bar
    for text, box in lines:  # every line whole: none cut at the label's top or bottom
        assert box.top() >= -0.5 and box.bottom() <= panel.what.height() + 0.5, (text, box, panel.what.height())
