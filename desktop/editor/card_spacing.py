"""Where the canvas shows each layer card: at its document position, pushed right when an earlier card grew onto it.

A card's width follows what it shows (thumbnails, the numbers beside the neurons, z and b under
them) and the zoom (texts keep their size on screen), while the document keeps the positions the
student gave. ``display_shifts`` finds, for each card, how far right of its document position the
canvas draws it so that no card reaches within ``gap`` of a card left of it that it faces
(their vertical extents overlap): the room its edges and their numbers need. The document is never
changed; a layer dragged by hand is written back at its place minus its shift.

Math: cards are taken in order of document x (then y). Card L, at document x_L with extent
[x_L + left_L, x_L + right_L] × [y_L + top_L, y_L + bottom_L], is shifted by
s_L = max(0, max over earlier cards P with x_P < x_L facing it of (right edge of P as drawn) + gap − (x_L + left_L)).
Cards already ``gap`` apart get s_L = 0, so a network whose cards fit is drawn exactly as stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF

from . import edge_routes, style
from .connection_numbers import label_margin
from .edge_item import LABEL_POINTS

#: the widest number an edge usually writes: "−0." and the canvas's digits (Backward's dL/dw "−0.3595")
WIDEST_NUMBER = "−0."


@dataclass(frozen=True)
class Card:
    """One card: its name, its document position (x, y), and its extent relative to that position
    (left, top, right, bottom: left < 0 < right for a card centred on its position)."""

    name: str
    x: float
    y: float
    left: float
    top: float
    right: float
    bottom: float


def display_shifts(cards: list[Card], gap: float, pair_gaps: dict[tuple[str, str], float] | None = None) -> dict[str, float]:
    """How far right (scene units, ≥ 0) of its document position each card is drawn, by name; two
    cards named in ``pair_gaps`` (left, right: a connection) keep the gap given there when it is wider
    than ``gap``, and the right one is shifted at least as far as the left: pushing a card pushes the
    cards it feeds along, so the gap of their edges and numbers (exam_csv's h → y) keeps its room."""
    pair_gaps = pair_gaps or {}
    shifts: dict[str, float] = {}
    drawn: list[tuple[str, float, float, float, float]] = []  # (name, document x, right as drawn, top, bottom)
    for card in sorted(cards, key=lambda c: (c.x, c.y)):
        top, bottom = card.y + card.top, card.y + card.bottom
        shift = 0.0
        for name, x, right, other_top, other_bottom in drawn:
            if x < card.x and (name, card.name) in pair_gaps:
                shift = max(shift, shifts[name])
            if x < card.x and other_top < bottom and top < other_bottom:
                room = max(gap, pair_gaps.get((name, card.name), 0.0))
                shift = max(shift, right + room - (card.x + card.left))
        shifts[card.name] = shift
        drawn.append((card.name, card.x, card.x + shift + card.right, top, bottom))
    return shifts


def card_gap(scene) -> float:
    """The least room between two facing cards (scene units): ``style.MIN_CARD_GAP``, or an edge
    number's width at the canvas's font when the zoom makes that wider (texts keep their size on screen).
    With texts larger than ``style.MIN_TEXT_PX`` (Fit takes them only when every edge number has its
    spot, ``fit_zoom.fit_readable``) the widest number an edge may write and its margins."""
    font = style.scene_font(scene, LABEL_POINTS)
    metrics = style.metrics(font)
    if getattr(scene, "text_floor", style.MIN_TEXT_PX) <= style.MIN_TEXT_PX:
        return max(style.MIN_CARD_GAP, metrics.horizontalAdvance("−0.00"))
    view_state = getattr(scene, "view_state", None)
    widest = WIDEST_NUMBER + "0" * (view_state.digits if view_state is not None else 4)
    return max(style.MIN_CARD_GAP, metrics.horizontalAdvance(widest) + 4 * label_margin(scene) + 8)


def lead_out_gaps(scene) -> dict[tuple[str, str], float]:
    """(source, target) → the room a column of its edges' numbers beside the target needs between the
    two cards (``edge_routes.column_gap``), for each connection whose numbers are shown one by one and
    whose edges fan out to as many neurons as they leave or more (2 → 2, 2 → 4), or all meet in one neuron
    (2 → 1): a crowd of numbers finds room only in such a column (``lead_outs``); 0 for every other
    connection (its cards are pushed along; a wider gap there left three_classes_softmax's 6 → 3 wider than
    its view in Backward). skip_connection's input card grew wide with its names ("x₀ 0.7639") and left the
    x → h column too little of the gap at 1024×700: its 12 numbers showed only on hover. A 2-2-1 built in
    the window, given its first data (the thumbnails widened its cards), had x → h1 and h1 → y the least
    gap, their numbers in the legend's table at every zoom (leftover 23 #3: the gap was kept for edges
    fanning out to more neurons only)."""
    margin = label_margin(scene)
    fanning = (lambda c: c.labelled and not getattr(scene, "values_hidden", False)  # (too small a canvas: no
               and (c.dst_item.units >= c.src_item.units > 1 or c.src_item.units > 1 == c.dst_item.units))  # lead-outs)
    return {(connection.src, connection.tgt): edge_routes.column_gap(connection, margin) if fanning(connection) else 0.0
            for connection in getattr(scene, "connection_items", {}).values()}


def place_cards(items: dict, positions: dict[str, tuple[float, float]], gap: float,
                pair_gaps: dict[tuple[str, str], float] | None = None) -> tuple[dict[str, float], bool]:
    """Put each card item (by name) at its document position (``positions``) plus its display shift
    (``display_shifts`` with ``gap`` and ``pair_gaps``); (the shifts, whether some card moved)."""
    cards = []
    for name, item in items.items():
        x, y = positions[name]
        extent = item.boundingRect()
        cards.append(Card(name, x, y, extent.left(), extent.top(), extent.right(), extent.bottom()))
    shifts = display_shifts(cards, gap, pair_gaps)
    moved = False
    for card in cards:
        target = QPointF(card.x + shifts[card.name], card.y)
        item = items[card.name]
        if item.pos() != target:
            item.setPos(target)
            moved = True
    return shifts, moved
