"""``LegendListing``, a mixin of ``NetworkView``: when the legend lists the numbers the canvas has no room for.

The legend's table (``Legend.tables``, ``SceneEdgeNumbers.unplaced_numbers``) takes room at the bottom of
the canvas, which Fit keeps free. Listed at once on every placing, a table would come and go with each zoom
Fit tries and with a phase's first placing, and move the room Fit fits into: skip_connection's Update fitted
again, smaller, for x → h's numbers that had their room once the phase had settled. So the view hands the
legend the connections it lists already, with the numbers their edges write now (a Step's weights reach the
table in the Step's one painting, issue 20), and chooses which to list again a turn of the event loop later,
when Fit has ended; a legend that then grew over the network fits again (``NetworkView._on_values_refreshed``).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer


class LegendListing:
    """Needs the view's ``_fitting``, ``network_scene`` and ``_on_values_refreshed``."""

    def _unplaced(self, scene) -> list | None:
        """The legend keeps the connections it lists, their numbers as the edges write them now
        (``_listed_now``), and lists them again (``_list_unplaced``) a turn of the event loop later, once the placing has settled and Fit ended (a table coming and going
        with each zoom Fit tries, or with a phase's first placing, would move the room Fit fits into)."""
        if getattr(self, "_listing", False) and not self._fitting:  # (a Fit the listing started: kept too)
            return scene.unplaced_numbers()
        if not getattr(self, "_list_pending", False):
            self._list_pending = True
            QTimer.singleShot(0, self, self._list_unplaced)  # (not called once the view is gone)
        return self._listed_now(scene)

    def _listed_now(self, scene) -> list | None:
        """The connections the legend lists, each with the numbers its edges write now: a Step's new weights
        reach the table in the same paint as the edges (issue 20: one paint a Step), while which connection
        is listed waits for ``_list_unplaced``. None: the legend keeps its tables (a listed connection is gone)."""
        listed = []
        for source, target, _, hidden in self.legend.listed():
            cells = scene.edge_numbers((source, target))
            if cells is None:
                return None
            listed.append((source, target, cells, hidden))
        return listed

    def _list_unplaced(self) -> None:
        """The legend lists the numbers the canvas has no room for now (``SceneEdgeNumbers.unplaced_numbers``)."""
        self._list_pending = False
        scene = self.network_scene()
        if scene is None or scene.doc is None or self._fitting:
            return
        self._listing = True
        try:
            self._on_values_refreshed()
        finally:
            self._listing = False
