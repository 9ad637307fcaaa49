"""The compiled form of a network: what a forward and a backward pass run.

``Plan(net)`` walks the layer graph once and keeps, in topological order, every
layer's incoming connections as ready views into ``net.flat`` (W and its
transpose), its bias view and its activation's functions, plus the loss's
value-and-gradient "head". A training step then spends its time in NumPy, not in
Python bookkeeping: on a 2-8-8-1 network the NumPy calls themselves are most of
the cost, so the passes below use as few calls as the math allows and compute
activations and their backward products in place where nothing else reads the
overwritten array.

Shapes: a batch is rows. acts[k] is layer k's output (batch, units_k) with
acts[0] = X; W of a connection s → t is (units_t, units_s); forward
z_t = Σ_s acts[s] @ W.T + b_t, a_t = f(z_t); backward, with δ_t = dL/dz_t:
dL/dW = δ_t.T @ acts[s], dL/db_t = Σ_rows δ_t, dL/da_s += δ_t @ W.

A plan holds views into ``net.flat``: the network drops its plan whenever it
re-packs the vector, changes an activation, a mask or the loss.
"""

from __future__ import annotations

import numpy as np

from .activations import get_activation
from .losses import get_loss


class Plan:
    """A network compiled for computing (see the module docstring)."""

    def __init__(self, net):
        order = net.order()
        index = {name: k for k, name in enumerate(order)}
        self.order = order
        self.loss_name = net.training.loss
        self.loss = get_loss(self.loss_name)
        self.mask = net.mask_vector()
        self.n_layers = len(order)
        self.layout = layout = net.parameter_layout()
        has_bias = {b.key for b in layout.bias_blocks}
        layers = []
        for name in order[1:]:
            act = get_activation(net._layers[name].activation)
            incoming = tuple(
                (index[s], s, net.weights[s, name]) for s in net.incoming(name)
            )
            bias = net.biases[name] if name in has_bias else None
            layers.append((index[name], name, incoming, bias, act))
        self.layers = layers
        # forward: (k, ((src, W.T), ...), bias, activation in place)
        self._forward = tuple(
            (k, tuple((src, w.T) for src, _, w in incoming), bias, act.forward_inplace)
            for k, _, incoming, bias, act in layers
        )
        out_act = layers[-1][4]
        self.out_activation = out_act
        self.fused = self.loss.partner == out_act.name
        self._squared = self.loss_name in ("mse", "half_mse")
        self._bound = None
        self._backward = ()
        self._bindings = {}
        self._ones = np.ones(0)

    # ------------------------------------------------------------------ forward
    def forward(self, X: np.ndarray, keep_logits: bool = False):
        """acts (list, acts[0] = X) and the output layer's z (or None if not kept)."""
        acts = [X] * self.n_layers
        last = self.n_layers - 1
        z = None
        for k, incoming, bias, f in self._forward:
            src, wt = incoming[0]
            z = acts[src].dot(wt)  # .dot: a third of matmul's call overhead on small arrays
            for src, wt in incoming[1:]:
                z += acts[src].dot(wt)
            if bias is not None:
                z += bias
            if k == last and keep_logits:
                acts[k] = f(z.copy())
            else:
                acts[k] = f(z)
                z = None
        return acts, z

    # --------------------------------------------------------------------- loss
    def loss_and_output_delta(self, y, z, T, want_delta: bool):
        """(data loss, δ_out = dL/dz_out or None). z is needed only when ``self.fused``."""
        loss = self.loss
        if self._squared:
            d = y - T
            n = d.size
            scale = 1.0 if self.loss_name == "mse" else 0.5
            value = scale * float(np.vdot(d, d)) / n
            if not want_delta:
                return value, None
            d *= 2.0 * scale / n
            return value, self.out_activation.backward_from_output(y, d)
        if self.fused:
            value = loss.value_from_logits(z, T)
            return value, (loss.gradient_logits(y, T) if want_delta else None)
        value = loss.value(y, T)
        if not want_delta:
            return value, None
        return value, self.out_activation.backward_from_output(y, loss.gradient(y, T))

    # ----------------------------------------------------------------- backward
    def _bind(self, grad: np.ndarray) -> None:
        """Precompute gradient views into ``grad`` (done again only for a new buffer)."""
        backward = []
        for k, name, incoming, bias, act in reversed(self.layers):
            conns = []
            for src, src_name, w in incoming:
                conns.append((src, w, self.layout.weight(src_name, name).take(grad)))
            gb = self.layout.bias(name).take(grad) if bias is not None else None
            backward.append((k, tuple(conns), gb, act.backward_from_output))
        self._backward = tuple(backward)
        self._bound = grad
        if len(self._bindings) > 4:
            self._bindings.clear()
        self._bindings[id(grad)] = (grad, self._backward)

    def loss_and_grad(self, X: np.ndarray, T: np.ndarray, grad: np.ndarray | None):
        """Data loss and, if ``grad`` (shape of net.flat) is given, dL/dθ written into it.

        Returns (data loss, output activations y). Every entry of ``grad`` is
        overwritten (masked weights get 0).
        """
        acts, z = self.forward(X, keep_logits=self.fused)
        y = acts[-1]
        loss, delta = self.loss_and_output_delta(y, z, T, grad is not None)
        if grad is None:
            return loss, y
        if grad is not self._bound:
            # a trainer alternates between two buffers (see Trainer._step): keep both bindings
            known = self._bindings.get(id(grad))
            if known is not None and known[0] is grad:
                self._bound, self._backward = known
            else:
                self._bind(grad)
        das = [None] * self.n_layers
        last = self.n_layers - 1
        dot = np.dot
        batch = X.shape[0]
        if batch > self._ones.size:
            self._ones = np.ones(batch)
        ones = self._ones[:batch]
        for k, conns, gb, back in self._backward:
            if k != last:
                delta = back(acts[k], das[k])
            for src, w, gw in conns:
                dot(delta.T, acts[src], out=gw)
                if src:
                    da = delta.dot(w)
                    if das[src] is None:
                        das[src] = da
                    else:
                        das[src] += da
            if gb is not None:
                dot(ones, delta, out=gb)  # Σ over the batch rows, as one BLAS call
        if self.mask is not None:
            grad *= self.mask
        return loss, y
