"""At 1024×700 the gradient heatmaps' caption is whole and every number sits inside its cell.

The teacher's review: one_hidden_sigmoid as opened showed "dL/dw for sample 0 (x = [1], t = [0.6]),
at the current wei…" above the plots, and "−0.006018" in x → h's lower cell ran into the left axis's
tick mark ("1 ‒−0.006018"), the bottom axis's tick crossing its 0: pyqtgraph draws ticks 5 px into
the plot, over the first column's and the bottom row's cells. The caption now shows the longest of
its forms that fits (the whole sentence in its tooltip); the heatmaps' axes draw no tick into a cell.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFontMetrics

import core
from test_status_bar_readable import drawn_lines

#: pixels a number keeps clear of a tick mark (one that ends at the minus sign reads as part of it)
CLEAR = 2


def open_at_1024(qtbot, window, example: str):
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path(example)))  # the Lessons menu's action
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.cell_texts("x", "h") is not None
                    and all(t for row in panel.cell_texts("x", "h") for t in row), timeout=10000)
    qtbot.wait(100)
    return panel


def ink_rect(item) -> QRectF:
    """Where the number of a cell's text item has ink, in its plot's scene coordinates."""
    text_item = item.textItem
    metrics = QFontMetrics(text_item.font())
    margin = text_item.document().documentMargin()
    box = text_item.mapRectToScene(text_item.boundingRect())
    return QRectF(metrics.tightBoundingRect(item.toPlainText())).translated(
        box.left() + margin, box.top() + margin + metrics.ascent())


def tick_marks(plot, rows: int, cols: int) -> list[QRectF]:
    """The rectangles the left and bottom axes' ticks cover inside the plot (scene coordinates)."""
    view = plot.getViewBox()
    corner = view.mapViewToScene(QPointF(-0.5, rows - 0.5))  # the plot's bottom-left corner (rows run down)
    marks = []
    inward = max(0.0, -float(plot.getAxis("left").style["tickLength"]))
    for j in range(rows):
        y = view.mapViewToScene(QPointF(0, j)).y()
        marks.append(QRectF(corner.x(), y - 0.5, inward, 1))
    inward = max(0.0, -float(plot.getAxis("bottom").style["tickLength"]))
    for i in range(cols):
        x = view.mapViewToScene(QPointF(i, 0)).x()
        marks.append(QRectF(x - 0.5, corner.y() - inward, 1, inward))
    return [m for m in marks if m.width() > 0 and m.height() > 0]


def test_every_number_is_inside_its_cell_clear_of_the_axes(qtbot, main_window):
    panel = open_at_1024(qtbot, main_window, "one_hidden_sigmoid")
    assert "−0.006018" in [t for row in panel.cell_texts("x", "h") for t in row]
    checked = 0
    for block in panel.blocks:
        cells = panel.texts.get(block.edge)
        if not cells:
            continue
        image = panel.images[block.edge]
        view = image.getViewBox()
        plot = next(p for p in panel.plots.ci.items if getattr(p, "getViewBox", None) and p.getViewBox() is view)
        marks = tick_marks(plot, block.rows, block.cols)
        for j, row in enumerate(cells):
            for i, item in enumerate(row):
                if not item.toPlainText():
                    continue
                ink = ink_rect(item)
                cell = QRectF(view.mapViewToScene(QPointF(i - 0.5, j - 0.5)),
                              view.mapViewToScene(QPointF(i + 0.5, j + 0.5))).normalized()
                assert cell.contains(ink), f"{item.toPlainText()} runs out of cell ({j}, {i}) of {block.edge}"
                near = ink.adjusted(-CLEAR, -CLEAR, CLEAR, CLEAR)
                crossed = [m for m in marks if m.intersects(near)]
                assert not crossed, f"an axis tick runs into {item.toPlainText()} in cell ({j}, {i}) of {block.edge}"
                checked += 1
    assert checked >= 4


def test_the_caption_above_the_heatmaps_is_whole(qtbot, main_window):
    panel = open_at_1024(qtbot, main_window, "one_hidden_sigmoid")
    caption = panel.what
    lines = [text for text, _ in drawn_lines(caption)]
    assert lines, "no caption drawn"
    assert not any(line.rstrip().endswith("…") for line in lines), lines
    drawn = " ".join(line.strip() for line in lines)
    assert drawn.startswith("dL/dw for sample 0") and drawn.endswith("."), drawn
    # the whole sentence, the sample's x and t included, is in its tooltip
    assert caption.toolTip().startswith("dL/dw for sample 0 (x = [1], t = [0.6]), at the current weights")
