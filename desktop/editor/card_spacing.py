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

from . import style
from .edge_item import LABEL_POINTS


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


def display_shifts(cards: list[Card], gap: float) -> dict[str, float]:
    """How far right (scene units, ≥ 0) of its document position each card is drawn, by name."""
    shifts: dict[str, float] = {}
    drawn: list[tuple[float, float, float, float]] = []  # (document x, right as drawn, top, bottom)
    for card in sorted(cards, key=lambda c: (c.x, c.y)):
        top, bottom = card.y + card.top, card.y + card.bottom
        shift = 0.0
        for x, right, other_top, other_bottom in drawn:
            if x < card.x and other_top < bottom and top < other_bottom:
                shift = max(shift, right + gap - (card.x + card.left))
        shifts[card.name] = shift
        drawn.append((card.x, card.x + shift + card.right, top, bottom))
    return shifts


def card_gap(scene) -> float:
    """The least room between two facing cards (scene units): ``style.MIN_CARD_GAP``, or an edge
    number's width at the canvas's font when the zoom makes that wider (texts keep their size on screen)."""
    metrics = style.metrics(style.scene_font(scene, LABEL_POINTS))
    return max(style.MIN_CARD_GAP, metrics.horizontalAdvance("−0.00"))


def place_cards(items: dict, positions: dict[str, tuple[float, float]], gap: float) -> tuple[dict[str, float], bool]:
    """Put each card item (by name) at its document position (``positions``) plus its display shift;
    (the shifts, whether some card moved)."""
    cards = []
    for name, item in items.items():
        x, y = positions[name]
        extent = item.boundingRect()
        cards.append(Card(name, x, y, extent.left(), extent.top(), extent.right(), extent.bottom()))
    shifts = display_shifts(cards, gap)
    moved = False
    for card in cards:
        target = QPointF(card.x + shifts[card.name], card.y)
        item = items[card.name]
        if item.pos() != target:
            item.setPos(target)
            moved = True
    return shifts, moved
