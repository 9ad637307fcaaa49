"""A Step (F6) gives the canvas new numbers, not new sizes: with the XOR lesson's thumbnails, the Step's
commit left the old maps at other weights and its snapshot brought new ones inside one announcement, which
the view state counted as a change of the cards' sizes; every card then measured its numbers again and
painted its stamp of plates and captions anew at each Step (half the GUI thread's work before the canvas
was painted). What the canvas shows after the Step is what a drawing from scratch shows."""

from __future__ import annotations

import core
from PySide6.QtWidgets import QApplication
from test_training_support import press_step, training_window  # noqa: F401 (a fixture)


def test_a_step_keeps_the_cards_sizes_and_paints_what_a_fresh_drawing_paints(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("xor")))
    scene, view_state = window.canvas.scene(), window.view_state
    qtbot.waitUntil(lambda: scene.thumbnail("h", 0) is not None, timeout=10000)
    press_step(qtbot, window)  # (the first Step's maps arrive with it)
    qtbot.waitUntil(lambda: scene.thumbnail("h", 0) is not None, timeout=10000)
    sizes = view_state.sizes_revision
    for _ in range(3):
        press_step(qtbot, window)
        qtbot.waitUntil(lambda: scene.thumbnail("h", 0) is not None, timeout=10000)
    assert view_state.sizes_revision == sizes  # new numbers: the cards keep their sizes
    for _ in range(3):
        QApplication.processEvents()
    after_steps = window.canvas.viewport().grab().toImage()
    scene.relayout()
    for item in scene.items():  # every item painted again from scratch (no picture kept)
        item.update()
    scene.invalidate()
    window.canvas.viewport().update()
    for _ in range(3):
        QApplication.processEvents()
    assert window.canvas.viewport().grab().toImage() == after_steps
