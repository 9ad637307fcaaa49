"""The step toolbar's sentence for the Backward phase, true for what the canvas shows.

In Backward at layer L the canvas rings each neuron of L that writes δ = dL/dz (``ViewState.shown_number``
gives "δ"), and the edges into L write dL/dw. A guided lesson may hold some of them back: its open
question asks δ_h0, so h0 writes a (no ring) and the edges into h write "?" with the lesson's words
(``ViewState.held``). The edges into the layers Backward has not reached yet write "?" because the phase
has not computed their dL/dw. The sentence says each of these as it is (teacher review 15 #7: at
guided_chain_rule step 8 it said "δ = dL/dz of h (ringed) … edges not reached yet '?'" over h neurons
that wrote a, and x → h edges the lesson held).
"""

from __future__ import annotations

from core.notation import neuron_label


def _reason(words: str | None) -> str:
    """"shows once you answer" from the held words "? (shows once you answer)"."""
    return words[words.find("(") + 1:words.rfind(")")] if words and "(" in words else "is held by the lesson"


def _names(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def neuron_words(view_state, layer: str) -> str:
    """What the neurons of ``layer`` write in Backward: "δ = dL/dz of h (ringed)", or, where a guided lesson
    has a say, each kind of neuron: ringed with δ, writing under it the δ the student answered
    (``answered_delta_on``), or holding δ back with the lesson's reason while it writes a ("reached h: δ_h0
    shows once you answer, δ_h1 comes with a later question (h shows a)")."""
    if not view_state.hidden:  # no lesson has a say: every neuron of a reached layer writes δ
        return f"δ = dL/dz of {layer} (ringed)"
    units = view_state.network().layer(layer).units
    ringed = [k for k in range(units) if view_state.shown_number(layer, k)[1] == "δ"]
    if len(ringed) == units:
        return f"δ = dL/dz of {layer} (ringed)"
    under = [k for k in range(units) if k not in ringed and view_state.answered_delta_on(layer, k)]
    held = [k for k in range(units) if k not in ringed and k not in under]
    labels = lambda ks: _names([neuron_label(layer, k) for k in ks])  # noqa: E731
    parts = [f"δ = dL/dz of {labels(ringed)} (ringed)"] if ringed else []
    if under:
        parts.append(f"the δ you answered under {labels(under)}")
    if held:
        reasons = {k: _reason(view_state.held("delta", layer, k)) for k in held}
        if len(held) == units and len(set(reasons.values())) == 1:
            waits = f"its δ = dL/dz {reasons[held[0]]} ({layer} shows a)"
        else:
            waits = ", ".join(f"δ_{neuron_label(layer, k)} {reasons[k]}" for k in held)
            waits += f" ({layer} shows a)" if len(held) == units else \
                f" ({labels(held)} show{'s' if len(held) == 1 else ''} a)"
        parts.append(waits)
    return f"reached {layer}: " + "; ".join(parts) if not ringed else "; ".join(parts)


def edge_words(view_state, layer: str) -> str:
    """What the edges into ``layer`` write: "the edges into it show dL/dw", or "?" and why where a lesson
    holds their dL/dw ("the edges into it '?': their dL/dw shows once you answer")."""
    if not view_state.hidden:  # no lesson holds anything back (784-64-10's 50,176 edges into h: ~18 ms)
        return f"the edges into {layer} show dL/dw"
    net = view_state.network()
    reasons = []
    count = 0
    for source, target in net.connections:
        if target != layer:
            continue
        rows, cols = net.weights[source, target].shape
        for j in range(rows):
            for i in range(cols):
                count += 1
                words = view_state.held("dL/dw", layer, (source, j, i))
                if words:
                    reasons.append(_reason(words))
    if not reasons:
        return f"the edges into {layer} show dL/dw"
    why = " or ".join(dict.fromkeys(reasons))
    if len(reasons) == count:
        return f"the edges into {layer} '?' (their dL/dw {why})"
    return f"the edges into {layer} show dL/dw, '?' where it {why}"


def backward_sentence(view_state, names: list[str], layer_index: int) -> str:
    """The Backward phase's sentence at the layer ``names[layer_index]`` (``names``: the trace's layers in
    the order Backward reaches them backwards); the edges into the layers before it, which Backward has not
    reached yet, are named only when there are some."""
    layer = names[layer_index]
    neurons = neuron_words(view_state, layer)
    sentence = f"Backward{' ' if neurons.startswith('reached') else ': '}{neurons}; {edge_words(view_state, layer)}"
    if layer_index > 1:
        sentence += ", the edges further back '?' until Backward reaches them"
    return sentence + ". Select an edge for its chain rule."
