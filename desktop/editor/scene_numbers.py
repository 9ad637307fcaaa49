"""``SceneEdgeNumbers``: where the canvas writes each edge's number, a mixin of ``NetworkScene``.

Every number is placed again whenever the values, the cards or the selection change: the
connection holding the selected edge goes first, and its number before any other, so the
selected edge always shows its number. The places follow from what placing reads alone (the
cards' occupied rects, the selected edge, each connection's numbers and edges), so the scene
keeps them by those inputs (``self._placements``) instead of searching again between frames.
Edges whose number found no spot are counted for the legend (``hidden_edge_numbers``), and their
connections' numbers listed in it as a table (``unplaced_numbers``): three_classes_softmax's 18 h → y
edges at 1024×700 have no room on the canvas, and a student checking one by hand reads it there
without hunting for its edge under the pointer.
"""

from __future__ import annotations

from desktop.reveal import NOT_YET

from .edge_item import EdgeItem


class SceneEdgeNumbers:
    """Edge-number placement of ``NetworkScene`` (needs its ``doc``, ``connection_items``,
    ``layer_items``, ``_placements``, ``_numbers_placed_for`` and ``values_refreshed``)."""

    def hidden_edge_numbers(self) -> int:
        """How many present edges drawn one by one show no number (their connection prints none, or
        there was no free spot): the student reads them by hovering."""
        return sum(1 for connection in self.connection_items.values() if not connection.bundled
                   for edge in connection.items if edge.value()[1] and edge.label_rect().isNull())

    def unplaced_numbers(self) -> list[tuple[str, str, list[list[str]], int]]:
        """[(source, target, the numbers as the edges write them, [j][i], how many have no spot)] of the one connection drawn
        edge by edge whose present edges the legend lists because some show no number (``hidden_edge_numbers``;
        a removed edge's cell is "–"): the one holding the selected edge, else the one the step-through's phase
        works on, else the one with most such edges; [] when every number has its spot (or reads "?"). (One table: a
        laptop's canvas, ~300 px tall, holds one beside the network; a click on an edge brings another's.)"""
        hidden = {key: [edge for edge in c.items if edge.value()[1] and edge.label_rect().isNull()]
                  for key, c in self.connection_items.items() if c.labelled and not c.bundled}
        hidden = {key: len(edges) for key, edges in hidden.items()  # ("?": nothing to read yet)
                  if any(edge.label_text() != NOT_YET for edge in edges)}
        if not hidden:
            return []
        active = self.view_state.active_connections() if self.view_state is not None else set()
        selected = self._selected_edge_key()
        key = max(hidden, key=lambda k: (selected is not None and selected[:2] == k, k in active, hidden[k]))
        return [(key[0], key[1], self.edge_numbers(key), hidden[key])]

    def edge_numbers(self, key: tuple[str, str]) -> list[list[str]] | None:
        """The numbers connection ``key``'s edges write now, [j][i] (a removed edge's cell "–"); None when the
        connection is gone or not drawn edge by edge."""
        connection = self.connection_items.get(key)
        if connection is None or connection.bundled or not connection.items:
            return None
        rows, cols = (max(e.j for e in connection.items) + 1, max(e.i for e in connection.items) + 1)
        cells = [["–"] * cols for _ in range(rows)]
        for edge in connection.items:
            if edge.value()[1]:
                cells[edge.j][edge.i] = edge.label_text()
        return cells

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
