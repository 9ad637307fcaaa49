"""The Matrix form fits a laptop's dock in width (teacher's review 13, finding 18).

XOR at 1024×700, in Backward: the panel (340 px wide) wrote each equation on one line, "A_x · Wᵀ + b = Z",
554 px wide; the b table was cut to "h0 h" at the right edge and reading one layer needed both scroll
bars. Now each equation wraps into rows as wide as the panel, every row starting with its operator
("= Z (1×2)"), so a layer reads top to bottom with the vertical scroll bar alone. A matrix wider than the
panel on its own still has the horizontal scroll bar, and a wider panel joins the rows again. The
page, taller now, stays where the student scrolled it when it is rewritten.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import core
from lesson_support import leave_lesson
from test_lazy_panels import click_tab
from test_training_support import press_f8_to, press_step


def matrix_form_at(qtbot, window, example: str, size: tuple[int, int]):
    """``example`` opened from the Lessons menu at ``size`` with the default layout, stepped (F8) to
    Backward, its Matrix form tab clicked: the panel's browser."""
    window.resize(*size)
    assert window.files.open_example(str(core.example_path(example)))
    window.apply_default_layout()
    window.training.wait_for_step_0()
    leave_lesson(window)
    window.canvas.setFocus()
    press_f8_to(qtbot, window, "backward")
    click_tab(window, qtbot, "Matrix form")
    browser = window.matrix_form_panel.text
    qtbot.waitUntil(lambda: "Backward: Δ" in browser.toPlainText(), timeout=5000)
    for _ in range(3):
        QApplication.instance().processEvents()
    return browser


def test_xors_layer_reads_without_the_horizontal_scroll_bar_at_1024x700(qtbot, main_window):
    browser = matrix_form_at(qtbot, main_window, "xor", (1024, 700))
    assert browser.viewport().width() < 400  # the laptop's narrow dock
    text = browser.toPlainText()
    for table in ("A_x (1×2)", "W_x→hᵀ (2×2)", "b (1×2)", "Z (1×2)", "Δ (1×2)", "dL/dW_x→h (2×2)"):
        assert table in text, table
    assert browser.horizontalScrollBar().maximum() == 0, browser.document().size()  # was 214 px past the edge
    assert browser.document().size().width() <= browser.viewport().width()


def test_a_wider_panel_writes_an_equation_on_fewer_rows(qtbot, main_window):
    browser = matrix_form_at(qtbot, main_window, "xor", (1024, 700))
    narrow = browser.document().size().height()
    main_window.resize(1400, 900)
    main_window.apply_default_layout()
    qtbot.waitUntil(lambda: browser.viewport().width() > 400, timeout=5000)
    qtbot.waitUntil(lambda: browser.document().size().height() < narrow, timeout=5000)
    assert browser.horizontalScrollBar().maximum() == 0


def test_a_matrix_wider_than_the_panel_stays_whole_behind_the_scroll_bar(qtbot, main_window):
    browser = matrix_form_at(qtbot, main_window, "three_classes_softmax", (1024, 700))
    assert "W_h→y (3×6)" in browser.toPlainText()
    assert browser.horizontalScrollBar().maximum() > 0  # 3×6 is wider than the panel: nothing squeezes it


def test_the_page_stays_where_the_student_scrolled_it_when_a_step_changes_its_numbers(qtbot, main_window, canvas):
    """The page is taller now that its equations wrap: a rewrite (a training step's new numbers, a wider
    dock) kept jumping back to the first line."""
    window = main_window
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path("xor")))
    window.apply_default_layout()
    window.training.wait_for_step_0()
    leave_lesson(window)
    canvas.click(canvas.centre("h"))  # the hidden layer, as a student picks it
    click_tab(window, qtbot, "Matrix form")
    browser = window.matrix_form_panel.text
    qtbot.waitUntil(lambda: "Layer h:" in browser.toPlainText(), timeout=5000)
    bar = browser.verticalScrollBar()
    for _ in range(2):
        qtbot.keyClick(browser, Qt.Key.Key_PageDown)
    scrolled = bar.value()
    assert scrolled > 0
    before = browser.toPlainText()
    press_step(qtbot, window)  # F6: one training step, new weights
    qtbot.waitUntil(lambda: browser.toPlainText() != before, timeout=5000)
    assert bar.value() == scrolled
