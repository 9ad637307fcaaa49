"""The network's description, shown and edited in the inspector's Network page.

A ``QPlainTextEdit`` (it lays out only what is visible, so even the longest description the
reader accepts, ``core.fileio.MAX_DESCRIPTION_LENGTH`` characters, shows at once; a word-
wrapped ``QLabel`` took 30 s for 4 MB). A few lines high, it scrolls beyond that. When the
student leaves the box with a changed text, ``edited(text)`` asks for one undoable
``SetNetworkInfo`` (the owner performs it through ``Document.perform``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPlainTextEdit

from core.fileio import MAX_DESCRIPTION_LENGTH
from desktop.naming import name

#: the box shows this many lines before it scrolls
VISIBLE_LINES = 6


class DescriptionEditor(QPlainTextEdit):
    #: editing finished with a text different from the network's
    edited = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        name(self, "network_description", "Description")
        self.setPlaceholderText("What this network is for, what to try, what to watch…")
        self.setToolTip(f"The file's description (at most {MAX_DESCRIPTION_LENGTH:,} characters); "
                        "leave the box to keep an edit, Ctrl+Z undoes it")
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        margins = self.contentsMargins()
        self.setMaximumHeight(int(self.fontMetrics().lineSpacing() * VISIBLE_LINES + 2 * self.document().documentMargin()
                                  + margins.top() + margins.bottom() + 4))
        self._shown = ""

    def show_text(self, text: str) -> None:
        """Show the network's description, unless the student is editing the box."""
        if self.hasFocus() and self.document().isModified():
            return
        if text == self._shown and self.toPlainText() == text:
            return
        self._shown = text
        self.setPlainText(text)
        self.document().setModified(False)

    def commit(self) -> None:
        """Emit ``edited`` when the text differs from the network's."""
        text = self.toPlainText()
        self.document().setModified(False)
        if text != self._shown:
            self.edited.emit(text)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.commit()
