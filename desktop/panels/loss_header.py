"""The Loss panel's row above its plots (``LossHeader``): the legend and the controls (Log scale, Runs).

Where the panel has the room, the legend sits beside the controls, each entry whole on a line. In a
narrow panel (a guided lesson's right column at 1024×700 is about 200 px wide) the room beside the
controls is narrower than an entry ("━●━ epoch mean" was cut by the Log scale box, its "mean"
wrapped under it), so the legend takes a row of its own under the controls, the panel's whole width,
and there it writes its entries' shorter names ("epoch" for "epoch mean", "now" for "now, all data";
the whole names in its tooltip) when they take fewer lines: the plot keeps the height.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QWidget

#: pixels between the controls, between the legend and the controls, and between the controls and the
#: legend's row under them
GAP = 6


class LossHeader(QWidget):
    """``legend`` (a ``LegendLabel``) and ``controls`` (widgets, right-aligned in their order), laid out as
    the module says. Call ``refit`` when the legend's entries or a control's text changed."""

    def __init__(self, legend, controls, parent=None):
        super().__init__(parent)
        self.legend, self.controls = legend, list(controls)
        for widget in [legend, *self.controls]:
            widget.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        #: True while the legend has a row of its own under the controls
        self.below = False

    def controls_size(self) -> QSize:
        hints = [c.sizeHint() for c in self.controls]
        return QSize(sum(h.width() for h in hints) + GAP * (len(hints) - 1), max(h.height() for h in hints))

    def arrangement(self, width: int) -> tuple[bool, bool, int]:
        """(legend below the controls, shorter names written, the row's height in pixels) at ``width``:
        beside the controls when every entry fits whole there, else below them with the names that
        take fewer lines (the whole names when both take as many)."""
        controls = self.controls_size()
        beside = width - controls.width() - GAP
        if self.legend.widest() <= beside:
            return False, False, max(controls.height(), self.legend.height_at(beside, False))
        whole, short = (self.legend.height_at(width, s) for s in (False, True))
        legend = min(whole, short)
        return True, short < whole, controls.height() + (GAP + legend if legend else 0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt's name)
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt's name)
        return self.arrangement(width)[2]

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        width = max(self.width(), self.controls_size().width())
        return QSize(self.controls_size().width(), self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(self.controls_size().width(), self.sizeHint().height())

    def refit(self) -> None:
        """Lay the row out again (its height may change)."""
        self.updateGeometry()
        self._place()

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        width = self.width()
        below, short, height = self.arrangement(width)
        self.below = below
        self.legend.set_short(short)
        controls = self.controls_size()
        x = width
        for control in reversed(self.controls):
            hint = control.sizeHint()
            x -= hint.width()
            control.setGeometry(x, 0, hint.width(), hint.height())
            x -= GAP
        if below:
            top = controls.height() + GAP
            self.legend.setGeometry(0, top, width, max(0, height - top))
        else:
            self.legend.setGeometry(0, 0, max(0, width - controls.width() - GAP), height)
        if self.height() != height:
            self.updateGeometry()
