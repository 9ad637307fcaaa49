"""``SceneThumbnails``: the small picture in each neuron of the canvas, a mixin of ``NetworkScene``.

A neuron's thumbnail is its activation a over the input plane (a map, two inputs) or over x (a
curve, one input), coloured as ``thumbnails`` says; an input neuron shows its own value or the
feature it computes. With one sample traced, the sample is a dot on it (``thumbnail_mark``).
The scene keeps the images in ``self._thumbnails`` ((layer, k) → image) and clears it on change;
an input neuron's picture depends only on the data's plane, its features and the grid, so its
columns (``self._input_columns``: (key, (G·G, inputs))) and images (``self._input_images``) stay
while those do.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from core.datasets import axis_bounds, plane_bounds
from desktop.view_numbers import subscript
from core.features import feature_columns
from core.task import reads_as_probabilities

from . import thumbnails


class SceneThumbnails:
    """Thumbnails of ``NetworkScene`` (needs its ``doc``, ``view_state``, ``_thumbnails``, ``_marks``,
    ``_input_columns``, ``_input_maps`` and ``_input_images``)."""

    def thumbnail(self, layer: str, k: int) -> QImage | None:
        """Neuron k of ``layer`` over the input plane as an image (see ``thumbnails``), or None."""
        key = (layer, k)
        if key not in self._thumbnails:
            values = self._neuron_values(layer, k)
            if values is None:
                self._thumbnails[key] = None
            elif layer == self._input_layer():  # the same picture while the plane and the features stay
                kept = (self._input_columns[0], k, self.doc.network.layer(layer).activation,
                        self.thumbnail_colouring(layer, k))
                if kept not in self._input_images:
                    self._input_images[kept] = self._image(layer, k, values)
                self._thumbnails[key] = self._input_images[kept]
            else:
                self._thumbnails[key] = self._image(layer, k, values)
        return self._thumbnails[key]

    def _image(self, layer: str, k: int, values: np.ndarray) -> QImage:
        """A curve of a over x (one input, ``values`` (G,)) or a map over the plane (``values`` (G, G))."""
        activation = self.doc.network.layer(layer).activation
        if values.ndim == 1:
            return thumbnails.curve_image(values, activation)
        return thumbnails.activation_image(values, activation, self.thumbnail_colouring(layer, k))

    def thumbnail_mark(self, layer: str, k: int) -> tuple[float, float] | None:
        """Where the traced sample lies on neuron k's thumbnail (fractions of the image, right and
        down; see ``thumbnails.curve_mark``/``plane_mark``), or None: no thumbnail, or not one
        sample traced (a mini-batch has no single point)."""
        key = (layer, k)
        if key not in self._marks:  # (kept as long as the thumbnails are; None: the sample's place)
            self._marks[key] = self._find_mark(layer, k)
        return self._marks[key]

    def _find_mark(self, layer: str, k: int) -> tuple[float, float] | None:
        if self.thumbnail(layer, k) is None:
            return None
        if None not in self._marks:  # where the sample lies is the same on every neuron's picture
            self._marks[None] = self._sample_fractions()
        if self._marks[None] is None:
            return None
        u, v = self._marks[None]
        if v is not None:  # two inputs: a map, the dot at the sample's place
            return thumbnails.plane_mark(u, v)
        values = self._neuron_values(layer, k)  # one input: a curve, the dot on it at the sample's a
        numbers = self.view_state.neuron(layer, k)
        if values is None or numbers is None or numbers.a is None:
            return None
        return thumbnails.curve_mark(values, self.doc.network.layer(layer).activation, u, float(numbers.a))

    def _sample_fractions(self) -> tuple[float, float | None] | None:
        """(u, v): the one traced sample's place across the thumbnails' x0 range and x1 range (v None
        with one input); None when not one sample is traced."""
        traced = self.view_state.traced_data()
        if traced is None or len(traced[0]) != 1:
            return None
        x = traced[0][0]
        bounds = self._thumbnail_bounds()
        u = (float(x[0]) - bounds[0][0]) / (bounds[0][1] - bounds[0][0])
        if len(bounds) == 1:
            return u, None
        (lo, hi) = bounds[1]
        return u, (float(x[1]) - lo) / (hi - lo)

    def _thumbnail_bounds(self) -> list[tuple[float, float]]:
        """[(low, high)] of x0 (and x1) the thumbnails cover: as the worker's ``line_bounds`` for one
        input, ``plane_bounds`` for two."""
        data = self.doc.network.dataset
        if data.inputs.shape[1] == 1:
            return [axis_bounds(data.inputs[:, 0])]
        x0, x1, y0, y1 = self._data_facts_of(data)[1]
        return [(x0, x1), (y0, y1)]

    def _data_facts_of(self, data) -> tuple:
        """(data, its ``plane_bounds`` (None for fewer than two inputs), whether its targets are labels), worked
        out once per dataset (a dataset is replaced, never changed in place)."""
        if self._data_facts[0] is not data:
            bounds = plane_bounds(data.inputs) if data.inputs.shape[1] >= 2 else None
            self._data_facts = (data, bounds, data.is_classification)
        return self._data_facts

    def thumbnail_range_words(self) -> str:
        """What x range the thumbnails cover, for the enlarged one: the data's, or around the one sample."""
        data = self.doc.network.dataset
        if data is None or len(data) != 1:
            return "across the data's range"
        fmt = self.view_state.format
        spans = ", ".join(f"x{subscript(c)} {fmt(lo)} to {fmt(hi)}"
                          for c, (lo, hi) in enumerate(self._thumbnail_bounds()))
        return f"around the one sample ({spans})"

    def _neuron_values(self, layer: str, k: int) -> np.ndarray | None:
        """Neuron k of ``layer`` over the inputs its thumbnail covers: a curve (G,) for one input,
        a map (G, G) for two; an input neuron's own value or feature; None when there is none."""
        return self.view_state.neuron_map(layer, k) if layer != self._input_layer() else self._input_map(k)

    def _input_layer(self) -> str | None:
        order = self.view_state.computable_order()
        return order[0] if order else None

    def _input_map(self, k: int) -> np.ndarray | None:
        """Input neuron k over the input plane (G, G), as the worker's grid of the other neurons'
        maps: x0 or x1 itself, or the feature it computes (x₀², sin x₁, …); None when the other
        neurons show no map. (Found once per change, as the thumbnails are.)"""
        if k not in self._input_maps:
            self._input_maps[k] = self._find_input_map(k)
        return self._input_maps[k]

    def _find_input_map(self, k: int) -> np.ndarray | None:
        net = self.doc.network
        data = net.dataset
        if data is None or data.inputs.shape[1] != 2:
            return None
        shown = (self.view_state.computed_map(name, 0) for name in net.order()[1:])
        sample = next((m for m in shown if m is not None), None)
        if sample is None:
            return None
        g = sample.shape[0]
        bounds = self._data_facts_of(data)[1]
        features = net.input_features
        key = (tuple(bounds), tuple(features or ()), g)
        if self._input_columns[0] != key:  # (a step changes neither: the columns are kept)
            x0, x1, y0, y1 = bounds
            xs, ys = np.meshgrid(np.linspace(x0, x1, g), np.linspace(y0, y1, g))  # row = x1 from low to high
            plane = np.column_stack([xs.ravel(), ys.ravel()])
            self._input_columns = (key, feature_columns(plane, features) if features else plane)
            self._input_images.clear()
        columns = self._input_columns[1]
        return columns[:, k].reshape(g, g) if k < columns.shape[1] else None

    def thumbnail_colouring(self, layer: str, k: int):
        """How neuron k of ``layer`` colours its thumbnail (``thumbnails.activation_rgb``): an output
        neuron of a classifier in its class's colours, any other neuron in grey."""
        net = self.doc.network
        data = net.dataset
        if layer != net.output_layer or data is None or not self._data_facts_of(data)[2] \
                or not reads_as_probabilities(net):  # (core.task.is_classifier, its label test kept per dataset)
            return "grey"
        return "classes" if net.layer(layer).units == 1 else k
