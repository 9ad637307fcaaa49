"""Keyboard only, a student builds and connects a network (teacher review 21 #10): Ctrl+L with one layer
selected (Tab selects one) connects it to the nearest layer on its right that it does not feed yet; the
refusal names the keys, not only a mouse action."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

CTRL = Qt.KeyboardModifier.ControlModifier


def key(window, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window.canvas, k, modifier)


def tab_to(window, layer: str) -> None:
    """Tab until ``layer`` is selected (Tab walks the layers, then the connections)."""
    for _ in range(10):
        if selected(window) == (layer,):
            return
        key(window, Qt.Key.Key_Tab)
    assert selected(window) == (layer,)


def selected(window):
    selection = window.view_state.selection
    return None if selection is None else selection.layers


def test_tab_and_ctrl_l_connect_a_network_built_by_keys(main_window, qtbot):
    window = main_window
    window.canvas.setFocus()
    key(window, Qt.Key.Key_N, CTRL)
    for digit in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3):  # input, hidden, output layers
        key(window, digit, CTRL)
    net = window.document.network
    assert [layer.name for layer in net.layers] == ["x", "h1", "y"]
    key(window, Qt.Key.Key_Tab)  # from y (just added) on to the first layer
    assert selected(window) == ("x",)
    key(window, Qt.Key.Key_L, CTRL)
    assert net.connections == [("x", "h1")]
    tab_to(window, "h1")
    key(window, Qt.Key.Key_L, CTRL)
    assert net.connections == [("x", "h1"), ("h1", "y")] and net.problems() == []
    # y has nothing on its right: the status bar says so, nothing changes
    tab_to(window, "y")
    key(window, Qt.Key.Key_L, CTRL)
    assert net.connections == [("x", "h1"), ("h1", "y")]
    assert "Nothing right of y to connect it to" in window.statusBar().currentMessage()


def test_ctrl_l_with_nothing_selected_names_the_keys(main_window):
    window = main_window
    window.canvas.setFocus()
    key(window, Qt.Key.Key_N, CTRL)
    key(window, Qt.Key.Key_L, CTRL)
    said = window.statusBar().currentMessage()
    assert said.startswith("Select a layer (Tab") and "two (Ctrl+click)" in said, said
