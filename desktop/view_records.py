"""What training recorded, as the view state hands it out: the weights' recent paths (for
L(w)) and each neuron's activation over the input plane (the thumbnails). A mixin of
``ViewState``: it reads the view state's ``network()``, ``parameters()``, ``thumbnails``,
``live_parameters``, ``stepping`` and ``revision``, and keeps ``_maps_given`` (maps handed in so far)
and ``_thumbnails_shown`` ((revision, maps given) → ``shows_thumbnails``) in fields ``ViewState`` makes.
"""

from __future__ import annotations

import numpy as np


class TrainingRecords:
    def set_weight_history(self, steps, values, watched) -> None:
        """The training run's recorded trajectories (None: no run). Not a repaint: readers ask for it."""
        self.weight_history = None if steps is None else (np.asarray(steps), np.asarray(values), np.asarray(watched))

    def set_neuron_maps(self, maps: dict | None, parameters: np.ndarray | None) -> None:
        """The worker's activation maps {layer: (G, G, units)} at ``parameters`` (None: none).
        Not a repaint by itself (the training numbers that come with them repaint), unless the neurons
        show thumbnails now and did not before, or the other way round: the cards take another size (the
        maps of a session loaded after an Undo or Redo come with no new numbers). Not a change of the
        sizes revision: the cards' sizes follow ``shows_thumbnails`` itself (``LayerNumbers.numbers_key``), and
        a Step flips it twice inside one batch (its commit leaves the old maps at other weights, its snapshot
        brings new ones): as a sizes change, every card measured its numbers and painted its stamp anew."""
        shown = self.shows_thumbnails()
        self._neuron_maps = None if maps is None or parameters is None else \
            (maps, parameters, self.network().structure_signature(), self._activations())
        self._maps_fit = None
        self._maps_given += 1
        if self.shows_thumbnails() != shown:
            self._announce(None, sizes=False)

    def _activations(self) -> tuple:
        return tuple((layer.name, layer.activation) for layer in self.network().layers)

    def neuron_map(self, layer: str, k: int) -> np.ndarray | None:
        """Neuron k of ``layer``'s thumbnail: its ``computed_map`` (a neuron that writes an answered δ under
        it keeps its map of a, as its circle keeps a)."""
        return self.computed_map(layer, k)

    def answered_delta_on(self, layer: str, k: int) -> bool:
        """Whether neuron k of ``layer`` writes the δ a guided lesson's student has answered, under its circle
        (``delta_on_neuron`` and its own δ shown: outside a step-through, or once its phase has computed it;
        a neighbour whose δ is still asked, or never asked, writes none)."""
        if not self.delta_on_neuron(layer, k):
            return False
        numbers = self.neuron(layer, k)
        return numbers is not None and numbers.delta is not None

    def answered_delta_shown(self) -> bool:
        """Whether some neuron writes an answered δ now (``answered_delta_on``): the legend then says what it is."""
        if not self.hidden:
            return False
        return any(self.answered_delta_on(layer.name, k) for layer in self.network().layers for k in range(layer.units))

    def computed_map(self, layer: str, k: int) -> np.ndarray | None:
        """Neuron k of ``layer``'s activation a over the input plane (G, G), row 0 = lowest x2 (for
        one input: over x, (G,) from the lowest x), or None: thumbnails off, none computed, computed at
        other weights than those shown, while the dataset does not fit the network (the maps are of the data
        before: no picture, as no value, until it fits again), or during a step-through (its numbers have the
        neurons to themselves).

        While a run goes on (live weights), the run's latest maps are shown although its weights have
        moved on since (the process sends maps at most ~10 times a second, weights ~30): the maps
        move with the run instead of blinking off between them. When the run ends they are again
        exactly those of the weights shown."""
        if not self.thumbnails or self._neuron_maps is None or self.stepping is not None:
            return None
        maps, parameters, structure, activations = self._neuron_maps
        if self._maps_fit is None:  # the same weights, connections and activations as those computed with
            shown = self.parameters()
            net = self.network()
            running = self.live_parameters is not None
            self._maps_fit = (parameters.shape == shown.shape and (running or bool(np.array_equal(parameters, shown)))
                              and structure == net.structure_signature() and activations == self._activations()
                              and not net.problems() and not net.dataset_problems())
        if not self._maps_fit or layer not in maps or not 0 <= k < maps[layer].shape[-1]:
            return None
        return maps[layer][..., k]

    def shows_thumbnails(self) -> bool:
        """Whether the neurons show thumbnails now (found once per change: every card asks often): maps
        at the weights shown (``computed_map``)."""
        key = (self.revision, self._maps_given)
        if self._thumbnails_shown[0] != key:
            maps = self._neuron_maps[0] if self._neuron_maps is not None else {}
            self._thumbnails_shown = (key, any(self.computed_map(layer, 0) is not None for layer in maps))
        return self._thumbnails_shown[1]

    def earlier_weights(self, source: str, target: str, j: int, i: int, count: int = 8):
        """(steps, values) of W[j, i] at up to ``count`` recorded steps before the weights shown, or None:
        all of them when there are at most ``count``, else those ``spread_out`` picks (a long run's
        last steps would lie on top of each other).

        Only when the record leads to the shown value (its last value is the weight shown now),
        so the points are this weight's own path and not an undone or older run's."""
        if self.weight_history is None:
            return None
        steps, values, watched = self.weight_history
        layout = self.network().parameter_layout()
        if (source, target) not in {b.edge for b in layout.weight_blocks} or len(steps) < 2:
            return None
        index = layout.weight(source, target).index(j, i)
        column = np.flatnonzero(watched == index)
        if column.size == 0:
            return None
        path = values[:, column[0]]
        if path[-1] != self.parameters()[index]:
            return None
        pick = spread_out(path, count)
        return steps[pick], path[pick]


def spread_out(path: np.ndarray, count: int) -> np.ndarray:
    """Indices of at most ``count`` of ``path``'s values before its last, (n,) → (≤ count,): all when
    there are at most ``count``, else one at each k/count of the distance Σ|Δw| the path travels
    (k = 0 … count − 1), so that equal steps of the weight, not equal steps of training, lie
    between them (a converging weight's last hundred steps would be one dot); evenly in steps when
    the weight did not move."""
    before = len(path) - 1
    if before <= count:
        return np.arange(max(before, 0))
    travel = np.concatenate([[0.0], np.cumsum(np.abs(np.diff(path)))])
    if not (np.isfinite(travel[-1]) and travel[-1] > 0):
        return np.unique(np.linspace(0, before - 1, count).round().astype(int))
    marks = np.searchsorted(travel[:before], travel[-1] * np.arange(count) / count, side="left")
    return np.unique(np.minimum(marks, before - 1))
