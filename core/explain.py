"""The chain rule behind one gradient, with every factor's number.

For the edge from neuron i of layer s to neuron j of layer t, and one sample:

    dL/dw_ji = a_i × f'(z_j) × dL/da_j

where a_i is the source neuron's activation, z_j the target's pre-activation,
f' its activation's derivative, and dL/da_j how the loss changes with the
target's output: at the output layer the loss gradient, elsewhere
dL/da_j = Σ_k w_kj · δ_k over the edges leaving neuron j (δ_k = dL/dz_k).
When the output is softmax with cross-entropy (or sigmoid with binary
cross-entropy) δ_j = dL/dz_j is computed directly: f'(z_j) × dL/da_j does not
factor into one element-wise product there.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .activations import get_activation
from .losses import get_loss
from .network import Network


@dataclass
class Contribution:
    """One term w_kj · δ_k of dL/da_j (an edge leaving neuron j)."""

    layer: str
    k: int
    weight: float
    delta: float

    @property
    def product(self) -> float:
        return self.weight * self.delta


@dataclass
class GradientExplanation:
    """dL/dw_ji for one sample, factor by factor (see the module docstring)."""

    source: str
    target: str
    j: int
    i: int
    a_in: float
    z: float
    activation: str
    f_prime: float | None  # None when δ_j is computed directly (fused output)
    dL_da: float | None
    delta: float  # dL/dz_j
    gradient: float  # a_in × delta
    contributions: list[Contribution] = field(default_factory=list)
    note: str = ""

    def formula(self) -> str:
        """The product written out with its numbers."""
        if self.f_prime is None:
            return (f"dL/dw = a_in × δ = {self.a_in:.6g} × {self.delta:.6g} = {self.gradient:.6g}")
        return (f"dL/dw = a_in × f'(z) × dL/da = {self.a_in:.6g} × {self.f_prime:.6g} × "
                f"{self.dL_da:.6g} = {self.gradient:.6g}")


def explain_gradient(net: Network, source: str, target: str, j: int, i: int, x, t) -> GradientExplanation:
    """The chain-rule factors of dL/dw_ji for one sample ``x`` (n_in,) with target ``t`` (n_out,).

    The loss is the data loss on that one sample (regularization is not included).
    """
    x = np.asarray(x, dtype=np.float64).reshape(1, -1)
    t = np.asarray(t, dtype=np.float64).reshape(1, -1)
    values = net.forward_all(x)
    order = net.order()
    output = net.output_layer
    loss = get_loss(net.training.loss)
    deltas: dict[str, np.ndarray] = {}
    dlda: dict[str, np.ndarray] = {}
    for name in reversed(order[1:]):
        z, a = values[name]
        act = get_activation(net.layer(name).activation)
        if name == output:
            if loss.partner == act.name:
                deltas[name] = loss.gradient_logits(a, t)
                dlda[name] = None
                continue
            da = loss.gradient(a, t)
        else:
            da = sum(deltas[k] @ net.weights[name, k] for k in net.outgoing(name))
        dlda[name] = da
        deltas[name] = act.backward(z, a, da)
    z, a = values[target]
    act = get_activation(net.layer(target).activation)
    a_in = float(values[source][1][0, i])
    delta = float(deltas[target][0, j])
    fused = dlda[target] is None
    f_prime = None if fused or not act.elementwise else float(act.derivative(z, a)[0, j])
    contributions = [
        Contribution(k_layer, k, float(net.weights[target, k_layer][k, j]), float(deltas[k_layer][0, k]))
        for k_layer in net.outgoing(target)
        for k in range(net.layer(k_layer).units)
    ]
    note = ""
    if fused:
        note = f"{loss.name} after {act.name}: δ = (y − t)/N directly"
    elif not act.elementwise:
        note = "softmax couples its outputs: δ_j = s_j·(dL/da_j − Σ_k s_k·dL/da_k)"
    enabled = net.edge_enabled(source, target, j, i)
    gradient = a_in * delta if enabled else 0.0
    if not enabled:
        note = "this edge is removed (masked): its gradient is 0"
    return GradientExplanation(
        source, target, j, i, a_in, float(z[0, j]), act.name, f_prime,
        None if fused else float(dlda[target][0, j]), delta, gradient, contributions, note,
    )
