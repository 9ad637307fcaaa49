"""A one-line label that ends a text too long for it in "…" instead of losing its start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QLabel


class ElidingLabel(QLabel):
    """A ``QLabel`` of one line whose text, when wider than the label, is drawn cut at the end with
    "…", and then held whole in the tooltip. (A plain right-aligned ``QLabel`` is cut where its
    alignment pushes the text out: at its start, the part that says what the figures are.)
    ``text()`` is always the whole text. With word wrap on it is a plain ``QLabel`` (it wraps
    instead): a panel can wrap its lines when tall and keep them to one line, cut, when low.

    ``said_beside``: a text said beside the label at the moment (the status bar's message); while the label's text
    is that text, it draws nothing, so the bar says it once (F5 on a network that cannot train showed "Cannot
    train: the output layer 'y' ha…" at the left and "Cannot train: the output…" at the right)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._whole: str | None = None  # the text put in the tooltip because it was cut (None: none)
        self._beside = ""  # the text said beside the label now (``said_beside``)

    def said_beside(self, text: str) -> None:
        """``text`` is said beside the label now ("" when nothing is): the label is blank while it says the same."""
        if text != self._beside:
            self._beside = text
            self._hold_whole_text_in_tooltip()
            self.update()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._hold_whole_text_in_tooltip()

    def setWordWrap(self, on: bool) -> None:
        super().setWordWrap(on)
        self._hold_whole_text_in_tooltip()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._hold_whole_text_in_tooltip()

    def shown_text(self) -> str:
        """What the label draws: its text, cut with "…" to its width (whole when it wraps)."""
        if self.wordWrap():
            return self.text()
        if self._beside and self.text() == self._beside:
            return ""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def is_cut(self) -> bool:
        """Whether the label draws less than its whole text (not when it is blank because it is said beside it)."""
        return self.shown_text() not in (self.text(), "")

    def _hold_whole_text_in_tooltip(self) -> None:
        """A cut text goes into the tooltip; a tooltip that held one goes when the text fits again
        (a tooltip set by others is left alone)."""
        cut = self.is_cut()
        if cut or self.toolTip() == self._whole:
            self.setToolTip(self.text() if cut else "")
        self._whole = self.text() if cut else None

    def paintEvent(self, event) -> None:
        if self.wordWrap():
            super().paintEvent(event)
            return
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment().value), self.shown_text())
