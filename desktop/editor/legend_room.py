"""Where the network may reach down to when Fit to Window leaves the canvas's legend its room.

The legend is a box at the bottom left of the canvas (``NetworkView._place_legend``). Fit used to keep
the whole width of the canvas free above it, as tall as the legend: a network whose bottom lies far
from the left (skip_connection's loss lines under its output, on the right) was drawn smaller for a
box it never reached. Only what lies above the legend must end above it.

With the network's rect R (scene units) centred in a viewport ``vw`` pixels wide at zoom s, a viewport
column x shows the scene's x = R.centre + (x − vw / 2) / s. ``lowest_over`` gives the lowest point of
the items whose bounding rects reach over the legend's columns: the network, drawn with its top at the
note, must end above the legend there.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt

#: pixels beside the legend's box, left and right, that count as over it
SIDE = 6.0


def lowest_over(scene, rect: QRectF, columns: tuple[float, float], vw: float, scale: float) -> float:
    """The lowest scene y of the items in ``rect`` (the network with its margins) whose bounding rects reach
    over the viewport ``columns`` (x from, x to, in pixels, the legend's) when ``rect`` is centred in a
    viewport ``vw`` pixels wide at zoom ``scale``; ``rect.top()`` when none does."""
    left = rect.center().x() + (columns[0] - SIDE - vw / 2) / scale
    right = rect.center().x() + (columns[1] + SIDE - vw / 2) / scale
    if right <= rect.left() or left >= rect.right():
        return rect.top()
    span = QRectF(left, rect.top(), right - left, rect.height())
    items = scene.items(span, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
    return max([item.sceneBoundingRect().bottom() for item in items if item.isVisible()], default=rect.top())


def covers(view) -> bool:
    """Whether ``view``'s legend box lies over an item of its scene (by the items' bounding rects, the rule
    Fit keeps): a fitted view whose legend grew (Backward adds a line to it) fits again. The box as Fit
    leaves room for it (``Legend.bare_size``): what the legend adds over empty canvas moves no card."""
    legend = view.legend
    if not legend.isVisibleTo(view):
        return False
    box = legend.geometry().translated(-view.viewport().geometry().topLeft())  # in the viewport's pixels
    bare = legend.bare_size()  # (the lines it adds where the canvas is empty, ``free_above``, are no reason to fit)
    box.setTop(box.bottom() - bare.height() + 1)
    box.setWidth(bare.width())
    area = view.mapToScene(box).boundingRect()
    return any(item.isVisible() for item in view.scene().items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect))



#: pixels kept empty between the network and what the legend writes above its box
GAP = 4


def free_above(view, box: QSize) -> float:
    """How many pixels the canvas has empty above a legend box of size ``box`` (its size without the lines it
    adds where there is room: ``Legend.bare_size``) at the canvas's bottom left: from the box's top up to
    the lowest item of the scene (by bounding rect) over the box's columns, less ``GAP``. Fit leaves room
    for that box alone, so what the legend writes there never costs the network room."""
    if view.scene() is None:
        return 0.0
    height = view.viewport().height()
    top = height - box.height() - 10
    if top <= 0:
        return 0.0
    band = view.mapToScene(QRectF(10 - SIDE, 0, box.width() + 2 * SIDE, top).toRect()).boundingRect()
    items = view.scene().items(band, Qt.ItemSelectionMode.IntersectsItemBoundingRect)
    lowest = max((view.mapFromScene(item.sceneBoundingRect()).boundingRect().bottom() for item in items
                  if item.isVisible()), default=0.0)
    return max(top - lowest - GAP, 0.0)
