"""The canvas driven with real mouse and keyboard events: add, connect, refuse, edit, move, delete, zoom."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit

import core
from desktop import commands
from desktop.editor.palette import LAYER_MIME
from desktop.view_state import Selection


def build_xor_by_mouse(window, canvas, qtbot):
    """From an empty canvas: three palette clicks, two port drags."""
    assert window.files.new()
    assert window.document.network.layers == []
    for kind in ("input", "hidden", "output"):
        qtbot.mouseClick(window.palette_buttons[kind], Qt.MouseButton.LeftButton)
    net = window.document.network
    assert [l.name for l in net.layers] == ["x", "h1", "y"]
    canvas.connect("x", "h1")
    canvas.connect("h1", "y")
    return net


def test_palette_and_port_drags_build_a_network(main_window, canvas, qtbot):
    net = build_xor_by_mouse(main_window, canvas, qtbot)
    assert net.connections == [("x", "h1"), ("h1", "y")]
    assert net.problems() == []
    assert net.weights["x", "h1"].shape == (2, 2)
    # the canvas mirrors it: 4 + 2 edge items, three layer cards
    assert set(canvas.scene.layer_items) == {"x", "h1", "y"}
    assert len(canvas.scene.connection_items["x", "h1"].items) == 4
    assert main_window.document.undo_stack.count() == 5


def test_dropping_a_palette_item_adds_the_layer_where_it_lands(main_window, canvas):
    main_window.files.new()
    target = QPointF(130, -60)
    mime = QMimeData()
    mime.setData(LAYER_MIME, b"hidden")
    pos = canvas.point(target)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(canvas.view.viewport(), drop)
    layer = main_window.document.network.layer("h1")
    assert abs(layer.position[0] - target.x()) <= 1 and abs(layer.position[1] - target.y()) <= 1
    assert layer.activation == "sigmoid" and layer.units == 2


def test_refused_connections_change_nothing_and_say_why(main_window, canvas, qtbot, state_of):
    build_xor_by_mouse(main_window, canvas, qtbot)
    net, stack = main_window.document.network, main_window.document.undo_stack
    qtbot.mouseClick(main_window.palette_buttons["hidden"], Qt.MouseButton.LeftButton)  # h2, unconnected
    before, steps = state_of(net), stack.count()
    cases = [("y", "h1", "cycle"), ("y", "x", "input layer"), ("h2", "y", "second input"),
             ("x", "h1", "already connected")]
    for src, tgt, words in cases:
        canvas.connect(src, tgt)
        assert state_of(main_window.document.network) == before
        assert stack.count() == steps
        assert words in main_window.statusBar().currentMessage()
        assert canvas.scene.layer_items[tgt]._flash  # the target flashes red
    qtbot.waitUntil(lambda: not canvas.scene.layer_items["y"]._flash, timeout=3000)


def test_inline_editor_sets_a_weight_and_undo_restores_it(main_window, canvas, qtbot):
    net = main_window.document.network
    old = net.parameters()
    canvas.double_click(canvas.edge_label("x", "h", 0, 1))
    editor = canvas.view.editor
    assert editor is not None and editor.isVisible()
    assert editor.text() == canvas.view.edge_item("x", "h", 0, 1).label_text()  # the number as the canvas writes it
    editor.selectAll()
    type_keys(qtbot, editor, "not a number\n")
    assert canvas.view.editor is editor  # stays open, shows why
    assert "not a number" in editor.toolTip()
    assert net.parameters().tobytes() == old.tobytes()
    editor.selectAll()
    type_keys(qtbot, editor, "-1.25\n")
    assert net.weights["x", "h"][0, 1] == -1.25
    assert canvas.view.editor is None
    changed = np.flatnonzero(net.parameters() != old)
    assert len(changed) == 1
    main_window.actions_by_name["undo"].trigger()
    assert net.parameters().tobytes() == old.tobytes()
    main_window.actions_by_name["redo"].trigger()
    assert net.weights["x", "h"][0, 1] == -1.25


def type_keys(qtbot, widget, text: str) -> None:
    for ch in text:
        if ch == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        else:
            qtbot.keyClicks(widget, ch)


def test_double_click_on_a_neuron_edits_its_bias_and_on_the_name_renames(main_window, canvas, qtbot):
    net = main_window.document.network
    item = canvas.scene.layer_items["h"]
    canvas.double_click(item.mapToScene(item.neuron_centre(1)))
    editor = canvas.view.editor
    editor.selectAll()
    type_keys(qtbot, editor, "0.375\n")
    assert net.biases["h"][1] == 0.375
    canvas.double_click(item.mapToScene(item.name_rect().center()))
    editor = canvas.view.editor
    editor.selectAll()
    type_keys(qtbot, editor, "hidden\n")
    assert [l.name for l in net.layers] == ["x", "hidden", "y"]
    assert net.biases["hidden"][1] == 0.375
    assert canvas.scene.selected_layers() == ["hidden"]


def test_dragging_a_layer_is_one_undoable_move(main_window, canvas, state_of):
    doc = main_window.document
    before = state_of(doc.network)
    start = QPointF(*doc.network.layer("y").position)
    item = canvas.scene.layer_items["y"]
    grab = item.mapToScene(QPointF(0, item.card_rect().bottom() - 3))  # card border, not the neuron
    canvas.drag(grab, grab + QPointF(60, 90), steps=8)
    moved = doc.network.layer("y").position
    assert abs(moved[0] - (start.x() + 60)) <= 1 and abs(moved[1] - (start.y() + 90)) <= 1
    assert doc.undo_stack.count() == 1
    # edges followed the layer
    edge = canvas.view.edge_item("h", "y", 0, 0)
    assert abs(edge.line.p2().x() - item.in_anchor(0).x()) < 1e-6
    doc.undo_stack.undo()
    assert state_of(doc.network) == before
    assert item.pos() == start


def test_arrow_keys_move_the_selection_as_one_step(main_window, canvas):
    doc = main_window.document
    start = doc.network.layer("h").position
    canvas.click(canvas.centre("h") + QPointF(0, canvas.scene.layer_items["h"].card_rect().bottom() - 3))
    assert canvas.scene.selected_layers() == ["h"]
    for key in (Qt.Key.Key_Right, Qt.Key.Key_Right, Qt.Key.Key_Down):
        canvas.key(key)
    assert doc.network.layer("h").position == (start[0] + 20, start[1] + 10)
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.network.layer("h").position == start


def test_delete_key_removes_a_layer_and_undo_brings_everything_back(main_window, canvas, state_of):
    doc = main_window.document
    doc.network.set_edge_enabled("h", "y", 0, 1, False)  # a mask must come back too
    canvas.scene.rebuild()
    before = state_of(doc.network)
    canvas.scene.layer_items["h"].setSelected(True)
    canvas.key(Qt.Key.Key_Delete)
    assert [l.name for l in doc.network.layers] == ["x", "y"]
    assert doc.network.connections == []
    doc.undo_stack.undo()
    assert state_of(doc.network) == before
    doc.undo_stack.redo()
    assert "h" not in canvas.scene.layer_items


def test_selecting_an_edge_tells_listeners_and_delete_removes_just_that_edge(main_window, canvas, qtbot):
    scene, net = canvas.scene, main_window.document.network
    view_state = main_window.view_state
    with qtbot.waitSignal(view_state.selection_changed) as signal:
        canvas.click(canvas.edge_point("h", "y", 0, 1, 0.2))
    assert signal.args == [Selection.edge("h", "y", 0, 1)]
    assert main_window.inspector.current_page() is main_window.inspector.edge_page
    canvas.key(Qt.Key.Key_Delete)
    assert not net.edge_enabled("h", "y", 0, 1) and net.weights["h", "y"][0, 1] == 0
    assert net.edge_enabled("h", "y", 0, 0)
    with qtbot.waitSignal(view_state.selection_changed) as signal:
        canvas.click(QPointF(-400, -400))
    assert signal.args == [None] and main_window.inspector.current_page() is main_window.inspector.network_page
    with qtbot.waitSignal(view_state.selection_changed) as signal:
        scene.layer_items["x"].setSelected(True)
    assert signal.args == [Selection.of_layers("x")]
    view_state.select_edge("x", "h", 1, 0)  # selected from elsewhere (the trajectories): the canvas follows
    assert scene.current_selection() == Selection.edge("x", "h", 1, 0)
    assert [item.key for item in scene.selectedItems()] == [("x", "h", 1, 0)]


def test_connect_selected_layers_from_the_keyboard(main_window, canvas, qtbot):
    main_window.files.new()
    for k in (1, 2):
        main_window.actions_by_name["add_input" if k == 1 else "add_output"].trigger()
    scene = canvas.scene
    for name in ("x", "y"):
        scene.layer_items[name].setSelected(True)
    main_window.actions_by_name["connect"].trigger()
    assert main_window.document.network.connections == [("x", "y")]


def test_wheel_zooms_and_fit_shows_everything(main_window, canvas, qtbot):
    view = canvas.view
    scale = view.transform().m11()
    centre = view.viewport().rect().center()
    wheel = QWheelEvent(QPointF(centre), QPointF(view.viewport().mapToGlobal(centre)), QPoint(0, 0), QPoint(0, 240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.transform().m11() > scale * 1.2
    main_window.actions_by_name["fit"].trigger()
    visible = view.visible_scene_rect()
    assert visible.contains(canvas.scene.itemsBoundingRect())


def test_big_layers_collapse_into_a_block_with_bundled_edges(main_window, canvas, qtbot):
    from desktop import commands

    doc = main_window.document
    assert doc.perform(commands.set_units(doc, "h", 50)) is None
    scene = canvas.scene
    assert scene.layer_items["h"].collapsed
    assert scene.connection_items["x", "h"].bundled and len(scene.connection_items["x", "h"].items) == 1
    scene.connection_items["x", "h"].items[0].setSelected(True)
    assert main_window.inspector.current_page() is main_window.inspector.connection_page
    page = main_window.inspector.connection_page
    assert "50×2" in page.summary.text()
    page.target_j.setValue(49)
    page.source_i.setValue(1)
    page.open_edge.click()
    assert main_window.inspector.current_page() is main_window.inspector.edge_page
    main_window.inspector.edge_page.weight.setValue(0.5)
    assert doc.network.weights["x", "h"][49, 1] == 0.5


def test_edge_colouring_by_weight_and_by_gradient(main_window, canvas):
    from desktop.editor import style

    doc, scene = main_window.document, canvas.scene
    for j, value in ((0, 0.5), (1, -0.5)):
        assert doc.perform(commands.SetWeight(doc, "x", "h", j, 0, value)) is None
    edge = canvas.view.edge_item("x", "h", 0, 0)
    assert style.sign_colour(edge.value()[0]) == style.POSITIVE
    assert style.sign_colour(canvas.view.edge_item("x", "h", 1, 0).value()[0]) == style.NEGATIVE
    # by gradient: dL/dw for the traced input, the gradient the chain-rule panel explains
    view_state, net = main_window.view_state, doc.network
    view_state.set_sample(1)
    view_state.set_edge_mode("gradient")
    grads = net.loss_and_gradients(net.dataset.inputs[[1]], net.dataset.targets[[1]])[1]
    assert edge.value() == (grads.weights["x", "h"][0, 0], True)
    assert scene.scale == max(np.abs(w).max() for w in grads.weights.values())
    assert main_window.canvas.legend.mode == "gradient"
    view_state.set_edge_mode("weight")
    assert edge.value() == (0.5, True)


def test_edge_numbers_overlap_neither_each_other_nor_layer_cards(main_window, canvas):
    scene = canvas.scene
    labels = [e.label_rect() for c in scene.connection_items.values() for e in c.items]
    assert labels and not any(r.isNull() for r in labels)  # the lesson is small: every weight is printed
    cards = [item.mapRectToScene(item.card_rect()) for item in scene.layer_items.values()]
    for k, rect in enumerate(labels):
        assert not any(rect.intersects(card) for card in cards)
        assert not any(rect.intersects(other) for other in labels[k + 1:] if other is not rect)
    # a crowded canvas prints no numbers at all
    from desktop import commands

    main_window.document.perform(commands.set_units(main_window.document, "h", 20))
    assert not any(c.labelled for c in scene.connection_items.values())


def test_keyboard_alone_selects_every_layer_and_edge(main_window, canvas, qtbot):
    view_state, net = main_window.view_state, main_window.document.network
    canvas.view.setFocus()
    seen = []
    for _ in range(len(net.layers) + len(net.connections)):
        canvas.key(Qt.Key.Key_Tab)
        seen.append(view_state.selection)
    layers = [Selection.of_layers(name) for name in net.order()]
    edges = [Selection.edge(s, t, 0, 0) for s, t in net.connections]
    assert seen == layers + edges
    canvas.key(Qt.Key.Key_Tab)  # round again
    assert view_state.selection == layers[0]
    canvas.key(Qt.Key.Key_Backtab)
    assert view_state.selection == edges[-1]
    # arrows walk the selected connection's edges: down/up the target neuron j, right/left the source neuron i
    view_state.select_edge("x", "h", 0, 0)
    canvas.key(Qt.Key.Key_Down)
    assert view_state.selection == Selection.edge("x", "h", 1, 0)
    canvas.key(Qt.Key.Key_Right)
    assert view_state.selection == Selection.edge("x", "h", 1, 1)
    canvas.key(Qt.Key.Key_Right)  # stays inside the connection
    assert view_state.selection == Selection.edge("x", "h", 1, 1)
    assert main_window.inspector.current_page() is main_window.inspector.edge_page
    canvas.key(Qt.Key.Key_Return)  # Enter types the selected weight
    assert canvas.view.editor is not None and canvas.view.editor.key == ("x", "h", 1, 1)
    canvas.view.close_inline_editor()
    before = main_window.document.network.flat.copy()
    canvas.key(Qt.Key.Key_Left)  # arrows on an edge never move layers or change weights
    assert np.array_equal(main_window.document.network.flat, before)


def test_an_open_inline_editor_follows_zoom_and_scroll(main_window, canvas, qtbot):
    canvas.double_click(canvas.edge_label("x", "h", 0, 1))
    editor = canvas.view.editor
    assert editor is not None and editor.isVisible() and editor.hasFocus()

    def on_its_number() -> bool:
        centre = canvas.point(canvas.edge_label("x", "h", 0, 1))
        return (editor.geometry().center() - centre).manhattanLength() <= 3

    assert on_its_number()
    canvas.view.zoom_by(1.6)
    assert on_its_number()
    canvas.view.horizontalScrollBar().setValue(canvas.view.horizontalScrollBar().value() + 40)
    assert on_its_number()


def test_an_open_inline_editor_closes_when_file_new_takes_its_edge_away(main_window, canvas, qtbot):
    canvas.double_click(canvas.edge_label("x", "h", 0, 1))
    assert canvas.view.editor is not None
    main_window.actions_by_name["new"].trigger()
    qtbot.waitUntil(lambda: canvas.view.editor is None, timeout=1000)
    assert not [w for w in canvas.view.findChildren(QLineEdit) if w.isVisible()]


@pytest.mark.parametrize("lesson", ["xor", "relu_2_2_1", "relu_tutorial", "one_hidden_sigmoid"])
def test_edge_numbers_never_sit_on_another_edge(main_window, qtbot, lesson):
    from desktop.editor.edge_item import _crosses

    assert main_window.files.open(str(core.example_path(lesson)))
    scene = main_window.canvas.scene()
    labelled = 0
    for connection in scene.connection_items.values():
        for edge in connection.items:
            rect = edge.label_rect()
            if rect.isNull():
                continue
            labelled += 1
            assert not any(_crosses(other.line, rect) for other in connection.items if other is not edge), edge.key
    assert labelled == sum(w.size for w in main_window.document.network.weights.values())


def test_the_canvas_legend_can_be_hidden_and_the_network_then_gets_its_room(main_window, canvas, qtbot):
    main_window.resize(1700, 1150)  # a canvas tall enough for the whole legend (a small one folds it)
    qtbot.waitUntil(lambda: not canvas.view.legend.folded)
    main_window.files.open(str(core.example_path("spiral")))
    canvas.view.fit()
    with_legend = canvas.view.transform().m11()
    main_window.actions_by_name["canvas_legend"].trigger()
    assert not canvas.view.legend.isVisible()
    assert canvas.view.transform().m11() >= with_legend  # larger, or as large when the legend fitted beside it
    main_window.actions_by_name["canvas_legend"].trigger()
    assert canvas.view.legend.isVisible() and canvas.view.transform().m11() == pytest.approx(with_legend)


def test_edge_width_scale_reads_only_finite_values():
    from desktop.editor.scene import _largest_finite_magnitude

    assert _largest_finite_magnitude(np.array([[0.5, -2.0], [1.0, 0.0]])) == 2.0
    assert _largest_finite_magnitude(np.array([0.5, np.nan, -3.0, np.inf])) == 3.0
    assert _largest_finite_magnitude(np.array([np.nan, -np.inf])) is None
    assert _largest_finite_magnitude(np.zeros((0, 3))) is None
