"""Where each parameter sits in a network's flat vector: the public parameter layout.

Every parameter of a ``Network`` lives in one float64 vector ``net.flat``: the
weight matrix of each connection (in connection order), then the bias vector of
each layer that has one. ``net.parameter_layout()`` describes that vector:

* a ``ParameterBlock`` per connection (``kind="weight"``, ``key=(source, target)``,
  shape (units of target, units of source), so ``W[j, i]`` is the edge from
  source neuron i to target neuron j) and per bias (``kind="bias"``,
  ``key=layer name``, shape (units,));
* ``signature``: a value that changes exactly when the structure changes (layers,
  units, activations, biases, connections, removed edges), not when a value does.

Anything that holds a flat vector of the same network (a gradient, a training
snapshot, an optimizer's moments) reads it through these blocks instead of
computing offsets itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Edge = tuple[str, str]


@dataclass(frozen=True)
class ParameterBlock:
    """One connection's weights or one layer's biases: ``flat[start : start + size]`` shaped ``shape``."""

    kind: str  # "weight" or "bias"
    key: Edge | str  # (source, target) for weights, the layer name for biases
    start: int
    shape: tuple[int, ...]

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def slice(self) -> slice:
        return slice(self.start, self.start + self.size)

    @property
    def edge(self) -> Edge:
        """(source, target) of a weight block."""
        if self.kind != "weight":
            raise TypeError(f"the bias block of {self.key!r} has no edge")
        return self.key

    @property
    def source(self) -> str:
        return self.edge[0]

    @property
    def target(self) -> str:
        return self.edge[1]

    @property
    def rows(self) -> int:
        """Units of the target layer (j)."""
        return self.shape[0]

    @property
    def cols(self) -> int:
        """Units of the source layer (i); 1 for a bias block."""
        return self.shape[1] if len(self.shape) > 1 else 1

    def take(self, flat: np.ndarray) -> np.ndarray:
        """This block of a flat vector (parameters, a gradient, …) as an array of ``shape`` (a view)."""
        return flat[self.slice].reshape(self.shape)

    def index(self, *position: int) -> int:
        """Index into the flat vector of ``W[j, i]`` (weights) or ``b[j]`` (biases)."""
        if len(position) != len(self.shape) or not all(0 <= p < n for p, n in zip(position, self.shape)):
            raise IndexError(f"{self.kind} block {self.key!r} of shape {self.shape} has no entry {position}")
        return self.start + int(np.ravel_multi_index(position, self.shape))


@dataclass(frozen=True)
class ParameterLayout:
    """The blocks of a network's flat parameter vector, weights first (see the module docstring)."""

    blocks: tuple[ParameterBlock, ...]
    size: int
    n_weights: int
    signature: tuple

    @property
    def weight_blocks(self) -> list[ParameterBlock]:
        return [b for b in self.blocks if b.kind == "weight"]

    @property
    def bias_blocks(self) -> list[ParameterBlock]:
        return [b for b in self.blocks if b.kind == "bias"]

    def weight(self, source: str, target: str) -> ParameterBlock:
        for block in self.blocks:
            if block.kind == "weight" and block.key == (source, target):
                return block
        raise KeyError(f"there is no connection {source} → {target}")

    def bias(self, layer: str) -> ParameterBlock:
        for block in self.blocks:
            if block.kind == "bias" and block.key == layer:
                return block
        raise KeyError(f"layer {layer!r} has no bias")

    def locate(self, index: int) -> tuple[ParameterBlock, tuple[int, ...]]:
        """(block, position) of flat index ``index``: position is (j, i) for a weight, (j,) for a bias."""
        for block in self.blocks:
            if block.start <= index < block.start + block.size:
                return block, tuple(int(p) for p in np.unravel_index(index - block.start, block.shape))
        raise IndexError(f"parameter index {index} is outside 0…{self.size - 1}")

    def fits(self, flat: np.ndarray) -> bool:
        """True when ``flat`` has this layout's length."""
        return np.shape(flat) == (self.size,)
