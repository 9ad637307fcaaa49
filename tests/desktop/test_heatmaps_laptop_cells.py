"""At 1024×700 the heatmaps print numbers where a cell has room, say the whole line under the
plots, and number every row (teacher's review 11, finding 11).

circles as opened: the 1 × 4 cells of h → y (about 42 × 36 px) were left blank, and the line under
the plots was cut to "Some connections: cells too small for their numbers; hov…". A three-row
heatmap (guided_softmax's x → y) labelled its rows 0 and 2 only: its 12-px rows were measured
against a whole 14-px line a label.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPainter

from desktop.reveal import NOT_YET
from test_heatmaps_readable import open_at
from test_training_support import press_f8_to


def left_labels(panel, edge) -> list[str]:
    """The row numbers the left axis of ``edge``'s heatmap draws, top to bottom."""
    plot = panel.images[edge].getViewBox().parentItem()
    axis = plot.getAxis("left")
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [text for rect, _flags, text in sorted(specs[2], key=lambda spec: spec[0].top())]


def test_a_row_of_four_cells_prints_its_numbers_and_the_line_under_the_plots_is_whole(qtbot, main_window):
    panel = open_at(qtbot, main_window, "circles", (1024, 700))
    cells = panel.cell_texts("h", "y")
    assert cells is not None and all(cells[0]), cells  # blank before
    rows = panel.cell_texts("x", "h")
    assert all(all(row) for row in rows), rows  # its rows of 9 px were blank too: numbers in the small font now
    line = panel.hover_label
    assert not line.is_cut(), line.text()  # was "… for their numbers; hov…"
    assert "2 digits" in line.text(), line.text()  # how rounded


def test_every_row_of_a_three_row_heatmap_is_numbered(qtbot, main_window):
    panel = open_at(qtbot, main_window, "guided_softmax", (1024, 700))
    assert left_labels(panel, ("x", "y")) == ["0", "1", "2"]  # was ["0", "2"]


def test_four_rows_of_9_px_are_all_numbered(qtbot, main_window):
    """circles' x → h at 1024×700: four rows of 9 px were labelled "0, 3" only (review 12 #18); a
    9-px font numbers them all, each label beside its own row."""
    panel = open_at(qtbot, main_window, "circles", (1024, 700))
    assert left_labels(panel, ("x", "h")) == ["0", "1", "2", "3"]
    plot = panel.images[("x", "h")].getViewBox().parentItem()
    axis = plot.getAxis("left")
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        rects = sorted((rect for rect, _flags, _text in axis.generateDrawSpecs(painter)[2]), key=lambda r: r.top())
    finally:
        painter.end()
    assert all(a.bottom() <= b.top() + 1 for a, b in zip(rects, rects[1:])), rects  # apart, one a row


def test_the_line_under_the_plots_is_whole_while_backward_has_not_reached_a_connection(qtbot, main_window):
    """skip_connection at 1024×700 in Backward: the line read "Cells rounded to 2 digits (canvas: 4); blank:
    ?, not reache…" (review 12 #18); it takes the longest of its forms that fits. x → h's cells, which
    were blank, now say "?" themselves (in the small font)."""
    window = main_window
    panel = open_at(qtbot, window, "skip_connection", (1024, 700))
    press_f8_to(qtbot, window, "loss")
    qtbot.keyClick(window, Qt.Key.Key_F7)  # Backward reaches the output: x → h and h → y not yet
    qtbot.waitUntil(lambda: window.view_state.stepping.phase == "backward")
    qtbot.wait(100)
    assert panel.cell_texts("x", "h") == [[NOT_YET] * 2] * 6
    line = panel.hover_label
    assert not line.is_cut(), line.text()


@pytest.mark.parametrize("name", ["circles", "three_classes_softmax", "sine_regression", "skip_connection"])
def test_every_heatmap_numbers_all_its_rows_or_its_title_says_their_order(qtbot, main_window, name):
    """Review 12 #18: circles' x → h read "0, 3" of 4 rows, three_classes' "0, 3, 5" of 6, sine's "0, 5, 9"
    of 10, with nothing saying the rows between run in order."""
    panel = open_at(qtbot, main_window, name, (1024, 700))
    for block in panel.blocks:
        labels = left_labels(panel, block.edge)
        title = panel.images[block.edge].getViewBox().parentItem().titleLabel.text
        # (or every other row, 0, 2, 4, …, where all would run into each other: the labels say the order)
        every_other = labels == [str(j) for j in range(0, block.rows, 2)] and block.rows > 3
        assert labels == [str(j) for j in range(block.rows)] or f"0–{block.rows - 1}" in title or every_other, \
            (block.edge, labels, title)
        assert labels[0] == "0" and (labels[-1] == str(block.rows - 1) or every_other), (block.edge, labels)
