"""The Output map keeps a usable plot in a small laptop window (teacher's review 20, finding 4).

At 900×650, early_stopping after Play: the Output map, beside the Gradient heatmaps under the canvas, drew
its plot about 50 × 50 px, its tick labels running together, under a three-line legend. Now, in a window
that small, it is a tab behind the heatmaps with the bottom's whole width, its legend and toggles right of
the map, and the map is at least ``USABLE`` px each way and ``USABLE_HEIGHT`` high; at 1024×700 it stays beside the heatmaps.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QTabBar

import core
from test_training_support import wait_finished

#: the least size (px) of the map's plot (its view box) a student can read the points and boundary on (it was 26),
#: and the least height: the map keeps the data's shape, so a low tab decides its size (102 px high, the x axis's
#: title on a line of its own under the tick labels; now at the axis's end: leftover 23 #5)
USABLE, USABLE_HEIGHT = 95, 120


def click_tab(qtbot, window, title: str) -> None:
    """Click the dock tab ``title`` on the window's visible tab bars, as a student does."""
    for bar in window.findChildren(QTabBar, options=Qt.FindChildOption.FindDirectChildrenOnly):
        for k in range(bar.count()):
            if bar.isVisible() and bar.tabText(k) == title:
                qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(k).center())
                return
    raise AssertionError(f"no tab {title!r}")


def resize_to(qtbot, window, size: tuple[int, int]) -> None:
    """The window resized to ``size`` as a student drags its corner: a second drag when the docks, still
    in the larger window's layout, held it taller the first time (the Weight trajectories below the Loss)."""
    window.resize(*size)
    qtbot.wait(50)  # the docks follow the new size (``DockLayoutFollower``, a turn of the event loop)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size, timeout=5000)


def played(qtbot, window, size: tuple[int, int]):
    """early_stopping opened in a window resized to ``size``, played (F5) to its early stop."""
    resize_to(qtbot, window, size)
    assert window.files.open_example(str(core.example_path("early_stopping")))
    window.training.wait_for_step_0()
    qtbot.keyClick(window, Qt.Key.Key_F5)  # Play
    wait_finished(qtbot, window.training, timeout=60000)
    return window.findChild(QDockWidget, "output_map_panel")


def test_early_stoppings_output_map_is_usable_at_900x650_after_play(qtbot, main_window):
    dock = played(qtbot, main_window, (900, 650))
    assert main_window.size().toTuple() == (900, 650)  # the arrangement did not widen the window
    click_tab(qtbot, main_window, "Output map")
    qtbot.waitUntil(lambda: dock.widget().isVisible(), timeout=5000)
    for _ in range(10):
        QApplication.instance().processEvents()
    panel = dock.widget()
    box = panel.plot.getViewBox().size()
    assert box.width() >= USABLE and box.height() >= USABLE_HEIGHT, box
    axis = panel.plot.getAxis("bottom")
    assert axis.labelText == "x₀" and axis.label.isVisible(), axis.labelText  # the axis still says what it is
    legend = panel.legend.geometry()
    assert legend.left() >= panel.plot_widget.geometry().right(), (legend, panel.plot_widget.geometry())  # beside it
    heatmaps = main_window.findChild(QDockWidget, "heatmaps_panel")
    assert dock in main_window.tabifiedDockWidgets(heatmaps)  # a tab with the bottom's whole width


def test_at_1024x700_the_output_map_stays_beside_the_heatmaps(qtbot, main_window):
    dock = played(qtbot, main_window, (1024, 700))
    heatmaps = main_window.findChild(QDockWidget, "heatmaps_panel")
    assert dock not in main_window.tabifiedDockWidgets(heatmaps)
    assert dock.isVisible() and heatmaps.isVisible()
    resize_to(qtbot, main_window, (900, 650))  # shrunk: the docks follow the window's size
    qtbot.waitUntil(lambda: dock in main_window.tabifiedDockWidgets(heatmaps), timeout=5000)
    resize_to(qtbot, main_window, (1024, 700))  # and back
    qtbot.waitUntil(lambda: dock not in main_window.tabifiedDockWidgets(heatmaps), timeout=5000)
    qtbot.waitUntil(lambda: dock.isVisible() and heatmaps.isVisible(), timeout=5000)
