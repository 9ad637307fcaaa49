"""``StructureEdits``: the edits that change a ``Network``'s structure.

Adding, removing, renaming, moving and reshaping layers (``add_layer``, ``remove_layer``,
``rename_layer``, ``move_layer``, ``set_activation``, ``set_bias_enabled``, ``set_units``),
adding and removing connections (``connect``, ``disconnect``), removing or restoring single
edges (``set_edge_enabled``) and choosing the input layer's features
(``set_input_features``). Each edit checks its input first and raises ``GraphError`` (or
``ValueError``) saying what is wrong, leaving the network unchanged.

A mixin of ``core.network.Network``: it works on the network's own state (``_layers``,
``_edges``, ``_masks``, ``_b_slots``, the ``weights``/``biases`` views) and re-lays out the
flat parameter vector with ``Network._repack`` after every change of shape, keeping the
values that still fit. Shapes as in ``core.network``: the connection s → t has weights
W (units of t, units of s), a mask of the same shape (1 kept, 0 removed); a new or grown
W is xavier-initialised, U(±√(6/(fan_in+fan_out))), from a seed.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from . import features as _features
from .activations import get_activation
from .graph import GraphError, Layer, check_units
from .parameters import _init_matrix, _rng


class StructureEdits:
    """The structural edits of ``Network`` (see the module docstring)."""

    def add_layer(
        self,
        name: str,
        units: int,
        activation: str = "identity",
        bias: bool = True,
        position: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        """Add an unconnected layer."""
        if name in self._layers:
            raise GraphError(f"a layer called {name!r} already exists")
        if not name or not isinstance(name, str):
            raise GraphError("a layer needs a non-empty name")
        check_units(units)
        get_activation(activation)
        self._layers[name] = Layer(name, int(units), activation, bool(bias), tuple(map(float, position)))
        self._repack()

    def remove_layer(self, name: str) -> None:
        """Remove a layer and every connection touching it."""
        self._layer(name)
        del self._layers[name]
        for edge in [e for e in self._edges if name in e]:
            self._edges.remove(edge)
            self._masks.pop(edge, None)
        self._retired_biases.pop(name, None)
        self._repack()

    def rename_layer(self, old: str, new: str) -> None:
        """Rename a layer: its connections, weights, masks, biases and the guided lesson's references follow."""
        self._layer(old)
        if new in self._layers:
            raise GraphError(f"a layer called {new!r} already exists")
        if not new:
            raise GraphError("a layer needs a non-empty name")
        state = self.get_state()
        ren = lambda n: new if n == old else n  # noqa: E731
        state["layers"] = [replace(l, name=ren(l.name)) for l in state["layers"]]
        state["edges"] = [(ren(s), ren(t)) for s, t in state["edges"]]
        state["weights"] = {(ren(s), ren(t)): w for (s, t), w in state["weights"].items()}
        state["masks"] = {(ren(s), ren(t)): m for (s, t), m in state["masks"].items()}
        state["biases"] = {ren(n): b for n, b in state["biases"].items()}
        self.set_state(state)
        if self.lesson is not None:  # the guided lesson follows: its questions and actions name layers
            self.lesson = self.lesson.with_layer_renamed(old, new)

    def move_layer(self, name: str, position: tuple[float, float]) -> None:
        self._layer(name).position = (float(position[0]), float(position[1]))

    def set_activation(self, name: str, activation: str) -> None:
        get_activation(activation)
        self._layer(name).activation = activation
        self._plan = None
        self._layout = None

    def set_bias_enabled(self, name: str, enabled: bool) -> None:
        self._layer(name).bias = bool(enabled)
        self._repack()

    def set_units(self, name: str, units: int, seed: int = 0) -> None:
        """Resize a layer; weights of the overlapping neurons are kept, new ones initialised (xavier)."""
        check_units(units)
        layer = self._layer(name)
        if layer.features is not None and units != layer.units:
            raise GraphError(f"the units of {name!r} follow its input features ({layer.units}); "
                             "choose the features instead")
        old = {e: self.weights[e].copy() for e in self._edges if name in e}
        old_bias = self.biases[name].copy() if name in self._b_slots else None
        layer.units = int(units)
        for edge in old:
            mask = self._masks.get(edge)
            shape = self._shape(edge)
            if mask is not None:
                new_mask = np.ones(shape)
                r, c = min(shape[0], mask.shape[0]), min(shape[1], mask.shape[1])
                new_mask[:r, :c] = mask[:r, :c]
                self._masks[edge] = new_mask
        self._repack()
        if old_bias is not None:
            keep = np.zeros(units)
            keep[: min(units, old_bias.size)] = old_bias[: min(units, old_bias.size)]
            self.biases[name] = keep
        for edge, w in old.items():
            fresh = _init_matrix("xavier", self._shape(edge), self._fan_in(edge[1]), _rng(seed, edge))
            r, c = min(fresh.shape[0], w.shape[0]), min(fresh.shape[1], w.shape[1])
            fresh[:r, :c] = w[:r, :c]
            self.weights[edge] = fresh

    def connect(self, src: str, tgt: str, weights=None, mask=None, seed: int = 0) -> None:
        """Add the connection ``src`` → ``tgt`` (refused with ``GraphError`` saying why).

        Without ``weights`` the new matrix is xavier-initialised from ``seed``.
        """
        reason = self.connection_refusal(src, tgt)
        if reason:
            raise GraphError(reason)
        self._insert_connection(src, tgt, weights, mask, seed)

    def _insert_connection(self, src, tgt, weights=None, mask=None, seed=0) -> None:
        """Add a connection after only the checks a loaded file needs (no editing rules)."""
        self._edges.append((src, tgt))
        shape = self._shape((src, tgt))
        if mask is not None:
            mask = np.asarray(mask, dtype=np.float64)
            if mask.shape != shape or not np.all((mask == 0) | (mask == 1)):
                self._edges.pop()
                raise ValueError(f"mask of {src}→{tgt} must be 0/1 with shape {shape}")
            self._masks[(src, tgt)] = mask
        self._repack()
        if weights is None:
            weights = _init_matrix("xavier", shape, self._fan_in(tgt), _rng(seed, (src, tgt)))
        try:
            self.weights[src, tgt] = weights
        except ValueError:
            self.disconnect(src, tgt)
            raise

    def disconnect(self, src: str, tgt: str) -> None:
        if (src, tgt) not in self._edges:
            raise GraphError(f"{src} is not connected to {tgt}")
        self._edges.remove((src, tgt))
        self._masks.pop((src, tgt), None)
        self._repack()
    def set_edge_enabled(self, src: str, tgt: str, j: int, i: int, enabled: bool) -> None:
        """Remove (mask) or restore a single edge. A removed edge's weight becomes 0."""
        shape = self._shape((src, tgt))
        if (src, tgt) not in self._edges:
            raise GraphError(f"{src} is not connected to {tgt}")
        mask = self._masks.get((src, tgt))
        if mask is None:
            mask = np.ones(shape)
        mask[j, i] = 1.0 if enabled else 0.0
        if mask.all():
            self._masks.pop((src, tgt), None)
        else:
            self._masks[(src, tgt)] = mask
        self.weights[src, tgt] *= mask
        self._mask_flat = None
        self._plan = None
        self._layout = None


    def set_input_features(self, features, seed: int = 0) -> None:
        """Let the input layer compute ``features`` (names of ``core.features``; None or
        ("x1", "x2"): the raw inputs) from two raw inputs.

        The input layer gets one unit per feature. Weights (and removed edges) leaving it
        follow their feature: a feature kept keeps its column of every outgoing W; a new
        feature's column is xavier-initialised from ``seed``. Needs an input layer of 2 units
        when it has no features yet; ``GraphError``/``ValueError`` say why otherwise.
        """
        new = _features.normalize(features)
        name = self.input_layer
        layer = self._layer(name)
        if layer.features is None and layer.units != _features.RAW_INPUTS:
            raise GraphError(f"input features are computed from two inputs (x₀, x₁); the input layer "
                             f"{name!r} has {layer.units} unit{'s' if layer.units != 1 else ''}")
        old_cols = layer.features or _features.RAW
        new_cols = new or _features.RAW
        if new == layer.features:
            return
        state = self.get_state()
        rng = _rng(seed, (name, "features"))
        fan = {t: self._fan_in(t) - layer.units + len(new_cols) for t in self.outgoing(name)}
        for edge in [e for e in self._edges if e[0] == name]:
            old_w = state["weights"][edge]
            w = _init_matrix("xavier", (old_w.shape[0], len(new_cols)), fan[edge[1]], rng)
            old_m = state["masks"].get(edge)
            m = np.ones_like(w)
            for k, feature in enumerate(new_cols):
                if feature in old_cols:
                    w[:, k] = old_w[:, old_cols.index(feature)]
                    if old_m is not None:
                        m[:, k] = old_m[:, old_cols.index(feature)]
            state["weights"][edge] = w * m
            if m.all():
                state["masks"].pop(edge, None)
            else:
                state["masks"][edge] = m
        state["layers"] = [replace(l, units=len(new_cols), features=new) if l.name == name else l
                           for l in state["layers"]]
        self.set_state(state)
