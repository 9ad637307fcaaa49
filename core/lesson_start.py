"""The network a guided lesson starts from: the weights, biases and training settings its text is written for.

A lesson has ONE start. Its questions are about it: ``step`` 0 is the start's weights ("the weights as
saved"), ``step`` k the weights after k training steps from them; the hints, the worksheet and the answer key
are computed from it too. The student's training and edits change the file's network, never the start: a
lesson file saved after them keeps the start in its lesson section (``core.bpnet_lesson``: ``lesson.start``,
the same fields as the file's ``connections[k].weights``, the layers' ``bias`` and ``training``). A lesson
without one (every bundled lesson; a file saved before the lesson changed anything) starts from the file's
network as it is.

``LessonStart`` holds the weight matrices W (rows: the target's neurons, columns: the source's), the bias
vectors b and the training settings; ``start_network(net)`` is a copy of ``net`` with them (the network the
answers are computed from), or a plain copy when the lesson has no start or it no longer fits the layers (a
layer's size changed since: the start's matrices have other shapes).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Network
from .settings import TrainingSettings

__all__ = ["LessonStart", "start_network", "with_start", "start_differs"]


@dataclass(frozen=True, eq=False)
class LessonStart:
    """``weights``: {(source, target): W (target units, source units)}; ``biases``: {layer: b (units,)};
    ``training``: the lesson's training settings. Never changed in place (a copy is made when it is taken)."""

    weights: dict
    biases: dict
    training: TrainingSettings

    @classmethod
    def of(cls, net: Network) -> "LessonStart":
        """The start ``net`` is: its weights, biases and training settings, copied."""
        return cls({e: net.weights[e].copy() for e in net.connections},
                   {n: b.copy() for n, b in net.biases.items()}, net.training.copy())

    def fits(self, net: Network) -> bool:
        """Whether ``net`` has exactly these connections and biased layers, with these shapes."""
        if set(self.weights) != set(net.connections) or set(self.biases) != set(net.biases):
            return False
        return (all(net.weights[e].shape == w.shape for e, w in self.weights.items())
                and all(net.biases[n].shape == b.shape for n, b in self.biases.items()))

    def applied(self, net: Network) -> Network:
        """A copy of ``net`` (which ``fits``) with the start's weights (0 where an edge is removed), biases and
        training settings; it carries no training run (``progress``)."""
        start = net.copy()
        masks = start.masks
        for e, w in self.weights.items():
            start.weights[e][...] = w * masks[e] if e in masks else w
        for n, b in self.biases.items():
            start.biases[n][...] = b
        start.training = self.training.copy()
        start.progress = None
        return start

    def same_as(self, net: Network) -> bool:
        """Whether ``net``'s weights, biases and training settings are exactly the start's (bit for bit)."""
        return (self.fits(net) and self.training == net.training
                and all(np.array_equal(net.weights[e], w) for e, w in self.weights.items())
                and all(np.array_equal(net.biases[n], b) for n, b in self.biases.items()))

    def renamed(self, old: str, new: str) -> "LessonStart":
        """The start with layer ``old`` called ``new`` (a layer renamed: ``Lesson.with_layer_renamed``)."""
        ren = lambda n: new if n == old else n  # noqa: E731
        return LessonStart({(ren(s), ren(t)): w for (s, t), w in self.weights.items()},
                           {ren(n): b for n, b in self.biases.items()}, self.training)


def start_network(net: Network) -> Network:
    """The network ``net``'s lesson starts from (a copy): its ``start`` applied when it has one that fits,
    else ``net`` as it is."""
    start = None if net.lesson is None else net.lesson.start
    if start is None or not start.fits(net):
        return net.copy()
    return start.applied(net)


def start_differs(start: Network, net: Network) -> bool:
    """Whether ``net``'s weights, biases or training settings differ from the lesson's ``start`` network (both
    with the same layers): a file saving ``net`` must then keep the start."""
    return not LessonStart.of(start).same_as(net)


def with_start(net: Network, start: Network | None) -> Network:
    """``net`` to be saved with its lesson's start ``start`` (a network with ``net``'s layers): a copy whose
    lesson keeps it when ``net``'s weights, biases or training settings differ from it; ``net`` itself when they
    do not (the file's network is the start), when it has no lesson or ``start`` is None or no longer fits."""
    from dataclasses import replace

    if net.lesson is None or start is None:
        return net
    kept = LessonStart.of(start)
    if not kept.fits(net):
        return net
    if kept.same_as(net):
        if net.lesson.start is None:
            return net
        out = net.copy()
        out.lesson = replace(net.lesson, start=None)
        return out
    out = net.copy()
    out.lesson = replace(net.lesson, start=kept)
    return out
