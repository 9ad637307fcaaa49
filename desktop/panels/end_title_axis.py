"""A bottom axis whose title may sit at its right end, on the line of its tick labels ("−2  0  2  x₀"),
instead of on a line of its own under them.

The Output map keeps one scale for both inputs, so in a low panel (lower than its ``CAPTION_BELOW``: a tab
behind the Gradient heatmaps in a small window, ``output_map_arrangement``) its height decides the map's size:
the title's own line took ~20 px of a 150-px panel, and the map was 102 px high at 900×650 (120 now; 73 → 91
beside the heatmaps at 1024×700). At the axis's end the title takes width, which such a panel has to spare.

Math: pyqtgraph's bottom axis is h = text height + tick text offset + max(0, tick length) + 0.8·title height
high; with the title at the end, the last term goes, and the title is drawn ``END_GAP`` px right of the room a
tick label may reach past the axis's end (``overhang``).
"""

from __future__ import annotations

from .plotting import PlainAxis

#: pixels between the room a last tick label may take past the axis's end and the title
END_GAP = 3


class EndTitleAxis(PlainAxis):
    """A ``PlainAxis`` ("bottom") whose title goes to its right end while ``title_at_end`` (``set_title_at_end``);
    ``overhang``: how far past the axis's end a tick label may reach (the title starts beyond it)."""

    #: (a class field: pyqtgraph's constructor sizes the axis, which asks it, before ``__init__`` could set it)
    title_at_end = False

    def __init__(self, orientation: str = "bottom", overhang: float = 0.0, **kwargs):
        self.overhang = overhang
        super().__init__(orientation, **kwargs)

    def set_title_at_end(self, on: bool) -> None:
        if on != self.title_at_end:
            self.title_at_end = on
            self._updateHeight()
            self.resizeEvent()
            self.update()

    def end_width(self) -> float:
        """Pixels the title takes right of the axis's end (0 while it is under the axis): what the plot's layout
        keeps free there."""
        if not self.title_at_end or self.label is None or not self.label.isVisible():
            return 0.0
        return self.overhang + END_GAP + self.label.boundingRect().width()

    def _updateHeight(self):  # noqa: N802 (pyqtgraph)
        super()._updateHeight()
        if self.title_at_end and self.label is not None and self.label.isVisible() and self.isVisible() \
                and self.fixedHeight is None:
            height = self.maximumHeight() - self.label.boundingRect().height() * 0.8
            self.setMaximumHeight(height)
            self.setMinimumHeight(height)

    def resizeEvent(self, ev=None):  # noqa: N802 (pyqtgraph)
        super().resizeEvent(ev)
        if self.title_at_end and self.label is not None:
            br = self.label.boundingRect()
            below = self.style["tickTextOffset"][1] + max(0, self.style["tickLength"])  # where the tick labels begin
            text = self.textHeight if self.style["showValues"] else br.height()
            # centred on the tick labels' line (its document's margin above and below the text alike)
            self.label.setPos(self.size().width() + self.overhang + END_GAP, below + (text - br.height()) / 2 - 2)
