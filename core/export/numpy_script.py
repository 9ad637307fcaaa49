"""Export a network as one standalone NumPy script a student can read, run and compare.

``numpy_script(net)`` returns the text of a ``.py`` file that needs only NumPy. It holds,
in this order: the weights and biases written with ``repr`` (bit-exact), the training
settings, the training data (the network's dataset split as ``Trainer`` splits it: the rows
it trains on and the rows it holds out for validation), the activations with their
derivatives, the forward pass layer by layer, the loss and dL/dz of the output layer, the
backward pass with the chain rule in comments, the regularization, the optimizer, the end
of an epoch (shuffle, validation loss, early stopping) and ``train(steps)``.

At module level the script defines:

* ``weights``: ``"<src>-><dst>"`` → array (units of dst, units of src), ``W[j, i]`` the edge
  from neuron i of src to neuron j of dst; ``biases``: layer name → (units,) or None;
* ``forward(x)``: (batch, n_in) → (batch, n_out); with input features n_in = 2 (the raw x₀, x₁)
  and ``input_features(x)`` computes the input layer's columns, as ``core.features`` does;
* ``train(steps)``: up to that many mini-batch steps with the file's optimizer, batch size,
  seed, shuffling, regularization and early stopping, updating ``weights``/``biases`` in
  place, as one ``Trainer.run(steps=...)``; returns ``(losses, why)``: the batch losses of
  the steps taken as ``Trainer.step`` reports them (data loss + penalty) and why it stopped,
  ``"completed"`` or ``"early stopping: "`` + ``Trainer.early_stop_message()``;
  ``validation_losses`` holds each epoch's validation loss.

Exactness: the generated code performs the same floating-point operations in the same
order as ``core``'s compiled plan (``core.plan``), optimizers and ``Trainer``: the same
sums of incoming connections, the same order of accumulating dL/da over outgoing
connections, the bias gradient as ``ones @ δ``, the activations' backward products
written from the output ``a``, the same shuffling (``default_rng(seed).permutation``
once per epoch), the validation loss as ``Trainer._end_epoch`` measures it (one forward
pass over every held-out row, data loss only) and the same early-stopping rule. So after
``train(N)`` the weights equal what ``backprop-studio train FILE --steps N`` saves, early
stopping included (the tests require 1e-12 relative; in practice they are equal bit for bit).
"""

from __future__ import annotations

from ..network import Network
from .common import (ExportError, Structure, TrainingRows, array_literal, comment, feature_expressions, inline,
                     main_block, number, settings_block, structure_and_data)
from .numpy_training import end_of_epoch_section, optimizer_section, train_section

# Each activation: (forward body, backward body, one-line math). The bodies are written with
# exactly the floating-point operations core.activations performs (forward_inplace and
# backward_from_output), so the numbers agree bit for bit.
ACTIVATION_CODE = {
    "identity": ("return z", "return da", "f(z) = z, f'(z) = 1"),
    "sigmoid": (
        "return 0.5 * (1.0 + np.tanh(0.5 * z))  # = 1 / (1 + e^(-z)), and never overflows",
        "return (a - a * a) * da  # f'(z) = a (1 - a) = a - a²",
        "f(z) = 1 / (1 + e^(-z))",
    ),
    "tanh": ("return np.tanh(z)", "return da - da * a * a  # f'(z) = 1 - a²", "f(z) = tanh z"),
    "relu": ("return np.maximum(z, 0.0)", "return da * (a > 0)  # f'(z) = 1 where z > 0, else 0 (also at 0)",
             "f(z) = max(0, z)"),
    "leaky_relu": (
        "return np.maximum(z, 0.01 * z)  # z where z > 0, else 0.01 z",
        "return np.where(a > 0, da, 0.01 * da)  # f'(z) = 1 where z > 0, else 0.01",
        "f(z) = z if z > 0 else 0.01 z",
    ),
    "softmax": (
        "e = np.exp(z - z.max(axis=1, keepdims=True))  # shifting by the row maximum avoids overflow\n"
        "    return e / e.sum(axis=1, keepdims=True)",
        "# the Jacobian of softmax is s_k (1[k = j] - s_j): dL/dz_j = s_j (dL/da_j - Σ_k dL/da_k s_k)\n"
        "    return (da - (da * a).sum(axis=1, keepdims=True)) * a",
        "f(z)_k = e^(z_k) / Σ_j e^(z_j)",
    ),
}


def numpy_script(net: Network) -> str:
    """The NumPy script for ``net`` (see the module docstring); ``ExportError`` if it cannot run."""
    s, data, no_data = structure_and_data(net)
    parts = [
        _header(s, data, no_data),
        _parameters(s),
        settings_block(s.training),
        _data(s, data, no_data),
        _activations(s),
        _input_features(s),
        _forward(s),
        _loss(s),
        _gradients(s),
        optimizer_section(s),
        end_of_epoch_section(s, data),
        train_section(data, no_data),
        main_block("    batch_losses, why = train(args.steps)"),
    ]
    return "\n\n".join(part.strip("\n") for part in parts if part) + "\n"


# ------------------------------------------------------------------------ sections
def _header(s: Structure, data, no_data) -> str:
    t = s.training
    title = comment(s.name or "an untitled network")
    description = comment(s.description) + "\n" if s.description.strip() else ""
    features = f", input features {', '.join(s.input_features)} of x1, x2" if s.input_features else ""
    shapes = " -> ".join([f"{s.input_name} ({s.input_units}{features})"]
                         + [f"{l.name} ({l.units}, {l.activation})" for l in s.layers])
    rows = f"{len(data.X)} training samples" if data is not None else "no training data"
    if data is not None and len(data.X_val):
        rows += f", {len(data.X_val)} held out for validation"
        if t.early_stopping_patience is not None:
            rows += f"; early stopping, patience {int(t.early_stopping_patience)}"
    return f'''\
{title}
# Exported from Backprop Studio as a standalone NumPy script (it needs nothing but NumPy).
{description}# Layers: {inline(shapes)}
# Loss: {t.loss}; optimizer: {_optimizer_words(t)}; batch size {t.batch_size}; {rows}.
"""A neural network written out in plain NumPy: its weights, forward pass, loss, backward pass and optimizer.

Conventions (shapes in parentheses):
* a batch is rows: x is (batch, units of the input layer);
* weights["s->t"] is (units of t, units of s): W[j, i] is the edge from neuron i of
  layer s to neuron j of layer t (the textbook w_ji);
* a layer sums every incoming connection: z = a_s1 @ W1.T + a_s2 @ W2.T + ... + b,
  then a = f(z);
* backward, with delta = dL/dz of a layer (batch, units):
  dL/dW = delta.T @ a_source, dL/db = sum of delta over the batch rows,
  dL/da_source = delta @ W (summed over every connection leaving the source).

Run `python {{this file}} --steps N` to train N mini-batch steps and print the final batch
loss, or import it: forward(x) computes the output, train(steps) trains in place and
returns (batch losses, why it stopped): "completed", or why early stopping ended it sooner.
"""

import argparse
import math

import numpy as np'''


def _optimizer_words(t) -> str:
    o = t.optimizer
    if o.name == "adam":
        return f"adam (learning rate {o.learning_rate!r}, betas {o.beta1!r}, {o.beta2!r}, eps {o.eps!r})"
    if o.momentum:
        kind = "nesterov momentum" if o.nesterov else "momentum"
        return f"sgd (learning rate {o.learning_rate!r}, {kind} {o.momentum!r})"
    return f"sgd (learning rate {o.learning_rate!r})"


def _parameters(s: Structure) -> str:
    lines = [
        "# ---------------------------------------------------------------- parameters (float64, exact)",
        "# weights[\"s->t\"][j, i]: the edge from neuron i of layer s to neuron j of layer t",
        "weights = {",
    ]
    for c in s.connections:
        lines.append(f"    {c.key!r}: {array_literal(c.weights, '    ')},")
    lines += ["}", "# biases[layer]: one number per neuron, or None for a layer without bias", "biases = {"]
    for layer in s.layers:
        value = "None" if layer.bias is None else array_literal(layer.bias, "    ")
        lines.append(f"    {layer.name!r}: {value},")
    lines.append("}")
    masked = [c for c in s.connections if c.mask is not None]
    lines.append("# masks[\"s->t\"]: 0 where an edge was removed; its weight is 0 and its gradient is")
    lines.append("# set to 0 every step, so it stays 0")
    if masked:
        lines.append("masks = {")
        for c in masked:
            lines.append(f"    {c.key!r}: {array_literal(c.mask, '    ')},")
        lines.append("}")
    else:
        lines.append("masks = {}  # no edge is removed")
    return "\n".join(lines)


def _data(s: Structure, data: TrainingRows | None, no_data) -> str:
    head = "# ---------------------------------------------------------------- training data"
    if data is None:
        return (f"{head}\n{comment('None: ' + no_data)}\n"
                f"X_TRAIN = np.zeros((0, {s.raw_inputs}))\nT_TRAIN = np.zeros((0, {s.output.units}))\n"
                f"X_VAL = np.zeros((0, {s.raw_inputs}))\nT_VAL = np.zeros((0, {s.output.units}))\n"
                f"NO_DATA = {no_data!r}")
    X, T = data.X, data.T
    fraction = s.training.validation_fraction
    held = f", after holding out {number(fraction)} of the samples for validation (seed {int(s.training.seed)})" \
        if len(data.X_val) else ""
    lines = [head,
             f"# the rows training uses{held}: inputs X_TRAIN (samples, {X.shape[1]}), "
             f"targets T_TRAIN (samples, {T.shape[1]})",
             f"X_TRAIN = {array_literal(X)}", f"T_TRAIN = {array_literal(T)}"]
    if len(data.X_val):
        lines += ["# the rows held out for validation: training never learns from them; their loss at the end of",
                  "# each epoch tells how well the network does on samples it has not seen (and drives early stopping)",
                  f"X_VAL = {array_literal(data.X_val)}", f"T_VAL = {array_literal(data.T_val)}"]
    else:
        lines += ["# no rows are held out for validation: no validation loss, no early stopping",
                  f"X_VAL = np.zeros((0, {X.shape[1]}))", f"T_VAL = np.zeros((0, {T.shape[1]}))"]
    lines.append("NO_DATA = None")
    return "\n".join(lines)


def _activations(s: Structure) -> str:
    used = []
    for layer in s.layers:
        if layer.activation not in used:
            used.append(layer.activation)
    out = ["# ---------------------------------------------------------------- activations and their derivatives"]
    for name in used:
        forward, backward, math_ = ACTIVATION_CODE[name]
        out.append(f'''
def {name}(z):
    """{math_}; z and the result are (batch, units)."""
    {forward}


def {name}_backward(a, da):
    """dL/dz from a = {name}(z) and dL/da (both (batch, units))."""
    {backward}
''')
    return "\n".join(out)


def _input_features(s: Structure) -> str:
    """The input features section (nothing without features)."""
    if s.input_features is None:
        return ""
    columns = feature_expressions(s.input_features, "x1", "x2", "np.sin")
    return "\n".join([
        "# ---------------------------------------------------------------- input features",
        f"# the input layer {inline(s.input_name)} takes these columns, computed from the two raw inputs",
        f"INPUT_FEATURES = {list(s.input_features)!r}",
        "",
        "",
        "def input_features(x):",
        f'    """The input layer\'s columns (batch, {s.input_units}) from the raw inputs x = (x1, x2): (batch, 2)."""',
        "    x1, x2 = x[:, 0], x[:, 1]",
        f"    return np.column_stack([{', '.join(columns)}])",
    ])


def _forward(s: Structure) -> str:
    first = "input_features(x)" if s.input_features is not None else "x"
    lines = [
        "# ---------------------------------------------------------------- forward pass",
        "def forward_pass(x):",
        '    """Every layer\'s output a (batch, units) for inputs x, and the output layer\'s z."""',
        f"    a = {{{s.input_name!r}: {first}}}",
    ]
    for layer in s.layers:
        terms = [f"a[{c.source!r}] @ weights[{c.key!r}].T" for c in layer.incoming]
        if layer.bias is not None:
            terms.append(f"biases[{layer.name!r}]")
        words = f"{layer.name} ({layer.units} unit{'s' if layer.units != 1 else ''}, {layer.activation})"
        lines.append(f"    # {inline(words)}: z = sum over incoming connections of a_source @ W.T"
                     + (" + b" if layer.bias is not None else " (no bias)"))
        lines.append(f"    z = {' + '.join(terms)}")
        lines.append(f"    a[{layer.name!r}] = {layer.activation}(z)")
    lines += [
        "    return a, z",
        "",
        "",
        "def forward(x):",
        f'    """The network\'s output for inputs x: (batch, {s.raw_inputs}) -> (batch, {s.output.units})."""',
        "    x = np.asarray(x, dtype=np.float64)",
        f"    if x.ndim == 1 and x.size == {s.raw_inputs}:",
        "        x = x[None, :]  # one sample",
        f"    if x.ndim != 2 or x.shape[1] != {s.raw_inputs}:",
        f'        raise ValueError(f"inputs must have shape (batch, {s.raw_inputs}); got {{x.shape}}")',
        "    a, _ = forward_pass(x)",
        f"    return a[{s.output.name!r}]",
    ]
    return "\n".join(lines)


def _loss(s: Structure) -> str:
    loss, act = s.training.loss, s.output.activation
    head = ["# ---------------------------------------------------------------- loss and its derivative",
            "def loss_and_delta(y, z, t):",]
    if loss in ("mse", "half_mse"):
        scale, doc = ("", "mean((y - t)²) over every output element") if loss == "mse" else \
            ("0.5 * ", "½·mean((y - t)²) over every output element")
        factor = "2.0" if loss == "mse" else "1.0"
        body = f'''\
    """L = {doc}; returns (L, delta = dL/dz of the output layer).

    y, t: (batch, units); z (the output's pre-activation) is not needed here."""
    d = y - t
    n = d.size
    loss = {scale}float(np.vdot(d, d)) / n
    dL_dy = d * ({factor} / n)  # dL/dy = {factor} (y - t) / n
    return loss, {act}_backward(y, dL_dy)  # chain rule: dL/dz = f'(z) · dL/dy'''
    elif loss == "binary_cross_entropy":  # structure() checked that the output is sigmoid
        body = '''\
    """Binary cross-entropy L = mean(-[t log y + (1 - t) log(1 - y)]) with y = sigmoid(z),
    computed from z (stable for any z): L = mean(max(z, 0) - z t + log(1 + e^(-|z|))).

    Sigmoid and this loss simplify together: dL/dz = (y - t) / n, n = number of output elements."""
    loss = float(np.mean(np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))))
    return loss, (y - t) / y.size'''
    elif loss == "cross_entropy":
        body = '''\
    """Cross-entropy L = mean over the batch of -Σ_k t_k log softmax(z)_k, from z with log-sum-exp:
    L = mean of (Σ_k t_k) logsumexp(z) - Σ_k t_k z_k.

    Softmax and this loss simplify together: dL/dz = (y Σ_k t_k - t) / batch."""
    m = z.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(z - m).sum(axis=1))
    loss = float(np.sum(t.sum(axis=1) * lse - (t * z).sum(axis=1)) / z.shape[0])
    return loss, (y * t.sum(axis=1, keepdims=True) - t) / y.shape[0]'''
    else:  # structure() validated the loss name
        raise ExportError(f"the {loss} loss cannot be exported")
    return "\n".join(head) + "\n" + body


def _gradients(s: Structure) -> str:
    out = s.output
    lines = [
        "# ---------------------------------------------------------------- backward pass (backpropagation)",
        "def gradients(x, t):",
        '    """The batch loss (regularization included) and dL/dθ of every parameter, by the chain rule.',
        "",
        '    Returns (loss, grads) with grads["W[s->t]"] shaped like weights["s->t"] and',
        '    grads["b[layer]"] like biases[layer]."""',
        "    a, z = forward_pass(x)",
        f"    loss, delta = loss_and_delta(a[{out.name!r}], z, t)  # delta = dL/dz of {inline(out.name)}",
        "    grads = {}",
        "    dL_da = {}  # dL/da of each hidden layer, summed over its outgoing connections",
    ]
    first = True
    seen_da: set[str] = set()
    for layer in reversed(s.layers):
        n = repr(layer.name)
        lines.append(f"    # layer {inline(layer.name)}")
        if not first:
            lines.append(f"    delta = {layer.activation}_backward(a[{n}], dL_da[{n}])"
                         f"  # chain rule: dL/dz = f'(z) · dL/da")
        first = False
        for c in layer.incoming:
            src = repr(c.source)
            lines.append(f"    grads[{'W[' + c.key + ']'!r}] = delta.T @ a[{src}]"
                         "  # dL/dw_ji = Σ_batch delta_j · a_i")
            if c.source != s.input_name:
                op = "+=" if c.source in seen_da else "="
                seen_da.add(c.source)
                lines.append(f"    dL_da[{src}] {op} delta @ weights[{c.key!r}]"
                             "  # dL/da_i = Σ_j delta_j · w_ji")
        if layer.bias is not None:
            lines.append(f"    grads[{'b[' + layer.name + ']'!r}] = np.ones(len(delta)) @ delta"
                         "  # dL/db_j = Σ_batch delta_j")
    masked = [c for c in s.connections if c.mask is not None]
    if masked:
        lines.append("    # removed edges: no gradient, so their weights stay 0")
        lines.append("    for key, mask in masks.items():")
        lines.append('        grads["W[" + key + "]"] *= mask')
    t = s.training
    if t.penalized:
        lines.append("    # regularization over every weight (not the biases)")
        lines.append("    w = np.concatenate([W.ravel() for W in weights.values()])")
        if t.regularization == "l2":
            lines.append("    loss += REGULARIZATION_RATE * 0.5 * float(w @ w)  # L2: rate·½Σw²")
            lines.append("    for key, W in weights.items():")
            lines.append('        grads["W[" + key + "]"] += REGULARIZATION_RATE * W  # d/dw of rate·½w² = rate·w')
        else:
            lines.append("    loss += REGULARIZATION_RATE * float(np.abs(w).sum())  # L1: rate·Σ|w|")
            lines.append("    for key, W in weights.items():")
            lines.append('        grads["W[" + key + "]"] += REGULARIZATION_RATE * np.sign(W)'
                         "  # d/dw of rate·|w| = rate·sign(w)")
    lines.append("    return loss, grads")
    return "\n".join(lines)
