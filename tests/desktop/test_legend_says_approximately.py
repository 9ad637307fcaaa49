"""The canvas legend says what "≈" before a number means, while the canvas writes one (teacher review 15 #8).

guided_chain_rule's Loss phase writes "½(y − t)²/2 ≈0.08033" under a plain "0.2357", three_classes_softmax
and skip_connection's Backward "≈−0.3135" among plain edge numbers: the Inspector said what "≈" means, the
canvas did not, and a student read it as "roughly" or as a different kind of number. The legend now has a
line for it, only while a "≈" is on the canvas (two kinds: worked by hand from the rounded numbers shown,
and "≈1" / "≈0", near but not exactly).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QEnterEvent, QFontMetricsF
from PySide6.QtWidgets import QApplication

from desktop.editor import style
from desktop.editor.approximate_numbers import BY_HAND_FORMS, NEAR_FORMS
from test_numbers_check_by_hand import open_lesson
from test_training_support import press_f8_to
from window_texts import painted_texts

BY_HAND = "≈: by hand, the last digit may differ"
NEAR = "≈ before a short number (≈1, ≈0): near it, not exactly it"


def legend_lines(window) -> list[str]:
    """The legend's words as the student reads them: pointed at when it is folded (a small canvas)."""
    legend = window.canvas.legend
    if legend.folded:
        centre = legend.rect().center()
        QApplication.instance().sendEvent(legend, QEnterEvent(centre, centre, legend.mapToGlobal(centre)))
    return [text for row in legend.rows() for _, text in row]


def approximate_on_canvas(window) -> list[str]:
    return [t for t in painted_texts(window.canvas.scene()) if "≈" in t]


def test_the_legend_explains_approximately_once_the_loss_phase_writes_it(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    window.apply_default_layout()
    open_lesson(qtbot, window, "guided_chain_rule")
    press_f8_to(qtbot, window, "forward")
    assert not approximate_on_canvas(window)
    assert not any("≈" in line for line in legend_lines(window))  # nothing to explain: no line
    press_f8_to(qtbot, window, "loss")
    assert "≈0.08033" in approximate_on_canvas(window), approximate_on_canvas(window)
    lines = legend_lines(window)
    assert BY_HAND in lines and NEAR not in lines, lines
    legend, viewport = window.canvas.legend, window.canvas.viewport()
    right = legend.x() + legend.MARK + 10 + QFontMetricsF(style.font(8.5)).horizontalAdvance(BY_HAND)
    assert right <= min(legend.x() + legend.width(), viewport.width()), (right, legend.width(), viewport.width())


def test_the_legend_explains_a_near_one_and_an_edge_worked_by_hand(qtbot, main_window):
    window = main_window
    window.resize(1024, 700)
    open_lesson(qtbot, window, "saturation_cross_entropy")
    press_f8_to(qtbot, window, "backward")
    shown = approximate_on_canvas(window)
    assert "≈1" in shown and "≈0.9885" in shown, shown  # δ of y 0.99999, dL/dw a₁ · δ
    lines = legend_lines(window)
    assert BY_HAND in lines and NEAR in lines, lines


def softmax_backward_at_h(qtbot, window) -> None:
    """three_classes_softmax at 1024×700, the step-through's Backward until it reaches h (F8, then F7)."""
    window.resize(1024, 700)
    window.apply_default_layout()
    open_lesson(qtbot, window, "three_classes_softmax")
    press_f8_to(qtbot, window, "backward")
    for _ in range(6):  # F7: the next layer, until Backward reaches h
        if window.view_state.active_layer() == "h":
            break
        qtbot.keyClick(window.canvas, Qt.Key.Key_F7)
    for _ in range(3):
        QApplication.instance().processEvents()


def test_the_legend_explains_approximately_for_numbers_its_table_lists(qtbot, main_window):
    """Teacher review 16 #2: three_classes_softmax's Backward at h at 1024×700 writes h → y's "≈" numbers in
    the legend's table (no room on their edges): the legend did not say what "≈" means."""
    window = main_window
    softmax_backward_at_h(qtbot, window)
    qtbot.wait(50)  # the table is listed a turn after the numbers are placed
    legend = window.canvas.legend
    listed = [cell for table in legend.tables for row in table[1:] for cell in row[1:]]
    assert any("≈" in cell for cell in listed), legend.tables
    assert legend.folded
    assert BY_HAND in legend_lines(window), legend_lines(window)


def test_approximately_has_one_meaning_in_the_legend(qtbot, main_window):
    """Teacher review 18 #5: the rows read "glow: dL/dw ≈ a · δ now known (into h)" right above "≈: by hand,
    the last digit may differ": "≈" between two symbols (roughly equal) and "≈" before a number (rounded).
    The rule dL/dw = a · δ is exact: its row says "=", and "≈" stands only before a number (or in its key)."""
    window = main_window
    softmax_backward_at_h(qtbot, window)
    qtbot.wait(50)
    lines = legend_lines(window)
    assert BY_HAND in lines, lines
    assert "glow: dL/dw = a · δ now known (into h)" in lines, lines
    keys = BY_HAND_FORMS + NEAR_FORMS  # (the keys: what "≈" means)
    for line in lines:
        words = line
        for key in keys:
            words = words.replace(key, "")
        assert not re.search(r"≈(?![−\d])", words), line  # every other "≈" is a number's
