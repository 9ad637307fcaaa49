"""``SceneEdgeNumbers``: where the canvas writes each edge's number, a mixin of ``NetworkScene``.

Every number is placed again whenever the values, the cards or the selection change: the
connection holding the selected edge goes first, and its number before any other, so the
selected edge always shows its number. The places follow from what placing reads alone (the
cards' occupied rects, the selected edge, each connection's numbers and edges), so the scene
keeps them by those inputs (``self._placements``) instead of searching again between frames.
Edges whose number found no spot are counted for the legend (``hidden_edge_numbers``): the
student reads them by hovering.
"""

from __future__ import annotations

from .edge_item import EdgeItem


class SceneEdgeNumbers:
    """Edge-number placement of ``NetworkScene`` (needs its ``doc``, ``connection_items``,
    ``layer_items``, ``_placements``, ``_numbers_placed_for`` and ``values_refreshed``)."""

    def hidden_edge_numbers(self) -> int:
        """How many present edges drawn one by one show no number (their connection prints none, or
        there was no free spot): the student reads them by hovering."""
        return sum(1 for connection in self.connection_items.values() if not connection.bundled
                   for edge in connection.items if edge.value()[1] and edge.label_rect().isNull())

    def _place_edge_numbers(self, moved: bool = False) -> None:
        """Place every edge's number again (``moved``: the cards moved, the edges follow first). The
        connection holding the selected edge goes first, its number before any other
        (``ConnectionItem._place_labels``): the selected edge always shows its number."""
        for connection in self.connection_items.values():  # every number first: placing one asks the others'
            connection.forget_labels()
        connections = sorted(self.connection_items.values(), key=lambda c: not c.holds_selected_edge())
        key = None if moved else self._placement_inputs(connections)
        placed = self._placements.get(key) if key is not None else None
        if moved:  # every edge on its new route first: each connection's numbers keep off the others' edges
            for connection in connections:
                connection.adjust(numbers=False)
        for n, connection in enumerate(connections):  # (routed: placed here once, by ``repaint``)
            connection.repaint(placed[n] if placed is not None else None)
        if key is not None and placed is None:  # the numbers' places follow from these inputs alone
            if len(self._placements) > 8:
                self._placements.clear()
            self._placements[key] = tuple(connection.fractions() for connection in connections)

    def _placement_inputs(self, connections) -> tuple:
        """Everything the edge numbers' placement reads: the layers' occupied rects in the scene, the
        selected edge, and per connection (in ``connections``' order) its numbers' places, sizes and
        edges (between frames of a run they rarely change: the same inputs give the same places, kept
        in ``_placements`` instead of searched again)."""
        cards = tuple(tuple(layer.mapRectToScene(rect).getRect() for rect in layer.occupied_rects())
                      for layer in self.layer_items.values())
        return (cards, self._selected_edge_key(),
                tuple((connection.src, connection.tgt, connection.placement_inputs()) for connection in connections))

    def _selected_edge_key(self) -> tuple | None:
        """(source, target, j, i) of the selected edge drawn on its own, or None."""
        edge = next((item for item in self.selectedItems() if isinstance(item, EdgeItem)), None)
        return edge.key if edge is not None else None

    def _follow_selected_edge(self) -> None:
        """Another edge is selected (or none): its number is placed first, so it always shows."""
        key = self._selected_edge_key()
        if key == self._numbers_placed_for or self.doc is None:
            return
        self._numbers_placed_for = key
        self._place_edge_numbers()
        self.values_refreshed.emit()  # the legend counts the numbers that have no room
