"""A note over a plot that has no curve to show, saying why, in place of its axes.

When the data stop fitting the network (a CSV target the loss cannot take, a dataset of other columns), no
loss can be computed and no run can start: the Loss panel's plots kept the axes of the run before (0 … 400
steps, 0 … 0.7) and the curve of that run, now a compared run, under a legend naming "this run": a student
read a curve of earlier data as the loss now. ``EmptyPlotNote`` covers the plots with a plain background
and a centred sentence (``show_text``), its legend hidden, until they have something to show (``show_text("")``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop.naming import name


class EmptyPlotNote(QObject):
    """A label laid over ``plots`` (a widget), as large as it, shown only while it has a text; the widgets
    ``hidden_with`` (the plots' legend: names of curves not shown) hide while it shows."""

    def __init__(self, plots: QWidget, object_name: str, accessible: str, hidden_with: tuple = ()):
        super().__init__(plots)
        self.plots, self.hidden_with = plots, hidden_with
        self.label = name(QLabel("", plots), object_name, accessible)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAutoFillBackground(True)
        self.label.setContentsMargins(12, 12, 12, 12)
        self.label.setStyleSheet("QLabel { background: white; color: #555555; }")
        self.label.hide()
        plots.installEventFilter(self)

    def show_text(self, text: str) -> None:
        """Cover the plots with ``text`` ("": uncover them)."""
        self.label.setText(text)
        self.label.setGeometry(self.plots.rect())
        self.label.setVisible(bool(text))
        for widget in self.hidden_with:
            widget.setVisible(not text)
        if text:
            self.label.raise_()

    def text(self) -> str:
        """The words shown over the plots ("" when they show)."""
        return self.label.text() if not self.label.isHidden() else ""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt)
        if watched is self.plots and event.type() == QEvent.Type.Resize:
            self.label.setGeometry(self.plots.rect())
        return False
