"""The ``progress`` section of a ``.bpnet``: a saved run goes on exactly, and a bad section is refused by name.

N steps, save (with ``net.progress = core.SavedRun.of(trainer)``), load, ``core.resume_saved`` and M more steps
give the weights, counters and histories of N + M steps without saving, for SGD, momentum, Nesterov and Adam
with shuffled mini-batches, a validation split and a classifier's epoch outputs. Before, a file kept none of
it and a trainer made from it started a new optimizer at step 0.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import core
from core.bpnet_progress import MAX_TRAJECTORY_VALUES
from core.history import DecimatingBuffer, thinned


def spiral(optimizer="adam", momentum=0.9, nesterov=False, batch_size=8) -> core.Network:
    net = core.load_network(core.example_path("spiral"))
    net.lesson = None
    o = net.training.optimizer
    o.name, o.momentum, o.nesterov = optimizer, momentum, nesterov
    net.training.batch_size = batch_size
    return net


def saved_after(net, steps, tmp_path, name="run.bpnet"):
    trainer = core.Trainer(net)
    trainer.train_steps(steps)
    net.progress = core.SavedRun.of(trainer)
    path = tmp_path / name
    core.save_network(net, path)
    return path


def assert_same_run(a: core.Trainer, b: core.Trainer) -> None:
    assert a.net.flat.tobytes() == b.net.flat.tobytes()
    assert (a.step_count, a.epoch, a.last_loss) == (b.step_count, b.epoch, b.last_loss)
    for name in ("step_loss", "epochs", "trajectories", "block_gradient"):
        x, y = getattr(a.history, name), getattr(b.history, name)
        assert np.array_equal(x.x, y.x) and np.array_equal(x.data, y.data, equal_nan=True), name


@pytest.mark.parametrize("optimizer, momentum, nesterov", [("adam", 0.0, False), ("sgd", 0.9, False),
                                                           ("sgd", 0.9, True), ("sgd", 0.0, False)])
def test_a_saved_run_goes_on_exactly(tmp_path, optimizer, momentum, nesterov):
    n, m = 53, 41  # 40 steps an epoch (320 training rows, batches of 8): saved in the middle of epoch 2
    path = saved_after(spiral(optimizer, momentum, nesterov), n, tmp_path)
    reopened = core.load_network(path)
    continued = core.Trainer(reopened)
    assert core.resume_saved(continued) and (continued.step_count, continued.epoch) == (n, 1)
    continued.train_steps(m)
    straight = core.Trainer(spiral(optimizer, momentum, nesterov))
    straight.train_steps(n + m)
    assert_same_run(continued, straight)


@settings(max_examples=12, deadline=None)
@given(n=st.integers(0, 90), m=st.integers(1, 60), batch=st.sampled_from([1, 7, 32, 400]),
       optimizer=st.sampled_from(["adam", "sgd"]))
def test_any_split_of_a_run_goes_on_exactly(tmp_path_factory, n, m, batch, optimizer):
    tmp_path = tmp_path_factory.mktemp("split")
    path = saved_after(spiral(optimizer, batch_size=batch), n, tmp_path)
    continued = core.Trainer(core.load_network(path))
    assert core.resume_saved(continued)
    continued.train_steps(m)
    straight = core.Trainer(spiral(optimizer, batch_size=batch))
    straight.train_steps(n + m)
    assert_same_run(continued, straight)


def test_saving_a_loaded_run_again_writes_the_same_text(tmp_path):
    path = saved_after(spiral(), 30, tmp_path)
    text = path.read_text()
    assert core.network_to_json(core.load_network(path), base_dir=str(tmp_path)) == text
    progress = json.loads(text)["progress"]
    assert (progress["step"], progress["epoch"]) == (30, 0)
    assert len(progress["optimizer"]["m"]) == core.load_network(path).flat.size


def test_a_file_without_progress_opens_as_before(tmp_path):
    net = spiral()
    core.save_network(net, tmp_path / "plain.bpnet")
    loaded = core.load_network(tmp_path / "plain.bpnet")
    assert loaded.progress is None
    trainer = core.Trainer(loaded)
    assert not core.resume_saved(trainer) and trainer.step_count == 0


def test_an_edited_weight_or_structure_drops_the_run(tmp_path):
    """The progress describes the run's weights: after an edit by hand it is not written (nor resumed)."""
    net = core.load_network(saved_after(spiral(), 20, tmp_path))
    edited = net.copy()
    edited.weights[edited.connections[0]] = edited.weights[edited.connections[0]] + 0.25
    assert "progress" not in json.loads(core.network_to_json(edited))
    assert not core.resume_saved(core.Trainer(edited))
    grown = net.copy()
    grown.set_units(grown.layers[1].name, grown.layers[1].units + 1)
    assert "progress" not in json.loads(core.network_to_json(grown))
    other_seed = net.copy()
    other_seed.training.seed += 1  # another run's settings (the learning rate alone is not)
    assert "progress" not in json.loads(core.network_to_json(other_seed))
    faster = net.copy()
    faster.training.optimizer.learning_rate *= 2
    assert "progress" in json.loads(core.network_to_json(faster))


def test_the_run_fits_only_the_network_data_and_settings_it_trained(tmp_path):
    """One rule (``core.run_key``): another activation (same weights), penalty or dataset of as many rows is
    another run; early stopping's patience (when the run stops) and a layer's name are not."""
    net = core.load_network(saved_after(spiral(), 20, tmp_path))
    hidden = net.layers[1].name

    def kept(change) -> bool:
        other = net.copy()
        change(other)
        written = "progress" in json.loads(core.network_to_json(other))
        assert core.resume_saved(core.Trainer(other)) == written
        return written

    assert not kept(lambda n: n.set_activation(hidden, "relu" if n.layers[1].activation != "relu" else "tanh"))
    assert not kept(lambda n: setattr(n.training, "regularization", "l2")
                    or setattr(n.training, "regularization_rate", 0.5))
    circles = core.dataset_from_spec({"generator": "circles", "samples": len(net.dataset), "noise": 0.1, "seed": 3})
    assert not kept(lambda n: setattr(n, "dataset", circles))
    assert kept(lambda n: setattr(n.training, "early_stopping_patience", 50))
    assert kept(lambda n: n.rename_layer(hidden, "renamed"))


def test_the_trajectories_a_file_keeps_are_bounded(tmp_path):
    net = core.load_network(core.example_path("spiral"))
    net.lesson = None
    trainer = core.Trainer(net)
    trainer.train_steps(4100)  # the buffers are full and thinned
    net.progress = core.SavedRun.of(trainer)
    history = json.loads(core.network_to_json(net))["progress"]["history"]
    width = len(history["watched"])
    assert len(history["trajectories"]["values"]) * width <= MAX_TRAJECTORY_VALUES
    assert len(history["step_loss"]["recent"]["values"]) == 2048 and len(history["step_loss"]["older"]["x"]) <= 2048


# ----------------------------------------------------------------------------------- refusals
def broken(tmp_path, change) -> str:
    """The text of a saved run whose progress ``change(progress)`` spoiled."""
    doc = json.loads(saved_after(spiral(), 45, tmp_path).read_text())
    change(doc["progress"])
    return json.dumps(doc)


def refusal(tmp_path, change) -> core.NetworkFileError:
    with pytest.raises(core.NetworkFileError) as caught:
        core.network_from_json(broken(tmp_path, change), "run.bpnet")
    return caught.value


@pytest.mark.parametrize("change, place, words", [
    (lambda p: p["optimizer"]["m"].pop(), "progress.optimizer.m", "one per weight and bias"),
    (lambda p: p["history"]["gradient"].pop(), "progress.history.gradient", "one per weight and bias"),
    (lambda p: p["history"]["gradient_magnitude"].__setitem__(2, -1.0), "progress.history.gradient_magnitude[2]",
     "a mean of |dL/dθ|"),
    (lambda p: p.__setitem__("early_stopping", {"best_epoch": 9, "epochs_since_best": 0}),
     "progress.early_stopping.best_epoch", "from 0 to 1"),
    (lambda p: p.__setitem__("early_stopping", {"best_epoch": 1, "best_weights": [0.0], "epochs_since_best": 0}),
     "progress.early_stopping.best_weights", "the best epoch's weights"),
    (lambda p: p["optimizer"]["v"].__setitem__(3, -1.0), "progress.optimizer.v[3]", "≥ 0"),
    (lambda p: p["optimizer"].__setitem__("t", "many"), "progress.optimizer.t", "whole number"),
    (lambda p: p["shuffle"]["order"].__setitem__(4, p["shuffle"]["order"][5]), "progress.shuffle.order[5]",
     "listed twice"),
    (lambda p: p["shuffle"]["order"].pop(), "progress.shuffle.order", "one per training row"),
    (lambda p: p["shuffle"].__setitem__("cursor", 320), "progress.shuffle.cursor", "from 0 to 319"),
    (lambda p: p["shuffle"]["generator"].__setitem__("state", 12), "progress.shuffle.generator.state",
     "text in quotes"),
    (lambda p: p["shuffle"]["generator"].__setitem__("bit_generator", "MT19937"),
     "progress.shuffle.generator.bit_generator", "PCG64"),
    (lambda p: p["shuffle"].__setitem__("outputs", None), "progress.shuffle.outputs", "classifier"),
    (lambda p: p.__setitem__("epoch", p["step"] + 1), "progress.epoch", "from 0 to 45"),
    (lambda p: p.__setitem__("step", -1), "progress.step", "whole number"),
    (lambda p: p["history"]["step_loss"]["recent"]["values"][2].__setitem__(0, "low"),
     "progress.history.step_loss.recent.values[2][0]", "number"),
    (lambda p: p["history"]["trajectories"]["values"].pop(), "progress.history.trajectories.values",
     "one per step in x"),
    (lambda p: p["history"]["trajectories"].__setitem__("stride", 3), "progress.history.trajectories",
     "power of 2"),
    (lambda p: p["history"]["watched"].__setitem__(0, 10**6), "progress.history.watched[0]", "whole number"),
    (lambda p: p.pop("optimizer"), "progress.optimizer", "missing"),
])
def test_a_bad_progress_section_is_refused_naming_the_field(tmp_path, change, place, words):
    error = refusal(tmp_path, change)
    assert error.place == place, str(error)
    assert words in error.problem, str(error)


def test_a_velocity_for_plain_sgd_is_refused(tmp_path):
    doc = json.loads(saved_after(spiral("sgd", momentum=0.0), 10, tmp_path).read_text())
    doc["progress"]["optimizer"]["velocity"] = [0.0] * len(doc["progress"]["optimizer"].get("m", [0.0]))
    with pytest.raises(core.NetworkFileError) as caught:
        core.network_from_json(json.dumps(doc), "run.bpnet")
    assert caught.value.place == "progress.optimizer.velocity" and "momentum 0" in caught.value.problem


def test_a_run_of_a_network_with_another_parameter_count_is_refused(tmp_path):
    """A progress section pasted from another network's file does not fit this one's P weights and biases."""
    doc = json.loads(saved_after(spiral(), 10, tmp_path).read_text())
    doc["layers"][1]["units"] += 1  # one more hidden neuron: its bias, a column and a row of weights
    doc["layers"][1]["bias"].append(0.0)
    first = doc["connections"][0]
    first["weights"].append([0.0] * len(first["weights"][0]))
    second = doc["connections"][1]
    for row in second["weights"]:
        row.append(0.0)
    with pytest.raises(core.NetworkFileError) as caught:
        core.network_from_json(json.dumps(doc), "run.bpnet")
    assert caught.value.place == "progress.optimizer.m"
    assert "one per weight and bias" in caught.value.problem


def test_progress_without_a_dataset_is_refused(tmp_path):
    doc = json.loads(saved_after(spiral(), 10, tmp_path).read_text())
    del doc["dataset"]
    with pytest.raises(core.NetworkFileError) as caught:
        core.network_from_json(json.dumps(doc), "run.bpnet")
    assert caught.value.place == "progress" and "no dataset" in caught.value.problem


# ------------------------------------------------------------------------------ the buffers
@settings(max_examples=60, deadline=None)
@given(n=st.integers(0, 300), k=st.integers(0, 300), capacity=st.sampled_from([2, 4, 16]))
def test_a_thinned_buffer_restored_goes_on_as_a_smaller_one_would(n, k, capacity):
    """What a file keeps of a buffer (``thinned`` to fewer rows) then grows exactly as a buffer of that size
    fed every sample from the start."""
    big, small = DecimatingBuffer(4 * capacity), DecimatingBuffer(capacity)
    for i in range(n):
        big.append(i, i * 0.5)
        small.append(i, i * 0.5)
    x, data, stride = thinned(big.x, big.data, big.stride, capacity)
    restored = DecimatingBuffer(capacity)
    restored.restore(x, data, stride, big.seen)
    for i in range(n, n + k):
        restored.append(i, i * 0.5)
        small.append(i, i * 0.5)
    assert np.array_equal(restored.x, small.x) and np.array_equal(restored.data, small.data)
    assert restored.stride == small.stride


def test_other_data_drops_the_run(tmp_path):
    """A run on other data (the Dataset panel's new samples, after the run) is not the file's: it is not written,
    so the file opens again (its shuffle lists the rows of the old data)."""
    net = core.load_network(saved_after(spiral(), 20, tmp_path))
    more = net.copy()
    more.dataset = core.dataset_from_spec({"generator": "spiral", "samples": 200, "noise": 0.1, "seed": 3})
    assert "progress" not in json.loads(core.network_to_json(more))
    core.save_network(more, tmp_path / "more.bpnet")
    assert core.load_network(tmp_path / "more.bpnet").progress is None
    same_rows = net.copy()  # a run the window asked the process for knows no dataset: its rows are checked
    same_rows.progress = core.SavedRun(net.progress.state, net.progress.progress, net.progress.key)
    same_rows.dataset = more.dataset
    assert "progress" not in json.loads(core.network_to_json(same_rows))


def test_the_rows_of_the_epoch_not_yet_trained_are_not_written(tmp_path):
    """A classifier's epoch outputs past the cursor are memory not yet written (``np.empty``): they may hold NaN,
    which a file refuses. Only the rows trained so far are written; the run still goes on exactly."""
    net = spiral()
    trainer = core.Trainer(net)
    trainer.train_steps(45)  # 5 batches into epoch 2
    saved = core.SavedRun.of(trainer)
    saved.state.epoch_outputs[saved.state.cursor:] = np.nan
    net.progress = saved
    core.save_network(net, tmp_path / "nan.bpnet")
    outputs = json.loads((tmp_path / "nan.bpnet").read_text())["progress"]["shuffle"]["outputs"]
    assert len(outputs) == saved.state.cursor == 40
    continued = core.Trainer(core.load_network(tmp_path / "nan.bpnet"))
    assert core.resume_saved(continued)
    continued.train_steps(50)
    trainer.train_steps(50)
    assert_same_run(continued, trainer)


# ------------------------------------------------------------------------------ hostile sections
_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=False, allow_infinity=False),
                    st.text(max_size=5), st.lists(st.integers(-3, 3), max_size=3), st.dictionaries(st.text(max_size=3),
                                                                                                   st.integers(), max_size=2))


def _places(value, path=()):
    """Every place in a JSON value: (path, value), depth first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _places(item, (*path, key))
    elif isinstance(value, list):
        for k, item in enumerate(value[:3]):  # (the first few of a long list stand for the rest)
            yield from _places(item, (*path, k))


_GOOD = None


def _good_progress() -> dict:
    global _GOOD
    if _GOOD is None:
        net = spiral()
        trainer = core.Trainer(net)
        trainer.train_steps(45)
        net.progress = core.SavedRun.of(trainer)
        _GOOD = json.loads(core.network_to_json(net))
    return _GOOD


@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_any_value_anywhere_in_progress_is_read_or_refused_with_a_place(data):
    """A hand-edited or hostile section never raises anything but ``NetworkFileError`` (never a traceback), and
    a refusal names a place in ``progress``."""
    doc = json.loads(json.dumps(_good_progress()))
    places = [p for p, _ in _places(doc["progress"], ("progress",))][1:]
    path = data.draw(st.sampled_from(places))
    value = data.draw(_LEAVES)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if data.draw(st.booleans()) and isinstance(target, dict):
        del target[path[-1]]
    else:
        target[path[-1]] = value
    try:
        net = core.network_from_json(json.dumps(doc), "hostile.bpnet")
    except core.NetworkFileError as exc:
        assert exc.place.startswith("progress"), str(exc)
        return
    trainer = core.Trainer(net)  # what was read is a run a trainer can go on with
    if core.resume_saved(trainer):
        trainer.train_steps(3)


def test_a_run_that_would_make_the_file_too_large_to_open_is_left_out(tmp_path, monkeypatch):
    """Every saved file opens again: when the run's section would pass the size a file may have, the weights are
    saved without it (a new run at step 0 when opened), not refused."""
    import core.fileio

    net = core.load_network(saved_after(spiral(), 20, tmp_path))
    bare = net.copy()
    bare.progress = None
    monkeypatch.setattr(core.fileio, "MAX_FILE_BYTES", len(core.network_to_json(bare)) + 1000)
    core.save_network(net, tmp_path / "small.bpnet")
    again = core.load_network(tmp_path / "small.bpnet")
    assert again.progress is None and again.flat.tobytes() == net.flat.tobytes()


def test_a_reopened_run_stops_early_and_restores_as_it_would_have(tmp_path):
    """Early stopping remembers the run's best epoch (its validation loss and weights) and the epoch it restored:
    saved a few epochs after the best and reopened, the run stops at the same epoch with the same best weights as
    one paused there and played on; a run saved after it stopped reopens at the restored epoch's weights, saying so."""
    def fresh():
        net = core.load_network(core.example_path("early_stopping"))
        net.lesson = None
        return net

    probe = core.Trainer(fresh())
    probe.run(epochs=2000)
    pause_at = probe.best_epoch + 5
    paused = core.Trainer(fresh())
    paused.run(epochs=pause_at)
    paused.run(epochs=2000)  # Pause, then Play
    saved = core.Trainer(fresh())
    saved.run(epochs=pause_at)
    saved.net.progress = core.SavedRun.of(saved)
    core.save_network(saved.net, tmp_path / "es.bpnet")
    reopened = core.Trainer(core.load_network(tmp_path / "es.bpnet"))
    assert core.resume_saved(reopened) and reopened.epoch == pause_at
    reopened.run(epochs=2000)
    assert (reopened.epoch, reopened.best_epoch, reopened.restored_epoch) == \
        (paused.epoch, paused.best_epoch, paused.restored_epoch)
    np.testing.assert_array_equal(reopened.net.flat, paused.net.flat)

    paused.net.progress = core.SavedRun.of(paused)  # ended by early stopping at the best epoch's weights
    core.save_network(paused.net, tmp_path / "stopped.bpnet")
    again = core.Trainer(core.load_network(tmp_path / "stopped.bpnet"))
    assert core.resume_saved(again)
    assert (again.restored_epoch, again.best_step) == (paused.restored_epoch, paused.best_step)


def test_a_run_written_without_its_latest_gradient_opens_as_a_file_without_a_run(tmp_path):
    """A section written before the latest gradient was kept is not refused: the weights open, the run starts
    afresh (its dL/dθ would read 0: "every dL/dw is 0" for a run that learns)."""
    doc = json.loads(saved_after(spiral(), 20, tmp_path).read_text())
    del doc["progress"]["history"]["gradient"], doc["progress"]["history"]["gradient_magnitude"]
    net = core.network_from_json(json.dumps(doc), "older.bpnet")
    assert net.progress is None and net.flat.size
