"""The lesson's note above the network is as tall as its text, whatever the window was before.

A student opens a lesson in a small window (a laptop's 1024×700: the note wraps onto more lines),
then enlarges the window: the note must shrink to the lines it now needs, not keep the small
window's height as an empty band that pushes the network down (and Fit to Window smaller).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

import core


def needed_height(note: QLabel) -> int:
    """The height a fresh label like ``note`` (same text, style, font, width) needs."""
    probe = QLabel(note.text(), note.parentWidget())
    probe.setWordWrap(True)
    probe.setStyleSheet(note.styleSheet())
    probe.setFont(note.font())
    try:
        return probe.heightForWidth(note.width())
    finally:
        probe.deleteLater()


def test_the_note_shrinks_when_the_window_grows(qtbot, main_window):
    window = main_window
    assert window.files.open_example(str(core.example_path("skip_connection")))  # the Lessons menu's action
    note = window.canvas.note
    heights = {}
    for size in ((1024, 700), (1400, 900), (1024, 700), (1400, 900)):
        window.resize(*size)
        QApplication.instance().processEvents()
        window.actions_by_name["fit"].trigger()  # Ctrl+0
        QApplication.instance().processEvents()
        assert note.isVisible() and note.text()
        assert note.height() == needed_height(note), (size, note.width(), note.height(), needed_height(note))
        heights.setdefault(size, set()).add((note.width(), note.height()))
    # the same size gives the same note, whatever came before
    assert all(len(seen) == 1 for seen in heights.values()), heights
    assert heights[1024, 700] != heights[1400, 900]  # (the window's size did change the note's width)
