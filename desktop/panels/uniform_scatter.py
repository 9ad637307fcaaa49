"""``UniformScatter``: a pyqtgraph ``ScatterPlotItem`` whose points all look alike, given new points cheaply;
``thinned``: at most so many of a scatter's rows, evenly spread.

pyqtgraph looks up every new point's picture (symbol, size, pen, brush) in its symbol atlas one
point at a time, in Python: ~10 ms for the 1,500 points of the output map's predicted-against-
target scatter, which gets new points up to 10 times a second. When no point has a style of its
own (the item's ``symbol``, ``size``, ``pen`` and ``brush`` are everyone's), one lookup serves
all: the same atlas entry, the same picture. With per-point styles it does what pyqtgraph does.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

try:  # pyqtgraph's own defaults (not public: a pyqtgraph without them gets its own path below)
    from pyqtgraph.graphicsItems.ScatterPlotItem import _DEFAULT_STYLE
except ImportError:  # pragma: no cover
    _DEFAULT_STYLE = None

STYLE = ("symbol", "size", "pen", "brush")


class UniformScatter(pg.ScatterPlotItem):
    def updateSpots(self, dataSet=None):  # noqa: N802, N803 (pyqtgraph's names)
        data = self.data if dataSet is None else dataSet
        if _DEFAULT_STYLE is None or not hasattr(self, "_updateMaxSpotSizes") or \
                not (self.opts["pxMode"] and self.opts["useCache"]) or self.opts["hoverable"] or \
                any(not np.all(np.equal(data[k], _DEFAULT_STYLE[k])) for k in STYLE):
            return super().updateSpots(dataSet)
        new = data["sourceRect"]["w"] == 0
        if np.any(new):
            data["sourceRect"][new] = self.fragmentAtlas[[tuple(self.opts[k] for k in STYLE)]][0]
            self._updateMaxSpotSizes(data=data)
            self.invalidate()
        else:
            self._updateMaxSpotSizes(data=data)


def thinned(rows: np.ndarray, most: int) -> np.ndarray:
    """At most ``most`` of ``rows``, evenly spread over them (all when they are few)."""
    rows = np.asarray(rows)
    if len(rows) <= most:
        return rows
    return rows[np.linspace(0, len(rows) - 1, most).round().astype(int)]
