"""Windows under 1000 px across give the canvas a fair share (review: narrow windows #3).

At 900×650 and 800×600 the default layout kept the side columns at their laptop widths (the Inspector
300 px, the Loss column 250 px), so the canvas, where every number of the network is read, had under 40 %
of the width (about 340 px at 900, 240 at 800). The default layout now narrows both columns in proportion
until the canvas has ``DEFAULT_CANVAS_SHARE`` of the width, keeping the panels beside
it readable: none narrower than what its contents need (Qt's minimum size hint; the Inspector's forms 280 px),
the Loss column at least ``SIDE_LEAST`` (180 px).
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.dock_layout import DEFAULT_CANVAS_SHARE, RIGHT, SIDE_LEAST
from desktop.on_screen import on_screen
from test_editor_readable import open_at


#: (window size, the least share of its width the canvas gets): at 800 px the Inspector's forms keep their
#: 280 px and the Loss column ``SIDE_LEAST`` 180, so the canvas has 0.41 there (0.30 before), at 900 px 0.44 (0.38)
SHARES = [((900, 650), DEFAULT_CANVAS_SHARE - 0.02), ((800, 600), 0.4)]


@pytest.mark.parametrize("size, least", SHARES, ids=lambda s: f"{s[0]}x{s[1]}" if isinstance(s, tuple) else "")
@pytest.mark.parametrize("name", ["three_classes_softmax", "guided_chain_rule"])
def test_the_canvas_gets_its_share_of_a_small_window(main_window, size, least, name):
    window = main_window
    open_at(window, name, size)
    for _ in range(3):
        QApplication.instance().processEvents()
    share = window.canvas.width() / window.width()
    assert share >= least, (name, size, round(share, 3), window.canvas.width())
    assert window.panel_docks["loss_panel"].width() >= SIDE_LEAST[RIGHT], window.panel_docks["loss_panel"].width()
    for dock in [window.inspector_dock, *window.panel_docks.values()]:
        if on_screen(dock) and not dock.isFloating():
            assert dock.width() >= dock.minimumSizeHint().width(), (dock.objectName(), dock.width())


def test_the_laptop_and_desktop_layouts_stay(main_window):
    """At 1024×700 and 1400×900 the side columns keep the widths they had (the canvas already had its share)."""
    window = main_window
    for size, inspector in (((1024, 700), 300), ((1400, 900), 350)):
        open_at(window, "three_classes_softmax", size)
        assert abs(window.inspector_dock.width() - inspector) <= 2, \
            (size, window.inspector_dock.width())
