"""After early stopping puts an earlier epoch's weights back, every caption names those weights (teacher
review 19 #2 and #9).

early_stopping, F5 until it stops itself: training ran to epoch 53 (step 477) and restored epoch 33's
weights (after step 297). The status bar said "weights of epoch 33", but the Gradient heatmaps' caption said
"dL/dw for sample 0, at the weights after step 477", weights no longer on screen, and the Inspector's chain
rule said "at the current weights": three names for one set of weights. Now the heatmaps and the chain rule
both say "the weights of epoch 33 (restored: after step 297)" (the heatmaps' short form "weights of epoch
33"), and after an ordinary run both say "the weights after step N".
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

import core
from lesson_support import Student
from test_editor_readable import open_at
from test_heatmap_caption_weights import caption
from test_training_support import wait_finished


def chain_rule_of_clicked_edge(qtbot, window, canvas, source: str, target: str) -> str:
    """The student clicks edge source → target [0, 0] and reads the Inspector's chain rule."""
    canvas.click(canvas.edge_point(source, target, 0, 0, fraction=0.4))
    qtbot.waitUntil(lambda: window.view_state.selection is not None
                    and window.view_state.selection.kind == "edge", timeout=5000)
    Student(qtbot, window).click_tab("Inspector")
    pane = window.inspector.edge_page.explanation
    qtbot.waitUntil(lambda: "at the " in pane.toPlainText(), timeout=5000)
    return " ".join(pane.toPlainText().split())


def test_after_early_stopping_the_heatmaps_and_the_chain_rule_name_the_restored_epoch(qtbot, main_window, canvas):
    window = main_window
    reference = core.load_network(core.example_path("early_stopping"))
    trainer = core.Trainer(reference)
    assert trainer.run(epochs=2000).reason == "early_stopped" and trainer.restored_epoch is not None
    best, best_step, last_step = trainer.restored_epoch, trainer.best_step, trainer.step_count
    assert best_step < last_step

    open_at(window, "early_stopping", (1024, 700))
    QTest.keyClick(window, Qt.Key.Key_F5)  # Play: it stops by itself
    snap = wait_finished(qtbot, window.training, timeout=60000)
    assert snap.state == "early_stopped" and snap.step == last_step
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: f"weights of epoch {best}" in caption(panel), timeout=5000)
    assert f"step {last_step}" not in caption(panel)
    assert f"after step {best_step}" in panel.what.toolTip()  # the caption's whole sentence

    words = chain_rule_of_clicked_edge(qtbot, window, canvas, "h2", "y")
    assert f"at the weights of epoch {best} (restored: after step {best_step})" in words, words
    assert "current weights" not in words and f"step {last_step}" not in words


def test_after_a_run_the_chain_rule_and_the_heatmaps_name_the_same_step(qtbot, main_window, canvas):
    """three_classes_softmax trained, an edge selected: the chain rule said "at the current weights" and the
    heatmaps "at the weights after step N" for the same weights."""
    window = main_window
    open_at(window, "xor", (1024, 700))
    for k in range(1, 4):
        QTest.keyClick(window, Qt.Key.Key_F6)  # Step
        qtbot.waitUntil(lambda: window.document.undo_stack.count() == k, timeout=10000)
        wait_finished(qtbot, window.training)
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: "at the weights after step 3" in panel.what.toolTip(), timeout=5000)
    words = chain_rule_of_clicked_edge(qtbot, window, canvas, "h", "y")
    assert "at the weights after step 3" in words, words
    assert "current weights" not in words
