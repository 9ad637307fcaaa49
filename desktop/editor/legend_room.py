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

from PySide6.QtCore import QRectF, Qt

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
    Fit keeps): a fitted view whose legend grew (Backward adds a line to it) fits again."""
    legend = view.legend
    if not legend.isVisibleTo(view):
        return False
    box = legend.geometry().translated(-view.viewport().geometry().topLeft())  # in the viewport's pixels
    area = view.mapToScene(box).boundingRect()
    return any(item.isVisible() for item in view.scene().items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect))


#: pixels above the legend's line that must be free too (the gap Fit leaves above the legend)
PROMPT_GAP = 4


def prompt_row_free(view) -> bool:
    """Whether the canvas has free, above a folded legend's table, the room of its "Legend (point here …)"
    line: no item of the scene (by bounding rect) lies where the box with that line would reach
    (``Legend.prompt_row_size``). Fit leaves room for the table alone (``Legend.bare_size``), so the line
    shows only where the network left the canvas empty and never costs it room."""
    legend = view.legend
    size = legend.prompt_row_size()
    if size is None or view.scene() is None:
        return False
    viewport = view.viewport()
    box = QRectF(10, viewport.height() - size.height() - 10 - PROMPT_GAP, size.width(), size.height() + PROMPT_GAP)
    area = view.mapToScene(box.toRect()).boundingRect()
    return not any(item.isVisible() for item in view.scene().items(area, Qt.ItemSelectionMode.IntersectsItemBoundingRect))
