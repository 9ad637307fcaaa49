"""A small line edit that appears on the canvas to type a weight, a bias or a layer name.

Enter commits (``commit(text)`` returns None when accepted, or the reason it was not,
which is shown and keeps the editor open in red, to type again); Escape or clicking elsewhere cancels.
An edit a guided lesson holds back (the reason a ``HeldBack``: the lesson keeps the trained weight until its
question is answered) closes the editor as a cancel does: the edge goes on showing what it holds ("?"),
not the refused number in a box on it, and the status bar and the Lesson panel say why it was not taken.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QLineEdit

from desktop.document import HeldBack
from desktop.naming import name


def parse_number(text: str) -> float:
    """A finite float from what a student typed ('0.5', '-1e-3', ' 2 ', '0,5')."""
    cleaned = text.strip().replace(",", ".").replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:
        raise ValueError(f"'{text.strip()}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("the value must be a finite number")
    return value


def unless_unchanged(start: str, commit: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """``commit``, but Enter on the text the editor opened with changes nothing: a number opened rounded as the
    canvas writes it (−5.670) is not written back over the weight it rounds."""
    return lambda text: None if text.strip() == start.strip() else commit(text)


class InlineEditor(QLineEdit):
    closed = Signal()

    def __init__(self, viewport, centre: QPoint, text: str, commit: Callable[[str], str | None],
                 hint: str = "", width: int = 110):
        super().__init__(viewport)
        name(self, "canvas_inline_editor", (hint.splitlines() or ["Edit on the canvas"])[0])
        self._commit = commit
        self._done = False
        self.setText(text)
        self.selectAll()
        self.setToolTip(hint + "\nEnter: apply · Escape: cancel")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setStyleSheet("QLineEdit { border: 2px solid #1F4E9A; border-radius: 4px; padding: 1px 3px; }")
        height = self.sizeHint().height()
        self.setGeometry(centre.x() - width // 2, centre.y() - height // 2, width, height)
        #: where on the scene it edits (the view moves it there after a zoom or scroll)
        self.scene_at = None
        self.show()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def centre_on(self, centre: QPoint) -> None:
        """Keep the editor centred on ``centre`` (viewport pixels)."""
        self.move(centre.x() - self.width() // 2, centre.y() - self.height() // 2)

    def event(self, event):
        """While typing, plain keys (arrows, Delete, F2) belong to the editor, not the canvas shortcuts."""
        if event.type() == QEvent.Type.ShortcutOverride and not (
                event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)
        event.accept()  # a key the line edit ignores (Up, Down) must not reach the canvas below

    def apply(self) -> bool:
        error = self._commit(self.text())
        if isinstance(error, HeldBack):  # typing again cannot help: the edge shows what it holds again
            self.cancel()
            return False
        if error:
            self.setStyleSheet("QLineEdit { border: 2px solid #D62728; border-radius: 4px; padding: 1px 3px; }")
            self.setToolTip(error)
            return False
        self.cancel()
        return True

    def cancel(self) -> None:
        if self._done:
            return
        self._done = True
        self.hide()
        self.closed.emit()
        self.deleteLater()

    def focusOutEvent(self, event):
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.cancel()
