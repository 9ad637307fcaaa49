"""The gradient heatmaps keep their numbers on a laptop screen (issue 21): at 1024×700 they were
strips that only said "hover a cell". Heights are measured on what the plots really paint
(``text_probe``: the font of each drawn text times the view's zoom)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

import core
from desktop.panels.heatmap_plot import cell_text
from desktop.panels.heatmaps import HeatmapPanel
from lesson_support import leave_lesson
from text_probe import drawn_boxes, drawn_texts


def open_at(qtbot, window, name: str, size: tuple[int, int]) -> HeatmapPanel:
    """``name`` opened in a window of ``size`` with the default layout, its heatmaps drawn."""
    window.document.replace_network(core.load_network(core.example_path(name)), None)
    leave_lesson(window)  # a guided lesson in progress keeps back what its questions ask
    window.resize(*size)
    QApplication.instance().processEvents()
    window.apply_default_layout()
    window.training.wait_for_step_0()
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.blocks and all(panel.values(*b.edge) is not None for b in panel.blocks),
                    timeout=10000)
    for _ in range(5):  # the layout settles (a relayout of the plots waits for the next turn of the event loop)
        QApplication.instance().processEvents()
    return panel


@pytest.mark.parametrize("name", ["one_hidden_sigmoid", "relu_tutorial"])
def test_at_1024_by_700_every_cell_shows_its_number_at_least_9_px_tall(qtbot, main_window, name):
    panel = open_at(qtbot, main_window, name, (1024, 700))
    assert panel.plots.height() <= panel.scroll.viewport().height(), "the plots are cut: the panel scrolls"
    gradient = main_window.view_state.traced_gradient()
    drawn = drawn_texts(panel.plots)
    for block in panel.blocks:
        expected = [[cell_text(v) for v in row] for row in block.take(gradient)]
        assert panel.cell_texts(*block.edge) == expected, block.edge
        for text in {t for row in expected for t in row}:
            heights = [px for shown, px in drawn if shown == text]
            assert heights and min(heights) >= 9.0, (block.edge, text, heights)
    assert panel.hover_label.text() == HeatmapPanel.HOVER_HINT  # nothing to excuse


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_where_numbers_cannot_fit_one_short_line_says_why(qtbot, main_window, size):
    """spiral's h1 → h2 has 64 weights: no numbers, and the line under the plots says so in a line that fits.
    At 1400×900 the other two print every number, side by side, and the line reads a count out beside
    h1 → h2's blank cells. At 1024×700 the three fit the panel's 92 px in one row, every row in view
    (review 19 #8: the panel scrolled); x → h1's rows are then too low and h2 → y's cells too narrow for
    numbers, and the line's tooltip says so."""
    panel = open_at(qtbot, main_window, "spiral", size)
    assert panel.cell_texts("h1", "h2") is None
    line = panel.hover_label
    assert line.fontMetrics().horizontalAdvance(line.text()) <= line.width()
    assert "h1 → h2 has 64 weights" in line.toolTip()
    assert panel.plots.height() <= panel.scroll.viewport().height()  # all three connections in view
    if size == (1400, 900):
        for edge in (("x", "h1"), ("h2", "y")):
            assert all(all(row) for row in panel.cell_texts(*edge)), edge
        assert "h1 → h2" in line.text() and " means " in line.text(), line.text()
    else:
        why = HeatmapPanel.NO_NUMBERS[True, True]  # "Too many or too small cells for numbers: hover a cell."
        assert line.text() == why, line.text()
        for edge, how in ((("x", "h1"), "low"), (("h2", "y"), "narrow")):
            assert not any(any(row) for row in panel.cell_texts(*edge)), edge
            assert f"{edge[0]} → {edge[1]}'s cells are too {how}" in line.toolTip(), line.toolTip()
    assert len(set(panel.bars.values())) == 1  # one colour bar for the shared scale


def test_the_shared_scale_has_one_colour_bar_and_each_own_scale_its_own(qtbot, main_window):
    panel = open_at(qtbot, main_window, "xor", (1024, 700))
    shared = panel.bars[("x", "h")]
    assert shared is panel.bars[("h", "y")]
    high = panel.images[("x", "h")].levels[1]
    assert tuple(shared.levels()) == (-high, high) and tuple(panel.images[("h", "y")].levels) == (-high, high)
    panel.shared_toggle.click()
    own = {edge: panel.bars[edge] for edge in panel.images}
    assert own[("x", "h")] is not own[("h", "y")]
    for edge, bar in own.items():
        top = panel.images[edge].levels[1]
        assert tuple(bar.levels()) == (-top, top)
        assert np.abs(panel.values(*edge)).max() <= top


def test_numbers_in_neighbouring_cells_never_run_together(qtbot, main_window):
    """skip_connection after training, at 1400×900: x → h printed "−0.0105−0.00786", two numbers
    that read as one (cells were allowed down to 54 px, and "−0.00786" is wider)."""
    from test_training_support import wait_finished

    panel = open_at(qtbot, main_window, "skip_connection", (1400, 900))
    main_window.training.step(500)
    wait_finished(qtbot, main_window.training)
    qtbot.waitUntil(lambda: main_window.training.latest.step == 500, timeout=10000)
    for _ in range(5):
        QApplication.instance().processEvents()
    cells = {b.edge: panel.cell_texts(*b.edge) for b in panel.blocks if panel.cell_texts(*b.edge) is not None}
    printed = {text for rows in cells.values() for row in rows for text in row if text}
    blank = [edge for edge, rows in cells.items() if not all(all(row) for row in rows)]
    assert not blank or "for their numbers" in panel.hover_label.text()  # said why
    boxes = [box for text, box in drawn_boxes(panel.plots) if text in printed]
    for k, a in enumerate(boxes):
        for b in boxes[k + 1:]:
            gap = a.adjusted(-2, 0, 2, 0)  # at least 4 px between two numbers on a line
            assert not gap.intersects(b), (a, b)


def cell_size(panel, edge) -> tuple[float, float]:
    """(width, height) in screen pixels of one cell of ``edge``'s heatmap, as the plots draw it now."""
    image = panel.images[edge]
    rows, cols = image.image.shape[:2]
    rect = panel.plots.mapFromScene(image.sceneBoundingRect()).boundingRect()
    return rect.width() / cols, rect.height() / rows


def test_the_blank_cells_are_never_the_largest_on_screen_and_the_line_names_them(qtbot, main_window):
    """circles at 1400×900: the plots shared the row equally, so h → y (1 × 4) had cells half as wide
    as x → h's (4 × 2): 44 × 96 px, the largest on screen, blank for want of width, while x → h's
    88 × 24 px cells showed numbers and the line said "Cells too small here"."""
    panel = open_at(qtbot, main_window, "circles", (1400, 900))
    sizes = {b.edge: cell_size(panel, b.edge) for b in panel.blocks}
    blank = [b.edge for b in panel.blocks if not any(t for row in panel.cell_texts(*b.edge) for t in row)]
    numbered = [b.edge for b in panel.blocks if all(t for row in panel.cell_texts(*b.edge) for t in row)]
    assert numbered, sizes  # the row has room for one connection's numbers
    area = {edge: w * h for edge, (w, h) in sizes.items()}
    for edge in blank:
        assert all(area[edge] < area[other] for other in numbered), sizes
        assert f"{edge[0]} → {edge[1]}" in panel.hover_label.toolTip()  # which, and why
        assert len(blank) > 1 or panel.hover_label.text().startswith(f"{edge[0]} → {edge[1]}: cells too")
    if blank:
        assert "narrow" in panel.hover_label.text() or "small" in panel.hover_label.text()


def test_a_low_strip_of_cells_prints_its_numbers_inside_its_cells(qtbot, main_window):
    """guided_softmax at 1024×700: x → y (3 × 2) gets 12-px rows, too low for a 16-px line, enough for
    a number's 9-px digits; it was a flat strip of blank cells."""
    from text_probe import drawn_text_boxes

    panel = open_at(qtbot, main_window, "guided_softmax", (1024, 700))
    gradient = main_window.view_state.traced_gradient()
    block = panel.blocks[0]
    expected = [[cell_text(v) for v in row] for row in block.take(gradient)]
    assert panel.cell_texts(*block.edge) == expected
    assert panel.hover_label.text() == HeatmapPanel.HOVER_HINT
    image = panel.images[block.edge]
    rect = panel.plots.mapFromScene(image.sceneBoundingRect()).boundingRect()
    inks = dict(drawn_text_boxes(panel.plots))
    for j, row in enumerate(expected):
        top = rect.top() + j * rect.height() / block.rows
        for text in row:
            ink = inks[text]
            assert top <= ink.top() and ink.bottom() <= top + rect.height() / block.rows, (text, ink, top)
