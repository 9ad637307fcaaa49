"""At 1024×700 the gradient heatmaps of the bigger networks fit the panel without scrolling (teacher review
19, finding 8).

spiral, regularization, early_stopping and sine_regression, F8 to Backward and after training: the plots
were laid out for their numbers' heights, taller than the panel's 92 px, inside a scroll area. Row 7 was
cut in half, h1 → h2's column numbers were out of view, and the colour bar showed only "0.1" and "0", a
0-to-0.1 scale to the eye while half the cells were orange (negative). Now every row, every axis and both
ends of the bar are in view; cells too low for their numbers go blank, and the line under the plots says
which. spiral's line said "Over 24 weights: no numbers in cells" (of h1 → h2) under x → h1's cells in
×10⁻³; it now says what a count means ("In x → h1, 55 means 0.055; h1 → h2: 64 weights, no numbers.")
whenever a plot shows numbers in units.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtWidgets import QApplication

from core.notation import format_number
from test_heatmaps_every_number import read, title_unit
from test_one_gradient_one_number import open_at
from test_training_support import press, press_f8_to
from text_probe import drawn_text_boxes

LESSONS = ["spiral", "regularization", "early_stopping", "sine_regression"]


def settle(qtbot) -> None:
    for _ in range(8):  # (the plots are laid out again on the next turns of the event loop)
        qtbot.wait(10)
        QApplication.instance().processEvents()


def reach(qtbot, window, name: str, size: tuple[int, int], stage: str):
    """``name`` opened from the Lessons menu at ``size``, then F8 to Backward, or one epoch trained (Shift+F6)."""
    panel = open_at(qtbot, window, name, size)
    if stage == "backward":
        press_f8_to(qtbot, window, "backward")
    else:
        step = window.training.latest.step if window.training.latest is not None else 0
        press(qtbot, window, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
        qtbot.waitUntil(lambda: not window.training.running and window.training.latest is not None
                        and window.training.latest.step > step and window.training.latest.state != "running",
                        timeout=20000)
    settle(qtbot)
    return panel


def in_view(panel, box: QRectF) -> QRectF:
    """``box`` (pixels of the plots' view) in the pixels of the scroll area's viewport."""
    offset = panel.plots.viewport().mapTo(panel.scroll.viewport(), QPoint(0, 0))
    return box.translated(offset.x(), offset.y())


def seen(panel, box: QRectF) -> bool:
    """Whether ``box`` (pixels of the scroll area's viewport) is whole in view, to a pixel."""
    return QRectF(panel.scroll.viewport().rect()).adjusted(-1, -1, 1, 1).contains(box)


def check_fits(panel) -> None:
    """The colour bar's three labels are in view; nothing scrolls; every plot (title, rows, axes) is in view."""
    colour_bar = next(iter(panel.bars.values()))
    strip = panel.plots.mapFromScene(colour_bar.bar.sceneBoundingRect()).boundingRect()
    labels = [(text, in_view(panel, box)) for text, box in drawn_text_boxes(panel.plots) if box.left() >= strip.right()]
    labels.sort(key=lambda label: label[1].center().y())
    assert len(labels) == 3, labels  # its ends and 0
    (top, top_box), (middle, _), (bottom, bottom_box) = labels
    assert middle == "0" and bottom == "−" + top, labels  # −m … m, not "0 … 0.1"
    assert seen(panel, top_box) and seen(panel, bottom_box), (labels, panel.scroll.viewport().rect())
    bar = panel.scroll.verticalScrollBar()
    assert bar.maximum() == 0 or panel.plots.height() <= panel.scroll.viewport().height(), \
        (bar.maximum(), panel.plots.height(), panel.scroll.viewport().height())
    for block in panel.blocks:
        plot = panel.images[block.edge].getViewBox().parentItem()
        box = in_view(panel, panel.plots.mapFromScene(plot.sceneBoundingRect()).boundingRect().toRectF())
        assert seen(panel, box), (block.edge, box, panel.scroll.viewport().rect())


def check_line(panel) -> None:
    """Where a plot's cells show numbers in units, the line under the plots (whole) reads a count out, and
    names each plot whose cells have no numbers."""
    line = panel.hover_label
    assert not line.is_cut(), line.text()
    numbered, blank = {}, []
    for block in panel.blocks:
        cells = panel.cell_texts(*block.edge)
        if cells is None or not any(text for row in cells for text in row):
            blank.append(f"{block.source} → {block.target}")
            continue
        unit = title_unit(panel.images[block.edge].getViewBox().parentItem().titleLabel.text)
        if unit is not None:
            numbered[f"{block.source} → {block.target}"] = (unit, {t for row in cells for t in row})
    if not numbered:
        return
    text = line.text()
    read_out = [(edge, count) for edge, (unit, counts) in numbered.items() for count in counts
                if f"{count} means {format_number(read(count) * unit, len(count.lstrip('−')))}" in text]
    assert read_out, (text, numbered)  # was "Over 24 weights: no numbers in cells; hover a cell."
    for edge in blank:
        assert edge in text or edge.replace(" → ", "→") in text, (edge, text)


@pytest.mark.parametrize("stage", ["backward", "trained"])
@pytest.mark.parametrize("name", LESSONS)
def test_at_1024_by_700_every_row_and_the_whole_colour_bar_are_in_view(qtbot, lesson_window, name, stage):
    panel = reach(qtbot, lesson_window, name, (1024, 700), stage)
    check_fits(panel)
    check_line(panel)


@pytest.mark.parametrize("stage", ["backward", "trained"])
@pytest.mark.parametrize("name", ["spiral", "sine_regression"])
def test_at_1400_by_900_the_line_reads_a_count_out_beside_blank_cells(qtbot, lesson_window, name, stage):
    """spiral at 1400×900 fitted already, but its line said "Over 24 weights: no numbers in cells" under x →
    h1's and h2 → y's counts in ×10⁻³."""
    panel = reach(qtbot, lesson_window, name, (1400, 900), stage)
    check_fits(panel)
    check_line(panel)


@pytest.mark.parametrize("name", ["spiral", "sine_regression"])
def test_a_window_made_smaller_then_larger_lays_the_plots_out_for_each_height(qtbot, lesson_window, name):
    """Opened at 1400×900 (x → h1's, or x → h's, numbers shown), the window made 1024×700: the rows fit
    the lower panel; back at 1400×900 the numbers come back."""
    window = lesson_window
    panel = reach(qtbot, window, name, (1400, 900), "trained")
    first = panel.blocks[0].edge
    assert all(all(row) for row in panel.cell_texts(*first)), panel.cell_texts(*first)
    window.resize(1024, 700)
    settle(qtbot)
    check_fits(panel)
    check_line(panel)
    assert not any(any(row) for row in panel.cell_texts(*first))  # too low for numbers: the line says so
    window.resize(1400, 900)
    settle(qtbot)
    check_fits(panel)
    assert all(all(row) for row in panel.cell_texts(*first)), panel.cell_texts(*first)
