"""The width of the status bar's training figures (``TrainingUI.status_label``).

The label has a fixed size between two resizes of the window: a label whose size follows its text makes Qt lay
out the whole window again with every new text (~1 ms every frame of a run). Its width is
``min(FULL_DIGITS digits, the bar's width − the "Loss is rising" warning beside it − MESSAGE_ROOM_DIGITS digits)``,
never under ``MIN_DIGITS`` digits, fitted again when the bar is resized and when the warning shows or goes: a
fixed 95 digits (760 px) plus the warning (264 px) made the window 1056 px wide on a 1024 px screen (review 21,
finding 11), and left the bar's left part (the messages: "Training stopped: …") no room at all. A text longer
than the label is cut with "…" and held whole in its tooltip (``ElidingLabel``).

While the bar shows a message, the message wins: the label gives it the room its words take, down to
``MIN_DIGITS`` digits of its own (its figures then end in "…", whole in its tooltip), and takes its width back
when the message goes. At 1024 px the figures ("Epoch 105 · Step 105 · now, all training data: loss ? (comes
with a later question)") left Save's message 24 digits: "Saved /tmp/review23b/out/anna.bpn…" (teacher review
23b #3). A message changes the layout once, as it shows and as it goes, not every frame.
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
#: the room a message needs besides its words: its left edge 6 px in, 2 px before the first permanent widget, the
#: bar's right end after the last one (its size grip and margins: 24 px in the Fusion style), a little slack
MESSAGE_MARGIN = 40


class StatusWidth(QObject):
    """Keeps ``label`` (fixed height) as wide as the bar ``bar`` allows beside ``warning`` (see the module)."""

    def __init__(self, bar, label, warning):
        super().__init__(label)
        self.bar, self.label, self.warning = bar, label, warning
        label.setFixedSize(self.width_for(bar.width()), label.sizeHint().height())
        bar.messageChanged.connect(lambda _message: self.fit())
        bar.installEventFilter(self)
        warning.installEventFilter(self)

    def width_for(self, bar_width: int, warning_shown: bool | None = None) -> int:
        """The label's width in a bar ``bar_width`` pixels wide (the warning's room taken while it shows, or when
        ``warning_shown`` says it is about to; the bar's message's room while it shows one)."""
        digit = self.label.fontMetrics().horizontalAdvance("0")
        shown = not self.warning.isHidden() if warning_shown is None else warning_shown
        warning = self.warning.sizeHint().width() + GAP if shown else 0
        message = self.bar.currentMessage()
        wanted = self.bar.fontMetrics().horizontalAdvance(message) + MESSAGE_MARGIN if message else 0
        room = bar_width - warning - max(MESSAGE_ROOM_DIGITS * digit, wanted)
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
