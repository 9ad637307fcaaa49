"""The Output map is readable in a laptop's 1024×700 window (leftovers 24, #1).

Beside the Gradient heatmaps under the canvas the Output map's dock was about 350 × 184 px: its legend and
its two toggles took two or three lines above the map, and the map's plot was 73 px high in guided_chain_rule
(91 in most lessons), its colour scale's labels (1, 0, −0.2) and its axes' crowded into a stamp. Now, in a window
both narrower than 1100 px and lower than 800 px, the Output map (and the Dataset) are tabs behind the heatmaps,
as below 1000×680: raised, the map has the bottom's whole width, its legend beside it, and its plot is at
least ``USABLE_HEIGHT`` px high. The lessons are opened from File → Examples, as a student opens them.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDockWidget

import core
from lesson_support import Student
from test_output_map_small_window import USABLE, USABLE_HEIGHT, resize_to


def open_from_examples_menu(window, name: str) -> None:
    """File → Examples → the example called ``name`` (its title in the menu), as a student picks it."""
    menu = window.menus["Examples"]
    menu.aboutToShow.emit()  # (the menu fills itself when it opens)
    title = next(e.title for e in core.list_examples() if e.name == name)
    action = next(a for a in menu.actions() if a.text() == title)
    action.trigger()
    window.training.wait_for_step_0()


@pytest.mark.parametrize("name", ["guided_chain_rule", "spiral", "sine_regression"])
def test_the_output_map_at_1024x700_is_big_enough_to_read(qtbot, main_window, name):
    window = main_window
    resize_to(qtbot, window, (1024, 700))
    open_from_examples_menu(window, name)
    dock = window.findChild(QDockWidget, "output_map_panel")
    Student(qtbot, window).click_tab("Output map")
    qtbot.waitUntil(lambda: dock.widget().isVisible(), timeout=5000)
    for _ in range(10):
        QApplication.processEvents()
    assert window.size().toTuple() == (1024, 700)
    panel = dock.widget()
    box = panel.plot.getViewBox().size()
    assert box.height() >= USABLE_HEIGHT and box.width() >= USABLE, (name, box)
    axis = panel.plot.getAxis("bottom")
    assert axis.label.isVisible(), axis.labelText  # the axis still says what it is
    heatmaps = window.findChild(QDockWidget, "heatmaps_panel")
    Student(qtbot, window).click_tab("Gradient heatmaps")  # the heatmaps a click away, as before
    qtbot.waitUntil(lambda: heatmaps.widget().isVisible(), timeout=5000)
