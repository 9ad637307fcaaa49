"""The training half of the NumPy export (``core.export.numpy_script``): the source text of the
optimizer, of the end of an epoch (the shuffle, the validation loss, early stopping) and of
``train(steps)``, each written with the floating-point operations of ``core``'s optimizers and
``Trainer`` in the same order, so the exported script trains exactly as ``Trainer.run`` does.
"""

from __future__ import annotations

from .common import Structure, TrainingRows, no_data_guard


def optimizer_section(s: Structure) -> str:
    """``parameters()`` and ``optimizer_steps(grads)`` for the file's optimizer (``core.optimizers``)."""
    o = s.training.optimizer
    common = '''\
# ---------------------------------------------------------------- optimizer
def parameters():
    """Every trainable array by name: "W[s->t]" for a weight matrix, "b[layer]" for a bias."""
    named = {"W[" + key + "]": W for key, W in weights.items()}
    named.update({"b[" + name + "]": b for name, b in biases.items() if b is not None})
    return named

'''
    if o.name == "adam":
        return common + '''
# Adam (as torch.optim.Adam): m <- β1 m + (1 - β1) g; v <- β2 v + (1 - β2) g²;
# step = lr / (1 - β1^t) · m / (√v / √(1 - β2^t) + ε)
adam_m = {name: np.zeros_like(p) for name, p in parameters().items()}
adam_v = {name: np.zeros_like(p) for name, p in parameters().items()}
adam_t = 0


def optimizer_steps(grads):
    """The step Δ of every parameter (θ_new = θ - Δ)."""
    global adam_t
    adam_t += 1
    bias1 = 1 - BETA1**adam_t
    bias2 = 1 - BETA2**adam_t
    steps = {}
    for name, g in grads.items():
        adam_m[name] = BETA1 * adam_m[name] + (1 - BETA1) * g
        adam_v[name] = BETA2 * adam_v[name] + (1 - BETA2) * (g * g)
        denominator = np.sqrt(adam_v[name]) / math.sqrt(bias2) + EPS
        steps[name] = (LEARNING_RATE / bias1) * (adam_m[name] / denominator)
    return steps'''
    if o.momentum:
        rule = ("Nesterov: v <- μ v + g; step = lr (g + μ v)" if o.nesterov
                else "v <- μ v + g; step = lr v")
        update = ("LEARNING_RATE * (g + MOMENTUM * velocity[name])" if o.nesterov
                  else "LEARNING_RATE * velocity[name]")
        return common + f'''
# SGD with momentum (as torch.optim.SGD): {rule}
velocity = {{name: np.zeros_like(p) for name, p in parameters().items()}}


def optimizer_steps(grads):
    """The step Δ of every parameter (θ_new = θ - Δ)."""
    steps = {{}}
    for name, g in grads.items():
        velocity[name] = MOMENTUM * velocity[name] + g
        steps[name] = {update}
    return steps'''
    return common + '''
def optimizer_steps(grads):
    """Plain gradient descent: the step Δ = lr · g of every parameter (θ_new = θ - Δ)."""
    return {name: LEARNING_RATE * g for name, g in grads.items()}'''




_STATE = '''\
# ---------------------------------------------------------------- training state and the end of an epoch
rng = np.random.default_rng(SEED)
order = rng.permutation(len(X_TRAIN))  # this epoch's shuffle of the training samples
x_epoch, t_epoch = X_TRAIN[order], T_TRAIN[order]
cursor = 0  # where the next mini-batch starts in this epoch
step_count = 0
epoch = 0  # epochs completed
'''

_SHUFFLE = '''\
    epoch += 1
    order = rng.permutation(len(X_TRAIN))  # a new shuffle for the next epoch
    x_epoch, t_epoch = X_TRAIN[order], T_TRAIN[order]
    cursor = 0'''

_NO_VALIDATION = '''

def end_of_epoch():
    """Every training sample was used once: shuffle the rows for the next epoch. Returns None:
    no rows are held out for validation, so there is no validation loss and no early stopping."""
    global epoch, order, x_epoch, t_epoch, cursor
''' + _SHUFFLE

_VALIDATION = '''\
validation_losses = []  # the validation loss at the end of each epoch
best_loss = math.inf  # the lowest validation loss so far,
best_epoch = None  # the epoch it was measured at (the best epoch)
best_parameters = None  # and a copy of that epoch's weights and biases (when early stopping may restore them)
epochs_since_best = 0  # epochs since the best one without a lower validation loss


def validation_loss():
    """The loss on the held-out rows X_VAL, T_VAL with the current weights: one forward pass
    over all of them, the data loss only (no regularization term)."""
    with np.errstate(all="ignore"):  # a non-finite validation loss is a value here, not an error
        a, z = forward_pass(X_VAL)
        loss, _ = loss_and_delta(a[OUTPUT], z, T_VAL)
    return loss


def end_of_epoch():
    """Every training sample was used once: shuffle the rows for the next epoch, measure the
    validation loss, and apply early stopping. Returns why training stops here, or None.

    Early stopping: the epoch with the lowest validation loss so far is the best. When PATIENCE
    epochs have passed after it without a lower one, training stops (at epoch best + PATIENCE)
    and, if RESTORE_BEST, the weights and biases of the best epoch come back."""
    global epoch, order, x_epoch, t_epoch, cursor, best_loss, best_epoch, best_parameters, epochs_since_best
''' + _SHUFFLE + '''
    loss = validation_loss()
    validation_losses.append(loss)
    if loss < best_loss:  # a new best epoch
        best_loss, best_epoch, epochs_since_best = loss, epoch, 0
        if PATIENCE is not None and RESTORE_BEST:
            best_parameters = {name: p.copy() for name, p in parameters().items()}
        return None
    epochs_since_best += 1
    if PATIENCE is not None and epochs_since_best >= PATIENCE:
        restored = RESTORE_BEST and best_parameters is not None
        if restored:
            for name, p in parameters().items():
                p[...] = best_parameters[name]  # in place: back to the best epoch's values
        kept = f"the weights of epoch {best_epoch} were restored" if restored else \\
            f"the weights of epoch {epoch} were kept"
        if best_epoch is None:  # every validation loss so far overflowed (inf or NaN)
            return (f"early stopping: epoch {epoch}: the validation loss has not been a finite number for "
                    f"{epochs_since_best} epochs; {kept}")
        return (f"early stopping: epoch {epoch} is {epoch - best_epoch} epochs after the lowest validation "
                f"loss ({best_loss:.4g}, epoch {best_epoch}); {kept}")
    return None'''


def end_of_epoch_section(s: Structure, data: TrainingRows | None) -> str:
    """The training state and ``end_of_epoch()``: the shuffle for the next epoch and, with
    validation rows, the validation loss and early stopping as ``Trainer._end_epoch`` and
    ``Trainer._early_stopping`` do them."""
    if data is None or not len(data.X_val):
        return _STATE + _NO_VALIDATION
    return _STATE + _VALIDATION.replace("a[OUTPUT]", f"a[{s.output.name!r}]")


_TRAIN = '''\
# ---------------------------------------------------------------- training
def too_big(arrays):
    """True when an entry is not finite or beyond about 1e154 in size (where its square overflows)."""
    v = np.concatenate([np.ravel(x) for x in arrays])
    with np.errstate(over="ignore", invalid="ignore"):
        return not math.isfinite(float(v @ v))


def train(steps):
    """Run up to `steps` mini-batch steps, updating weights and biases in place.

    Each step: the next BATCH_SIZE rows of the epoch's shuffle (the last batch of an epoch
    may be smaller), the loss and gradients, then the optimizer's update; after the last
    batch of an epoch, end_of_epoch(). Returns (losses, why): the batch losses of the steps
    taken (regularization included) and why training stopped: "completed" after `steps`
    steps, or "early stopping: ..." (when and why) when early stopping ended it sooner.
    A non-finite loss, or a parameter or update beyond 1e154, stops training with
    FloatingPointError (the parameters keep the values of the last good step). Calling
    train again continues where it stopped."""
    global cursor, step_countGLOBALS
GUARDFRESH    losses = []
    for _ in range(steps):
        x = x_epoch[cursor : cursor + BATCH_SIZE]
        t = t_epoch[cursor : cursor + BATCH_SIZE]
        with np.errstate(all="ignore"):  # an overflow is reported below, as one clear error
            loss, grads = gradients(x, t)
        if not math.isfinite(loss):
            raise FloatingPointError(f"training stopped: the loss became {loss} at step {step_count + 1}; "
                                     "the learning rate may be too high")
        params = parameters()
        if too_big(params.values()):
            raise FloatingPointError(f"training stopped: a parameter is beyond 1e154 before step {step_count + 1}")
        with np.errstate(all="ignore"):
            steps_ = optimizer_steps(grads)
        if too_big(steps_.values()):
            raise FloatingPointError(f"training stopped: an update became non-finite or beyond 1e154 "
                                     f"at step {step_count + 1}; the learning rate may be too high")
        for name, step in steps_.items():
            params[name] -= step  # in place: weights and biases change
        step_count += 1
        losses.append(loss)
        cursor += BATCH_SIZE
        if cursor >= len(X_TRAIN):  # every training sample was used once: the epoch is over
            why = end_of_epoch()
            if why is not None:
                return losses, why
    return losses, "completed"'''


def train_section(data: TrainingRows | None, no_data) -> str:
    """``train(steps)``: ``Trainer.run(steps=...)`` written out (see ``_TRAIN``)."""
    names = fresh = ""
    if data is not None and len(data.X_val):
        # Trainer.run starts with clear_stop(): a new run counts its patience afresh
        names = ", epochs_since_best"
        fresh = "    epochs_since_best = 0  # each call counts the patience afresh, like a new run\n"
    return _TRAIN.replace("GLOBALS", names).replace("GUARD", no_data_guard(no_data)).replace("FRESH", fresh)
