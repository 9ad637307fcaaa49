"""The NumPy export (issue 13): a standalone script whose forward equals core's and whose
train(N) reproduces Trainer (what `backprop-studio train FILE --steps N` runs) to 1e-12,
early stopping included: the same last step, the same (restored) weights, the same reason."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import core
from core.export import ExportError, numpy_script
from exportcheck import (REL, fixed_networks, parameter_errors, relative_error, run_script, sample_inputs,
                         stop_words, trainable_networks)


def trained_reference(net: core.Network, steps: int):
    """(trained copy, batch losses): what `backprop-studio train --steps` does (Trainer.run)."""
    ref = net.copy()
    trainer = core.Trainer(ref)
    losses = []
    result = trainer.run(steps=steps, callback=lambda tr: losses.append(tr.last_loss))
    return ref, losses, result


def assert_script_matches(net, script, steps):
    """The script's forward equals net.forward; its train(steps) equals Trainer.run's weights and
    losses, stops at the same step (early stopping) and says why as Trainer does. Returns
    (trained reference, its RunResult)."""
    X = sample_inputs(net)
    assert relative_error(script["forward"](X), net.forward(X)) <= REL
    ref, ref_losses, result = trained_reference(net, steps)
    assert result.reason in ("completed", "early_stopped"), result
    losses, why = script["train"](steps)
    assert len(losses) == result.steps  # the same last step
    assert why == stop_words(result)
    assert relative_error(losses, ref_losses) <= REL
    errors = parameter_errors(ref, script["weights"], script["biases"])
    worst = max(errors, key=errors.get)
    assert errors[worst] <= REL, f"{worst}: relative error {errors[worst]:.3g} after {steps} steps"
    # the trained script's forward is the trained network's forward
    assert relative_error(script["forward"](X), ref.forward(X)) <= REL
    for (s, t), mask in net.masks.items():  # removed edges stayed exactly 0
        assert np.all(script["weights"][f"{s}->{t}"][mask == 0] == 0.0)
    return ref, result


@pytest.mark.parametrize("make, steps", fixed_networks(1000, 100))
def test_lessons_and_every_activation_and_loss_train_like_core(make, steps, tmp_path):
    """Every lesson for 1000 steps; every hidden activation × output case on a diamond with
    skip connections, removed edges, a layer without bias, adam and l2, for 100 steps."""
    net = make()
    assert_script_matches(net, run_script(numpy_script(net), tmp_path), steps)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(trainable_networks())
def test_random_graphs_train_like_core(tmp_path, net):
    """Random DAGs: skip connections, masks, layers without bias, every activation and loss,
    l1/l2, sgd/momentum/nesterov/adam, validation splits, early stopping."""
    ref, _, result = trained_reference(net, 100)
    if result.reason == "diverged":  # this draw diverges in core too: the script must stop as well
        script = run_script(numpy_script(net), tmp_path)
        with pytest.raises(FloatingPointError, match="training stopped"):
            script["train"](100)
        return
    script = run_script(numpy_script(net), tmp_path)
    assert_script_matches(net, script, 100)


def test_embedded_data_is_the_training_split(tmp_path):
    net = core.load_network(core.example_path("circles"))  # 20 % held out for validation
    script = run_script(numpy_script(net), tmp_path)
    trainer = core.Trainer(net.copy())
    assert script["X_TRAIN"].tobytes() == trainer.X.tobytes()
    assert script["T_TRAIN"].tobytes() == trainer.T.tobytes()
    assert len(script["X_TRAIN"]) == 160
    # weights and biases are written with repr: bit for bit the network's
    assert all(script["weights"][f"{s}->{t}"].tobytes() == w.tobytes() for (s, t), w in net.weights.items())


def test_script_is_plain_numpy_and_runs_from_the_command_line(tmp_path):
    net = core.load_network(core.example_path("xor"))
    text = numpy_script(net)
    imported = {alias.name for node in ast.walk(ast.parse(text)) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module for node in ast.walk(ast.parse(text)) if isinstance(node, ast.ImportFrom)}
    assert imported <= {"argparse", "math", "numpy"}
    path = tmp_path / "xor_net.py"
    path.write_text(text, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the script needs no core
    done = subprocess.run([sys.executable, str(path), "--steps", "300"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _, losses, _ = trained_reference(net, 300)
    assert done.stdout.strip() == f"final batch loss after 300 steps: {losses[-1]!r}"


def test_an_early_stopped_run_prints_when_and_why_from_the_command_line(tmp_path):
    path = tmp_path / "early_stopping.py"
    net = core.load_network(core.example_path("early_stopping"))
    path.write_text(numpy_script(net), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run([sys.executable, str(path), "--steps", "1000"], capture_output=True, text=True,
                          timeout=120, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    _, losses, result = trained_reference(net, 1000)
    assert result.reason == "early_stopped" and result.steps < 1000
    assert done.stdout.splitlines() == [f"final batch loss after {result.steps} steps: {losses[-1]!r}",
                                        f"early stopping: {result.message}"]


def test_the_script_explains_itself():
    """Written to be read: the math of each part is in it, next to the code."""
    text = numpy_script(core.load_network(core.example_path("skip_connection")))
    for phrase in ("def forward(x)", "def train(steps)", "def loss_and_delta", "chain rule",
                   "dL/dw_ji = Σ_batch delta_j · a_i", "dL/da_i = Σ_j delta_j · w_ji", "Adam",
                   "W[j, i] is the edge from neuron i"):
        assert phrase in text, phrase
    # the skip connection x -> y is summed into y's pre-activation
    assert "z = a['h'] @ weights['h->y'].T + a['x'] @ weights['x->y'].T" in text \
        or "z = a['x'] @ weights['x->y'].T + a['h'] @ weights['h->y'].T" in text


def test_network_without_dataset_exports_forward_and_refuses_to_train(tmp_path):
    net = core.load_network(core.example_path("xor"))
    net.dataset = None
    script = run_script(numpy_script(net), tmp_path)
    X = sample_inputs(net)
    assert relative_error(script["forward"](X), net.forward(X)) <= REL
    with pytest.raises(RuntimeError, match="without training data: .*no dataset"):
        script["train"](1)


def test_odd_layer_names_make_valid_python(tmp_path):
    net = core.Network("quotes \"\"\" and \\ backslash", 'description with """ and a\nnew line\x00')
    net.add_layer('in "x"', 2)
    net.add_layer("h'\\n\u00e9\u2192", 2, activation="leaky_relu")
    net.add_layer("out\nput", 1, activation="identity", bias=False)
    net.connect('in "x"', "h'\\n\u00e9\u2192", seed=1)
    net.connect("h'\\n\u00e9\u2192", "out\nput", seed=1)
    net.connect('in "x"', "out\nput", seed=1)
    net.dataset = core.Dataset(np.array([[0.0, 1.0], [1.0, 2.0], [-1.0, 0.5]]), np.array([[1.0], [0.0], [2.0]]))
    net.training.batch_size = 2
    script = run_script(numpy_script(net), tmp_path)
    assert set(script["weights"]) == {'in "x"->h\'\\n\u00e9\u2192', "h'\\n\u00e9\u2192->out\nput",
                                      'in "x"->out\nput'}
    assert_script_matches(net, script, 20)


def test_ambiguous_weight_keys_are_refused():
    net = core.Network("arrows")
    for name in ("a", "a->b", "b->c", "c"):
        net.add_layer(name, 1, activation="identity")
    net.connect("a", "a->b")
    net.connect("a->b", "c")
    net.connect("a", "b->c")
    net.connect("b->c", "c")
    # "a->b" -> "c" and "a" -> "b->c" both read "a->b->c"
    with pytest.raises(ExportError, match="'a->b->c'"):
        numpy_script(net)


def test_an_unfinished_network_is_refused_with_the_reason():
    net = core.Network("half built")
    net.add_layer("x", 2)
    net.add_layer("h", 2)
    with pytest.raises(ExportError, match="cannot be exported yet: .*exactly one"):
        numpy_script(net)


def test_divergence_stops_the_script_like_the_trainer(tmp_path):
    net = core.load_network(core.example_path("xor"))
    net.training.optimizer.learning_rate = 1e200
    script = run_script(numpy_script(net), tmp_path)
    with pytest.raises(FloatingPointError, match="training stopped"):
        script["train"](50)
    assert core.Trainer(net.copy()).run(steps=50).reason == "diverged"


def test_the_readme_excerpt_is_what_the_export_writes():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Export (NumPy, PyTorch, ONNX)"):]
    excerpt = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    lesson = re.search(r"excerpt of `backprop-studio export (\w+)\.bpnet --to numpy`", section).group(1)
    script = numpy_script(core.load_network(core.example_path(lesson))).splitlines()
    lines = [line for line in excerpt.splitlines() if line.strip()]
    assert len(lines) > 20
    missing = [line for line in lines if line not in script]
    assert not missing, missing


def early_stopping_lesson(**settings) -> core.Network:
    """The bundled early-stopping lesson (patience 20, 40 of 80 samples held out), its training
    settings changed by ``settings`` (names of ``core.TrainingSettings``)."""
    net = core.load_network(core.example_path("early_stopping"))
    for name, value in settings.items():
        setattr(net.training, name, value)
    return net


@pytest.mark.parametrize("restore_best", [True, False])
def test_early_stopping_ends_at_the_same_step_with_the_same_weights(restore_best, tmp_path):
    """Stopped P epochs after the best epoch, with the best epoch's weights put back (or the last
    ones kept): the script and Trainer.run agree on the step, the weights, the reason and the
    validation loss of every epoch."""
    net = early_stopping_lesson(early_stopping_restore_best=restore_best)
    script = run_script(numpy_script(net), tmp_path)
    ref, result = assert_script_matches(net, script, 1000)
    assert result.reason == "early_stopped" and result.steps < 1000
    trainer = core.Trainer(net.copy())
    trainer.run(steps=1000)
    best = trainer.best_epoch
    kept = f"the weights of epoch {best} were restored" if restore_best else f"the weights of epoch {result.epochs} were kept"
    assert result.message.endswith(kept) and best < result.epochs
    assert script["X_VAL"].shape == trainer.X_val.shape and script["X_TRAIN"].shape == trainer.X.shape
    assert len(trainer.X_val) == len(trainer.X) == 40  # half of the 80 samples held out
    assert script["validation_losses"] == list(trainer.history.epochs.data[:, 1])  # column 1: validation loss


def test_every_call_of_train_is_one_run_like_trainer_run(tmp_path):
    """train(a) then train(b) is Trainer.run(steps=a) then run(steps=b): the second call counts its
    patience afresh and, after an early stop, trains on from the restored weights."""
    net = early_stopping_lesson(early_stopping_patience=3)
    script = run_script(numpy_script(net), tmp_path)
    trainer = core.Trainer(ref := net.copy())
    stops = 0
    for steps in (40, 200, 7, 200):
        result = trainer.run(steps=steps)
        losses, why = script["train"](steps)
        assert len(losses) == result.steps and why == stop_words(result)
        stops += result.reason == "early_stopped"
        errors = parameter_errors(ref, script["weights"], script["biases"])
        assert max(errors.values()) <= REL, errors
    assert stops >= 2


def test_patience_without_validation_rows_never_stops_early(tmp_path):
    net = early_stopping_lesson(validation_fraction=0.0, early_stopping_patience=1)
    script = run_script(numpy_script(net), tmp_path)
    ref, result = assert_script_matches(net, script, 300)
    assert result.reason == "completed" and script["X_VAL"].shape == (0, 2)
    assert "no rows are held out for validation" in numpy_script(net)
