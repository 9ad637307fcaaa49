"""Export a network as a PyTorch script: ``class Net(torch.nn.Module)``, ``build_model()``, ``train``.

``pytorch_script(net)`` returns the text of a ``.py`` file (it needs torch and NumPy; this
module itself never imports torch). The script defines:

* ``class Net(nn.Module)``: float64; one weight parameter per connection, shaped like
  ``nn.Linear.weight`` (units of target, units of source), one bias parameter per layer
  that has one, and a 0/1 mask buffer per connection with removed edges. A layer's
  pre-activation is z = Σ_c a_src(c) @ (W_c ⊙ M_c).T + b; ``forward(x)``: (batch, n_in)
  → (batch, n_out); ``pre_activation(x)`` gives the output layer's z (logits); with input
  features n_in = 2 (the raw x₀, x₁) and ``input_features(x)`` computes the input layer's
  columns as ``core.features`` does;
* ``STATE``: the trained values (``repr``, bit-exact) and ``build_model()``, which
  returns ``Net()`` with them loaded;
* ``train(model, steps)``: the file's loss as the matching ``torch.nn`` loss, its
  optimizer as ``torch.optim.SGD``/``Adam`` (L2 as ``weight_decay`` on the weights, L1 as
  rate·Σ|W| added to the loss), the training data after the validation split, mini-batches
  in core's shuffle order (NumPy's ``default_rng(seed).permutation`` once per epoch), the
  validation loss at each epoch's end and core's early stopping (``Trainer._early_stopping``:
  stop P epochs after the best epoch, restoring its weights when the settings say so), as
  one ``Trainer.run(steps=...)``. Returns ``(losses, why)``: the batch losses of the steps
  taken (regularization included, as ``Trainer.step`` reports them) and ``"completed"`` or
  ``"early stopping: "`` + ``Trainer.early_stop_message()``. torch computes some losses with
  other (equally exact) formulas than core, so the numbers agree to rounding, not bit for bit.
"""

from __future__ import annotations

from ..network import Network
from .common import (Structure, TrainingRows, array_literal, comment, feature_expressions, identifiers, inline,
                     main_block, no_data_guard, settings_block, structure_and_data)

TORCH_ACTIVATION = {
    "identity": "{z}",
    "sigmoid": "torch.sigmoid({z})",
    "tanh": "torch.tanh({z})",
    "relu": "torch.relu({z})",
    "leaky_relu": "nn.functional.leaky_relu({z}, 0.01)",
    "softmax": "torch.softmax({z}, dim=1)",
}


def pytorch_script(net: Network) -> str:
    """The PyTorch script for ``net`` (see the module docstring); ``ExportError`` if it cannot run."""
    s, data, no_data = structure_and_data(net)
    w_names = identifiers([f"{c.source}_{c.target}" for c in s.connections], "w_")
    names = {c.key: w for c, w in zip(s.connections, w_names)}
    b_names = dict(zip([l.name for l in s.layers], identifiers([l.name for l in s.layers], "b_")))
    m_names = {c.key: "m" + names[c.key][1:] for c in s.connections if c.mask is not None}
    parts = [
        _header(s, data),
        _state(s, names, b_names, m_names),
        _data(s, data, no_data),
        _net_class(s, names, b_names, m_names),
        _loss(s),
        _train(s, names, no_data),
        main_block("    batch_losses, why = train(build_model(), args.steps)"),
    ]
    return "\n\n\n".join(part.strip("\n") for part in parts) + "\n"


def _header(s: Structure, data) -> str:
    rows = f"{len(data.X)} training samples" if data is not None else "no training data"
    if data is not None and len(data.X_val):
        rows += f", {len(data.X_val)} held out for validation"
        if s.training.early_stopping_patience is not None:
            rows += f"; early stopping, patience {int(s.training.early_stopping_patience)}"
    description = comment(s.description) + "\n" if s.description.strip() else ""
    return f'''\
{comment(s.name or "an untitled network")}
# Exported from Backprop Studio as a PyTorch script (float64), with the trained weights.
{description}# Loss: {s.training.loss}; optimizer: {s.training.optimizer.name}; {rows}.
"""A Backprop Studio network as a torch.nn.Module.

build_model() returns Net with the exported weights; model(x) maps (batch, n_in) to
(batch, n_out) in float64. train(model, steps) continues training with the network's
loss, optimizer, batch size, seed, regularization and early stopping, in the same
mini-batch order as Backprop Studio, and returns (batch losses, why it stopped). Run
`python {{this file}} --steps N` to train and print the final batch loss.

Shapes: a weight W of the connection s -> t is (units of t, units of s), like
nn.Linear.weight: W[j, i] is the edge from neuron i of s to neuron j of t. A layer sums
its incoming connections: z = a_s1 @ W1.T + a_s2 @ W2.T + ... + b; a = f(z). A removed
edge is a 0 in the connection's mask (a buffer), multiplied into W, so its weight
gets no gradient and stays 0.
"""

import argparse
import math

import numpy as np
import torch
from torch import nn'''


def _tensor(values, indent: str) -> str:
    return array_literal(values, indent, call="tensor")


def _state(s: Structure, names, b_names, m_names) -> str:
    lines = [
        "def tensor(values):",
        '    """A float64 tensor (every number below is written exactly)."""',
        "    return torch.tensor(values, dtype=torch.float64)",
        "",
        "",
        "# the trained parameters (and the masks of connections with removed edges)",
        "STATE = {",
    ]
    for c in s.connections:
        lines.append(f"    # {inline(c.source)} -> {inline(c.target)}: shape (units of target, units of source)")
        lines.append(f"    {names[c.key]!r}: {_tensor(c.weights, '    ')},")
    for layer in s.layers:
        if layer.bias is not None:
            lines.append(f"    {b_names[layer.name]!r}: {_tensor(layer.bias, '    ')},  # bias of {inline(layer.name)}")
    for c in s.connections:
        if c.mask is not None:
            lines.append(f"    {m_names[c.key]!r}: {_tensor(c.mask, '    ')},  # mask of {inline(c.key)}")
    lines.append("}")
    return "\n".join(lines)


def _data(s: Structure, data: TrainingRows | None, no_data) -> str:
    lines = [settings_block(s.training), ""]
    if data is None:
        lines += [comment("No training data: " + no_data),
                  f"X_TRAIN = torch.zeros((0, {s.raw_inputs}), dtype=torch.float64)",
                  f"T_TRAIN = torch.zeros((0, {s.output.units}), dtype=torch.float64)",
                  f"X_VAL = torch.zeros((0, {s.raw_inputs}), dtype=torch.float64)",
                  f"T_VAL = torch.zeros((0, {s.output.units}), dtype=torch.float64)",
                  f"NO_DATA = {no_data!r}"]
        return "\n".join(lines)
    lines += ["# the training rows (the dataset after the validation split): inputs, targets",
              f"X_TRAIN = {_tensor(data.X, '')}",
              f"T_TRAIN = {_tensor(data.T, '')}"]
    if len(data.X_val):
        lines += ["# the rows held out for validation (never trained on): their loss at each epoch's end "
                  "drives early stopping",
                  f"X_VAL = {_tensor(data.X_val, '')}",
                  f"T_VAL = {_tensor(data.T_val, '')}"]
    else:
        lines += ["# no rows are held out for validation: no validation loss, no early stopping",
                  f"X_VAL = torch.zeros((0, {s.raw_inputs}), dtype=torch.float64)",
                  f"T_VAL = torch.zeros((0, {s.output.units}), dtype=torch.float64)"]
    lines.append("NO_DATA = None")
    return "\n".join(lines)


def _net_class(s: Structure, names, b_names, m_names) -> str:
    features = f", input features {', '.join(s.input_features)} of x1, x2" if s.input_features else ""
    lines = [
        f"# {inline(s.input_name)} ({s.input_units}{features}) -> "
        + " -> ".join(f"{inline(l.name)} ({l.units}, {l.activation})" for l in s.layers),
        "class Net(nn.Module):",
        '    """The network as a torch module (float64); build_model() loads the exported weights."""',
        "",
        "    def __init__(self):",
        "        super().__init__()",
    ]
    for c in s.connections:
        rows, cols = c.weights.shape
        lines.append(f"        self.{names[c.key]} = nn.Parameter(torch.zeros({rows}, {cols}, dtype=torch.float64))"
                     f"  # {inline(c.key)}")
    for layer in s.layers:
        if layer.bias is not None:
            lines.append(f"        self.{b_names[layer.name]} = nn.Parameter(torch.zeros({layer.units}, "
                         f"dtype=torch.float64))  # bias of {inline(layer.name)}")
    for c in s.connections:
        if c.mask is not None:
            rows, cols = c.weights.shape
            lines.append(f"        self.register_buffer({m_names[c.key]!r}, torch.ones({rows}, {cols}, "
                         f"dtype=torch.float64))  # 0 = removed edge")
    if s.input_features is not None:
        columns = feature_expressions(s.input_features, "x1", "x2", "torch.sin")
        lines += [
            "",
            f"    INPUT_FEATURES = {list(s.input_features)!r}",
            "",
            "    def input_features(self, x):",
            f'        """The input layer\'s columns (batch, {s.input_units}) from the raw inputs x = (x1, x2): '
            '(batch, 2)."""',
            "        x1, x2 = x[:, 0], x[:, 1]",
            f"        return torch.stack([{', '.join(columns)}], dim=1)",
        ]
    first = "self.input_features(x)" if s.input_features is not None else "x"
    lines += [
        "",
        "    def pre_activation(self, x):",
        '        """The output layer\'s z (batch, n_out), before its activation (the logits)."""',
        f"        a = {{{s.input_name!r}: {first}}}",
    ]
    for layer in s.layers:
        terms = []
        for c in layer.incoming:
            w = f"self.{names[c.key]}" + (f" * self.{m_names[c.key]}" if c.mask is not None else "")
            terms.append(f"a[{c.source!r}] @ ({w}).T" if c.mask is not None else f"a[{c.source!r}] @ {w}.T")
        if layer.bias is not None:
            terms.append(f"self.{b_names[layer.name]}")
        lines.append(f"        z = {' + '.join(terms)}  # {inline(layer.name)}")
        if layer is not s.output:
            lines.append(f"        a[{layer.name!r}] = {TORCH_ACTIVATION[layer.activation].format(z='z')}")
    lines += [
        "        return z",
        "",
        "    def forward(self, x):",
        f'        """(batch, {s.raw_inputs}) -> (batch, {s.output.units})."""',
        f"        return {TORCH_ACTIVATION[s.output.activation].format(z='self.pre_activation(x)')}",
        "",
        "",
        "def build_model():",
        '    """Net with the exported (trained) weights loaded."""',
        "    model = Net()",
        "    model.load_state_dict(STATE)",
        "    return model",
    ]
    return "\n".join(lines)


def _loss(s: Structure) -> str:
    loss = s.training.loss
    if loss == "mse":
        body, doc = "return nn.functional.mse_loss(model(x), t)", "mean((y - t)²) (nn.MSELoss)"
    elif loss == "half_mse":
        body, doc = "return 0.5 * nn.functional.mse_loss(model(x), t)", "½·mean((y - t)²)"
    elif loss == "binary_cross_entropy":  # structure() checked that the output is sigmoid
        body = "return nn.functional.binary_cross_entropy_with_logits(model.pre_activation(x), t)"
        doc = "binary cross-entropy of sigmoid(z), from the logits z (nn.BCEWithLogitsLoss)"
    else:  # cross_entropy: structure() checked that the output is softmax
        body = "return nn.functional.cross_entropy(model.pre_activation(x), t)"
        doc = "mean over the batch of -Σ_k t_k log softmax(z)_k (nn.CrossEntropyLoss, probability targets)"
    return f'''\
def data_loss(model, x, t):
    """The {s.training.loss} loss of the batch: {doc}."""
    {body}'''


def _train(s: Structure, names, no_data) -> str:
    o, t = s.training.optimizer, s.training
    weights = ", ".join(f"model.{names[c.key]}" for c in s.connections)
    if o.name == "adam":
        make = "torch.optim.Adam(groups, lr=LEARNING_RATE, betas=(BETA1, BETA2), eps=EPS)"
    else:
        make = "torch.optim.SGD(groups, lr=LEARNING_RATE, momentum=MOMENTUM, nesterov=NESTEROV)"
    l2 = "REGULARIZATION_RATE" if t.regularization == "l2" else "0.0"
    return (_TRAIN.replace("WEIGHTS", weights).replace("MAKE_OPTIMIZER", make).replace("L2_RATE", l2)
            .replace("GUARD", no_data_guard(no_data)))


_TRAIN = '''\
def weight_parameters(model):
    """The weight matrices (regularization applies to these, not to the biases)."""
    return [WEIGHTS]


def penalty(model):
    """The regularization term added to the loss."""
    if REGULARIZATION == "l1":
        return REGULARIZATION_RATE * sum(w.abs().sum() for w in weight_parameters(model))
    if REGULARIZATION == "l2":
        return REGULARIZATION_RATE * 0.5 * sum((w * w).sum() for w in weight_parameters(model))
    return torch.zeros((), dtype=torch.float64)


def mini_batches():
    """Endless (x, t, last) mini-batches in Backprop Studio's order: each epoch a seeded shuffle of
    the rows; last is True for the last batch of an epoch."""
    rng = np.random.default_rng(SEED)
    while True:
        order = torch.from_numpy(rng.permutation(len(X_TRAIN)))
        x_epoch, t_epoch = X_TRAIN[order], T_TRAIN[order]
        for start in range(0, len(X_TRAIN), BATCH_SIZE):
            end = start + BATCH_SIZE
            yield x_epoch[start:end], t_epoch[start:end], end >= len(X_TRAIN)


class TrainingState:
    """What train() carries from one call to the next, kept on the model as model.training_state:
    the optimizer (with its momentum or Adam moments), the mini-batches, and early stopping's
    bookkeeping."""

    def __init__(self, model):
        weights = weight_parameters(model)
        others = [p for p in model.parameters() if all(p is not w for w in weights)]
        # L2 is PyTorch's weight_decay (gradient rate·w), on the weights only
        groups = [{"params": weights, "weight_decay": L2_RATE}, {"params": others, "weight_decay": 0.0}]
        groups = [group for group in groups if group["params"]]
        self.optimizer = MAKE_OPTIMIZER
        self.batches = mini_batches()
        self.epoch = 0  # epochs completed
        self.validation_losses = []  # the validation loss at the end of each epoch
        self.best_loss = math.inf  # the lowest validation loss so far,
        self.best_epoch = None  # the epoch it was measured at (the best epoch)
        self.best_state = None  # and a copy of that epoch's parameters (when early stopping may restore them)
        self.epochs_since_best = 0  # epochs since the best one without a lower validation loss


def end_of_epoch(model, state):
    """Every training sample was used once: measure the validation loss (the data loss on X_VAL,
    T_VAL, no regularization) and apply early stopping. Returns why training stops here, or None.

    Early stopping: the epoch with the lowest validation loss so far is the best. When PATIENCE
    epochs have passed after it without a lower one, training stops (at epoch best + PATIENCE)
    and, if RESTORE_BEST, the parameters of the best epoch come back."""
    state.epoch += 1
    if len(X_VAL) == 0:
        return None  # no rows are held out: no validation loss, no early stopping
    with torch.no_grad():
        loss = float(data_loss(model, X_VAL, T_VAL))
    state.validation_losses.append(loss)
    if loss < state.best_loss:  # a new best epoch
        state.best_loss, state.best_epoch, state.epochs_since_best = loss, state.epoch, 0
        if PATIENCE is not None and RESTORE_BEST:
            state.best_state = {name: p.detach().clone() for name, p in model.named_parameters()}
        return None
    state.epochs_since_best += 1
    if PATIENCE is not None and state.epochs_since_best >= PATIENCE:
        restored = RESTORE_BEST and state.best_state is not None
        if restored:
            with torch.no_grad():
                for name, p in model.named_parameters():
                    p.copy_(state.best_state[name])  # back to the best epoch's values
        kept = f"the weights of epoch {state.best_epoch} were restored" if restored else \\
            f"the weights of epoch {state.epoch} were kept"
        if state.best_epoch is None:  # every validation loss so far overflowed (inf or NaN)
            return (f"early stopping: epoch {state.epoch}: the validation loss has not been a finite number "
                    f"for {state.epochs_since_best} epochs; {kept}")
        return (f"early stopping: epoch {state.epoch} is {state.epoch - state.best_epoch} epochs after the "
                f"lowest validation loss ({state.best_loss:.4g}, epoch {state.best_epoch}); {kept}")
    return None


def train(model, steps):
    """Train `model` in place for up to `steps` mini-batch steps; returns (losses, why): the batch
    losses of the steps taken (regularization included) and why training stopped: "completed"
    after `steps` steps, or "early stopping: ..." (when and why) when it stopped sooner. Calling
    it again continues where the last call stopped (model.training_state), counting the
    early-stopping patience afresh."""
GUARD    if getattr(model, "training_state", None) is None:
        model.training_state = TrainingState(model)
    state = model.training_state
    state.epochs_since_best = 0  # each call counts the patience afresh, like a new run
    losses = []
    for _ in range(steps):
        x, t, last_of_epoch = next(state.batches)
        state.optimizer.zero_grad()
        loss = data_loss(model, x, t)
        if REGULARIZATION == "l1":
            loss = loss + penalty(model)  # d/dw of rate·|w| = rate·sign(w)
        loss.backward()
        with torch.no_grad():  # the reported loss includes the L2 term that weight_decay stands for
            reported = float(loss.detach()) + (float(penalty(model)) if REGULARIZATION == "l2" else 0.0)
        if not np.isfinite(reported):
            raise FloatingPointError(f"training stopped: the loss became {reported}")
        state.optimizer.step()
        losses.append(reported)
        if last_of_epoch:
            why = end_of_epoch(model, state)
            if why is not None:
                return losses, why
    return losses, "completed"'''
