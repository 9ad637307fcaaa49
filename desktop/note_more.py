""""more…" under the canvas's note when the network's description says more than the note shows.

The canvas writes the first sentence of the description above the network (``NetworkView.note``,
at most 160 characters, cut with "…"). At 1024×700 guided_chain_rule's read "… one sample): the δ
of a hidden…" in three lines, and nothing told a student that the rest (what to try, what to
watch) was there. ``NoteMore`` is a small link-styled button just under the note's right end,
shown while the description holds more than the note; a click selects nothing (the Inspector
shows the network), brings the Inspector forward and scrolls to its Description box, where the
whole text is. It follows the note (an event filter: shown, hidden, moved, resized) and the
document (another network, an edited description); it never changes the view or the note.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QPushButton, QScrollArea

from desktop.naming import name

#: pixels between the note's bottom edge and the button
GAP = 1


def says_more(description: str, shown: str) -> bool:
    """Whether ``description`` holds more words than ``shown`` (the note: its first sentence, maybe cut)."""
    whole = " ".join((description or "").split())
    shown = " ".join((shown or "").split())
    return bool(whole) and (shown.endswith("…") or len(whole) > len(shown))


class NoteMore(QPushButton):
    def __init__(self, window):
        self.window = window
        self.note = window.canvas.note
        super().__init__("more…", window.canvas)
        name(self, "canvas_note_more", "More of the description")
        self.setToolTip("The whole description: the Inspector's Network page")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFlat(True)
        self.setStyleSheet("QPushButton { background: rgba(255, 255, 255, 225); color: #1a5fb4; border: none;"
                           " text-decoration: underline; padding: 0px 6px; border-radius: 3px; }")
        self.clicked.connect(self.open_description)
        self.hide()
        self._follow = _Follow(self)
        self.note.installEventFilter(self._follow)
        document = window.document
        for signal in (document.network_replaced, document.structure_changed, document.file_state_changed,
                       document.version_changed):
            signal.connect(self.follow_soon)

    def follow_soon(self, *_args) -> None:
        """After the view has laid the note out for this change (its own slots run first or in this turn)."""
        QTimer.singleShot(0, self, self.follow)  # (not called once the button, with its canvas, is gone)

    def follow(self) -> None:
        """Show the button under the note's right end while the description says more, else hide it."""
        note = self.note
        wanted = note.isVisible() and says_more(self.window.document.network.description, note.text())
        if wanted:
            self.adjustSize()
            geometry = note.geometry()
            self.move(geometry.right() - self.width() + 1, geometry.bottom() + GAP)
            self.raise_()
        self.setVisible(wanted)

    def open_description(self) -> None:
        """Select nothing (the Inspector shows the network), bring the Inspector forward, show its Description."""
        window = self.window
        window.view_state.select(None)
        window.inspector_dock.show()
        window.inspector_dock.raise_()
        inspector = window.inspector
        inspector.show_network()
        box = inspector.network_page.description
        scroll = box.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is not None:
            scroll.ensureWidgetVisible(box)
        box.setFocus(Qt.FocusReason.OtherFocusReason)


class _Follow(QObject):
    """The note's shows, hides, moves and resizes move the button with it."""

    def __init__(self, button: NoteMore):
        super().__init__(button)
        self.button = button

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Move, QEvent.Type.Resize):
            self.button.follow_soon()
        return False


def install_note_more(window) -> NoteMore:
    """The "more…" button of ``window``'s canvas note (kept as ``window.note_more``)."""
    window.note_more = NoteMore(window)
    window.note_more.follow_soon()
    return window.note_more
