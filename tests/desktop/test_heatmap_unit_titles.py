"""A heatmap's unit reads one way, and only where it is needed (review 14 #9).

* exam_csv trained at 1024×700: x → h's largest |dL/dw| is about 19, so its cells were "whole numbers of
  the unit 1" and said so: the title "x → h (×1)", the line "Cells in units: x → h ×1; in x → h, −19 means
  −19". A unit of 1 is no unit: the cells are the numbers, rounded to whole ones, and the line says they
  are rounded.
* three_classes_softmax trained: the title fell back to "x→h ×1e−5" (then "x→h ×10⁻⁵"), without the spaces
  round the arrow and the parentheses of every other title: it is now "x → h (×10⁻⁵)", and the layout
  leaves it room; its top row's numbers were cut (the digits sat above the cells' centres).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF

from test_heatmaps_widths import trained


def titles(panel) -> dict:
    return {b.edge: panel.images[b.edge].getViewBox().parentItem().titleLabel.text for b in panel.blocks}


def test_cells_of_whole_numbers_write_no_unit(qtbot, main_window):
    panel = trained(qtbot, main_window, "exam_csv")
    cells = panel.cell_texts("x", "h")
    values = panel.values("x", "h")
    assert 10 <= abs(values).max() < 100  # the cells' largest number has two digits before the point
    assert all(all(row) for row in cells), cells
    title = titles(panel)[("x", "h")]
    assert title == "x → h", title
    line = panel.hover_label.text()
    assert "×1" not in line and "units" not in line and "means" not in line, line
    assert "rounded" in line, line  # −19.3 written −19


def test_a_title_in_units_keeps_the_form_of_every_title(qtbot, main_window):
    panel = trained(qtbot, main_window, "three_classes_softmax")
    title = titles(panel)[("x", "h")]
    assert title.startswith("x → h (×10") and title.endswith(")"), title
    assert "e−" not in title and "→h" not in title


def ink_rect(item) -> QRectF:
    """The scene rectangle of the digits a cell's text item draws (not its line box)."""
    metrics = QFontMetricsF(item.textItem.font())
    ink = metrics.tightBoundingRect(item.toPlainText())
    top = item.textItem.document().documentMargin() + metrics.ascent()
    left = (item.textItem.boundingRect().width() - ink.width()) / 2
    return item.textItem.mapRectToScene(QRectF(left, top + ink.top(), ink.width(), ink.height()))


def test_every_rows_numbers_stay_inside_the_plot(qtbot, main_window):
    """three_classes_softmax trained: x → h's six rows are about 7 px high, and the top row's "54" and "5"
    lost their tops: the digits sat about 1 px above the cell's centre."""
    panel = trained(qtbot, main_window, "three_classes_softmax")
    cells = panel.texts[("x", "h")]
    view = panel.images[("x", "h")].getViewBox()
    plot_rect = view.mapRectToScene(view.boundingRect())
    for row in (cells[0], cells[-1]):
        for item in row:
            assert item.toPlainText(), [i.toPlainText() for i in row]
            ink = ink_rect(item)
            assert ink.top() >= plot_rect.top() - 0.01 and ink.bottom() <= plot_rect.bottom() + 0.01, \
                (item.toPlainText(), ink, plot_rect)
