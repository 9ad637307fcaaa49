"""How a connection's edges are drawn when a straight line will not do (``ConnectionItem``'s routes).

* ``around_cards``: an edge whose straight line would cross another layer's card (a skip connection
  past a hidden layer) goes around it, level under (or over) the cards from just past its source to
  just before its target;
* ``lead_outs``: when the edges of a connection converge so fast that some numbers find no spot of
  their own between the two cards (many edges into one or two output neurons on a laptop's canvas),
  each edge leaves its source neuron level for the width of its number, the number written on that
  level part, and only then bends to its target. The level parts of one source neuron lie one above
  the other (target 0 on top), each a number's height apart, so nothing crosses a number but its own
  edge: the student reads every number where its edge starts, in the row of its source neuron.

Both set ``EdgeItem.set_detour((x from, x to, y))``: from its start the edge curves to height y at
x from, runs level to x to, and curves to its end.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainterPath

from . import style

#: how many pitches a column of lead-outs may move up or down to clear another connection's edge
SHIFTS = (0, -1, 1, -2, 2)
#: the least part of the gap between the two cards left for the edges to bend from the lead-outs to
#: their targets (a share of the gap)
BEND_SHARE = 0.1
#: the room between two numbers one above the other in a column of level parts, in margins
#: (``label_margin``: 2 of 2 px on screen, 4 px, as two numbers elsewhere keep a margin each): a
#: column of 18 numbers is then as tall as a laptop's canvas allows
STACK_APART = 2.0


def around_cards(connection, scene, label_points: float) -> None:
    """Edges of ``connection`` whose straight line would cross another layer's card go around it:
    below the cards when that is the shorter way, else above, level from just before the first card
    to just after the last, each edge a little further out than the one before so that they stay apart."""
    layers = [layer for layer in getattr(scene, "layer_items", {}).values()
              if layer is not connection.src_item and layer is not connection.dst_item]
    cards = []  # a card with its name above, its info line below and the numbers beside it
    for layer in layers:
        rects = layer.occupied_rects()
        united = rects[0]
        for rect in rects[1:]:
            united = united.united(rect)
        cards.append(layer.mapRectToScene(united).adjusted(-4, -4, 4, 4))
    blocking = [card for card in cards if any(crosses(e.line, card) for e in connection.items)]
    if not blocking:
        return
    # each edge its own lane, a number's height apart when they carry numbers: the numbers sit
    # on the level part, one above the other, never on the other edge
    lane = style.metrics(style.scene_font(scene, label_points)).height() + 8 if connection.labelled else 8
    below = max(card.bottom() for card in blocking) + 6 + lane / 2
    above = min(card.top() for card in blocking) - 6 - lane / 2
    middle = sum(e.line.center().y() for e in connection.items) / len(connection.items)
    downward = below - middle <= middle - above
    # the edges turn down (or up) just past their source and back up just before their target: the
    # gaps beside the cards they pass keep the room their own connections' numbers need (``lead_outs``)
    for k, edge in enumerate(connection.items):
        p1, p2 = edge.line.p1(), edge.line.p2()
        y = below + lane * k if downward else above - lane * k
        x_from = p1.x() + 10 + lane / 2
        x_to = max(p2.x() - 10 - lane / 2, x_from + 10)
        edge.set_detour((x_from, x_to, y))


def lead_outs(connection, margin: float, at_target: bool = False, shift: int = 0) -> tuple[tuple, tuple] | None:
    """(detour per edge, fraction of its number per edge) that give every edge of ``connection`` its
    number on a level part in one column beside its source neurons (``at_target``: beside its target
    neurons), ``shift`` pitches lower (higher when negative), see the module docstring; None when the
    cards leave too little room between them or an edge goes around a card. Sets nothing: ``apply`` draws the edges so, ``fits`` tells whether the
    numbers then meet nothing."""
    edges = connection.items
    if not edges or any(e.detour is not None for e in edges):
        return None
    beside_end = (lambda e: e.line.p2()) if at_target else (lambda e: e.line.p1())  # the neuron it runs level by
    far_end = (lambda e: e.line.p1()) if at_target else (lambda e: e.line.p2())
    height = max(e.label_size()[2] for e in edges)
    pitch = height + 2 + STACK_APART * margin  # a plate is a pixel taller than its text each side (``label_rect_at``)
    # every level part as long as the widest number: the edges all bend beyond every number, none across one
    level = max(e.label_size()[1] for e in edges) + 2 * margin + 2  # and a pixel each side
    # top to bottom: by the neuron beside, then by the far end (a neuron's edge to target 0 on top)
    order = sorted(edges, key=lambda e: (beside_end(e).y(), far_end(e).y()))
    per_neuron: dict[float, int] = {}
    for e in order:
        per_neuron[beside_end(e).y()] = per_neuron.get(beside_end(e).y(), 0) + 1
    wanted, rank = [], {}
    for e in order:  # each neuron's level parts one above the other, centred on the neuron
        y = beside_end(e).y()
        wanted.append(y + (rank.get(y, 0) - (per_neuron[y] - 1) / 2) * pitch)
        rank[y] = rank.get(y, 0) + 1
    heights = dict(zip(map(id, order), (y + shift * pitch for y in spread(wanted, pitch))))
    # the level parts leave (or reach) their neuron in a short curve when they do not start at its height
    bend = 0.75 * height if any(abs(heights[id(e)] - beside_end(e).y()) > 0.5 for e in edges) else 0.0
    layer = connection.dst_item if at_target else connection.src_item
    card = [layer.mapRectToScene(rect) for rect in layer.occupied_rects()]
    # one column for every number: level parts from x from to x to, clear of the card beside each
    if at_target:
        x_to = min(min([e.line.p2().x() - bend] + [rect.left() for rect in card if _beside(rect, heights[id(e)], pitch)])
                   for e in edges)
        x_from = x_to - level
    else:
        x_from = max(max([e.line.p1().x() + bend] + [rect.right() for rect in card if _beside(rect, heights[id(e)], pitch)])
                     for e in edges)
        x_to = x_from + level
    for e in edges:
        gap = e.line.p2().x() - e.line.p1().x()
        free = x_from - e.line.p1().x() if at_target else e.line.p2().x() - x_to
        if gap <= 0 or free < BEND_SHARE * gap:
            return None
    detours = tuple((x_from, x_to, heights[id(e)]) for e in edges)
    centre = (x_from + x_to) / 2
    return detours, tuple(_fraction_at_x(e, detour, centre) for e, detour in zip(edges, detours))


def column_gap(connection, margin: float) -> float:
    """The least room (scene units) between the bounds of ``connection``'s source and target items (as
    ``card_spacing`` measures it) for its column of lead-outs beside the target (``lead_outs``), from
    where its edges leave and reach the cards now. With the bounds' gap G, the edges' start a left of the
    source's right bound and end b right of the target's left bound, the target card's left c right of
    it, the level parts end t = min(b − bend, c) right of that bound (bend = 0.75·h, h the numbers'
    height) and start ``level`` = w + 2·margin + 2 before (w the widest number): the edges keep
    ``BEND_SHARE`` of their run to bend, x from − start ≥ BEND_SHARE·(end − start), i.e.
    G ≥ (level − t − a + BEND_SHARE·(a + b)) / (1 − BEND_SHARE), and the numbers clear the source,
    G ≥ level − t − 1; a scene unit more for rounding."""
    edges = connection.items
    if not edges:
        return 0.0
    source, target = connection.src_item, connection.dst_item
    right, left = source.sceneBoundingRect().right(), target.sceneBoundingRect().left()
    a = right - min(e.line.p1().x() for e in edges)
    b = max(e.line.p2().x() for e in edges) - left
    c = target.mapRectToScene(target.card_rect()).left() - left
    level = max(e.label_size()[1] for e in edges) + 2 * margin + 2
    t = min(b - 0.75 * max(e.label_size()[2] for e in edges), c)
    return max((level - t - a + BEND_SHARE * (a + b)) / (1 - BEND_SHARE), level - t - 1) + 1


def spread(wanted: list[float], pitch: float) -> list[float]:
    """Heights y_k, top to bottom, as near the ``wanted`` heights d_k as can be (least squares) while
    each is at least ``pitch`` below the one before: y_k ≥ y_(k−1) + pitch. With z_k = y_k − k·pitch the
    condition is z nondecreasing, so z is the isotonic regression of d_k − k·pitch (pool adjacent
    violators: a run of z that would decrease takes its mean). Heights already ``pitch`` apart stay."""
    blocks: list[list[float]] = []  # [mean of z, how many]
    for k, d in enumerate(wanted):
        blocks.append([d - k * pitch, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean, count = blocks.pop()
            before, counted = blocks.pop()
            blocks.append([(before * counted + mean * count) / (counted + count), counted + count])
    z = [mean for mean, count in blocks for _ in range(int(count))]
    return [value + k * pitch for k, value in enumerate(z)]


def _beside(rect: QRectF, y: float, pitch: float) -> bool:
    """Whether ``rect`` reaches the band of a level part at height ``y`` (``pitch`` tall)."""
    return rect.top() < y + pitch / 2 and rect.bottom() > y - pitch / 2


def fits(connection, fractions: tuple, blocked: list[QRectF], margin: float, numbers: list[QRectF] = (),
         others: list = ()) -> bool:
    """Whether the numbers of ``connection``'s edges (drawn as they are now) at ``fractions`` meet no
    rect of ``blocked`` and no other edge of the connection nor of ``others`` (with ``margin``), keep
    ``STACK_APART`` margins from each other, and whether its edges run under none of the other
    connections' ``numbers``."""
    m = margin
    rects = [e.label_plate_at(f, m) for e, f in zip(connection.items, fractions)]
    if any(rect.intersects(other) for rect in rects for other in blocked):
        return False
    a = 0.45 * STACK_APART * margin  # the numbers of the column keep ``STACK_APART`` margins apart
    plates = [e.label_plate_at(f, a) for e, f in zip(connection.items, fractions)]
    if any(one.intersects(other) for k, one in enumerate(plates) for other in plates[k + 1:]):
        return False
    if any(e.crosses(number) for e in connection.items for number in numbers):
        return False
    return not any(other.crosses(rect) for e, rect in zip(connection.items, rects)
                   for other in list(connection.items) + list(others) if other is not e)


def apply(connection, detours) -> None:
    """Draw ``connection``'s edges along ``detours`` (one per edge), or straight (None)."""
    for e, detour in zip(connection.items, detours or [None] * len(connection.items)):
        if e.detour != detour:
            e.set_detour(detour)


def detour_path(p1: QPointF, p2: QPointF, detour: tuple[float, float, float] | None) -> QPainterPath:
    """The path of an edge from ``p1`` to ``p2``: straight (None), or from its start a curve to height y
    at x from, level to x to, and a curve to its end (``detour`` = (x from, x to, y))."""
    path = QPainterPath(p1)
    if detour is None:
        path.lineTo(p2)
        return path
    x_from, x_to, y = detour
    mid1, mid2 = (p1.x() + x_from) / 2, (x_to + p2.x()) / 2
    path.cubicTo(QPointF(mid1, p1.y()), QPointF(mid1, y), QPointF(x_from, y))
    path.lineTo(QPointF(x_to, y))
    path.cubicTo(QPointF(mid2, y), QPointF(mid2, p2.y()), p2)
    return path


def _fraction_at_x(edge, detour: tuple[float, float, float], x: float) -> float:
    """The fraction of ``edge``'s length, drawn along ``detour``, at which it reaches ``x``, a point of its
    level part (x from ≤ x ≤ x to): ``QPainterPath.pointAtPercent`` measures fractions of the path's
    length L, and the level part starts after the first curve's length L₁, so the fraction is
    (L₁ + x − x from) / L (what a bisection of ``pointAtPercent`` finds, without its 40 calls)."""
    p1, p2 = edge.line.p1(), edge.line.p2()
    x_from, _, y = detour
    middle = (p1.x() + x_from) / 2
    first = QPainterPath(p1)
    first.cubicTo(QPointF(middle, p1.y()), QPointF(middle, y), QPointF(x_from, y))
    return (first.length() + x - x_from) / detour_path(p1, p2, detour).length()


def crosses(line, rect: QRectF) -> bool:
    """Whether the segment ``line`` (a QLineF) passes through ``rect``: an end inside it (``QRectF.contains``)
    or a side of it crossed (``QLineF.intersects`` bounded), computed here as Qt computes them, in the
    same floating-point steps (placing numbers asks this hundreds of thousands of times a Fit)."""
    x1, y1, x2, y2 = line.x1(), line.y1(), line.x2(), line.y2()
    left, top, right, bottom = rect.getCoords()
    if (max(x1, x2) < left or min(x1, x2) > right
            or max(y1, y2) < top or min(y1, y2) > bottom):
        return False  # the segment's bounding box misses the rect (most numbers are far from most edges)
    if _contains(left, top, right, bottom, x1, y1) or _contains(left, top, right, bottom, x2, y2):
        return True
    return (_bounded(x1, y1, x2, y2, left, top, right, top) or _bounded(x1, y1, x2, y2, right, top, right, bottom)
            or _bounded(x1, y1, x2, y2, right, bottom, left, bottom) or _bounded(x1, y1, x2, y2, left, bottom, left, top))


def _contains(left: float, top: float, right: float, bottom: float, x: float, y: float) -> bool:
    """``QRectF(left, top, right − left, bottom − top).contains(QPointF(x, y))``: False for a null rect."""
    low, high = min(left, right), max(left, right)
    if low == high or x < low or x > high:
        return False
    low, high = min(top, bottom), max(top, bottom)
    return not (low == high or y < low or y > high)


def _bounded(ax1: float, ay1: float, ax2: float, ay2: float, bx1: float, by1: float, bx2: float, by2: float) -> bool:
    """Whether segment a meets segment b, as ``QLineF.intersects`` says ``BoundedIntersection``: with
    a = A2 − A1, b = B1 − B2, c = A1 − B1 and d = a_y·b_x − a_x·b_y ≠ 0 (finite), both
    na = (b_y·c_x − b_x·c_y)/d and nb = (a_x·c_y − a_y·c_x)/d lie in [0, 1]."""
    a_x, a_y = ax2 - ax1, ay2 - ay1
    b_x, b_y = bx1 - bx2, by1 - by2
    c_x, c_y = ax1 - bx1, ay1 - by1
    denominator = a_y * b_x - a_x * b_y
    if denominator == 0 or not math.isfinite(denominator):
        return False
    reciprocal = 1 / denominator
    na = (b_y * c_x - b_x * c_y) * reciprocal
    if na < 0 or na > 1:
        return False
    nb = (a_x * c_y - a_y * c_x) * reciprocal
    return not (nb < 0 or nb > 1)
