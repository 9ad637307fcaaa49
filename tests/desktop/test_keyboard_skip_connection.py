"""Leftover 23 #4: a skip connection (x → y past a hidden layer) by keyboard only. Ctrl+L joins the selected
layer to the nearest layer on its right; Ctrl+Shift+L (Edit → Connect Selected Layer To…) offers the layers on
its right, nearest first, to choose from with the arrow keys and Enter. Ctrl+L says it exists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from test_keyboard_connect import CTRL, key, selected, tab_to

SHIFT = Qt.KeyboardModifier.ShiftModifier


def built_by_keys(window):
    """File → New, then an input, a hidden and an output layer (Ctrl+1, 2, 3), by keys only."""
    window.canvas.setFocus()
    key(window, Qt.Key.Key_N, CTRL)
    for digit in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):
        key(window, digit, CTRL)
    return window.document.network


def popup(qtbot) -> QMenu:
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=5000)
    return QApplication.activePopupWidget()


def test_ctrl_shift_l_joins_the_selected_layer_to_a_farther_one(main_window, qtbot):
    window = main_window
    net = built_by_keys(window)
    key(window, Qt.Key.Key_Tab)
    assert selected(window) == ("x",)
    key(window, Qt.Key.Key_L, CTRL | SHIFT)
    menu = popup(qtbot)
    assert [action.text() for action in menu.actions()] == ["x → h1", "x → y"]  # nearest first
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: net.connections == [("x", "y")], timeout=5000)  # past h1, which x does not feed
    assert QApplication.activePopupWidget() is None
    # Ctrl+L joins x to the nearest, h1, and says how to reach a farther one: y is fed already, nothing is left
    window.canvas.setFocus()
    tab_to(window, "x")
    key(window, Qt.Key.Key_L, CTRL)
    assert net.connections == [("x", "y"), ("x", "h1")]
    key(window, Qt.Key.Key_L, CTRL | SHIFT)
    assert QApplication.activePopupWidget() is None
    assert "Nothing right of x to connect it to" in window.statusBar().currentMessage()


def test_ctrl_l_tells_the_way_to_a_farther_layer_and_the_edit_menu_lists_it(main_window, qtbot):
    window = main_window
    window.canvas.setFocus()
    key(window, Qt.Key.Key_N, CTRL)
    key(window, Qt.Key.Key_L, CTRL | SHIFT)  # nothing selected: it says what to select, and how
    said = window.statusBar().currentMessage()
    assert said.startswith("Select one layer (Tab)") and "Ctrl+Shift+L" in said, said
    assert QApplication.activePopupWidget() is None
    net = built_by_keys(window)
    key(window, Qt.Key.Key_Tab)
    key(window, Qt.Key.Key_L, CTRL)
    assert net.connections == [("x", "h1")]
    assert "Ctrl+Shift+L" in window.statusBar().currentMessage(), window.statusBar().currentMessage()
    shortcuts = {action.text(): action.shortcut().toString() for action in window.menus["Edit"].actions()}
    assert shortcuts.get("Connect Selected Layer &To…") == "Ctrl+Shift+L", shortcuts
