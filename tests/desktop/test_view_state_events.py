"""The view state tells what changed: one signal per field, only on a real change, once per batch."""

from __future__ import annotations

import numpy as np

import core
from desktop.document import Document
from desktop.view_state import FIELDS, ViewState


def recorder(view_state):
    seen = []
    for field in FIELDS:
        getattr(view_state, f"{field}_changed").connect(lambda value, f=field: seen.append(f))
    view_state.changed.connect(lambda: seen.append("changed"))
    return seen


def lesson_state(qtbot):
    doc = Document()
    doc.replace_network(core.load_network(core.example_path("xor")), None)
    return doc, ViewState(doc)


def test_a_field_announces_only_a_real_change(qtbot):
    doc, view_state = lesson_state(qtbot)
    seen = recorder(view_state)
    view_state.set_sample(0)  # already traced
    view_state.set_digits(view_state.digits)
    view_state.set_edge_mode("weight")
    view_state.set_live_parameters(None)
    view_state.set_batch_rows(None)
    assert seen == []
    view_state.set_sample(2)
    assert seen == ["sample", "changed"]
    live = doc.network.flat.copy()
    view_state.set_live_parameters(live)
    view_state.set_live_parameters(live.copy())  # the same numbers in a new array: no change
    assert seen == ["sample", "changed", "live_parameters", "changed"]
    assert view_state.live_parameters is live


def test_a_batch_emits_each_changed_field_once_and_changed_once(qtbot):
    doc, view_state = lesson_state(qtbot)
    seen = recorder(view_state)
    with view_state.batch():
        view_state.set_sample(1)
        view_state.set_sample(3)
        view_state.set_digits(6)
        with view_state.batch():  # nested: still one announcement, at the outer end
            view_state.set_live_parameters(doc.network.flat + 1.0)
        assert seen == []
    assert seen == ["sample", "digits", "live_parameters", "changed"]
    assert view_state.sample == 3 and view_state.digits == 6


def test_an_edit_ends_the_walk_and_live_weights_in_one_announcement(qtbot):
    from desktop import commands

    doc, view_state = lesson_state(qtbot)
    view_state.set_live_parameters(doc.network.flat + 1.0)
    seen = recorder(view_state)
    doc.perform(commands.SetWeight(doc, *next(iter(doc.network.weights)), 0, 0, 0.25))
    assert seen.count("changed") == 1 and seen.count("live_parameters") == 1
    assert view_state.live_parameters is None
    assert np.isclose(view_state.parameters()[0], doc.network.flat[0])


def test_a_lesson_questions_key_maps_onto_the_rule():
    from desktop.reveal import lesson_key_quantity

    assert lesson_key_quantity(("neuron", "h", 1, "delta")) == ("delta", "h")
    assert lesson_key_quantity(("neuron", "y", 0, "a")) == ("a", "y")
    assert lesson_key_quantity(("edge", "h", "y", 0, 1, "gradient")) == ("dL/dw", "y")
    assert lesson_key_quantity(("edge", "h", "y", 0, 1, "weight")) == ("updated", "y")
    assert lesson_key_quantity(("bias", "h", 0, "gradient")) == ("dL/db", "h")
    assert lesson_key_quantity(("loss",)) == ("loss", None)
