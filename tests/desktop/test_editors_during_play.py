"""While Play runs, every editor of a weight or bias starts from the number the canvas shows (the running
session's newest), never from the one before the run: opening one to look and pressing Return, or nudging
it with ↑, must not write the pre-run number back over the trained one (review 21, finding 2).
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.editor.inline_editor import parse_number
from test_training_support import press, training_window, wait_finished, wait_steps, xor_network

__all__ = ["training_window"]  # (a fixture)


def playing_window(qtbot, training_window, canvas):
    """The XOR network (2-2-1, every weight printed on the canvas) trained by F5 until its weights moved."""
    net = xor_network(lr=2.0, hidden=2)
    for k, layer in enumerate(["x", "h", "y"]):
        net.move_layer(layer, (300.0 * k, 0.0))  # apart, as a student places them
    window = training_window(net)
    c = window.training
    qtbot.waitUntil(lambda: c.worker.is_ready and c.latest is not None, timeout=30000)
    canvas.key(Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)  # fit: every edge's number on screen
    return window


def play_until_moved(qtbot, window, moved) -> None:
    """F5, then wait until ``moved()`` (a number on screen left its pre-run value)."""
    press(qtbot, window, Qt.Key.Key_F5)
    wait_steps(qtbot, window.training, 300, timeout=30000)
    qtbot.waitUntil(moved, timeout=10000)


def test_the_inline_editor_opens_on_the_running_weight_and_return_changes_nothing(qtbot, training_window, canvas):
    window = playing_window(qtbot, training_window, canvas)
    doc, c = window.document, window.training
    before = float(doc.network.weights["x", "h"][0, 0])
    edge = canvas.view.edge_item("x", "h", 0, 0)
    play_until_moved(qtbot, window, lambda: abs(parse_number(edge.label_text()) - before) > 0.05)
    shown = edge.label_text()
    canvas.double_click(canvas.edge_point("x", "h", 0, 0, 0.3))
    editor = canvas.view.editor
    assert editor is not None and editor.isVisible()
    text = editor.text()
    # the canvas's rounded number (Unicode minus), near the trained weight, far from the pre-run one
    assert "-" not in text and len(text) <= len(shown) + 1
    assert abs(parse_number(text) - parse_number(shown)) < 0.05 < abs(parse_number(text) - before)
    steps = doc.undo_stack.count()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert canvas.view.editor is None
    assert c.running and doc.undo_stack.count() == steps  # nothing written, the run goes on
    press(qtbot, window, Qt.Key.Key_F5)
    wait_finished(qtbot, c)
    assert doc.undo_stack.text(doc.undo_stack.count() - 1) == "Training run"
    assert abs(float(doc.network.weights["x", "h"][0, 0]) - before) > 0.05  # the trained weight stayed


def test_the_inspector_weight_box_follows_the_run_and_up_nudges_the_trained_weight(qtbot, training_window, canvas):
    window = playing_window(qtbot, training_window, canvas)
    doc = window.document
    before = float(doc.network.weights["x", "h"][0, 0])
    canvas.click(canvas.edge_point("x", "h", 0, 0, 0.3))
    box = window.inspector.edge_page.weight
    assert box.isVisible() and box.value() == before
    play_until_moved(qtbot, window, lambda: abs(box.value() - before) > 0.2)
    box.setFocus()
    shown = box.value()
    qtbot.keyClick(box, Qt.Key.Key_Up)
    wait_finished(qtbot, window.training)  # the edit paused the run
    assert float(doc.network.weights["x", "h"][0, 0]) == float(f"{shown + 0.1:.15g}")
    assert doc.undo_stack.text(doc.undo_stack.count() - 2) == "Training run"


def test_the_inspector_bias_box_follows_the_run(qtbot, training_window, canvas):
    window = playing_window(qtbot, training_window, canvas)
    doc = window.document
    before = float(doc.network.biases["y"][0])
    card = canvas.scene.layer_items["y"]
    canvas.click(card.mapToScene(card.neuron_centre(0)))
    box = window.inspector.layer_page.bias_value
    assert box.isVisible() and box.value() == before
    play_until_moved(qtbot, window, lambda: abs(box.value() - before) > 0.2)
    box.setFocus()
    shown = box.value()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    wait_finished(qtbot, window.training)
    assert float(doc.network.biases["y"][0]) == float(f"{shown - 0.1:.15g}")
