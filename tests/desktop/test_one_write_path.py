"""The four bugs of the consolidation issue, each through the real window.

1. A refused edit emits nothing and leaves the training session and plots intact.
2. The learning rate set in the inspector behaves as the toolbar's (training keeps running).
3. The toolbar and inspector show exactly the learning rate the file holds (no clamping).
4. Both redo shortcuts work.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

import core

from desktop import commands

from test_inspector import type_into
from test_training_support import training_window, wait_finished, wait_steps, xor_network  # noqa: F401 (a fixture)


def test_a_refused_edit_emits_nothing_and_keeps_the_training_history(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    c.step(200)
    snap = wait_finished(qtbot, c)
    assert snap.step == 200
    undo_count = doc.undo_stack.count()
    signals = []
    for name in ("structure_changed", "parameters_changed", "settings_changed", "network_replaced", "about_to_edit"):
        getattr(doc, name).connect(lambda name=name: signals.append(name))
    cleared = []
    c.views_cleared.connect(lambda: cleared.append(True))

    reason = doc.perform(commands.rename_layer(doc, "h", "y"))

    assert "already exists" in reason
    assert signals == [] and cleared == []
    assert doc.undo_stack.count() == undo_count
    # the session goes on: the next Step continues from step 200, the loss curve is kept
    c.step(1)
    after = wait_finished(qtbot, c)
    assert after.step == 201
    assert after.loss_steps[0] <= 1 and after.loss_steps[-1] == 201


def test_a_refused_edit_while_training_leaves_the_run_going(qtbot, training_window):
    window = training_window(xor_network())
    c, doc = window.training, window.document
    c.play()
    wait_steps(qtbot, c, 20)
    assert doc.perform(commands.connect(doc, "y", "x")) is not None
    assert c.running
    c.pause()
    wait_finished(qtbot, c)


def test_learning_rate_from_the_inspector_keeps_training_like_the_toolbar(qtbot, training_window):
    window = training_window(xor_network(lr=0.5))
    c, doc = window.training, window.document
    window.scene.clearSelection()
    page = window.inspector.network_page
    assert window.inspector.current_page() is page
    c.play()
    first = wait_steps(qtbot, c, 10)
    texts_before = [doc.undo_stack.text(k) for k in range(doc.undo_stack.count())]

    type_into(qtbot, page.learning_rate, "0.0125")

    assert c.running, "setting the learning rate in the inspector must not stop training"
    qtbot.waitUntil(lambda: c.latest.learning_rate == 0.0125 and c.latest.state == "running")
    assert c.latest.session == first.session and c.latest.step > first.step
    texts = [doc.undo_stack.text(k) for k in range(doc.undo_stack.count())]
    assert texts == texts_before + ["Set learning rate to 0.0125"]
    assert window.training.toolbar.learning_rate.value() == 0.0125

    # the toolbar's change merges with it: one undo step for one setting
    window.training.toolbar.learning_rate.setValue(0.25)
    assert doc.undo_stack.count() == len(texts) and doc.network.training.optimizer.learning_rate == 0.25
    assert page.learning_rate.value() == 0.25
    c.pause()
    wait_finished(qtbot, c)


@pytest.mark.parametrize("rate", [1e6, 250.0, 1e-7, 0.123456789012345, 3e-12])
def test_every_widget_shows_the_learning_rate_the_file_holds(qtbot, training_window, rate):
    net = xor_network(lr=rate)
    window = training_window(net)
    window.scene.clearSelection()
    toolbar, page = window.training.toolbar.learning_rate, window.inspector.network_page.learning_rate
    assert toolbar.value() == rate and page.value() == rate
    # the one number rule while nobody edits them (6 significant digits); every digit once focused
    assert toolbar.text() == page.text() == core.format_number(rate, 6)
    toolbar.setFocus()
    qtbot.waitUntil(toolbar.hasFocus)
    assert float(toolbar.text()) == rate
    window.canvas.setFocus()
    qtbot.waitUntil(lambda: not toolbar.hasFocus())
    assert doc_rate(window) == rate  # showing it (rounded, then whole) did not write a rounded value back


def doc_rate(window) -> float:
    return window.document.network.training.optimizer.learning_rate


def test_learning_rate_boxes_refuse_zero_and_accept_what_the_file_accepts(qtbot, training_window):
    window = training_window(xor_network(lr=0.001))
    box = window.training.toolbar.learning_rate
    type_into(qtbot, box, "0")
    assert doc_rate(window) == 0.001  # 0 is not a learning rate: the box keeps the old value
    type_into(qtbot, box, "5e3")
    assert doc_rate(window) == 5000.0
    box.setValue(1e-300)
    assert doc_rate(window) == 1e-300
    for _ in range(5):
        box.stepDown()
    assert doc_rate(window) > 0


@pytest.mark.parametrize("keys", [("Y", Qt.KeyboardModifier.ControlModifier),
                                  ("Z", Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)])
def test_both_redo_shortcuts_redo(qtbot, main_window, keys):
    doc = main_window.document
    old = float(doc.network.weights["x", "h"][0, 0])
    assert doc.perform(commands.SetWeight(doc, "x", "h", 0, 0, 0.75)) is None
    main_window.activateWindow()
    main_window.canvas.setFocus()
    qtbot.keyClick(main_window.canvas, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert float(doc.network.weights["x", "h"][0, 0]) == old
    key, modifiers = keys
    qtbot.keyClick(main_window.canvas, getattr(Qt.Key, f"Key_{key}"), modifiers)
    assert float(doc.network.weights["x", "h"][0, 0]) == 0.75


def test_redo_shortcuts_are_each_registered_once(main_window):
    keys = [k.toString() for k in main_window.actions_by_name["redo"].shortcuts()]
    assert "Ctrl+Y" in keys and "Ctrl+Shift+Z" in keys
    assert len(keys) == len(set(keys))


def test_a_command_says_whether_it_pauses_training(qtbot, main_window):
    doc = main_window.document
    assert not commands.set_training_value(doc, "learning_rate", 0.3).pauses_training
    assert not commands.set_training_value(doc, "batch_size", 3).pauses_training
    t = doc.network.training.copy()
    t.loss = "half_mse"
    assert commands.SetSettings(doc, "loss", training=t).pauses_training
    assert commands.SetWeight(doc, "x", "h", 0, 0, 1.0).pauses_training
    assert commands.connect(doc, "x", "y").pauses_training
    assert not commands.MoveLayers(doc, {"x": (1.0, 2.0)}).pauses_training
    assert np.isfinite(doc.network.flat).all()
