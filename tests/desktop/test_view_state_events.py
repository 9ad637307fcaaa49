"""The view state tells what changed: one signal per field, only on a real change, once per batch."""

from __future__ import annotations

import numpy as np
import pytest

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


def test_one_typed_weight_repaints_once_and_explains_the_chain_rule_once(qtbot, main_window, monkeypatch):
    """Issue 20: one typed weight cost 3 chain-rule explanations; the view state now announces it once."""
    from PySide6.QtCore import Qt

    window = main_window
    assert window.files.open_example(str(core.example_path("one_hidden_sigmoid")))
    window.view_state.select_edge("h", "y", 0, 0)
    explained = []
    real = core.explain_edge
    monkeypatch.setattr(core, "explain_edge", lambda *a, **k: explained.append(a[1:5]) or real(*a, **k))
    seen = recorder(window.view_state)
    box = window.inspector.edge_page.weight
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), "0.25")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.document.network.weights["h", "y"][0, 0] == 0.25
    assert seen.count("changed") == 1
    assert explained == [("h", "y", 0, 0)]


def test_loss_terms_add_up_to_cores_data_loss():
    """Each output's term on the canvas, summed (and averaged over rows), is core's data loss."""
    from desktop.canvas_numbers import term_label
    from desktop.view_values import loss_terms

    rng = np.random.default_rng(0)
    z = rng.normal(size=(5, 3))
    for name in ("mse", "half_mse", "binary_cross_entropy", "cross_entropy"):
        loss = core.get_loss(name)
        if name == "cross_entropy":
            y = np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)
            t = np.eye(3)[rng.integers(0, 3, size=5)]
        else:
            y = 1 / (1 + np.exp(-z))
            t = rng.integers(0, 2, size=(5, 3)).astype(float)
        for logits in (False, True):
            terms = loss_terms(name, z, y, t, from_logits=logits)
            assert terms.sum(axis=1).mean() == pytest.approx(loss.value(y, t), rel=1e-9), (name, logits)
    assert term_label("cross_entropy", 3, 1.0) == "−ln y" and term_label("mse", 1, 0.6) == "(y − t)²"
    assert term_label("binary_cross_entropy", 1, 0.0) == "−ln(1 − y)"


def test_live_weights_of_a_run_give_their_own_numbers_frame_after_frame_and_follow_an_edit(qtbot):
    """The traced numbers at a run's live weights are those weights' (each frame's, though the network
    they are computed on is kept between frames), and after an edit the edited network's."""
    from desktop import commands

    doc, view_state = lesson_state(qtbot)
    view_state.set_sample(1)
    x, t = doc.network.dataset.inputs[1:2], doc.network.dataset.targets[1:2]

    def by_hand(parameters):
        net = doc.network.copy()
        net.set_parameters(parameters)
        return float(net.forward(x)[0, 0]), float(net.loss_and_gradients(x, t)[0])

    for shift in (0.3, -0.2, 0.7):
        live = doc.network.flat + shift
        view_state.set_live_parameters(live)
        a, loss = by_hand(live)
        assert view_state.neuron("y", 0).a == pytest.approx(a, rel=1e-12)
        assert view_state.loss() == pytest.approx(loss, rel=1e-12)
    training = doc.network.training.copy()
    training.loss = "mse"
    doc.perform(commands.SetSettings(doc, "loss", training=training))
    live = doc.network.flat + 0.3
    view_state.set_live_parameters(live)
    assert view_state.loss() == pytest.approx(by_hand(live)[1], rel=1e-12)
