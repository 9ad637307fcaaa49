"""The zoom Fit to Window draws a network's rect at, and the scene rect it centres, leaving the canvas's note
(the description's first sentence, above the network) and its legend (bottom left) their room.

With the viewport vw × vh pixels, the note's height taken off the top, and the legend lw × lh pixels: the
network either goes above the legend (only what lies over the legend's columns must end above it:
``legend_room.lowest_over``) or beside it, whichever lets it be drawn larger; never above ``max_scale``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRectF

from . import legend_room


def fit_scale(view, rect: QRectF, max_scale: float) -> tuple[float, QRectF]:
    """(zoom, scene rect to centre) that shows ``rect`` (scene units) whole on ``view`` (a ``NetworkView``)."""
    vw, vh = max(view.viewport().width(), 1), max(view.viewport().height(), 1)
    top = view.note.height() + 4 if view.note.isVisibleTo(view) else 0  # the note above the network
    vh = max(vh - top, 1)
    shown = view.legend.isVisibleTo(view)
    box = view.legend.bare_size()  # (its words on "≈" take only room left over: ``legend_approximate``)
    lw, lh = (box.width() + 16, box.height() + 16) if shown else (0, 0)
    # below: only what lies over the legend's columns must end above it (``legend_room``)
    lowest = rect.bottom() if not shown else min(rect.bottom(), legend_room.lowest_over(
        view.scene(), rect, (10, 10 + box.width()), vw, view.transform().m11()))
    over = lowest - rect.top()  # 0: nothing lies over the legend's columns (a small network, a wide view)
    below = min(vw / rect.width(), max(vh - lh, 1) / over if over > 0 else math.inf, vh / rect.height())
    beside = min(max(vw - lw, 1) / rect.width(), vh / rect.height())
    scale = min(max(below, beside), max_scale)
    rect = rect.adjusted(0, -top / scale, 0, 0)
    if beside > below:
        return scale, rect.adjusted(-lw / scale, 0, 0, 0)
    return scale, rect.adjusted(0, 0, 0, max(lowest + lh / scale - rect.bottom(), 0.0))
