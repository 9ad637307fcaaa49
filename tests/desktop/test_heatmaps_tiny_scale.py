"""The saturation lesson's gradients are tiny, and the heatmaps say so (the teacher's review): the
colour bar auto-scaled to ±2e−5, so vanishing gradients looked as strongly coloured as the ±1 of
the cross-entropy lesson beside it, with no number in a cell ("h → y: cells too narrow…"). Now the
caption begins "Tiny gradients: full colour at only ±2e−5", the bar's ends are written as the cells
write their numbers ("2e−5" beside "8.112e−6"; review 13: decimals beside the cells' "3.413e−8" were
another notation), and the cells print the numbers (with fewer digits where three do not fit)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

import core
from desktop.panels.heatmap_plot import cell_text
from test_status_bar_readable import drawn_lines
from text_probe import drawn_texts


def open_lesson_at_1024(qtbot, window, name: str):
    """``name`` opened from the Lessons menu at 1024×700 with the default layout, step 0's heatmaps drawn."""
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path(name)))
    window.apply_default_layout()
    window.training.wait_for_step_0()
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: panel.blocks and all(panel.values(*b.edge) is not None for b in panel.blocks),
                    timeout=10000)
    for _ in range(5):  # the layout settles
        QApplication.instance().processEvents()
    return panel


def test_saturations_tiny_gradients_are_written_and_said_tiny(qtbot, main_window):
    panel = open_lesson_at_1024(qtbot, main_window, "saturation")
    gradient = main_window.view_state.traced_gradient()
    largest = max(abs(float(v)) for b in panel.blocks for v in b.take(gradient).ravel())
    assert largest < 2e-5  # the lesson's point: the output's and hidden δ carry σ'(z) ≈ 0

    shown = "".join(text for text, _ in drawn_lines(panel.what))  # one line in this low panel
    assert shown.startswith("Tiny gradients: full colour at only ±2e−5"), shown

    ticks = {text for text, _ in drawn_texts(panel.plots)}
    assert {"2e−5", "−2e−5"} <= ticks, ticks  # the bar's ends, in the cells' notation

    block = next(b for b in panel.blocks if b.edge == ("h", "y"))
    values = block.take(gradient)
    printed = panel.cell_texts("h", "y")
    assert any(printed == [[cell_text(float(v), digits) for v in row] for row in values] for digits in (4, 3, 2, 1)), \
        (printed, values)
    assert all(text in ticks for row in printed for text in row)  # drawn in the cells


def test_the_cross_entropy_lessons_scale_of_1_is_not_called_tiny(qtbot, main_window):
    panel = open_lesson_at_1024(qtbot, main_window, "saturation_cross_entropy")
    assert not panel.what.text().startswith("Tiny")
    # the caption's whole sentence (its tooltip: at 1024 the line keeps the sample's x and t, the bar writes ±1)
    assert "one colour scale for all: −1 … 1" in panel.what.toolTip(), panel.what.toolTip()
