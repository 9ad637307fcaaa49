"""The Loss panel's height shared among its legend row, its plots and the caption under them, so
that none is ever drawn over another (the Weight trajectories panel shares its own the same way: its
"Show" row and legend, its plot, the line under it).

At 1024×700 the Loss dock is about 150 px tall. With a compared run the legend takes three lines
(about 45 px) and the caption "Step 0, before training, on all the training data: … Press Play or
Step to train." three more: with the plots' 100 px that is more than the dock has, and the layout
laid the caption over the plot's step axis. Here, in order, until the three fit:

1. the caption takes fewer lines (a narrow panel, under ``NARROW_PANEL``, starts from ``NARROW_EXTRA_LINES`` more): it shows a shorter form of the same figures (``FittingLabel``:
   each form whole, each number named), down to one line (its shortest form is shown whole
   all the same);
2. the plots get what is left, down to ``LEAST_PLOT_HEIGHT``;
3. the panel asks for at least legend + ``LEAST_PLOT_HEIGHT`` + the caption in one line (the dock
   then gives it that much, taking it from its neighbours).

Heights, all in pixels: room = panel − margins − spacing; plots = room − legend row − caption.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject

#: the plots never get less than this (pixels): the loss axis still reads two ticks and the step axis its
#: numbers and its title (64 before the loss plot's step axis had a title: review 15)
LEAST_PLOT_HEIGHT = 80
#: a panel narrower than this (a guided lesson's right column at 1024×700, ~200 px) may give its caption
#: ``NARROW_EXTRA_LINES`` more lines when the plots keep their height: the weight-decay figures with their parts
#: take five lines there
NARROW_PANEL = 230
NARROW_EXTRA_LINES = 2


class LossRoom(QObject):
    """Watches ``panel`` (resized, or a label's text changed: a layout request) and shares its
    height: ``top`` (the row of the legend and the controls, a ``LossHeader``), ``plots`` (wanted ``plot_height`` px, at least
    ``LEAST_PLOT_HEIGHT``) and ``caption`` (a ``FittingLabel``, at most ``caption_lines`` lines)."""

    def __init__(self, panel, top, plots, caption, plot_height: int, caption_lines: int):
        super().__init__(panel)
        self.panel, self.top, self.plots, self.caption = panel, top, plots, caption
        self.plot_height = plot_height
        self.caption_lines = caption_lines
        self._fitting = False
        panel.installEventFilter(self)
        self.fit()

    def set_plot_height(self, pixels: int) -> None:
        """The plots' height wanted (a third plot shown or hidden)."""
        self.plot_height = pixels
        self.fit()

    def set_caption_lines(self, lines: int) -> None:
        """The caption's lines at most, when the panel has room for them."""
        self.caption_lines = lines
        self.fit()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.LayoutRequest):
            self.fit()
        return False

    def top_height(self) -> int:
        """Pixels the legend row needs at its width (the legend wraps)."""
        width = self.top.geometry().width() or self.panel.contentsRect().width()
        if self.top.hasHeightForWidth() and width > 0:
            return max(self.top.heightForWidth(width), self.top.minimumSize().height())
        return self.top.sizeHint().height()

    def fit(self) -> None:
        if self._fitting:
            return
        self._fitting = True
        try:
            self._share()
        finally:
            self._fitting = False

    def _share(self) -> None:
        layout = self.panel.layout()
        margins = layout.contentsMargins()
        fixed = margins.top() + margins.bottom() + 2 * max(0, layout.spacing()) + self.top_height()
        room = self.panel.height() - fixed
        lines = self.caption_lines + (NARROW_EXTRA_LINES if 0 < self.panel.width() < NARROW_PANEL else 0)
        while lines > 1 and room - self.caption.height_for(lines) < self.plot_height:
            lines -= 1  # a shorter form of the caption before a shorter plot
        self.caption.set_max_lines(lines)
        caption = self.caption.height_for(lines)
        plots = int(max(LEAST_PLOT_HEIGHT, min(self.plot_height, room - caption)))
        if self.plots.minimumHeight() != plots:
            self.plots.setMinimumHeight(plots)
        least = fixed + self.caption.height_for(1) + LEAST_PLOT_HEIGHT
        if self.panel.minimumHeight() != least:
            self.panel.setMinimumHeight(least)
