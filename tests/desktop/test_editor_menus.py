"""Context menus, panning, re-initialisation and the menu entries of the editor."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from desktop.editor import scene as scene_module
from desktop.editor.reinit_dialog import ReinitDialog


def right_click(canvas, scene_pos, monkeypatch, choose: str) -> list[str]:
    """Open the canvas context menu at ``scene_pos`` and pick the entry starting with ``choose``."""
    shown = []

    def fake_show(menu, screen_pos):
        texts = [a.text() for a in menu.actions()]
        shown.extend(texts)
        for action in menu.actions():
            if action.text().startswith(choose):
                action.trigger()
                return action
        raise AssertionError(f"no menu entry {choose!r} in {texts}")

    monkeypatch.setattr(scene_module, "show_menu", fake_show)
    pos = canvas.point(scene_pos)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, canvas.view.viewport().mapToGlobal(pos))
    QApplication.sendEvent(canvas.view.viewport(), event)
    return shown


def test_edge_context_menu_removes_and_restores_one_edge(main_window, canvas, monkeypatch, state_of):
    net = main_window.document.network
    before = state_of(net)
    where = canvas.edge_point("x", "h", 1, 1, 0.15)
    right_click(canvas, where, monkeypatch, "Remove edge x1 → h1")
    assert main_window.document.undo_stack.undoText() == "Remove edge x1 → h1"  # as the Inspector titles it
    assert not net.edge_enabled("x", "h", 1, 1) and net.weights["x", "h"][1, 1] == 0
    assert sum(net.edge_enabled("x", "h", j, i) for j in range(2) for i in range(2)) == 3
    shown = right_click(canvas, where, monkeypatch, "Restore edge x1 → h1")
    assert not any(t.startswith("Set weight") for t in shown)  # a removed edge has no weight to set
    assert net.edge_enabled("x", "h", 1, 1)
    main_window.document.undo_stack.undo()
    main_window.document.undo_stack.undo()
    assert state_of(net) == before


def test_edge_context_menu_deletes_the_connection(main_window, canvas, monkeypatch):
    right_click(canvas, canvas.edge_point("h", "y", 0, 0, 0.3), monkeypatch, "Delete connection h → y")
    assert main_window.document.network.connections == [("x", "h")]


def test_background_context_menu_adds_a_layer_there(main_window, canvas, monkeypatch):
    right_click(canvas, QPointF(200, 250), monkeypatch, "Add hidden layer here")
    layer = main_window.document.network.layer("h1")
    assert abs(layer.position[0] - 200) <= 2 and abs(layer.position[1] - 250) <= 2


def test_dragging_the_background_pans(main_window, canvas):
    view = canvas.view
    before = view.mapToScene(view.viewport().rect().center())
    empty = view.mapToScene(QPoint(40, 40))
    assert canvas.scene.layer_at(empty) is None
    canvas.drag(empty, empty + QPointF(120, 80), steps=8)
    after = view.mapToScene(view.viewport().rect().center())
    assert after.x() < before.x() - 60 and after.y() < before.y() - 40  # content followed the mouse
    assert main_window.document.undo_stack.count() == 0


def test_reinitialise_draws_new_weights_and_undo_restores(main_window, monkeypatch):
    net = main_window.document.network
    old = net.parameters()
    monkeypatch.setattr(ReinitDialog, "ask", classmethod(lambda cls, parent, method, seed: ("he", 11)))
    main_window.actions_by_name["reinit"].trigger()
    expected = net.copy()
    expected.set_parameters(old)
    expected.initialize("he", 11)
    assert net.parameters().tobytes() == expected.parameters().tobytes()
    assert not np.array_equal(net.parameters(), old)
    main_window.document.undo_stack.undo()
    assert net.parameters().tobytes() == old.tobytes()


def test_reinitialise_dialog_returns_the_choice(qtbot):
    dialog = ReinitDialog(None, "uniform", 3)
    qtbot.addWidget(dialog)
    assert dialog.method.currentText() == "uniform" and dialog.seed.value() == 3
    assert "fan_in" in dialog.explanation.text()


def test_every_editing_action_is_in_a_menu_with_its_shortcut(main_window):
    menu_actions = set()
    stack = list(main_window.menus.values())
    while stack:
        menu = stack.pop()
        for action in menu.actions():
            menu_actions.add(action)
            if action.menu() is not None:
                stack.append(action.menu())
    expected = {"undo": QKeySequence.StandardKey.Undo, "redo": QKeySequence.StandardKey.Redo, "fit": "Ctrl+0",
                "delete": QKeySequence.StandardKey.Delete, "rename": "F2", "move_left": "Left", "save": QKeySequence.StandardKey.Save}
    for name, key in expected.items():
        action = main_window.actions_by_name[name]
        assert action in menu_actions, name
        assert action.shortcut() == QKeySequence(key), name


def test_escape_clears_the_selection_and_f2_opens_the_rename_editor(main_window, canvas):
    canvas.scene.layer_items["y"].setSelected(True)
    canvas.key(Qt.Key.Key_F2)
    assert canvas.view.editor is not None and canvas.view.editor.text() == "y"
    canvas.view.close_inline_editor()
    canvas.key(Qt.Key.Key_Escape)
    assert canvas.scene.selectedItems() == []


def test_shift_delete_removes_the_connection_of_the_selected_edge(main_window, canvas):
    main_window.view_state.select_edge("x", "h", 0, 1)
    canvas.key(Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert main_window.document.network.connections == [("h", "y")]
    main_window.document.undo_stack.undo()
    assert main_window.document.network.connections == [("x", "h"), ("h", "y")]


def test_pulling_a_palette_button_starts_a_drag_carrying_the_layer_kind(main_window, qtbot, monkeypatch):
    from desktop.editor import palette

    dragged = []
    monkeypatch.setattr(palette, "run_drag", lambda drag: dragged.append(
        bytes(drag.mimeData().data(palette.LAYER_MIME)).decode()))
    button = main_window.palette_buttons["output"]
    qtbot.mousePress(button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    qtbot.mouseMove(button, QPoint(40, 30))
    qtbot.mouseRelease(button, Qt.MouseButton.LeftButton, pos=QPoint(40, 30))
    assert dragged == ["output"]
    assert main_window.document.undo_stack.count() == 0  # a drag is not a click


def test_arrow_keys_while_typing_stay_in_the_inline_editor(main_window, canvas, qtbot):
    doc = main_window.document
    canvas.scene.layer_items["y"].setSelected(True)
    canvas.view.open_inline_editor("bias", ("y", 0))
    editor = canvas.view.editor
    main_window.activateWindow()
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=2000)
    qtbot.keyClick(editor, Qt.Key.Key_Up)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    assert doc.undo_stack.count() == 0, doc.undo_stack.text(0)  # neither a move nor a delete
    assert "y" in canvas.scene.layer_items
