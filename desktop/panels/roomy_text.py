"""``RoomyText``: read-only monospace text whose lines keep a gap between them (the chain-rule panes).

The Inspector writes its chain rules as plain lines, names with underscores ("a_h0 · δ_y0",
"dL/dz_y0", "binary_cross_entropy"). In a ``QPlainTextEdit`` the lines sit ascent + descent apart
with no leading: each underscore, drawn at the bottom of its line, touched the tops of the line
below ("δ_y0" over "(0.002345") and read as a rule between them. ``QPlainTextEdit``'s layout
ignores a block's line height, so this is a ``QTextEdit`` that sets every block's line height to
``LINE_HEIGHT`` percent of the font's each time its text is set; it keeps the plain-text API
(``setPlainText``, ``toPlainText``) the panes use. Its placeholder (shown while empty) is drawn whole, every
line of it: ``QTextEdit`` clipped it to the empty document's one line, so a second line showed as specks.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QPainter, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

#: each line's height, in percent of the font's (ascent + descent): room under an underscore
LINE_HEIGHT = 125


class RoomyText(QTextEdit):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

    def setPlainText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        """Show ``text`` (plain), every line ``LINE_HEIGHT`` % high."""
        if text == self.toPlainText():
            return
        super().setPlainText(text)
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        spaced = QTextBlockFormat()
        spaced.setLineHeight(LINE_HEIGHT, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(spaced)

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """While empty, the placeholder wrapped over the whole viewport (Qt's own showed only its first line)."""
        if not self.document().isEmpty() or not self.placeholderText():
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        margin = int(self.document().documentMargin())
        painter.drawText(self.viewport().rect().adjusted(margin, margin, -margin, -margin),
                         int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap),
                         self.placeholderText())
