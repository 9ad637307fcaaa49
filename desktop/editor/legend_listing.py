"""``LegendListing``, a mixin of ``NetworkView``: when the legend lists the numbers the canvas has no room for.

The legend's table (``Legend.tables``, ``SceneEdgeNumbers.unplaced_numbers``) takes room at the bottom of
the canvas, which Fit keeps free. Listed at once on every placing, a table would come and go with each zoom
Fit tries and with a phase's first placing, and move the room Fit fits into: skip_connection's Update fitted
again, smaller, for x → h's numbers that had their room once the phase had settled. So the view hands the
legend None (keep the tables as they are) and lists them again a turn of the event loop later, when Fit has
ended; a legend that then grew over the network fits again (``NetworkView._on_values_refreshed``).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer


class LegendListing:
    """Needs the view's ``_fitting``, ``network_scene`` and ``_on_values_refreshed``."""

    def _unplaced(self, scene) -> list | None:
        """None: the legend keeps the numbers it lists as they are, and lists them again (``_list_unplaced``)
        a turn of the event loop later, once the placing has settled and Fit ended (a table coming and going
        with each zoom Fit tries, or with a phase's first placing, would move the room Fit fits into)."""
        if getattr(self, "_listing", False) and not self._fitting:  # (a Fit the listing started: kept too)
            return scene.unplaced_numbers()
        if not getattr(self, "_list_pending", False):
            self._list_pending = True
            QTimer.singleShot(0, self, self._list_unplaced)  # (not called once the view is gone)
        return None

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
