"""The lesson's ``start`` in a ``.bpnet`` file: the network its text is written for (``core.lesson_start``).

Written only when the file's network differs from it (the lesson had the student train or edit a weight
before the save)::

    "lesson": {"version": 1, "title": ..., "steps": [...],
               "start": {"connections": [{"from": "x", "to": "y", "weights": [[0.8, 0.6]]}],
                         "biases": {"y": [0.0]},
                         "training": {... as the file's "training" ...}}}

``connections``: one entry per connection of the file's network (any order), each matrix shaped as that
connection's ``weights`` (rows: the target's neurons, columns: the source's); ``biases``: one list per layer
that has a bias; ``training``: every training setting. Read strictly: a problem is a ``NetworkFileError`` naming
the place (``lesson.start.connections[0].weights[0][1]``). A lesson without ``start`` starts from the file's
network.
"""

from __future__ import annotations

from .jsonchecks import Checker, join
from .lesson_start import LessonStart
from .network import Network

__all__ = ["read_start", "start_to_dict"]


def read_start(c: Checker, raw, place: str, net: Network) -> LessonStart | None:
    """The ``LessonStart`` of the lesson's ``start`` value (None when absent), checked against ``net``."""
    if raw is None:
        return None
    from .bpnet_read import read_training  # (bpnet_read reads the lesson: imported when used)

    c.obj(raw, place, 'the lesson\'s start ({"connections": [...], "biases": {...}, "training": {...}})')
    where = join(place, "connections")
    entries = c.seq(c.required(raw, "connections", place), where, "a list of connections")
    weights = {}
    for k, entry in enumerate(entries):
        at = join(where, k)
        c.obj(entry, at, 'a connection ({"from": ..., "to": ..., "weights": [[...]]})')
        edge = (c.string(c.required(entry, "from", at), join(at, "from")),
                c.string(c.required(entry, "to", at), join(at, "to")))
        if edge not in net.weights:
            c.fail(at, f"the network has no connection {edge[0]!r} → {edge[1]!r}")
        if edge in weights:
            c.fail(at, f"the connection {edge[0]!r} → {edge[1]!r} is listed twice")
        rows, cols = net.weights[edge].shape
        weights[edge] = c.matrix(c.required(entry, "weights", at), join(at, "weights"), rows, cols,
                                 f"one per neuron of {edge[1]!r}", f"one per neuron of {edge[0]!r}")
    missing = [e for e in net.connections if e not in weights]
    if missing:
        c.fail(where, f"the connection {missing[0][0]!r} → {missing[0][1]!r} has no start weights")
    where = join(place, "biases")
    raw_biases = c.obj(c.required(raw, "biases", place), where, 'an object ({"layer": [numbers], ...})')
    biases = {}
    for name, values in raw_biases.items():
        if name not in net.biases:
            c.fail(join(where, name), f"the network has no layer {name!r} with a bias")
        biases[name] = c.vector(values, join(where, name), net.biases[name].size,
                                f"numbers (one per neuron of {name!r})")
    missing = [n for n in net.biases if n not in biases]
    if missing:
        c.fail(where, f"the layer {missing[0]!r} has no start bias")
    training = read_training(c, c.required(raw, "training", place), join(place, "training"))
    return LessonStart(weights, biases, training)


def start_to_dict(c: Checker, start: LessonStart, net: Network) -> dict | None:
    """The lesson's ``start`` value for ``net``, or None when it need not be written (the network is the start)
    or cannot be (its layers changed since: the start no longer fits them)."""
    if not start.fits(net) or start.same_as(net):
        return None
    from .bpnet_write import training_to_dict  # (bpnet_write writes the lesson: imported when used)

    place = "lesson.start"
    connections = []
    for k, ((s, t), w) in enumerate(start.weights.items()):
        c.matrix(w.tolist(), join(join(join(place, "connections"), k), "weights"), *w.shape, "rows", "numbers")
        connections.append({"from": s, "to": t, "weights": w.tolist()})
    biases = {}
    for name, b in start.biases.items():
        biases[name] = c.vector(b.tolist(), join(join(place, "biases"), name), b.size).tolist()
    return {"connections": connections, "biases": biases, "training": training_to_dict(c, start.training)}
