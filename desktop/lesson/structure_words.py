"""A change of the network's layers or connections, in words that name it as the lessons write it.

"The lesson's training started from your layers and connections" did not say which (teacher review 20 #6: an
unticked "Edge present" of x1 → y0 at guided_weight_decay step 5; step 9 then asks w₁ after 100 steps, on an
edge that is not there). A removed edge is named with its weight as the lesson writes it, and what that means
for the weight: "without the edge x1 → y0: w[x→y][0,1] is 0 and stays 0"; a layer added or taken away, an
edge given back, by name.
"""

from __future__ import annotations

import numpy as np

from core.notation import edge_label, weight_label


def _edges(network) -> dict:
    """Every (source, target, j, i) edge of ``network`` -> present (True) or removed (False): W[j, i] of each
    connection (target units × source units), its mask 0 where the edge is removed."""
    masks = network.masks
    edges = {}
    for src, tgt in network.connections:
        shape = network.weights[src, tgt].shape
        mask = masks.get((src, tgt), np.ones(shape))
        for j in range(shape[0]):
            for i in range(shape[1]):
                edges[src, tgt, j, i] = bool(mask[j, i])
    return edges


def removed_edge_words(edge) -> str:
    """"the edge x1 → y0: w[x→y][0,1] is 0 and stays 0" for ``edge`` (source, target, j, i)."""
    src, tgt, j, i = edge
    return f"the edge {edge_label(src, tgt, j, i)}: {weight_label(src, tgt, j, i)} is 0 and stays 0"


def structure_changes(before, after) -> list[str]:
    """What changed from network ``before`` to ``after`` in its layers and edges, each in words ("without the edge
    x1 → y0: w[x→y][0,1] is 0 and stays 0", "with the edge x1 → y0 given back", "with layer h1 added", "without
    layer h1"); [] when none of these changed."""
    old_layers = {layer.name for layer in before.layers}
    new_layers = {layer.name for layer in after.layers}
    words = [f"with layer {name} added" for name in sorted(new_layers - old_layers)]
    words += [f"without layer {name}" for name in sorted(old_layers - new_layers)]
    old, new = _edges(before), _edges(after)
    for edge, present in new.items():
        if edge in old and old[edge] != present:
            src, tgt, j, i = edge
            words.append(f"with the edge {edge_label(src, tgt, j, i)} given back" if present
                         else f"without {removed_edge_words(edge)}")
    return words


def edit_words(command, network) -> str:
    """What a structure ``command`` (``StructureCommand``: its ``edit`` applied to a copy of ``network``) would
    remove or give back, in words for after its own text ("the weight w[x→y][0,0]"); "" when it is not an edge's."""
    trial = network.copy()
    try:
        command.edit(trial)
    except Exception:  # noqa: BLE001 - an edit the network refuses names nothing more
        return ""
    old, new = _edges(network), _edges(trial)
    changed = [edge for edge, present in new.items() if edge in old and old[edge] != present]
    if len(changed) != 1:
        return ""
    return f"the weight {weight_label(*changed[0])}"
