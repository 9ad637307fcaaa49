"""Where an output of two neurons writes its t, y − t and loss terms: under each neuron or in a column
right of its card, whichever lets Fit to Window draw the network larger on this canvas.

A column costs width, rows under the neurons cost height. guided_chain_rule's 2-2-2 on a laptop's
canvas (wide and low) lost a quarter of its width to the column, and Fit zoomed out until no neuron
had room for its name; exam_csv's 2-4-2, as tall as the canvas, grew taller still with the rows
under its two outputs. ``rows_under_fit_larger`` weighs the two on the view that shows the scene.

Math: with the other layers' extent O (scene rect), this card's extent M as drawn now, the lines'
rows r (their count times the side font's line height) and the column's width c (``target_gap`` and
``target_room``), the card with its lines under it has M's width less c and its height plus n·r for
its n neurons (its top up by (n − 1)·r/2: the neurons spread about its centre); the column's, the
other way round. Each gives the zoom s = F(O ∪ M′) that shows the network whole (``fit_scale_for``);
the rows under the neurons win when their zoom is larger, by ``KEEP`` when they are not the way
drawn now (so that a layout near the balance does not flip at every fit)."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from desktop import canvas_numbers

from .fit_zoom import MARGIN

#: the other layout must let the network be drawn this much larger to be taken instead of the one drawn
KEEP = 1.03


def rows_under_fit_larger(item, under_now: bool, line_height: float) -> bool:
    """Whether output ``item`` (a ``LayerItem``) should write its target lines under its neurons (see
    the module); ``under_now``: how it writes them now; ``line_height``: a target line's height (scene
    units). Without a view that fits, as it is."""
    scene = item.scene()
    views = [view for view in scene.views() if hasattr(view, "fit_scale_for")] if scene is not None else []
    view_state = getattr(scene, "view_state", None)
    if not views or view_state is None:
        return under_now
    others = QRectF()
    for other in scene.layer_items.values():
        if other is not item:
            others = others.united(other.sceneBoundingRect())
    lines = max([canvas_numbers.target_rows(view_state, item.name, k) for k in range(item.units)] + [0])
    if not lines:
        return under_now
    row = lines * line_height
    tall, lift = item.units * row, (item.units - 1) * row / 2
    wide = item.target_gap() + item.column_room() + 2
    mine = item.sceneBoundingRect()
    if under_now:
        under, column = mine, QRectF(mine.left(), mine.top() + lift, mine.width() + wide, mine.height() - tall)
    else:
        column, under = mine, QRectF(mine.left(), mine.top() - lift, mine.width() - wide, mine.height() + tall)

    def zoom(card: QRectF) -> float:
        return views[0].fit_scale_for(others.united(card).adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    if under_now:
        return zoom(under) * KEEP >= zoom(column)
    return zoom(under) > zoom(column) * KEEP
