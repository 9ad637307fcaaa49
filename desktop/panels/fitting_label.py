"""A wrapping label given the same facts written at several lengths: it shows the longest that
fits in a few lines at its width.

A panel's line of figures may read "last batch loss 0.49 (step 1, before its update) · …" in a
wide window and "last batch loss 0.49 · …" in a narrow one: every form is whole and says what
each number is; a shorter one leaves out only words the tooltip says too. When even the shortest
needs more lines, it is shown whole all the same (never cut).
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSizePolicy

from desktop.wrapping_label import wrapped_lines


class FittingLabel(QLabel):
    """A word-wrapped ``QLabel`` showing the first of ``set_texts(forms)`` (most words first) that
    takes at most ``max_lines`` lines at its width, else the last; chosen again when its width
    changes. ``text()`` is the form shown, ``forms()`` all of them."""

    def __init__(self, text: str = "", max_lines: int = 3, parent=None):
        super().__init__(text, parent)
        self.max_lines = max_lines
        self._forms: list[str] = [text]
        self._fitted = None  # (forms, width, font, max_lines) the form shown was chosen for
        self._heights_key = None  # (forms, width, font, margins) the heights ``height_for`` remembers were measured at
        self._heights: dict[int, int] = {}  # max_lines → pixels
        self.setWordWrap(True)
        # however long the figures, the label never widens its panel (it wraps instead)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def forms(self) -> list[str]:
        return list(self._forms)

    def set_texts(self, forms) -> None:
        """Show the longest of ``forms`` (most words first) that fits in ``max_lines`` lines."""
        self._forms = [f for f in forms if f] or [""]
        self._fit()

    def set_max_lines(self, lines: int) -> None:
        """Fit the forms in at most ``lines`` lines from now on (a panel grown or shrunk)."""
        if lines != self.max_lines:
            self.max_lines = lines
            self._fit()

    def setText(self, text: str) -> None:  # one form only
        self._forms = [text]
        self._fit()

    def lines(self, text: str | None = None) -> list[str]:
        """The lines ``text`` (default: the form shown) takes at the label's width."""
        return wrapped_lines(self.text() if text is None else text, self.font(), self.contentsRect().width())

    def form_for(self, max_lines: int) -> str:
        """The form shown when it may take at most ``max_lines`` lines at the label's width."""
        width = self.contentsRect().width()
        if width <= 0:
            return self._forms[0]
        return next((f for f in self._forms if len(wrapped_lines(f, self.font(), width)) <= max_lines),
                    self._forms[-1])

    def height_for(self, max_lines: int) -> int:
        """Pixels the label needs (its margins too) when it may take at most ``max_lines`` lines.

        Remembered for the forms, width, font and margins it was measured at: panels ask at every frame
        (the heatmaps' caption) and several times a layout (the loss panel's room), and each answer lays
        the forms' text out again."""
        margins = self.contentsMargins()
        key = (tuple(self._forms), self.contentsRect().width(), self.font().key(), margins.top(), margins.bottom(),
               self.margin())
        if key != self._heights_key:
            self._heights_key, self._heights = key, {}
        if max_lines not in self._heights:
            lines = max(1, len(self.lines(self.form_for(max_lines))))
            self._heights[max_lines] = lines * self.fontMetrics().lineSpacing() + margins.top() + margins.bottom() \
                + 2 * self.margin()
        return self._heights[max_lines]

    def _fit(self) -> None:
        width = self.contentsRect().width()
        fitted = (self._forms, width, self.font().key(), self.max_lines)
        if fitted == self._fitted:
            return  # the same forms at the same width (a live caption between changes): the same choice
        self._fitted = fitted
        chosen = self._forms[-1]
        if width > 0:
            chosen = next((f for f in self._forms if len(wrapped_lines(f, self.font(), width)) <= self.max_lines),
                          chosen)
        else:
            chosen = self._forms[0]  # not laid out yet: chosen again when it gets its width
        if chosen != super().text():
            super().setText(chosen)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit()
