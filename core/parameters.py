"""Parameter access and initialisation: dict-like views into a flat vector, and the initialisers.

``Network.weights[src, tgt]`` / ``Network.biases[name]`` and ``Gradients.weights`` /
``Gradients.biases`` are ``_Parameters`` mappings: each entry is a view into one flat
float64 vector (weights first, then biases), shaped (units of tgt, units of src) for
a weight matrix W[j, i] and (units,) for a bias.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .network import Network

Edge = tuple[str, str]

INITIALIZERS = ("zeros", "uniform", "xavier", "he")


class _Parameters(Mapping):
    """Dict-like access to one kind of parameter (views into a flat vector).

    Assigning ``params[key] = array`` copies the values in (shape must match).
    """

    def __init__(self, net: "Network", kind: str, flat_attr: str = "flat"):
        self._net, self._kind, self._flat_attr = net, kind, flat_attr

    def _slots(self) -> dict:
        return self._net._w_slots if self._kind == "weights" else self._net._b_slots

    def __getitem__(self, key):
        slots = self._slots()
        if key not in slots:
            raise KeyError(f"no {self._kind[:-1]} entry for {key!r}")
        start, shape = slots[key]
        flat = getattr(self._net, self._flat_attr)
        return flat[start : start + int(np.prod(shape))].reshape(shape)

    def __setitem__(self, key, value):
        target = self[key]
        value = np.asarray(value, dtype=np.float64)
        if value.shape != target.shape:
            raise ValueError(f"{self._kind[:-1]} {key!r} has shape {target.shape}, got {value.shape}")
        if not np.all(np.isfinite(value)):
            raise ValueError(f"{self._kind[:-1]} {key!r}: values must be finite numbers")
        target[...] = value
        if self._kind == "weights" and key in self._net._masks:
            target *= self._net._masks[key]

    def __iter__(self):
        return iter(self._slots())

    def __len__(self):
        return len(self._slots())

    def __repr__(self):
        return f"{self._kind}({{{', '.join(map(repr, self))}}})"


class Gradients:
    """dL/dθ for every parameter: ``weights[src, tgt]`` and ``biases[name]`` mirror the network's."""

    def __init__(self, net: "Network", flat: np.ndarray):
        layout = net.parameter_layout()
        self._w_slots = {b.key: (b.start, b.shape) for b in layout.weight_blocks}
        self._b_slots = {b.key: (b.start, b.shape) for b in layout.bias_blocks}
        self._masks = {}
        self.layout = layout
        self.flat = flat
        self.weights = _Parameters(self, "weights")
        self.biases = _Parameters(self, "biases")


def _rng(seed: int, edge: Edge) -> np.random.Generator:
    return np.random.default_rng([seed, zlib.crc32(f"{edge[0]}\0{edge[1]}".encode())])


def _init_matrix(method: str, shape, fan_in: int, rng: np.random.Generator) -> np.ndarray:
    fan_out = shape[0]
    if method == "zeros":
        return np.zeros(shape)
    if method == "uniform":
        bound = 1.0 / np.sqrt(fan_in)
        return rng.uniform(-bound, bound, shape)
    if method == "xavier":
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-bound, bound, shape)
    if method == "he":
        return rng.normal(0.0, np.sqrt(2.0 / fan_in), shape)
    raise ValueError(f"unknown initializer {method!r}")
