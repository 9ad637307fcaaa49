"""The heatmaps share the panel's width by what their cells need (review 12, finding 18).

circles trained at 1024×700: h → y's 1 × 4 cells were about 42 px wide, blank, since "−0.0019"
needs about 52, while x → h beside it (rows of 9 px, lower than a number) can never print numbers
at any width. x → h now gives h → y the width; lessons whose numbers showed keep them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from test_heatmaps_readable import open_at
from test_training_support import wait_finished


def trained(qtbot, window, name: str):
    """``name`` at 1024×700 after 500 training steps, its heatmaps drawn and laid out."""
    panel = open_at(qtbot, window, name, (1024, 700))
    window.training.step(500)
    wait_finished(qtbot, window.training)
    qtbot.waitUntil(lambda: window.training.latest.step == 500, timeout=10000)
    for _ in range(5):  # the plots' widths settle (they are shared again on the next turn of the event loop)
        qtbot.wait(20)
        QApplication.instance().processEvents()
    return panel


def numbered(panel) -> dict:
    """{edge: True when every cell prints a number} for the connections with numbers in cells."""
    return {b.edge: all(t for row in panel.cell_texts(*b.edge) for t in row)
            for b in panel.blocks if panel.cell_texts(*b.edge) is not None}


def test_circles_trained_prints_the_numbers_of_h_to_y(qtbot, main_window):
    panel = trained(qtbot, main_window, "circles")
    cells = panel.cell_texts("h", "y")
    assert all(cells[0]), cells  # blank before: 42-px cells
    line = panel.hover_label.text()  # (h → y named only as written out beside x → h's units, never as blank)
    assert "h → y" not in line.replace("h → y written out", ""), line
    plot = panel.images[("x", "h")].getViewBox().parentItem()
    assert plot.getAxis("bottom").neurons == [0, 1]  # the giver keeps its axis numbered


def widths(panel) -> dict:
    """{edge: the pixels across its cells take on screen}."""
    return {b.edge: panel.images[b.edge].getViewBox().width() for b in panel.blocks}


def test_xor_keeps_every_number_and_its_even_share(qtbot, main_window):
    """Both of xor's connections print their numbers: neither gives width, neither is squeezed."""
    panel = trained(qtbot, main_window, "xor")
    assert numbered(panel) == {("x", "h"): True, ("h", "y"): True}, panel.hover_label.text()
    across = widths(panel)
    assert abs(across[("x", "h")] - across[("h", "y")]) < 2, across  # 2 cells across each: even shares


def test_three_classes_softmax_keeps_its_widths_by_cells_across(qtbot, main_window):
    """h → y (3 × 6) and x → h (6 × 2) both print their numbers (x → h in units, in the small font, in its
    rows of 10 px): nothing to give, and the widths stay by cells across (h → y's 6 columns the wider)."""
    panel = trained(qtbot, main_window, "three_classes_softmax")
    assert numbered(panel) == {("x", "h"): True, ("h", "y"): True}, panel.hover_label.text()
    across = widths(panel)
    assert across[("h", "y")] > 2 * across[("x", "h")], across
