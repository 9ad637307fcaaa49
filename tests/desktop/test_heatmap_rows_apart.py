"""The numbers in a heatmap's low rows stand apart (review: narrow windows #2).

skip_connection's and three_classes_softmax's x → h (six rows) at 1024×700 had rows of 8 px, and their
cells printed numbers in the small font (7 px of ink) 1 px apart from the row below: "−12" over "11" read as
one tall smudge and a student misread them. A cell now prints its number only where its row leaves the
ink 2 px of air (``SMALL_CELL_MARGIN``), as the rows' labels do (``EVERY_ROW_PITCH``), and the layout gives
the six rows that height within the panel (its plots' margins above and below go, the panel does not scroll).
Where a row is still lower, the cells stay blank and the line under the plots says why (hover: the value).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from test_heatmaps_readable import open_at
from text_probe import drawn_text_boxes


def cell_inks(panel, block) -> list[tuple[str, QRectF]]:
    """(text, its ink's box on screen) of every number printed in ``block``'s cells."""
    view_box = panel.images[block.edge].getViewBox()
    cells = panel.plots.mapFromScene(view_box.sceneBoundingRect()).boundingRect().toRectF()
    written = {text for row in panel.cell_texts(*block.edge) or [] for text in row if text}
    return [(text, box) for text, box in drawn_text_boxes(panel.plots)
            if text in written and cells.contains(box.center())]


@pytest.mark.parametrize("name", ["skip_connection", "three_classes_softmax"])
def test_the_numbers_of_neighbouring_rows_have_2_px_of_air_and_the_panel_does_not_scroll(qtbot, main_window, name):
    panel = open_at(qtbot, main_window, name, (1024, 700))
    assert panel.plots.height() <= panel.scroll.viewport().height(), "the plots are cut: the panel scrolls"
    block = next(b for b in panel.blocks if b.edge == ("x", "h"))
    inks = cell_inks(panel, block)
    assert inks, (name, panel.cell_texts("x", "h"), panel.hover_label.text())  # x → h still numbered
    close = [(a, b, round(rb.top() - ra.bottom(), 1)) for a, ra in inks for b, rb in inks
             if ra is not rb and ra.left() < rb.right() and rb.left() < ra.right()  # one over the other
             and ra.center().y() < rb.center().y() and rb.top() - ra.bottom() < 2]
    assert not close, close
