"""A status bar whose message, when longer than the room the permanent labels leave it, first leaves out
its asides in parentheses, last first ("Not trained: answer step 5 first (it asks about the weights as
saved)." reads "Not trained: answer step 5 first." at 1024 px), and only then ends in "…"; the whole
message is in its tooltip (QStatusBar cuts it mid-word, with no sign that more follows).

A message can come with a detail (``show_detailed``): the bar shows the short, decisive words ("Saved anna.bpnet
(with your place, the run at step 105 and the lesson's start)"), the tooltip adds the rest (the whole path, what
opening the file will do): at 1024 px the long sentence showed only "Saved /tmp/review23b/out/anna.bpn…" (teacher
review 23b #3). While a message shows, the training figures beside it give it room (``status_width``)."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QSizeGrip, QStatusBar, QStyle, QStyleOption, QToolTip


#: an aside: a space and a parenthesis with no parenthesis inside
ASIDE = re.compile(r" \([^()]*\)")


def shorter_forms(message: str) -> list[str]:
    """``message``, then it without its last aside, without its last two…, down to none:
    "a (b) c (d)." → ["a (b) c (d).", "a (b) c.", "a c."]."""
    forms = [message]
    while True:
        asides = list(ASIDE.finditer(forms[-1]))
        if not asides:
            return forms
        last = asides[-1]
        forms.append(forms[-1][:last.start()] + forms[-1][last.end():])


class ElidingStatusBar(QStatusBar):
    """``showMessage`` as ever (``currentMessage()`` is the whole text); drawn cut with "…" at the
    end of its room, and then the whole text shows when the pointer rests on it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._permanent = []  # the widgets added with addPermanentWidget, left to right
        self._detail: tuple[str, str] | None = None  # (message, its detail) of the last ``show_detailed``
        self.messageChanged.connect(self._hold_whole_message_in_tooltip)

    def addPermanentWidget(self, widget, stretch: int = 0) -> None:  # noqa: N802 (Qt's name)
        super().addPermanentWidget(widget, stretch)
        self._permanent.append(widget)

    def show_detailed(self, message: str, detail: str, timeout: int = 0) -> None:
        """``showMessage(message, timeout)``, with ``detail`` after it in the tooltip while it shows."""
        self._detail = (message, detail) if detail else None
        self.showMessage(message, timeout)

    def whole_message(self) -> str:
        """The message shown (``currentMessage``), and on a new line its detail when it has one."""
        message = self.currentMessage()
        if message and self._detail is not None and self._detail[0] == message:
            return f"{message}\n{self._detail[1]}"
        return message

    def message_rect(self) -> QRect:
        """Where the message is drawn: from the left edge to the first visible permanent widget
        (as ``QStatusBarPrivate::messageRect``)."""
        right = self.width() - 12
        grip = [w for w in self.findChildren(QSizeGrip) if w.parent() is self and w.isVisible()]
        if grip:
            right = grip[0].x()
        for widget in self._permanent:
            if widget.isVisible():
                right = min(right, widget.x() - 2)
                break
        return QRect(6, 0, max(0, right - 6), self.height())

    def shown_message(self) -> str:
        """The message as drawn: whole, or without the asides its room cannot take (``shorter_forms``),
        or the shortest form cut to its room and ending in "…"."""
        metrics, room = self.fontMetrics(), self.message_rect().width()
        forms = shorter_forms(self.currentMessage())
        for form in forms:
            if metrics.horizontalAdvance(form) <= room:
                return form
        return metrics.elidedText(forms[-1], Qt.TextElideMode.ElideRight, room)

    def _hold_whole_message_in_tooltip(self, *_) -> None:
        message, whole = self.currentMessage(), self.whole_message()
        self.setToolTip(whole if message and (self.shown_message() != message or whole != message) else "")

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._hold_whole_message_in_tooltip()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.message_rect().contains(event.pos()):
            QToolTip.hideText()  # over the permanent labels: theirs, or none; not the message's
            event.ignore()
            return True
        if event.type() == QEvent.Type.LayoutRequest:
            result = super().event(event)
            self._hold_whole_message_in_tooltip()  # the permanent labels moved: another room
            return result
        return super().event(event)

    def paintEvent(self, event) -> None:
        message = self.currentMessage()
        if not message:
            super().paintEvent(event)
            return
        # QStatusBar.paintEvent with the message elided: the panel, the frames of the permanent
        # widgets (the others are hidden while a message shows), the message
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelStatusBar, option, painter, self)
        for widget in self._permanent:
            if widget.isVisible():
                frame = QStyleOption()
                frame.rect = widget.geometry().adjusted(-2, -1, 2, 1)
                frame.palette = self.palette()
                frame.state = QStyle.StateFlag.State_None
                self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameStatusBarItem, frame, painter, widget)
        painter.setPen(self.palette().windowText().color())
        painter.drawText(self.message_rect(), int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter
                                                  | Qt.TextFlag.TextSingleLine), self.shown_message())


def show_detailed(bar, message: str, detail: str, timeout: int) -> None:
    """``message`` in ``bar`` for ``timeout`` ms, ``detail`` in its tooltip (a plain ``QStatusBar``: the message)."""
    if isinstance(bar, ElidingStatusBar):
        bar.show_detailed(message, detail, timeout)
    elif bar is not None:
        bar.showMessage(message, timeout)
