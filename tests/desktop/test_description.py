"""The file's description is edited in the window (inspector, Network page) through the one
command path, shown in a box that stays fast for long texts, and capped like the reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit

from core.fileio import MAX_DESCRIPTION_LENGTH
from desktop import commands


def description_box(window) -> QPlainTextEdit:
    box = window.findChild(QPlainTextEdit, "network_description")
    assert box is not None and box.accessibleName() == "Description"
    return box


def leave(qtbot, window, box) -> None:
    """Move the keyboard focus out of the box, as a student does when done typing."""
    window.canvas.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(lambda: not box.hasFocus(), timeout=2000)


def test_the_description_is_shown_and_edited_undoably(qtbot, main_window):
    window, doc = main_window, main_window.document
    window.inspector.show_network()
    box = description_box(window)
    assert box.toPlainText() == doc.network.description and doc.network.description
    old = doc.network.description
    box.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(box.hasFocus, timeout=2000)
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, " Try a learning rate of 3.")
    assert doc.network.description == old  # nothing changes while typing
    leave(qtbot, window, box)
    assert doc.network.description == old + " Try a learning rate of 3."
    stack = doc.undo_stack
    assert stack.text(stack.index() - 1) == "Edit description"
    assert isinstance(stack.command(stack.index() - 1), commands.SetNetworkInfo)
    assert doc.dirty
    stack.undo()
    assert doc.network.description == old and box.toPlainText() == old


def test_a_description_over_the_cap_is_refused(qtbot, main_window):
    doc = main_window.document
    old = doc.network.description
    reason = doc.perform(commands.SetNetworkInfo(doc, doc.network.name, "x" * (MAX_DESCRIPTION_LENGTH + 1)))
    assert reason and "at most" in reason and doc.network.description == old


def test_the_longest_description_shows_in_a_box_that_lays_out_lazily(qtbot, main_window):
    """A word-wrapped QLabel with a 4 MB text froze the window for 30 s; the box is a
    QPlainTextEdit a few lines high (measured offscreen: the longest allowed text, 100,000
    characters, shows in about 0.07 s)."""
    doc = main_window.document
    text = "A long lesson text. " * (MAX_DESCRIPTION_LENGTH // 20)
    assert doc.perform(commands.SetNetworkInfo(doc, doc.network.name, text)) is None
    box = description_box(main_window)
    assert box.toPlainText() == text
    assert box.maximumHeight() < 200
