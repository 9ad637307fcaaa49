"""How Fit to Window finds its zoom when the network's extent depends on the zoom.

Texts on the canvas keep their size on screen, so the smaller the zoom, the wider the cards, their
numbers and the gaps between them are in scene units (``card_spacing``). A fit therefore fits again
at the zoom it found until the extent settles: with E(s) the network's extent (scene units) laid out
at zoom s and F(E) the zoom that shows an extent E whole, it looks for s = F(E(s)).

The zooms found creep towards it when texts take most of the view, so the search jumps to where they
lead (``settled_scale``, Aitken's Δ²); when it stops a little above the zoom that shows everything, it
goes down to that zoom, and a step below it if it still creeps.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QRectF

#: the smallest zoom of the canvas (its wheel and Fit alike)
MIN_SCALE = 0.05
#: Fit stops when the network's extent changes by less than this fraction from one pass to the next
SETTLED = 0.005
#: the room kept around the network by Fit (scene units)
MARGIN = 30.0


def settle(view, fit_scale: Callable[[QRectF], tuple[float, QRectF]], zoom_to: Callable[[float], None]) -> QRectF:
    """Zoom ``view`` (a QGraphicsView) so that its scene's items show whole (see the module); the scene
    rect to centre. ``fit_scale(rect)`` gives (zoom, rect to centre) that shows ``rect`` whole at the
    layout it has; ``zoom_to(s)`` zooms and lays the cards out for zoom s."""

    def needed() -> tuple[float, QRectF]:
        return fit_scale(view.scene().itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN))

    scale, target = needed()
    current = view.transform().m11()
    if current * 0.999 <= scale <= current * (1 + SETTLED):  # fitted already: it shows all, could gain next to nothing
        return target
    scales: list[float] = []
    whole: list[float] = []  # the zooms tried at which the network, laid out for them, showed whole
    for _ in range(8):
        rect = view.scene().itemsBoundingRect()
        scale, target = needed()
        scales.append(scale)
        scale = scales[-1] = max(settled_scale(scales), MIN_SCALE)
        zoom_to(scale)
        now = view.scene().itemsBoundingRect()
        if needed()[0] >= scale * 0.999:
            whole.append(scale)
        if abs(now.width() - rect.width()) <= SETTLED * rect.width() and \
                abs(now.height() - rect.height()) <= SETTLED * rect.height():
            break
    need, target = needed()
    for _ in range(3):  # stopped a little above the zoom that shows it all: down to it
        if need >= scale * 0.999:
            return _largest_whole(whole, scale, needed, zoom_to) or target
        scale = max(need, MIN_SCALE)
        zoom_to(scale)
        need, target = needed()
    if need < scale * 0.999:  # still creeping: a step below it
        scale = max(need * 0.97, MIN_SCALE)
        zoom_to(scale)
        _, target = needed()
    return _largest_whole(whole, scale, needed, zoom_to) or target


def _largest_whole(whole: list[float], scale: float, needed, zoom_to) -> QRectF | None:
    """Back to the largest zoom tried that showed the network whole when it is larger than ``scale``,
    the one found (the extent may jump with the zoom: the edges' numbers take a column of their own
    where the gaps are wide enough, ``edge_routes.lead_outs``, and Aitken's step then lands far below);
    the scene rect to centre, or None when ``scale`` stays."""
    for larger in sorted((s for s in whole if s > scale * 1.001), reverse=True):
        zoom_to(larger)
        need, target = needed()
        if need >= larger * 0.999:
            return target
    if whole and max(whole) > scale * 1.001:
        zoom_to(scale)  # none showed whole again: the zoom found
    return None


def settled_scale(scales: list[float]) -> float:
    """Where a fit's zooms lead (``scales``: the zoom found at each pass, each fitting the network
    as laid out at the one before): the last, or, when the last two steps d1, d2 go the same way and
    shrink (d2 = q·d1, 0 < q < 1), the last plus what the steps to come add up to, d2·q/(1 − q) =
    −d2²/(d2 − d1) (Aitken's Δ²: near a wide network's zoom the steps shrink slowly)."""
    last = scales[-1]
    if len(scales) < 3:
        return last
    d1, d2 = scales[-2] - scales[-3], scales[-1] - scales[-2]
    if d1 * d2 <= 0 or abs(d2) >= abs(d1):
        return last
    return last - d2 * d2 / (d2 - d1)
