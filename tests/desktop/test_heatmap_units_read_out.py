"""Heatmap cells written in units say what one of them means (a teacher's judgement of review 13's units).

skip_connection at 1024×700: x → h's and h → y's cells are too small for "−0.26", so each is a whole
number of the unit its title names ("h → y (×0.01)" over −26, −18, …). A student who misses the title
reads −26 as the gradient. The line under the plots said only "Cells rounded to 2 digits (canvas: 4);
hover a cell for all." Now it reads one cell out in the notation of the other cells: "Cells in units
(see titles): in x → h, −26 means −0.26."; a unit below 0.01 is a power of ten, "×10⁻⁴" (as a
scale's multiplier), not "×1e−4", which read as one more number beside the cells.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import QApplication

from core.notation import format_number
from desktop.panels.heatmap_writing import unit_words
from test_heatmaps_every_number import read, title_unit
from test_heatmaps_tiny_scale import open_lesson_at_1024


def test_the_line_under_skip_connections_heatmaps_reads_a_cell_in_units_out(qtbot, main_window):
    # (trained 500 steps: its gradients tiny, in units of 10⁻³ and 10⁻⁴; at step 0 they are ×0.01, written
    # since review 24 #8 as the numbers themselves)
    panel = open_lesson_at_1024(qtbot, main_window, "skip_connection")
    assert main_window.training.train_for_screenshot(500)
    for _ in range(5):
        QApplication.instance().processEvents()
    titles = {b.edge: panel.images[b.edge].getViewBox().parentItem().titleLabel.text for b in panel.blocks}
    in_units = {edge: title_unit(title) for edge, title in titles.items() if title_unit(title) is not None}
    assert in_units, titles  # (cells too small for their numbers written out)

    line = panel.hover_label.text()
    found = re.search(r"in (\w+) → (\w+), (\S+) means (\S+?)\.?$", line)
    assert found is not None, line
    edge, count, value = (found.group(1), found.group(2)), found.group(3), found.group(4)
    assert edge in in_units, (edge, in_units)
    assert count in {text for row in panel.cell_texts(*edge) for text in row}  # a cell on screen
    # the count times the title's unit, written as the cells written out write a number ("−0.26", "5.1e−5")
    assert format_number(read(count) * in_units[edge], len(count.lstrip("−"))) == value, (count, value)
    # what it means is near that cell's dL/dw (to half a unit)
    values = panel.values(*edge).ravel()
    assert min(abs(read(value) - float(v)) for v in values) <= 0.5 * in_units[edge] * (1 + 1e-9)


def test_a_small_unit_is_a_power_of_ten():
    assert unit_words(1e-4) == "×10⁻⁴"
    assert unit_words(1e-12) == "×10⁻¹²"
    assert unit_words(0.01) == "×0.01" and unit_words(0.1) == "×0.1" and unit_words(10.0) == "×10"
