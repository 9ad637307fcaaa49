"""pyqtgraph's axes set their title's HTML only when it changes: ``quiet_axis_labels()``.

``pyqtgraph.AxisItem._updateLabel`` gives the title's ``QGraphicsTextItem`` its HTML again on
every range change (``updateAutoSIPrefix``), hidden axes included, and the text item lays the
document out again each time. A window opening makes ~360 such calls, ~290 of them with the HTML
it already has (~15 ms here). Setting the same HTML again changes nothing on screen: this keeps
the last HTML given and skips the call when it is the same; the rest of ``_updateLabel`` (the
axis's size, its picture redrawn) runs as before.
"""

from __future__ import annotations

import pyqtgraph as pg


def _update_label(axis) -> None:
    html = axis.labelString()
    if getattr(axis, "_label_html", None) != html:  # (nothing else here sets an axis's label item)
        axis._label_html = html
        axis.label.setHtml(html)
    axis._adjustSize()
    axis.picture = None
    axis.update()


def quiet_axis_labels() -> None:
    """Install ``_update_label`` on ``pyqtgraph.AxisItem`` (idempotent); a pyqtgraph without
    ``_updateLabel`` is left as it is."""
    if getattr(pg.AxisItem, "_updateLabel", None) not in (None, _update_label):
        pg.AxisItem._updateLabel = _update_label


quiet_axis_labels()
