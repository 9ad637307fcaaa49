"""loss_curve: L(w) of one weight, its backprop slope, one SGD step, and an untouched network."""

from __future__ import annotations

import numpy as np
import pytest

import core
from core.notation import format_loss_parts
from core.weight_probe import loss_curve


def skip_net(loss="mse", output="sigmoid", n_out=1):
    net = core.Network("probe")
    net.add_layer("x", 2)
    net.add_layer("h1", 3, activation="tanh")
    net.add_layer("h2", 2, activation="sigmoid")
    net.add_layer("y", n_out, activation=output)
    for src, tgt in [("x", "h1"), ("h1", "h2"), ("h2", "y"), ("h1", "y")]:
        net.connect(src, tgt, seed=2)
    net.training.loss = loss
    net.training.optimizer.learning_rate = 0.5
    return net


rng = np.random.default_rng(3)
X = rng.normal(size=(6, 2))
T = rng.uniform(0.1, 0.9, size=(6, 1))


@pytest.mark.parametrize("edge", [("x", "h1", 2, 1), ("h1", "h2", 0, 2), ("h2", "y", 0, 1), ("h1", "y", 0, 0)])
@pytest.mark.parametrize("reg", [("none", 0.0), ("l2", 0.2)])
def test_slope_at_w0_is_the_backprop_gradient(edge, reg):
    net = skip_net()
    net.training.regularization, net.training.regularization_rate = reg
    before = net.flat.copy()
    loss0, grads = net.loss_and_gradients(X, T)
    c = loss_curve(net, *edge, X, T, span=1e-3, points=101)
    assert net.flat.tobytes() == before.tobytes()
    src, tgt, j, i = edge
    assert c.w0 == net.weights[src, tgt][j, i] == c.w[50]
    assert c.loss0 == loss0 == c.loss[50]
    assert c.gradient == grads.weights[src, tgt][j, i]
    slope = (c.loss[51] - c.loss[49]) / (c.w[51] - c.w[49])
    assert slope == pytest.approx(c.gradient, rel=1e-5, abs=1e-9)
    assert c.tangent(c.w0) == c.loss0
    np.testing.assert_allclose(c.tangent(c.w[48:53]), c.loss[48:53], rtol=1e-6)
    assert c.next_w == c.w0 - 0.5 * c.gradient


def test_default_span_shows_the_sgd_step_and_the_curve_matches_the_network():
    net = skip_net()
    c = loss_curve(net, "h2", "y", 0, 1, X, T)
    assert c.w.shape == c.loss.shape == (101,)
    assert c.span == max(1.0, 2 * abs(c.w0), 3 * abs(0.5 * c.gradient))
    assert c.w[0] == pytest.approx(c.w0 - c.span) and c.w[-1] == pytest.approx(c.w0 + c.span)
    assert c.w[0] <= c.next_w <= c.w[-1]
    other = net.copy()
    for k in (0, 17, 100):
        other.weights["h2", "y"][0, 1] = c.w[k]
        assert c.loss[k] == other.loss_and_gradients(X, T)[0]
    other.weights["h2", "y"][0, 1] = c.next_w
    assert c.next_loss == other.loss_and_gradients(X, T)[0]
    assert c.next_loss < c.loss0  # a small step downhill
    lines = c.lines()
    assert "w[h2→y][0,1]" in lines[0] and lines[-1].startswith("one SGD step: w0 − lr·dL/dw")
    assert "Adam" not in lines[-1] and "momentum" not in lines[-1]  # plain SGD: the step drawn is training's


@pytest.mark.parametrize("name, momentum, words", [("adam", 0.0, "trains with Adam"),
                                                   ("sgd", 0.9, "trains with SGD with momentum μ = 0.9")])
def test_with_momentum_or_adam_the_step_drawn_is_called_a_plain_sgd_step_for_comparison(name, momentum, words):
    net = skip_net()
    net.training.optimizer.name, net.training.optimizer.momentum = name, momentum
    c = loss_curve(net, "h2", "y", 0, 1, X, T)
    assert c.next_w == c.w0 - c.learning_rate * c.gradient  # what is drawn: still w0 − lr·g
    assert c.step_words() == "a plain SGD step, for comparison"
    assert c.lines()[-1].startswith("a plain SGD step, for comparison: w0 − lr·dL/dw") and words in c.lines()[-1]


def test_the_caption_names_the_data_and_splits_a_penalized_loss():
    net = skip_net()
    assert c_lines(net)[0].endswith("every other parameter fixed: the loss of sample 3")
    net.training.regularization, net.training.regularization_rate = "l2", 0.1
    c = loss_curve(net, "h2", "y", 0, 1, X, T)
    data = net.data_loss(X, T)
    assert c.penalty0 == pytest.approx(net.regularization()[0]) and c.loss0 == pytest.approx(data + c.penalty0)
    assert c.lines(4, "sample 3")[0].endswith("the loss of sample 3 + the regularization penalty")
    line = c.lines(4, "sample 3")[1]
    assert f"L = {format_loss_parts(c.loss0, c.penalty0, 4)}, slope" in line
    assert format_loss_parts(c.loss0, c.penalty0, 4).startswith(f"{core.format_number(data + c.penalty0, 4)} (data loss ")


def c_lines(net):
    return loss_curve(net, "h2", "y", 0, 1, X, T).lines(4, "sample 3")


def test_l2_makes_the_curve_a_parabola_in_a_linear_model():
    net = core.Network("line")
    net.add_layer("x", 1)
    net.add_layer("y", 1)
    net.connect("x", "y", weights=[[0.4]])
    net.training.loss = "half_mse"
    net.training.regularization, net.training.regularization_rate = "l2", 0.1
    Xl, Tl = np.array([[1.0], [2.0]]), np.array([[1.0], [3.0]])
    c = loss_curve(net, "x", "y", 0, 0, Xl, Tl, points=41)
    second = np.diff(c.loss, 2)
    np.testing.assert_allclose(second, second[0], rtol=1e-8)  # constant curvature: a parabola
    assert np.all(second > 0)


def test_non_finite_losses_become_nan_and_the_network_is_unchanged():
    net = skip_net(loss="mse", output="identity")
    before = net.flat.copy()
    with np.errstate(all="raise"):
        c = loss_curve(net, "h2", "y", 0, 1, X, T, span=1e200, points=5)
    assert net.flat.tobytes() == before.tobytes()
    assert np.isnan(c.loss[[0, -1]]).all() and np.isfinite(c.loss[2]) and c.loss[2] == c.loss0
    assert not np.isinf(c.loss).any()


def test_removed_edge_and_bad_arguments_are_refused():
    net = skip_net()
    net.set_edge_enabled("h1", "y", 0, 2, False)
    with pytest.raises(ValueError, match="removed"):
        loss_curve(net, "h1", "y", 0, 2, X, T)
    with pytest.raises(ValueError):
        loss_curve(net, "h1", "y", 0, 1, X, T, points=1)
    with pytest.raises(ValueError):
        loss_curve(net, "h1", "y", 0, 1, X, T, span=0.0)
    with pytest.raises(IndexError):
        loss_curve(net, "h1", "y", 3, 1, X, T)


def test_earlier_values_of_the_weight_sit_on_the_same_curve_and_widen_the_span():
    net = skip_net()
    w0 = float(net.weights["h2", "y"][0, 1])
    earlier = np.array([w0 + 4.0, w0 + 2.5, np.nan, w0 + 0.5])
    before = net.flat.copy()
    c = loss_curve(net, "h2", "y", 0, 1, X, T, earlier=earlier)
    assert net.flat.tobytes() == before.tobytes()
    np.testing.assert_array_equal(c.earlier_w, earlier[[0, 1, 3]])  # the NaN is dropped
    other = net.copy()
    for w, loss in zip(c.earlier_w, c.earlier_loss):
        other.weights["h2", "y"][0, 1] = w
        assert loss == other.loss_and_gradients(X, T)[0]
    assert c.span == pytest.approx(max(1.0, 2 * abs(w0), 4.0 * 1.1))
    assert c.w[-1] >= c.earlier_w.max()
    assert loss_curve(net, "h2", "y", 0, 1, X, T).earlier_w.size == 0
