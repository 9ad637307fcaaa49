"""Every command type: redo changes the network, undo gives back the exact state before
(weights bit for bit), redo again gives the exact state after; refused edits change nothing."""

from __future__ import annotations

import numpy as np
import pytest

import core
from desktop import commands
from desktop.document import Document


def xor():
    net = core.Network("xor", "a test network")
    net.add_layer("x", 2)
    net.add_layer("h", 3, activation="tanh")
    net.add_layer("y", 1, activation="sigmoid", position=(400, 0))
    net.connect("x", "h", seed=1)
    net.connect("h", "y", seed=2)
    net.biases["h"][:] = [0.1, -0.2, 0.3]
    net.set_edge_enabled("x", "h", 2, 1, False)
    net.dataset = core.generate("xor", samples=8, noise=0.0, seed=0)
    return net


def edits():
    """(description, function doc -> command) for every kind of edit."""
    training = core.TrainingSettings(loss="binary_cross_entropy", batch_size=2)
    training.optimizer.name = "adam"
    return [
        ("add layer", lambda d: commands.add_layer(d, "z", 4, "relu", True, (10, 20))),
        ("remove layer", lambda d: commands.remove_layers(d, ["h"])),
        ("remove two layers", lambda d: commands.remove_layers(d, ["h", "y"])),
        ("rename", lambda d: commands.rename_layer(d, "h", "hidden")),
        ("connect", lambda d: commands.connect(d, "x", "y", seed=5)),
        ("disconnect", lambda d: commands.disconnect(d, "x", "h")),
        ("set units up", lambda d: commands.set_units(d, "h", 5)),
        ("set units down", lambda d: commands.set_units(d, "h", 1)),
        ("bias off", lambda d: commands.set_bias_enabled(d, "h", False)),
        ("remove edge", lambda d: commands.set_edge_enabled(d, "h", "y", 0, 1, False)),
        ("restore edge", lambda d: commands.set_edge_enabled(d, "x", "h", 2, 1, True)),
        ("activation", lambda d: commands.set_activation(d, "h", "relu")),
        ("weight", lambda d: commands.SetWeight(d, "x", "h", 1, 0, 0.123456789012345)),
        ("bias", lambda d: commands.SetBias(d, "y", 0, -2.5)),
        ("initialize", lambda d: commands.initialize(d, "he", 7)),
        ("move", lambda d: commands.MoveLayers(d, {"x": (-50, 30), "y": (500, -20)})),
        ("training settings", lambda d: commands.SetSettings(d, "settings", training=training)),
        ("dataset", lambda d: commands.SetSettings(d, "data", dataset=core.generate("moons", 20, 0.1, 3),
                                                   change_dataset=True)),
        ("network info", lambda d: commands.SetNetworkInfo(d, "renamed", "a test network")),
    ]


@pytest.mark.parametrize("what,make", edits(), ids=[e[0] for e in edits()])
def test_undo_and_redo_restore_exact_states(qtbot, what, make, state_of):
    doc = Document(xor())
    before = state_of(doc.network)
    assert doc.perform(make(doc)) is None
    after = state_of(doc.network)
    assert after != before, f"{what} changed nothing"
    assert doc.dirty
    for _ in range(2):
        doc.undo_stack.undo()
        assert state_of(doc.network) == before
        assert not doc.dirty
        doc.undo_stack.redo()
        assert state_of(doc.network) == after


def test_a_sequence_of_edits_undoes_back_to_the_start(qtbot, state_of):
    doc = Document(xor())
    states = [state_of(doc.network)]
    # edits that take the layer "h" away go last, so the others still find it
    h_kept_until_the_end = sorted(edits(), key=lambda e: e[0] in ("rename", "remove layer", "remove two layers"))
    for _, make in h_kept_until_the_end:
        try:
            command = make(doc)
        except core.GraphError:  # e.g. the layer it names was removed by an earlier edit
            continue
        if doc.perform(command) is None:  # refused ones (a removed layer) are skipped
            states.append(state_of(doc.network))
    assert len(states) > 10
    for expected in reversed(states[:-1]):
        doc.undo_stack.undo()
        assert state_of(doc.network) == expected
    for expected in states[1:]:
        doc.undo_stack.redo()
        assert state_of(doc.network) == expected


@pytest.mark.parametrize("make,words", [
    (lambda d: commands.connect(d, "y", "x"), "input layer"),
    (lambda d: commands.connect(d, "h", "x"), "input layer"),
    (lambda d: commands.add_layer(d, "h", 2), "already exists"),
    (lambda d: commands.rename_layer(d, "h", "y"), "already exists"),
    (lambda d: commands.set_units(d, "h", 0), "units"),
    (lambda d: commands.SetWeight(d, "x", "h", 2, 1, 1.0), "removed"),
    (lambda d: commands.SetWeight(d, "x", "h", 0, 0, float("nan")), "finite"),
    (lambda d: commands.SetBias(d, "x", 0, 1.0), "no bias"),
    (lambda d: commands.disconnect(d, "x", "y"), "not connected"),
    (lambda d: commands.SetParameters(d, "Reset weights", np.zeros(3)), "expected 13 parameters, got 3"),
])
def test_refused_edits_change_nothing(qtbot, make, words, state_of):
    doc = Document(xor())
    before = state_of(doc.network)
    try:
        command = make(doc)
    except core.GraphError as exc:  # refused already when the command is made
        reason = str(exc)
    else:
        reason = doc.perform(command)
    assert reason and words in reason
    assert state_of(doc.network) == before
    assert doc.undo_stack.count() == 0


def test_cycle_refused(qtbot, state_of):
    net = xor()
    net.add_layer("h2", 2, activation="tanh")
    net.connect("h", "h2")
    doc = Document(net)
    before = state_of(doc.network)
    reason = doc.perform(commands.connect(doc, "h2", "h"))
    assert "cycle" in reason
    assert state_of(doc.network) == before


def test_consecutive_edits_of_one_spin_box_merge(qtbot):
    doc = Document(xor())
    old = float(doc.network.weights["x", "h"][0, 0])
    for value in (0.1, 0.2, 0.3):
        doc.perform(commands.SetWeight(doc, "x", "h", 0, 0, value, merge=True))
    assert doc.undo_stack.count() == 1
    assert doc.network.weights["x", "h"][0, 0] == 0.3
    doc.perform(commands.SetWeight(doc, "x", "h", 0, 1, 0.5, merge=True))  # another weight
    assert doc.undo_stack.count() == 2
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert doc.network.weights["x", "h"][0, 0] == old


def test_perform_lets_training_pause_before_the_edit(qtbot):
    doc = Document(xor())
    seen = []
    doc.about_to_edit.connect(lambda: seen.append(doc.network.weights["x", "h"][0, 0].copy()))
    old = float(doc.network.weights["x", "h"][0, 0])
    doc.perform(commands.SetWeight(doc, "x", "h", 0, 0, 9.0))
    assert seen and seen[0] == old


def test_views_are_told_about_every_change(qtbot):
    doc = Document(xor())
    log = []
    doc.structure_changed.connect(lambda: log.append("structure"))
    doc.parameters_changed.connect(lambda: log.append("parameters"))
    doc.settings_changed.connect(lambda: log.append("settings"))
    doc.layer_moved.connect(lambda name: log.append(f"moved {name}"))
    doc.perform(commands.connect(doc, "x", "y"))
    doc.perform(commands.SetBias(doc, "y", 0, 1.0))
    doc.perform(commands.MoveLayers(doc, {"h": (1, 2)}))
    doc.perform(commands.SetSettings(doc, "t", training=core.TrainingSettings(batch_size=3)))
    assert log == ["structure", "parameters", "moved h", "settings"]
    assert np.isfinite(doc.network.parameters()).all()


def test_unit_changes_from_one_spin_box_merge_and_undo_to_the_start(qtbot, state_of):
    doc = Document(xor())
    before = state_of(doc.network)
    for units in (4, 5, 6):
        assert doc.perform(commands.set_units(doc, "h", units, merge=True)) is None
    assert doc.undo_stack.count() == 1 and doc.network.layer("h").units == 6
    after = state_of(doc.network)
    doc.undo_stack.undo()
    assert state_of(doc.network) == before
    doc.undo_stack.redo()
    assert state_of(doc.network) == after
    doc.perform(commands.set_units(doc, "y", 2, merge=True))  # another layer: a new step
    assert doc.undo_stack.count() == 2
