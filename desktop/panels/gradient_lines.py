"""The loss panel's "mean |dL/dw| per layer" plot: one line per layer, the mean over the
weights into that layer of |dL/dw| at each step (the training process records Σ|dL/dw| of
every connection each step: ``core.History.block_gradient``, decimated like the loss
history; log axis). A layer whose line lies far below the others learns slowly: with
saturated sigmoids (the saturation lessons) every δ carries a small σ'(z).

Removed (masked) edges are left out of the mean (their dL/dw is 0 and they are not counted).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGraphicsWidget

from desktop import colours

from .loss_after_step import after_step, full_batch
from .plotting import STEP_END_ROOM, lazy_menu_view, step_axes


def layer_groups(network) -> list[tuple[str, list[int], int]]:
    """Per layer with incoming weights, in topological order: (layer, indices of its weight
    blocks in ``parameter_layout().weight_blocks``, number of live weights into it)."""
    blocks = network.parameter_layout().weight_blocks
    masks = network.masks
    groups: dict[str, tuple[list[int], int]] = {}
    for k, block in enumerate(blocks):
        mask = masks.get(block.edge)
        live = block.size if mask is None else int(np.count_nonzero(mask))
        indices, count = groups.get(block.target, ([], 0))
        groups[block.target] = (indices + [k], count + live)
    return [(name, *groups[name]) for name in network.order() if name in groups]


def layer_means(sums: np.ndarray, groups) -> np.ndarray:
    """(steps, layers) mean |dL/dw| from (steps, blocks) Σ|dL/dw| (NaN for a layer with no live weight)."""
    out = np.full((sums.shape[0], len(groups)), np.nan)
    for k, (_, blocks, count) in enumerate(groups):
        if count:
            out[:, k] = sums[:, blocks].sum(axis=1) / count
    return out


class GradientLines:
    """The plot (row ``row`` of the loss panel's layout, x-linked to ``loss_plot``) and its record.
    The plot is made the first time it is shown (most students never open it)."""

    def __init__(self, layout: pg.GraphicsLayoutWidget, loss_plot, left_axes=None, row: int = 2):
        self.layout = layout
        self.loss_plot = loss_plot
        self.left_axes = left_axes  # the ``AlignedAxes`` of the plots above (None: as wide as the loss plot's)
        self.row = row
        self.plot = None  # made by the first set_visible(True)
        self.curves: list = []
        self.groups: list = []
        self.blocks = 0  # weight blocks of the network the groups describe
        self.snap = None
        self.network_ok = False  # the last clear() had a network without problems (its groups are drawn)
        #: held_at(steps (n,)) → (n,) bool: where the loss at the weights after those steps is held (the loss
        #: panel's ``held_at``); the gradient there, computed from that loss, is not drawn either
        self.held_at = lambda steps: np.zeros(len(steps), dtype=bool)
        # until then an empty item of no height holds its row (the layout keeps the spacing above
        # it, as it does for the hidden plot): the other plots get the same room either way
        self.stand_in = QGraphicsWidget()
        self.stand_in.setMaximumHeight(0)
        layout.addItem(self.stand_in, row=row, col=0)
        layout.ci.layout.setRowStretchFactor(row, 0)

    def _make_plot(self) -> None:
        self.layout.removeItem(self.stand_in)
        self.stand_in = None
        # (the layout keeps 9 px right of the plots: the step axis's last label may reach into them)
        self.plot = self.layout.addPlot(row=self.row, col=0, axisItems=step_axes(STEP_END_ROOM),
                                        viewBox=lazy_menu_view())
        self.plot.setLabel("left", "mean |dL/dw|")
        self.plot.setLabel("bottom", "step")
        self.plot.setLogMode(y=True)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setXLink(self.loss_plot)
        if self.left_axes is not None:
            self.left_axes.add(self.plot.getAxis("left"))
        else:
            self.plot.getAxis("left").setWidth(self.loss_plot.getAxis("left").width())
        if self.network_ok:
            self._make_curves()

    def set_visible(self, on: bool) -> None:
        if self.plot is None:
            if not on:
                return
            self._make_plot()
        self.plot.setVisible(on)
        self.plot.setMaximumHeight(1e6 if on else 0)
        self.layout.ci.layout.setRowStretchFactor(self.row, 1 if on else 0)

    @property
    def visible(self) -> bool:
        return self.plot is not None and self.plot.isVisible()

    def clear(self, network=None) -> None:
        if self.plot is not None:
            for curve in self.curves:
                self.plot.removeItem(curve)
            self.plot.setTitle(None)
        self.curves, self.groups, self.blocks, self.snap = [], [], 0, None
        self._show_scale(False)
        self.network_ok = network is not None and not network.problems()
        if not self.network_ok:
            return
        self.groups = layer_groups(network)
        self.blocks = len(network.parameter_layout().weight_blocks)
        if self.plot is not None:
            self._make_curves()

    def _make_curves(self) -> None:
        """A curve per layer of ``groups``, named in the plot's title."""
        names = []
        for k, (name, _, _) in enumerate(self.groups):
            colour = colours.connection_rgb(k)
            self.curves.append(self.plot.plot(pen=pg.mkPen(colour, width=1)))
            names.append(f"<span style='color:rgb{colour}'>━ {name}</span>")
        self.plot.setTitle("into layer: " + "  ".join(names), size="8pt")

    def add(self, snap) -> None:
        """Take the snapshot's record (drawn now when shown, else when shown again)."""
        sums = getattr(snap, "block_gradient_sums", None)
        if sums is None or sums.ndim != 2 or sums.shape[1] != self.blocks or not self.groups:
            return
        self.snap = snap
        if self.visible:
            self.draw()

    def draw(self) -> None:
        if self.snap is None:
            self._show_scale(False)
            return
        x = np.asarray(self.snap.block_gradient_steps, dtype=float)
        means = layer_means(self.snap.block_gradient_sums, self.groups)
        shift = full_batch(self.snap)  # step k's gradient is at the weights after k − 1 steps: drawn there
        drawn = False
        for k, curve in enumerate(self.curves):
            y = means[:, k]
            keep = np.isfinite(y) & (y > 0) & ~self.held_at(np.maximum(x - 1.0, 0.0))  # at the weights before step x
            curve.setData(*after_step((x[keep], y[keep]), shift))
            drawn = drawn or bool(keep.any())
        self._show_scale(drawn)

    def _show_scale(self, on: bool) -> None:
        """Numbers on the |dL/dw| axis only once a line is drawn: before the first step the empty
        log axis printed "2 4 6" on each other, a scale of nothing."""
        axis = self.plot.getAxis("left") if self.plot is not None else None
        if axis is not None and axis.style["showValues"] != on:  # setStyle redraws the axis: only on a change
            axis.setStyle(showValues=on)
