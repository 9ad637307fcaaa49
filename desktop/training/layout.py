"""Where each weight sits in the flat parameter vector, read through the public API.

``net.weights[src, tgt]`` is a (units of tgt, units of src) view into ``net.flat``;
its offset in that vector is found from the two arrays' memory addresses, so this
module needs nothing private of ``core.Network``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class WeightBlock:
    """The weights of one connection: ``flat[start : start + rows*cols]`` reshaped (rows, cols)."""

    source: str
    target: str
    start: int
    rows: int  # units of the target layer (j)
    cols: int  # units of the source layer (i)

    @property
    def edge(self) -> tuple[str, str]:
        return (self.source, self.target)

    @property
    def size(self) -> int:
        return self.rows * self.cols

    def take(self, flat: np.ndarray) -> np.ndarray:
        """This connection's block of a flat vector (params, gradient, ...), as (rows, cols)."""
        return flat[self.start : self.start + self.size].reshape(self.rows, self.cols)

    def index(self, j: int, i: int) -> int:
        """Index into the flat vector of W[j, i]."""
        return self.start + j * self.cols + i


def weight_blocks(net) -> list[WeightBlock]:
    """One ``WeightBlock`` per connection, in the network's connection order."""
    base = net.flat.__array_interface__["data"][0]
    item = net.flat.itemsize
    blocks = []
    for src, tgt in net.connections:
        w = net.weights[src, tgt]
        start = (w.__array_interface__["data"][0] - base) // item
        blocks.append(WeightBlock(src, tgt, int(start), int(w.shape[0]), int(w.shape[1])))
    return blocks


def locate(blocks: list[WeightBlock], index: int) -> tuple[WeightBlock, int, int] | None:
    """(block, j, i) of flat index ``index``, or None when it is not a weight (a bias)."""
    for block in blocks:
        if block.start <= index < block.start + block.size:
            j, i = divmod(index - block.start, block.cols)
            return block, j, i
    return None


def structure_key(net) -> tuple:
    """Changes whenever the network's structure (not its values) changes."""
    layers = tuple((l.name, l.units, l.activation, l.bias) for l in net.layers)
    masks = tuple(sorted((e, m.tobytes()) for e, m in net.masks.items()))
    return layers, tuple(net.connections), masks
