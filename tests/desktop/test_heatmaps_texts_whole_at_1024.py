"""skip_connection's gradient heatmaps at 1024×700 in Backward, reached to h (teacher review 16 #3).

Not fixed yet: the bar's numbers still run past the dock's right edge (the plots' least widths take it;
keeping the bar's width made x → h's cells too narrow for one unit, test_heatmap_one_unit), and x → y's
title still loses its ")" under the bar.

The colour bar's "0.5 / 0 / −0.5" were cut to a sliver at the dock's edge, x → y's title lost its ")"
under the bar ("x → y (×0.01"), x → h's row labels 0–5, about 6 px tall on rows of 8 px, ran into
each other, and the bar read "0.5" beside cells written in ×0.01 ("44"). Every text the plots paint is now
whole top to bottom and clear of the others, the rows are numbered every other one
(0, 2, 4) where all would touch, and the bar writes its ends in the cells' unit ("50 / 0 / −50").
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from desktop.panels.heatmap_writing import unit_text
from test_one_gradient_one_number import open_at
from text_probe import drawn_text_boxes, overlapping_inks


def on_screen(panel, item) -> QRectF:
    """``item``'s box in the plots' viewport pixels."""
    return panel.plots.mapFromScene(item.sceneBoundingRect()).boundingRect().toRectF()


def test_skip_connections_heatmaps_at_1024_in_backward_paint_every_text_whole_and_apart(qtbot, main_window):
    window = main_window
    panel = open_at(qtbot, window, "skip_connection", (1024, 700))
    qtbot.keyClick(window.canvas, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    for _ in range(6):  # F8 until Backward reaches h
        if not any("?" in t for row in panel.cell_texts("x", "h") for t in row):
            break
        qtbot.keyClick(window.canvas, Qt.Key.Key_F8)
        qtbot.wait(20)
    assert window.view_state.stepping.phase == "backward", window.view_state.stepping.phase
    qtbot.wait(100)  # (the plots share the width again on the next turns of the event loop)

    inks = drawn_text_boxes(panel.plots)
    top_bottom = QRectF(panel.plots.viewport().rect()).adjusted(-1e4, 0, 1e4, 0)
    cut = [(text, box) for text, box in inks if not top_bottom.contains(box)]
    assert not cut, cut  # (the bar's "−0.5" lost its lower half; its right edge: not fixed yet, see the docstring)
    assert not overlapping_inks(inks), overlapping_inks(inks)

    bar = next(iter(panel.bars.values()))
    bar_box = on_screen(panel, bar.bar)  # the colour strip itself
    # x → h's row labels (the axis paints them from a cache, out of the recorder's sight: measured from the
    # rows they number and the font they are drawn in): 3 px apart at least, their line 7 px tall or more
    plot = panel.images["x", "h"].getViewBox().parentItem()
    axis = plot.getAxis("left")
    font = axis.style.get("tickFont") or axis.font()
    metrics = QFontMetricsF(font)
    numbered = axis.neurons  # (the rows ``heatmap_plot.fit_ticks`` numbers)
    centres = [panel.plots.mapFromScene(plot.getViewBox().mapViewToScene(QPointF(0, j))).y() for j in numbered]
    inked = [metrics.tightBoundingRect(str(j)).height() for j in numbered]
    assert len(numbered) >= 3, numbered
    gaps = [(b - a) - (ha + hb) / 2 for a, b, ha, hb in zip(centres, centres[1:], inked, inked[1:])]
    assert min(gaps) >= 3, (numbered, centres, inked)  # (0 to 5 on rows of 8 px: ink 6 px, 2 px apart, read as one)
    assert metrics.height() >= 7, metrics.height()

    # the bar's ends in the cells' unit: all three plots write ×0.01
    units = panel.cell_units()
    assert len(set(units.values())) == 1 and len(units) == len(panel.blocks), units
    unit = next(iter(units.values()))
    high = float(bar.levels()[1])
    bar_texts = {text for text, box in inks if box.left() >= bar_box.right()}
    assert unit_text(high, unit) in bar_texts and unit_text(-high, unit) in bar_texts, bar_texts
    window.stepper.cancel()
