"""Every dock's title bar looks and works as Qt's own: its close (×) and float buttons show the
application style's pictures and do what a student expects when clicked, now that the docks'
style (``desktop.dock_style``) makes those two icons once instead of at every layout."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget, QStyle

TITLE_BAR_BUTTONS = {
    "qt_dockwidget_closebutton": QStyle.StandardPixmap.SP_TitleBarCloseButton,
    "qt_dockwidget_floatbutton": QStyle.StandardPixmap.SP_TitleBarNormalButton,
}


def pixels(icon, size=QSize(16, 16)):
    return icon.pixmap(size).toImage()


def docks_of(window) -> list[QDockWidget]:
    return [d for d in window.findChildren(QDockWidget) if d.isVisible()]


def test_each_title_bar_button_shows_the_application_styles_picture(main_window):
    app_style = QApplication.style()
    docks = docks_of(main_window)
    assert len(docks) >= 4  # inspector, loss, trajectories, heatmaps, output map
    for dock in docks:
        for name, which in TITLE_BAR_BUTTONS.items():
            button = dock.findChild(QAbstractButton, name)
            assert button is not None and button.isVisible(), f"{dock.windowTitle()}: no {name}"
            assert pixels(button.icon()) == pixels(app_style.standardIcon(which)), f"{dock.windowTitle()}: {name}"


def test_the_close_button_hides_its_dock_and_unticks_its_view_menu_entry(main_window, qtbot):
    dock = main_window.findChild(QDockWidget, "trajectories_panel")
    toggle = dock.toggleViewAction()
    assert dock.isVisible() and toggle.isChecked()
    qtbot.mouseClick(dock.findChild(QAbstractButton, "qt_dockwidget_closebutton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dock.isVisible())
    assert not toggle.isChecked()
    toggle.trigger()  # View → Weight trajectories brings it back, with the same buttons
    qtbot.waitUntil(dock.isVisible)
    assert dock.findChild(QAbstractButton, "qt_dockwidget_closebutton").isVisible()


def test_the_float_button_floats_its_dock(main_window, qtbot):
    dock = main_window.findChild(QDockWidget, "loss_panel")
    assert not dock.isFloating()
    qtbot.mouseClick(dock.findChild(QAbstractButton, "qt_dockwidget_floatbutton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dock.isFloating)
    dock.setFloating(False)


@pytest.mark.parametrize("which", list(TITLE_BAR_BUTTONS.values()))
def test_a_title_bar_icon_is_made_once_and_other_icons_as_before(main_window, which):
    style = docks_of(main_window)[0].style()
    assert style.standardIcon(which).cacheKey() == style.standardIcon(which).cacheKey()
    arrow = QStyle.StandardPixmap.SP_ArrowBack  # not a title bar's: asked of the application style each time
    assert pixels(style.standardIcon(arrow)) == pixels(QApplication.style().standardIcon(arrow))
