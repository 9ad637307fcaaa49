"""The width of the status bar's training figures (``TrainingUI.status_label``).

The label has a fixed size between two resizes of the window: a label whose size follows its text makes Qt lay
out the whole window again with every new text (~1 ms every frame of a run). Its width is
``min(FULL_DIGITS digits, the bar's width − the "Loss is rising" warning beside it − MESSAGE_ROOM_DIGITS digits)``,
never under ``MIN_DIGITS`` digits, fitted again when the bar is resized and when the warning shows or goes: a
fixed 95 digits (760 px) plus the warning (264 px) made the window 1056 px wide on a 1024 px screen (review 21,
finding 11), and left the bar's left part (the messages: "Training stopped: …") no room at all. A text longer
than the label is cut with "…" and held whole in its tooltip (``ElidingLabel``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

#: the figures' width where the window has room ("Epoch 12 · Step 340 · epoch 12 mean: loss …, accuracy … ·
#: validation … · 5,043 steps/s")
FULL_DIGITS = 95
#: the room kept for the bar's messages on its left
MESSAGE_ROOM_DIGITS = 24
#: the narrowest the figures get
MIN_DIGITS = 20
#: the status bar's gap between two permanent widgets (pixels, with their frames)
GAP = 12


class StatusWidth(QObject):
    """Keeps ``label`` (fixed height) as wide as the bar ``bar`` allows beside ``warning`` (see the module)."""

    def __init__(self, bar, label, warning):
        super().__init__(label)
        self.bar, self.label, self.warning = bar, label, warning
        label.setFixedSize(self.width_for(bar.width()), label.sizeHint().height())
        bar.installEventFilter(self)
        warning.installEventFilter(self)

    def width_for(self, bar_width: int, warning_shown: bool | None = None) -> int:
        """The label's width in a bar ``bar_width`` pixels wide (the warning's room taken while it shows, or when
        ``warning_shown`` says it is about to)."""
        digit = self.label.fontMetrics().horizontalAdvance("0")
        shown = not self.warning.isHidden() if warning_shown is None else warning_shown
        warning = self.warning.sizeHint().width() + GAP if shown else 0
        room = bar_width - warning - MESSAGE_ROOM_DIGITS * digit
        return max(MIN_DIGITS * digit, min(FULL_DIGITS * digit, room))

    def fit(self, warning_shown: bool | None = None) -> None:
        """The label's width for the bar as it is; ``warning_shown`` True before the warning shows (Qt lays out the
        window as it shows a widget: a window too narrow for both then grows, and never shrinks back)."""
        width = self.width_for(self.bar.width(), warning_shown)
        if width != self.label.width():
            self.label.setFixedWidth(width)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self.fit()
        return False
