"""Random sequences of edits (hypothesis): whatever a student does, in any order, the canvas
mirrors the network after every step, refused edits change nothing, and undoing everything
gives back the exact start while redoing everything gives back the exact end."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import core
from desktop import commands
from desktop.view_state import ViewState
from desktop.document import Document
from desktop.editor.scene import NetworkScene

NAMES = ["a", "b", "c", "d"]
ACTIVATIONS = ["identity", "sigmoid", "tanh", "relu"]

edit = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(NAMES), st.integers(1, 30), st.sampled_from(ACTIVATIONS)),
    st.tuples(st.just("remove"), st.sampled_from(NAMES)),
    st.tuples(st.just("connect"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("disconnect"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("units"), st.sampled_from(NAMES), st.integers(1, 30)),
    st.tuples(st.just("bias"), st.sampled_from(NAMES), st.booleans()),
    st.tuples(st.just("activation"), st.sampled_from(NAMES), st.sampled_from(ACTIVATIONS)),
    st.tuples(st.just("weight"), st.sampled_from(NAMES), st.sampled_from(NAMES), st.integers(0, 3),
              st.integers(0, 3), st.floats(-5, 5)),
    st.tuples(st.just("edge"), st.sampled_from(NAMES), st.sampled_from(NAMES), st.integers(0, 3),
              st.integers(0, 3), st.booleans()),
    st.tuples(st.just("rename"), st.sampled_from(NAMES), st.sampled_from(NAMES)),
    st.tuples(st.just("move"), st.sampled_from(NAMES), st.integers(-300, 300), st.integers(-300, 300)),
    st.tuples(st.just("init"), st.sampled_from(core.INITIALIZERS), st.integers(0, 9)),
)


def make(doc, e):
    kind, args = e[0], e[1:]
    if kind == "add":
        return commands.add_layer(doc, args[0], args[1], args[2])
    if kind == "remove":
        return commands.remove_layers(doc, [args[0]])
    if kind == "connect":
        return commands.connect(doc, *args)
    if kind == "disconnect":
        return commands.disconnect(doc, *args)
    if kind == "units":
        return commands.set_units(doc, *args)
    if kind == "bias":
        return commands.set_bias_enabled(doc, *args)
    if kind == "activation":
        return commands.set_activation(doc, *args)
    if kind == "weight":
        return commands.SetWeight(doc, *args)
    if kind == "edge":
        return commands.set_edge_enabled(doc, *args)
    if kind == "rename":
        return commands.rename_layer(doc, *args)
    if kind == "move":
        return commands.MoveLayers(doc, {args[0]: (args[1], args[2])})
    return commands.initialize(doc, *args)


def mirrors(scene, net) -> bool:
    return (set(scene.layer_items) == {l.name for l in net.layers}
            and set(scene.connection_items) == set(net.connections))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edit, min_size=1, max_size=25))
def test_random_edits_undo_and_redo_exactly(qtbot, state_of, edits):
    doc = Document(core.Network("random"))
    scene = NetworkScene()
    scene.set_document(doc, ViewState(doc))
    states = [state_of(doc.network)]
    for e in edits:
        before = state_of(doc.network)
        try:
            command = make(doc, e)
        except core.GraphError:
            continue
        reason = doc.perform(command)
        if reason:
            assert state_of(doc.network) == before, e
        else:
            states.append(state_of(doc.network))
        assert mirrors(scene, doc.network), e
    assert doc.undo_stack.count() == len(states) - 1
    for expected in reversed(states[:-1]):
        doc.undo_stack.undo()
        assert state_of(doc.network) == expected
        assert mirrors(scene, doc.network)
    for expected in states[1:]:
        doc.undo_stack.redo()
        assert state_of(doc.network) == expected
    scene.deleteLater()
