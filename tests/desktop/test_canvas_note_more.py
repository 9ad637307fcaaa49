"""The canvas's note says when the description has more, and "more…" opens all of it.

The teacher's review at 1024×700: guided_chain_rule's note above the network read "A guided lesson
on a 2-2-2 network (…, one sample): the δ of a hidden…" in three lines, and a student could not tell
there was more, nor where. Under the note a "more…" link now shows whenever the description says
more than the note; clicking it brings the Inspector's Description, the whole text, into view.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPushButton

import core
from desktop.on_screen import on_screen


def open_at_1024(qtbot, window, example: str) -> None:
    window.resize(1024, 700)
    assert window.files.open_example(str(core.example_path(example)))  # the Lessons menu's action
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.canvas.note.isVisible(), timeout=10000)
    qtbot.wait(50)


def more_button(window) -> QPushButton:
    return window.findChild(QPushButton, "canvas_note_more")


def test_a_cut_note_offers_more_and_more_shows_the_whole_description(qtbot, main_window):
    window = main_window
    open_at_1024(qtbot, window, "guided_chain_rule")
    description = window.document.network.description
    note = window.canvas.note
    assert len(" ".join(note.text().split())) < len(" ".join(description.split()))  # the note is a part

    more = more_button(window)
    assert more is not None, "no 'more…' under the cut note"
    qtbot.waitUntil(lambda: more.isVisible(), timeout=5000)
    assert more.text() == "more…" and on_screen(more)
    viewport = window.canvas.viewport().geometry()
    assert viewport.contains(more.geometry()), (more.geometry(), viewport)  # on the canvas, in sight
    assert not more.geometry().intersects(note.geometry())  # under the note, never over its words

    qtbot.mouseClick(more, Qt.MouseButton.LeftButton, pos=QPoint(more.width() // 2, more.height() // 2))
    box = window.inspector.network_page.description
    qtbot.waitUntil(lambda: on_screen(box), timeout=5000)
    assert window.inspector.current_page() is window.inspector.network_page
    assert box.toPlainText() == description
    assert box.visibleRegion().boundingRect().height() > 0  # scrolled into view in the Inspector


def test_a_whole_note_offers_nothing_more(qtbot, main_window):
    """The student writes a one-sentence description in the Inspector: the note is all of it, no "more…"."""
    window = main_window
    open_at_1024(qtbot, window, "guided_chain_rule")
    more = more_button(window)
    qtbot.waitUntil(lambda: more.isVisible(), timeout=5000)
    qtbot.mouseClick(more, Qt.MouseButton.LeftButton, pos=QPoint(more.width() // 2, more.height() // 2))
    box = window.inspector.network_page.description
    qtbot.waitUntil(lambda: box.hasFocus(), timeout=5000)
    box.selectAll()
    short = "XOR with one hidden layer."
    qtbot.keyClicks(box, short)
    window.canvas.setFocus()  # leaving the box keeps the edit (one undoable step)
    qtbot.waitUntil(lambda: window.canvas.note.text() == short, timeout=5000)
    qtbot.waitUntil(lambda: not more.isVisible(), timeout=5000)
    window.document.undo_stack.undo()  # the lesson's description again: more to read
    qtbot.waitUntil(lambda: more.isVisible(), timeout=5000)
