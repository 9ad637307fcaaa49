"""The gradient heatmaps write the numbers the canvas writes where they fit: exam_csv at 1024×700 had "x → h (×0.1)"
over cells "−43", "−32" for dL/dw = −4.273, −3.205 (the canvas: −4.273), which a student comparing heatmap and
canvas reads as ten times the gradient (teacher review 24 #8). A power-of-ten factor is kept for tiny values only
(10⁻³ and below), and said over the plot. Opened from File → Examples at 1024×700; exam_csv trained with F5."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from test_heatmaps_every_number import read, title_unit
from test_restored_weights_marked import open_from_examples


def written(panel) -> dict:
    """{edge: (title, cells' texts, values)} of the plots whose cells hold numbers."""
    out = {}
    for b in panel.blocks:
        cells = panel.cell_texts(*b.edge)
        if cells and any(t for row in cells for t in row):
            out[b.edge] = (panel.images[b.edge].getViewBox().parentItem().titleLabel.text, cells, panel.values(*b.edge))
    return out


@pytest.mark.parametrize("name", ["exam_csv", "three_classes_softmax"])
def test_cells_are_the_canvas_numbers_and_a_factor_only_for_tiny_ones(main_window, canvas, qtbot, name):
    w = main_window
    w.resize(1024, 700)
    w.apply_default_layout()
    open_from_examples(w, name)
    w.training.wait_for_step_0()
    if name == "exam_csv":  # trained a little, as the teacher did
        canvas.key(Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: w.training.latest is not None and w.training.latest.step >= 200, timeout=30000)
        canvas.key(Qt.Key.Key_F5)
        qtbot.waitUntil(lambda: not w.training.running, timeout=10000)
    panel = w.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.blocks and all(panel.values(*b.edge) is not None for b in panel.blocks), timeout=10000)
    for _ in range(5):
        QApplication.instance().processEvents()
    shown = written(panel)
    assert shown, "no cell holds a number"
    for edge, (title, cells, values) in shown.items():
        unit = title_unit(title)
        largest = float(np.max(np.abs(values)))
        if unit is not None:  # a factor: only for tiny gradients, whose cells read out times it
            assert unit <= 1e-3 and largest < 0.1, (edge, title)
            continue
        for j, row in enumerate(cells):  # the number itself, rounded (at worst to 2 digits of the largest)
            for i, text in enumerate(row):
                assert abs(read(text) - float(values[j, i])) <= 0.05 * largest * (1 + 1e-9), (edge, title, text, values[j, i])
    w.document.undo_stack.setClean()
