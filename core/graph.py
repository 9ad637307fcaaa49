"""The structure of a network: layers (nodes) and connections (directed edges).

A valid structure has exactly one input layer (no incoming connection), exactly
one output layer (no outgoing connection), no cycle, units > 0 and unique names.
While a student is building, the structure may be temporarily invalid;
``structure_problems`` lists what is missing in words a student understands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import ACTIVATIONS

MAX_UNITS = 100_000


class GraphError(ValueError):
    """A structural edit or a structure that is not allowed; the message says why."""


@dataclass
class Layer:
    """A layer of ``units`` neurons.

    ``activation`` is ignored for the input layer. ``bias`` says whether the
    layer adds a bias vector b (shape (units,)) to its pre-activation.
    ``position`` is where the editor draws it (canvas coordinates).
    ``features`` (input layer only): the input features it computes from the two raw
    inputs (names of ``core.features``, one per unit), or None for the raw inputs.
    """

    name: str
    units: int
    activation: str = "identity"
    bias: bool = True
    position: tuple[float, float] = field(default=(0.0, 0.0))
    features: tuple[str, ...] | None = None


Edge = tuple[str, str]


def check_units(units) -> None:
    """Raise ``GraphError`` unless ``units`` is a whole number from 1 to ``MAX_UNITS``."""
    if isinstance(units, bool) or not isinstance(units, (int, np.integer)) or not 0 < units <= MAX_UNITS:
        raise GraphError(f"units must be a whole number from 1 to {MAX_UNITS}; got {units!r}")


def topological_order(names: list[str], edges: list[Edge]) -> list[str]:
    """Layer names so that every connection goes from an earlier to a later layer.

    Ties keep the order of ``names``. Raises ``GraphError`` naming the layers of one cycle
    ("a → b → a"), never a layer that is only downstream of it.
    """
    incoming = {n: 0 for n in names}
    outgoing: dict[str, list[str]] = {n: [] for n in names}
    for src, tgt in edges:
        incoming[tgt] += 1
        outgoing[src].append(tgt)
    ready = [n for n in names if incoming[n] == 0]
    order: list[str] = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for m in outgoing[n]:
            incoming[m] -= 1
            if incoming[m] == 0:
                ready.append(m)
    if len(order) != len(names):
        cycle = find_cycle([n for n in names if n not in order], edges)
        raise GraphError(f"the connections form a cycle: {' → '.join(cycle + cycle[:1])}")
    return order


def find_cycle(stuck: list[str], edges: list[Edge]) -> list[str]:
    """The layers of one cycle, in the direction of its connections, among ``stuck`` (the layers a
    topological sort could not place: on a cycle or downstream of one).

    Every stuck layer has a connection from another stuck layer; walking those connections
    backwards from the first one must come round to a layer already visited, and the layers
    from there on are a cycle (a layer merely downstream of it is never on the path back).
    """
    left = set(stuck)
    before = {n: next(s for s, t in edges if t == n and s in left) for n in stuck}
    path, seen = [stuck[0]], {stuck[0]: 0}
    while True:
        previous = before[path[-1]]
        if previous in seen:
            cycle = path[seen[previous]:][::-1]
            k = min(range(len(cycle)), key=lambda i: stuck.index(cycle[i]))
            return cycle[k:] + cycle[:k]  # from the layer listed first
        seen[previous] = len(path)
        path.append(previous)


def sources(names: list[str], edges: list[Edge]) -> list[str]:
    """Layers with no incoming connection (candidates for the input layer)."""
    targets = {t for _, t in edges}
    return [n for n in names if n not in targets]


def sinks(names: list[str], edges: list[Edge]) -> list[str]:
    """Layers with no outgoing connection (candidates for the output layer)."""
    srcs = {s for s, _ in edges}
    return [n for n in names if n not in srcs]


def structure_problems(layers: list[Layer], edges: list[Edge]) -> list[str]:
    """Everything that keeps this structure from being a trainable network (empty if none)."""
    problems: list[str] = []
    names = [layer.name for layer in layers]
    if not layers:
        return ["the network has no layers"]
    seen: set[str] = set()
    for layer in layers:
        if layer.name in seen:
            problems.append(f"two layers are called {layer.name!r}")
        seen.add(layer.name)
        if not isinstance(layer.units, int) or not 0 < layer.units <= MAX_UNITS:
            problems.append(f"layer {layer.name!r} has {layer.units} units; expected 1 to {MAX_UNITS}")
        if layer.activation not in ACTIVATIONS:
            problems.append(f"layer {layer.name!r} has unknown activation {layer.activation!r}")
    for src, tgt in edges:
        for end in (src, tgt):
            if end not in seen:
                problems.append(f"a connection names unknown layer {end!r}")
    if problems:
        return problems
    if len(set(edges)) != len(edges):
        problems.append("two connections join the same pair of layers")
    try:
        topological_order(names, edges)
    except GraphError as exc:
        problems.append(str(exc))
    ins, outs = sources(names, edges), sinks(names, edges)
    if len(layers) == 1:
        problems.append("a network needs at least an input and an output layer")
    elif len(ins) != 1:
        problems.append(
            "there must be exactly one input layer (a layer no connection goes into); "
            f"found {len(ins)}: {', '.join(ins) or 'none'}"
        )
    if len(layers) > 1 and len(outs) != 1:
        problems.append(
            "there must be exactly one output layer (a layer no connection leaves); "
            f"found {len(outs)}: {', '.join(outs) or 'none'}"
        )
    for layer in layers:
        if layer.activation == "softmax" and layer.name not in outs:
            problems.append(f"softmax is only allowed on the output layer, not on {layer.name!r}")
        if layer.features is not None:
            if layer.name not in ins:
                problems.append(f"only the input layer can compute input features, not {layer.name!r}")
            elif layer.units != len(layer.features):
                problems.append(f"the input layer {layer.name!r} has {layer.units} units but "
                                f"{len(layer.features)} input features")
    return problems


def connection_refusal(layers: list[Layer], edges: list[Edge], src: str, tgt: str) -> str | None:
    """Why connecting ``src`` → ``tgt`` is not allowed, or None if it is.

    Refused: unknown layers, a layer to itself, a duplicate, a cycle, an edge into
    the input layer, and an edge that would make a second input layer.
    """
    names = [layer.name for layer in layers]
    for end in (src, tgt):
        if end not in names:
            return f"there is no layer called {end!r}"
    if src == tgt:
        return "a layer cannot be connected to itself"
    if (src, tgt) in edges:
        return f"{src} is already connected to {tgt}"
    targets = {t for _, t in edges}
    has_out = {s for s, _ in edges}
    # "the input layer": a layer that feeds others and is fed by nothing
    inputs = [n for n in names if n not in targets and n in has_out]
    if tgt in inputs and len(inputs) == 1:
        return f"{tgt} is the input layer: it receives the data, not a connection"
    if any(layer.name == tgt and layer.features is not None for layer in layers):
        return f"{tgt} computes the input features: it receives the data, not a connection"
    try:
        topological_order(names, edges + [(src, tgt)])
    except GraphError:
        return f"connecting {src} to {tgt} would make a cycle"
    if src not in targets and src not in inputs and inputs:
        return (
            f"{src} would become a second input layer next to {inputs[0]}; "
            f"connect something into {src} first"
        )
    return None
