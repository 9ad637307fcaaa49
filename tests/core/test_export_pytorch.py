"""The PyTorch export (issue 13): build_model()(x) equals core's forward to 1e-12, and
train(model, steps) with torch.optim follows core's Trainer.run (same batches, same rules,
early stopping at the same step with the same weights)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import core
from core.export import pytorch_script
from exportcheck import REL, fixed_networks, relative_error, run_script, sample_inputs, stop_words, trainable_networks

torch = pytest.importorskip(
    "torch", reason="PyTorch is not installed: the test extra installs torch==2.13.0 where a wheel for this "
                    "platform exists; the export itself writes text and never needs torch")

torch.set_num_threads(1)  # tiny networks: threads only add overhead on a shared machine

#: torch computes sigmoid, BCE-with-logits and cross-entropy with other (equally exact) formulas
#: than core, so trained weights differ by rounding; measured ≤ 5e-14 after 200 steps on the lessons
TRAIN_REL = 1e-9


def model_output(script, X) -> np.ndarray:
    model = script["build_model"]()
    with torch.no_grad():
        return model(torch.tensor(X, dtype=torch.float64)).numpy()


def assert_model_matches(net, script, steps):
    """build_model()(x) equals net.forward; train(model, steps) equals Trainer.run(steps=steps):
    the losses, the step it stops at, why, and every trained parameter. Returns the model."""
    X = sample_inputs(net)
    assert relative_error(model_output(script, X), net.forward(X)) <= REL
    if steps == 0:
        return
    ref = net.copy()
    trainer = core.Trainer(ref)
    ref_losses = []
    result = trainer.run(steps=steps, callback=lambda tr: ref_losses.append(tr.last_loss))
    assert result.reason in ("completed", "early_stopped"), result
    model = script["build_model"]()
    losses, why = script["train"](model, steps)
    assert len(losses) == result.steps and why == stop_words(result)
    assert relative_error(losses, ref_losses) <= TRAIN_REL
    with torch.no_grad():
        y = model(torch.tensor(X, dtype=torch.float64)).numpy()
    assert relative_error(y, ref.forward(X)) <= TRAIN_REL
    # every trained parameter: the model's weights in connection order, then biases
    ours = [p.detach().numpy() for p in model.parameters()]
    theirs = [ref.weights[e] for e in ref.connections] + [ref.biases[l.name] for l in ref.layers[1:]
                                                          if l.name in ref.biases]
    assert len(ours) == len(theirs)
    for mine, expected in zip(ours, theirs):
        assert relative_error(mine, expected) <= TRAIN_REL
    for (s, t), mask in ref.masks.items():  # removed edges stayed exactly 0
        k = ref.connections.index((s, t))
        assert np.all(ours[k][mask == 0] == 0.0)
    return model


@pytest.mark.parametrize("make, steps", fixed_networks(200, 40))
def test_lessons_and_every_activation_and_loss(make, steps, tmp_path):
    """Every lesson (200 steps), every hidden activation × output case on a masked diamond (40 steps)."""
    net = make()
    script = run_script(pytorch_script(net), tmp_path)
    model = assert_model_matches(net, script, steps)
    assert isinstance(model, torch.nn.Module) and all(p.dtype == torch.float64 for p in model.parameters())
    masks = dict(model.named_buffers())
    assert len(masks) == len(net.masks) and all(m.dtype == torch.float64 for m in masks.values())


# Random weights can overflow a forward pass: expected here (only finite outputs are compared,
# and the same entries must overflow in both), so NumPy's warning about it is not news.
@pytest.mark.filterwarnings("ignore:overflow encountered:RuntimeWarning",
                            "ignore:invalid value encountered:RuntimeWarning")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(trainable_networks())
def test_random_graphs(tmp_path, net):
    script = run_script(pytorch_script(net), tmp_path)
    X = sample_inputs(net)
    assert relative_error(model_output(script, X), net.forward(X)) <= REL
    if core.Trainer(net.copy()).run(steps=30).reason != "diverged":
        assert_model_matches(net, script, 30)


def test_training_continues_across_calls(tmp_path):
    net = core.load_network(core.example_path("three_classes_softmax"))  # momentum: state must carry over
    script = run_script(pytorch_script(net), tmp_path)
    once, twice = script["build_model"](), script["build_model"]()
    losses, why = script["train"](once, 30)
    assert script["train"](twice, 12)[0] + script["train"](twice, 18)[0] == losses and why == "completed"
    for a, b in zip(once.parameters(), twice.parameters()):
        assert torch.equal(a, b)


def test_l1_and_l2_regularization_follow_core(tmp_path):
    for kind in ("l1", "l2"):
        net = core.load_network(core.example_path("skip_connection"))
        net.training.regularization, net.training.regularization_rate = kind, 0.01
        script = run_script(pytorch_script(net), tmp_path, f"net_{kind}.py")
        assert_model_matches(net, script, 100)


def test_network_without_dataset_exports_forward_and_refuses_to_train(tmp_path):
    net = core.load_network(core.example_path("spiral"))
    net.dataset = None
    script = run_script(pytorch_script(net), tmp_path)
    assert_model_matches(net, script, 0)
    with pytest.raises(RuntimeError, match="without training data"):
        script["train"](script["build_model"](), 1)


def test_odd_layer_names(tmp_path):
    net = core.Network('"""odd"""')
    net.add_layer("in.put", 2)
    net.add_layer('h "1"', 3, activation="tanh")
    net.add_layer("h_1", 2, activation="relu", bias=False)
    net.add_layer("out\n", 1, activation="sigmoid")
    for src, tgt in [("in.put", 'h "1"'), ('h "1"', "h_1"), ("h_1", "out\n"), ("in.put", "out\n")]:
        net.connect(src, tgt, seed=3)
    net.set_edge_enabled("in.put", "out\n", 0, 1, False)
    net.training.loss = "binary_cross_entropy"
    net.dataset = core.Dataset(np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]]), np.array([[1.0], [0.0], [1.0]]))
    net.training.batch_size = 2
    script = run_script(pytorch_script(net), tmp_path)
    assert_model_matches(net, script, 25)


@pytest.mark.parametrize("restore_best", [True, False])
def test_early_stopping_ends_at_the_same_step_with_the_same_weights(restore_best, tmp_path):
    """The early-stopping lesson (patience 20): train(model, 1000) stops where Trainer.run does,
    with the best epoch's weights put back (or the last ones kept), saying the same why."""
    net = core.load_network(core.example_path("early_stopping"))
    net.training.early_stopping_restore_best = restore_best
    script = run_script(pytorch_script(net), tmp_path)
    model = assert_model_matches(net, script, 1000)
    trainer = core.Trainer(net.copy())
    result = trainer.run(steps=1000)
    assert result.reason == "early_stopped" and result.steps < 1000
    assert relative_error(model.training_state.validation_losses, trainer.history.epochs.data[:, 1]) <= TRAIN_REL
