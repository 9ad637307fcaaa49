"""``ConnectionNumbers``: where a connection writes its edges' numbers, a mixin of ``ConnectionItem``.

Each edge's number sits on its own edge, on no layer card, no other number and no other edge
(a number on a crossing could belong to either line). In order: one tidy column of every number at
the same fraction along its edge (``COLUMN_SPOTS``); a greedy pass and a small search over
``LABEL_SPOTS``; then the edges' level lead-outs (``edge_routes``): each edge runs level through a
column of its connection's numbers beside the neurons, carrying its number there. An edge with no
spot at all shows its number on hover (the legend counts it, ``SceneEdgeNumbers.hidden_edge_numbers``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF

from . import edge_routes, label_search

if TYPE_CHECKING:
    from .edge_item import EdgeItem

#: candidate places for an edge's number, as fractions of the way from source to target
LABEL_SPOTS = (0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8, 0.44, 0.56, 0.33, 0.67, 0.24, 0.76, 0.15, 0.85,
               0.12, 0.88, 0.1, 0.9, 0.08, 0.92)
#: places tried for a whole connection's numbers at once, one column (fractions from source to target)
COLUMN_SPOTS = (0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85)
#: the margin kept around each edge number's plate when numbers are placed, in pixels on screen (two
#: plates stay twice as far apart: at a laptop's zoom a margin in scene units shrank under a pixel
#: and "1.396" ran into "0.6972")
LABEL_MARGIN_PX = 2.0


def label_margin(scene) -> float:
    """``LABEL_MARGIN_PX`` in scene units at the scene's zoom (never under 2)."""
    return max(2.0, LABEL_MARGIN_PX / max(getattr(scene, "view_scale", 1.0), 1e-3))


def neuron_marks(scene) -> tuple[list[tuple[QPointF, float]], list[QRectF]]:
    """What an edge's number must never cover, in scene coordinates: each neuron's circle (centre,
    radius) and, where numbers sit beside the circles, each number's plate."""
    discs, plates = [], []
    for layer in getattr(scene, "layer_items", {}).values():
        if layer.collapsed:
            continue
        beside = layer.numbers_beside()
        for k in range(layer.units):
            discs.append((layer.mapToScene(layer.neuron_centre(k)), layer.radius()))
            if beside:
                plates.append(layer.mapRectToScene(layer.number_plate(k)))
    return discs, plates


def meets_disc(rect: QRectF, centre: QPointF, radius: float) -> bool:
    """Whether ``rect`` meets the disc of ``radius`` around ``centre``: the rect's point nearest the
    centre lies within the radius."""
    dx = max(rect.left() - centre.x(), 0.0, centre.x() - rect.right())
    dy = max(rect.top() - centre.y(), 0.0, centre.y() - rect.bottom())
    return dx * dx + dy * dy < radius * radius


class ConnectionNumbers:
    """The placing of a ``ConnectionItem``'s numbers (needs its ``items``, ``src_item``, ``dst_item``,
    ``labelled``, ``lead_outs`` and ``_margin``)."""

    #: the edges of the scene, this connection's first, that a number of it may not sit on (but its own)
    _crossing: list = []

    def _blocked(self, scene) -> tuple[list[QRectF], list[QRectF]]:
        """(every layer's occupied rects, the numbers other connections show with their margin) in the
        scene: where none of this connection's numbers may sit; sets the margin (``label_margin``)."""
        cards = [layer.mapRectToScene(rect) for layer in getattr(scene, "layer_items", {}).values()
                 for rect in layer.occupied_rects()]
        m = self._margin = label_margin(scene)
        scene_labels = [label.edge.label_rect().adjusted(-m, -m, m, m)
                        for connection in getattr(scene, "connection_items", {}).values() if connection is not self
                        for label in connection.labels if not label.edge.label_rect().isNull()]
        return cards, scene_labels

    def _place_labels(self) -> None:
        """Greedy: each edge's number goes to the first spot along it that overlaps no other
        number, no layer card and no other edge of the connection (a number on a crossing
        could belong to either line); failing that, a spot that only avoids numbers and cards;
        when that leaves some out, a search for a spot for each (``label_search``); when some
        number still has no spot, or one on another edge, the lead-outs (``_lead_out``); failing
        them, an edge with no spot of its own shows its number only on hover. The selected edge's
        number always shows: when the greedy left it no spot, it is placed again with the selected
        number first, which takes, with no free spot, the one where it covers the least of the
        cards (``_least_covering_fraction``); the others then keep off it."""
        # numbers keep off every layer's card, its name and info line, and the z and b beside it, and
        # off the numbers other connections placed already: labels never on labels
        cards, scene_labels = self._blocked(self.src_item.scene())
        self._crossing = self.items + self._other_edges()  # the edges no number may sit on but its own
        if self.lead_outs is not None:  # straight again first: the numbers may fit on straight edges now
            edge_routes.apply(self, None)
            self.lead_outs = None
        for item in self.items:
            item._fraction = None
            item._label_rect = None
        column = self._column_fraction(cards + scene_labels)
        if column is not None:  # every number at the same place along its edge: a tidy column
            for item in self.items:
                item._fraction = column
            return
        order = sorted(self.items, key=lambda e: abs(e.j - e.i))
        self._greedy(order, [], cards + scene_labels)
        if any(item._fraction is None for item in self.items):  # the greedy left some out: one for each?
            found = label_search.place_all([self._spots(item, cards + scene_labels) for item in self.items])
            for item, fraction in zip(self.items, found or ()):
                item._fraction = fraction
        if any(item._fraction is None or self._on_another_edge(item) for item in self.items):
            self._lead_out(cards + scene_labels, scene_labels)  # some number has no spot, or one on another edge too: lead-outs?
        if self.lead_outs is None:
            self._drop_ambiguous()
        selected = next((item for item in self.items if item.isSelected()), None)
        if selected is None or selected._fraction is not None:
            return
        for item in self.items:
            item._fraction = None
        # first, and shown whatever the crowd: free of the other edges, else of numbers and cards alone,
        # else where it covers the least of the cards
        for others in ([e for e in self.items if e is not selected], []):
            selected._fraction = self._free_fraction(selected, cards + scene_labels, others)
            if selected._fraction is not None:
                break
        if selected._fraction is None:
            selected._fraction = self._least_covering_fraction(selected, cards)
        m = self._margin
        self._greedy(order, [selected.label_plate_at(selected._fraction, m)], cards + scene_labels)
        self._drop_ambiguous(keep=selected)

    def _drop_ambiguous(self, keep: EdgeItem | None = None) -> None:
        """A number that another edge runs under could be either's: it is read on hover instead (but
        ``keep``'s, the selected edge's, which always shows)."""
        for item in self.items:
            if item is not keep and item._fraction is not None and self._on_another_edge(item):
                item._fraction = None

    def _lead_out(self, blocked: list[QRectF], numbers: list[QRectF]) -> None:
        """Each edge runs level through one column beside its neurons and carries its number there
        (``edge_routes.lead_outs``) when every number then fits (on no card, number or edge, and the
        edges under none of the other connections' ``numbers``): beside the neurons that have fewer
        edges of the connection to stack first, the column where it is centred or a pitch or two up or
        down (``edge_routes.SHIFTS``: clear of a skip connection turning under a card); else the edges
        stay straight; as they do on a canvas too small for the neurons' numbers (the scene's ``values_hidden``):
        a column of 12 numbers stays 12 lines tall at any zoom, and three_classes_softmax's x → h column left
        its network no zoom to fit at 900×650 but the least."""
        if getattr(self.src_item.scene(), "values_hidden", False):
            return
        targets, sources = self.dst_item.units, self.src_item.units
        sides = (False, True) if targets <= sources else (True, False)
        for at_target, shift in ((side, shift) for side in sides for shift in edge_routes.SHIFTS):
            plan = edge_routes.lead_outs(self, self._margin, at_target, shift)
            if plan is None:
                continue
            detours, fractions = plan
            edge_routes.apply(self, detours)
            if edge_routes.fits(self, fractions, blocked, self._margin, numbers, self._other_edges()):
                self.lead_outs = detours
                for item, fraction in zip(self.items, fractions):
                    item._fraction, item._label_rect = fraction, None
                return
            edge_routes.apply(self, None)

    def _other_edges(self) -> list:
        """The edges of the scene's other connections drawn one by one."""
        scene = self.src_item.scene()
        return [e for connection in getattr(scene, "connection_items", {}).values()
                if connection is not self and not connection.bundled for e in connection.items]

    def _on_another_edge(self, item: EdgeItem) -> bool:
        """Whether another edge of the connection runs under ``item``'s number (it could be either's)."""
        rect = item.label_plate_at(item._fraction)
        return any(other.crosses(rect) for other in self._crossing if other is not item)

    def _spots(self, item: EdgeItem, blocked: list[QRectF]) -> list[tuple[float, QRectF]]:
        """(fraction, rect with the margin) of each spot of ``LABEL_SPOTS`` where ``item``'s number meets
        none of ``blocked``: those on no other edge of the connection first (``label_search``)."""
        m = self._margin
        free = [(fraction, item.label_plate_at(fraction, m)) for fraction in LABEL_SPOTS]
        free = [(fraction, rect) for fraction, rect in free if not any(rect.intersects(other) for other in blocked)]
        others = [e for e in self._crossing if e is not item]
        clear = [spot for spot in free if not any(e.crosses(spot[1]) for e in others)]
        return clear + [spot for spot in free if spot not in clear]

    def _greedy(self, order: list[EdgeItem], placed: list[QRectF], blocked: list[QRectF]) -> None:
        """Place the numbers of ``order`` not placed yet, in that order (see ``_place_labels``), off
        ``placed`` (numbers of this connection, with their margin, grown as they are placed) and ``blocked``."""
        m = self._margin
        for strict in (True, False):
            for item in order:
                if item._fraction is not None:
                    continue
                others = [e for e in self._crossing if e is not item] if strict else []
                item._fraction = self._free_fraction(item, placed + blocked, others)
                if item._fraction is not None:
                    placed.append(item.label_plate_at(item._fraction, m))

    def _free_fraction(self, item: EdgeItem, blocked: list[QRectF], others: list[EdgeItem]) -> float | None:
        """The first spot of ``LABEL_SPOTS`` where ``item``'s number (with a margin) meets none of
        ``blocked`` and crosses none of the edges ``others``; None when there is none."""
        for fraction in LABEL_SPOTS:
            rect = item.label_plate_at(fraction, self._margin)
            if not any(rect.intersects(other) for other in blocked) and not any(e.crosses(rect) for e in others):
                return fraction
        return None

    def _least_covering_fraction(self, item: EdgeItem, cards: list[QRectF]) -> float:
        """The spot of ``LABEL_SPOTS`` where ``item``'s number, for a selected edge with no free spot,
        is on no neuron's circle (nor within ``label_margin`` of its rim), then covers the least area of
        the plates of the numbers beside the circles, then of ``cards`` (the first such: nearest the
        middle; ``neuron_marks``). Where the gap between two cards is narrower than the number (9 px
        texts in three_classes_softmax at 1024×700), the least card area lay by the output's circles:
        "−0.5549" was written over y₁'s rim."""
        scene = self.src_item.scene()
        discs, plates = neuron_marks(scene)
        rim = label_margin(scene)  # the circle's outline and a margin as between two numbers

        def area(rect: QRectF, others: list[QRectF]) -> float:
            return sum(max(common.width(), 0.0) * max(common.height(), 0.0)
                       for common in (rect.intersected(other) for other in others))

        def cost(fraction: float) -> tuple[bool, float, float]:
            rect = item.label_rect_at(fraction)
            return (any(meets_disc(rect, centre, radius + rim) for centre, radius in discs), area(rect, plates),
                    area(rect, cards))
        return min(LABEL_SPOTS, key=cost)

    def _column_fraction(self, blocked: list[QRectF]) -> float | None:
        """The first fraction of ``COLUMN_SPOTS`` at which every edge's number fits: on no card, no
        other number and no other edge of the connection; None when there is none."""
        for fraction in COLUMN_SPOTS:
            m = self._margin
            rects = [item.label_plate_at(fraction, m) for item in self.items]
            if any(rect.intersects(other) for rect in rects for other in blocked):
                continue
            if any(a.intersects(b) for k, a in enumerate(rects) for b in rects[k + 1:]):
                continue
            if any(other.crosses(rect) for item, rect in zip(self.items, rects) for other in self._crossing
                   if other is not item):
                continue
            return fraction
        return None
