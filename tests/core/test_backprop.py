"""The reference backward pass (core.backprop) against PyTorch autograd, the way micrograd's
test_engine.py checks its engine: the same network written in torch, every layer's z, a,
dL/da and δ = dL/dz and every parameter's gradient compared with what autograd finds.

The network has a skip connection (x → h2, h1 → y: dL/da sums over two outgoing
connections), a removed edge and a layer without bias."""

from __future__ import annotations

import numpy as np
import pytest

import core
from core.backprop import backward_pass, gradient
from core.explain import explain_edge, explain_neuron
from core.trace import layer_traces

torch = pytest.importorskip("torch")

HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "identity"]
OUTPUTS = [  # (output activation, loss): fused, element-wise and coupled (softmax) outputs
    ("sigmoid", "binary_cross_entropy"),
    ("softmax", "cross_entropy"),
    ("softmax", "mse"),
    ("softmax", "binary_cross_entropy"),
    ("identity", "mse"),
    ("tanh", "half_mse"),
    ("sigmoid", "mse"),
]
EDGES = [("x", "h1"), ("h1", "h2"), ("x", "h2"), ("h2", "y"), ("h1", "y")]


def build(hidden: str, output: str, loss: str, seed: int) -> core.Network:
    net = core.Network("reference")
    net.add_layer("x", 3)
    net.add_layer("h1", 4, hidden)
    net.add_layer("h2", 3, hidden, bias=False)
    net.add_layer("y", 2 if output != "sigmoid" else 1, output)
    for source, target in EDGES:
        net.connect(source, target)
    net.initialize("xavier", seed)
    rng = np.random.default_rng(seed)
    net.set_parameters(net.flat + rng.normal(0, 0.3, net.flat.shape))  # biases not all 0
    net.set_edge_enabled("h1", "h2", 1, 2, False)
    net.training.loss = loss
    return net


def batch(net: core.Network, loss: str, seed: int):
    rng = np.random.default_rng(seed + 100)
    B, n_out = 5, net.layer("y").units
    X = rng.normal(0, 1.5, (B, 3))
    if loss == "cross_entropy":
        T = np.eye(n_out)[rng.integers(0, n_out, B)]
    elif loss == "binary_cross_entropy":
        T = rng.integers(0, 2, (B, n_out)).astype(float)
    else:
        T = rng.normal(0, 1, (B, n_out))
    return X, T


TORCH_ACTIVATIONS = {
    "sigmoid": torch.sigmoid, "tanh": torch.tanh, "relu": torch.relu, "identity": lambda z: z,
    "leaky_relu": lambda z: torch.nn.functional.leaky_relu(z, 0.01), "softmax": lambda z: torch.softmax(z, dim=1),
}


def torch_loss(name: str, y, t):
    if name == "mse":
        return ((y - t) ** 2).mean()
    if name == "half_mse":
        return 0.5 * ((y - t) ** 2).mean()
    if name == "binary_cross_entropy":
        return (-(t * torch.log(y) + (1 - t) * torch.log(1 - y))).mean()
    return (-(t * torch.log(y)).sum(dim=1)).mean()  # cross_entropy: mean over the samples


def autograd(net: core.Network, X, T):
    """Every layer's (z, a) and the loss, by torch, with .grad filled by backward()."""
    W = {e: torch.tensor(net.weights[e], requires_grad=True) for e in net.connections}
    b = {n: torch.tensor(net.biases[n], requires_grad=True) for n in net.biases}
    masks = {e: torch.tensor(m) for e, m in net.masks.items()}
    values = {"x": (None, torch.tensor(X))}
    for name in net.order()[1:]:
        z = sum(values[s][1] @ (W[s, name] * masks[s, name] if (s, name) in masks else W[s, name]).T
                for s in net.incoming(name))
        if name in b:
            z = z + b[name]
        a = TORCH_ACTIVATIONS[net.layer(name).activation](z)
        z.retain_grad()
        a.retain_grad()
        values[name] = (z, a)
    loss = torch_loss(net.training.loss, values["y"][1], torch.tensor(T))
    loss.backward()
    return values, W, b


@pytest.mark.parametrize("output,loss", OUTPUTS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_every_layer_and_parameter_matches_autograd(hidden, output, loss):
    seed = HIDDEN.index(hidden) * 10 + OUTPUTS.index((output, loss))
    net = build(hidden, output, loss, seed)
    X, T = batch(net, loss, seed)
    layers = backward_pass(net, X, T)
    values, W, b = autograd(net, X, T)

    assert list(layers) == net.order()
    assert layers["x"].z is None and layers["x"].delta is None and layers["x"].dL_da is None
    np.testing.assert_array_equal(layers["x"].a, X)
    for name in net.order()[1:]:
        z, a = values[name]
        mine = layers[name]
        np.testing.assert_allclose(mine.z, z.detach().numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(mine.a, a.detach().numpy(), rtol=1e-12, atol=1e-14)
        np.testing.assert_allclose(mine.delta, z.grad.numpy(), rtol=1e-9, atol=1e-13, err_msg=f"δ of {name}")
        fused = name == "y" and core.get_loss(loss).partner == output
        if fused:
            assert mine.dL_da is None  # δ comes directly
        else:
            np.testing.assert_allclose(mine.dL_da, a.grad.numpy(), rtol=1e-9, atol=1e-13, err_msg=f"dL/da of {name}")

    grad = core.Gradients(net, gradient(net, layers))
    for edge in net.connections:
        np.testing.assert_allclose(grad.weights[edge], W[edge].grad.numpy(), rtol=1e-9, atol=1e-13, err_msg=str(edge))
    for name in net.biases:
        np.testing.assert_allclose(grad.biases[name], b[name].grad.numpy(), rtol=1e-9, atol=1e-13, err_msg=name)
    assert grad.weights["h1", "h2"][1, 2] == 0.0  # the removed edge learns nothing
    assert "h2" not in net.biases


@pytest.mark.parametrize("output,loss", OUTPUTS)
def test_the_reference_gradient_is_the_trainers(output, loss):
    """The readable pass and the engine's fast one (Network.loss_and_gradients) agree."""
    net = build("tanh", output, loss, 7)
    X, T = batch(net, loss, 7)
    _, fast = net.loss_and_gradients(X, T)
    np.testing.assert_allclose(gradient(net, backward_pass(net, X, T)), fast.flat, rtol=1e-10, atol=1e-14)


def test_explanations_and_the_trace_show_the_reference_pass():
    """One backward pass for all: the chain-rule explanation's δ and dL/da and the step trace's
    layers are the reference pass's numbers, and the explained gradient is autograd's."""
    net = build("sigmoid", "softmax", "mse", 3)
    net.training.regularization, net.training.regularization_rate = "l2", 0.1
    X, T = batch(net, "mse", 3)
    layers = backward_pass(net, X, T)
    trace = layer_traces(net, X, T)
    for name, layer in layers.items():
        for field in ("z", "a", "delta", "dL_da"):
            mine, shown = getattr(layer, field), getattr(trace[name], field)
            assert (mine is None and shown is None) or np.array_equal(mine, shown)
    neuron = explain_neuron(net, "h1", 2, X, T)
    assert [s.delta for s in neuron.samples] == layers["h1"].delta[:, 2].tolist()
    assert [s.dL_da for s in neuron.samples] == layers["h1"].dL_da[:, 2].tolist()
    _, W, _ = autograd(net, X, T)
    edge = explain_edge(net, "h1", "y", 1, 3, X, T)
    np.testing.assert_allclose(edge.mean, W["h1", "y"].grad.numpy()[1, 3], rtol=1e-10)
    assert edge.regularization == pytest.approx(0.1 * net.weights["h1", "y"][1, 3], rel=1e-15)
