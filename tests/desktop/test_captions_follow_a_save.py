"""Ctrl+S: the captions that name the weights say "as saved" at once (code review 20 #8: the heatmaps' caption,
and the Inspector's, Matrix's and Sum over paths' from the same words, kept "the current weights" after a Save
until the next change, and the Loss caption and the status bar left out "weights as saved": a Save changed
nothing the window's view state announced, and no snapshot came to rewrite the figures)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from test_heatmap_caption_weights import caption
from test_training_protocol import ready, type_weight


def chain_rule(window) -> str:
    """The Inspector's chain rule for the selected edge, as its text box shows it."""
    from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

    boxes = window.inspector.edge_page.findChildren(QTextEdit) + window.inspector.edge_page.findChildren(QPlainTextEdit)
    return " ".join(box.toPlainText() for box in boxes if box.isVisible())


def test_a_save_turns_the_current_weights_into_the_weights_as_saved(qtbot, main_window, dialogs, tmp_path):
    window = main_window
    window.resize(1400, 900)
    qtbot.wait(50)
    window.apply_default_layout()
    ready(qtbot, window)
    type_weight(qtbot, window, "x", "h", 0, 0, "0.625")  # the student types a weight: unsaved
    panel = window.training.ui.heatmaps
    qtbot.waitUntil(lambda: "current weights" in caption(panel), timeout=10000)
    assert window.document.dirty
    qtbot.waitUntil(lambda: "at the current weights" in chain_rule(window), timeout=5000)

    dialogs.answer("save_file", str(tmp_path / "mine.bpnet"))
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Save: asks where (Save As)
    assert not window.document.dirty
    shown = caption(panel)
    assert "weights as saved" in shown and "current" not in shown, shown
    status = window.training.ui.status_label.text()
    assert "weights as saved" in status, status
    assert "weights as saved" in window.training.ui.loss.summary.text()
    said = chain_rule(window)
    assert "at the weights as saved" in said and "current" not in said, said
