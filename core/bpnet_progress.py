"""The optional ``progress`` section of a ``.bpnet`` file: the training run that left the file's weights.

With it, a saved network opens where its run stopped (``Network.progress``, a ``core.resume.SavedRun``) and
training goes on exactly as if it had never stopped (``Trainer.resume``): the step and epoch counters, the
optimizer's state (SGD with momentum: the velocity v, (P,); Adam: m and v, (P,) each, and its step count t),
the shuffling generator's state, this epoch's shuffle (n_train,) and how far through it the run is, and the
recorded histories the Loss panel and the weight trajectories draw (bounded: the newest 2048 batch losses in
full and 2048 older ones thinned, 2048 epochs thinned, the trajectories thinned to at most
``MAX_TRAJECTORY_VALUES`` numbers). All JSON numbers; a 128-bit generator state is written as decimal text.

``progress_to_dict`` writes it when ``net.progress`` still fits the network (``core.resume.keeps_run``: its
weights bit for bit, structure, run settings and dataset); after an edit of any of them it is left out.
``read_progress`` checks every field strictly (``NetworkFileError`` naming the field and index): a section
whose sizes do not match the network (its P weights and biases, its training rows) is refused with words,
never half-used. The latest gradient dL/dθ and the running mean of |dL/dθ| are kept ((P,) each), so that a
reopened run's gradient heatmaps and its "every dL/dw is 0" warning read the run's last step, not zeros; and
early stopping's memory (``early_stopping``: the best epoch, its step, validation loss and weights, the epochs
since, the epoch restored), so that a reopened run stops and restores as it would have straight, and its captions
say "the weights of epoch 12 (restored: after step 24)" again.
"""

from __future__ import annotations

import numpy as np

from .datasets import split_indices
from .history import DecimatingBuffer, History, RecentBuffer, thinned
from .jsonchecks import Checker, is_number, join
from .resume import EarlyStopping, ResumeState, RunProgress, SavedRun, keeps_run, run_key
from .task import is_classifier

#: the history capacity the window's and the command line's trainers use (``Trainer(history_capacity=…)``)
HISTORY_CAPACITY = 2048
#: at most this many numbers of weight trajectories are written (rows thinned as the buffer thins them)
MAX_TRAJECTORY_VALUES = 65536
MAX_COUNT = 2**53
_WORD = 2**128
_EPOCH_FIELDS = ("train_loss", "validation_loss", "train_accuracy", "validation_accuracy", "penalty")


# ---------------------------------------------------------------------- writing
def progress_to_dict(net) -> dict | None:
    """The ``progress`` section for ``net`` (None: it has no run, or ``net.progress`` no longer fits it)."""
    if not keeps_run(net):
        return None
    state, run = net.progress.state, net.progress.progress
    history = run.history
    doc = {"step": int(run.step_count), "epoch": int(run.epoch), "last_loss": _number(run.last_loss),
           "last_epoch": None if run.last_epoch is None else
           {"epoch": int(run.last_epoch.epoch), **{k: _number(getattr(run.last_epoch, k)) for k in _EPOCH_FIELDS}},
           "optimizer": _optimizer_to_dict(state),
           "shuffle": _shuffle_to_dict(state),
           "history": {"watched": [int(i) for i in history.watched],
                       "gradient": history.latest_gradient.tolist(),
                       "gradient_magnitude": history.gradient_magnitude.tolist(),
                       "step_loss": {"older": _buffer(history.step_loss.older),
                                     "recent": _recent(history.step_loss)},
                       "epochs": _buffer(history.epochs),
                       "trajectories": _buffer(history.trajectories,
                                               MAX_TRAJECTORY_VALUES // max(1, len(history.watched))),
                       "block_gradient": _buffer(history.block_gradient,
                                                 MAX_TRAJECTORY_VALUES // history.block_gradient.width)}}
    if run.early is not None:
        doc["early_stopping"] = _early_to_dict(run.early)
    if run.extra is not None:
        epoch_steps, start = run.extra
        doc["epoch_steps"] = _buffer(epoch_steps)
        doc["start"] = None if start is None else {k: _number(start.get(k)) for k in ("epoch", *_EPOCH_FIELDS)}
    return doc


def _early_to_dict(early: EarlyStopping) -> dict:
    return {"best_epoch": early.best_epoch, "best_step": early.best_step,
            "best_validation_loss": _number(early.best_validation),
            "best_weights": None if early.best_params is None else early.best_params.tolist(),
            "epochs_since_best": int(early.epochs_since_best), "restored_epoch": early.restored_epoch}


def _number(x):
    """A finite float, or None for None, NaN or ±inf (not measured, or not a number a file holds)."""
    return None if x is None or not np.isfinite(x) else float(x)


def _rows(a: np.ndarray) -> list:
    return [[_number(v) for v in row] for row in a]


def _buffer(buffer, max_rows: int = HISTORY_CAPACITY) -> dict:
    x, data, stride = thinned(buffer.x, buffer.data, buffer.stride, max(1, min(max_rows, HISTORY_CAPACITY)))
    return {"stride": int(stride), "seen": int(buffer.seen), "x": x.tolist(), "values": _rows(data)}


def _recent(buffer: RecentBuffer) -> dict:
    x, data = buffer.newest(buffer.recent_count)
    return {"appended": int(buffer.appended), "x": x.tolist(), "values": _rows(data)}


def _optimizer_to_dict(state: ResumeState) -> dict:
    s = state.optimizer_state
    if state.optimizer == "adam":
        return {"m": s["m"].tolist(), "v": s["v"].tolist(), "t": int(s["t"])}
    return {"velocity": None if s["velocity"] is None else s["velocity"].tolist()}


def _shuffle_to_dict(state: ResumeState) -> dict:
    rng = state.rng
    return {"generator": {"bit_generator": rng["bit_generator"], "state": str(rng["state"]["state"]),
                          "inc": str(rng["state"]["inc"]), "has_uint32": int(rng["has_uint32"]),
                          "uinteger": int(rng["uinteger"])},
            "order": [int(i) for i in state.order], "cursor": int(state.cursor),
            "loss_sum": float(state.epoch_loss_sum), "penalty_sum": float(state.epoch_penalty_sum),
            # the outputs of this epoch's batches so far: the rows past the cursor are not yet trained (not numbers)
            "outputs": None if state.epoch_outputs is None else state.epoch_outputs[: state.cursor].tolist()}


# ---------------------------------------------------------------------- reading
def read_progress(c: Checker, raw, place: str, net) -> SavedRun | None:
    """The ``SavedRun`` the ``progress`` section ``raw`` describes for ``net`` (built, with its training settings
    and dataset), None when there is none; ``NetworkFileError`` naming the field when it is not valid."""
    if raw is None:
        return None
    c.obj(raw, place, "an object with the training run's progress ({\"step\": ..., ...})")
    history = raw.get("history")
    if isinstance(history, dict) and "gradient" not in history and "gradient_magnitude" not in history:
        return None  # written before the latest gradient was kept: its run would read dL/dθ = 0 (opens at step 0)
    if net.dataset is None:
        c.fail(place, "the network has no dataset, so no training run can go on from here (remove \"progress\")")
    problems = net.dataset_problems(net.dataset)
    if problems:
        c.fail(place, "the dataset does not fit the network (" + "; ".join(problems) + "), so no run can go on")
    n_params, settings = net.flat.size, net.training
    train_rows, _ = split_indices(len(net.dataset), settings.validation_fraction, settings.seed)
    n_train = len(train_rows)
    step = c.integer(c.required(raw, "step", place), join(place, "step"), 0, MAX_COUNT)
    epoch = c.integer(c.required(raw, "epoch", place), join(place, "epoch"), 0, step)
    last_loss = _optional_number(c, raw.get("last_loss"), join(place, "last_loss"))
    last_epoch = _read_epoch_stats(c, raw.get("last_epoch"), join(place, "last_epoch"), epoch)
    optimizer = _read_optimizer(c, c.required(raw, "optimizer", place), join(place, "optimizer"), settings, n_params)
    outputs_shape = (n_train, net.dataset.targets.shape[1]) if is_classifier(net, net.dataset) else None
    shuffle = c.obj(c.required(raw, "shuffle", place), join(place, "shuffle"))
    state = _read_shuffle(c, shuffle, join(place, "shuffle"), n_train, outputs_shape, net, optimizer)
    history = _read_history(c, c.required(raw, "history", place), join(place, "history"), net, step, epoch)
    extra = None
    if "epoch_steps" in raw or "start" in raw:
        kept = _read_buffer(c, c.required(raw, "epoch_steps", place), join(place, "epoch_steps"), HISTORY_CAPACITY, 1)
        epoch_steps = DecimatingBuffer(HISTORY_CAPACITY, 1)
        epoch_steps.restore(kept.x, kept.data, kept.stride, kept.seen)
        start = raw.get("start")
        if start is not None:
            start_place = join(place, "start")
            c.obj(start, start_place)
            start = {k: _optional_number(c, start.get(k), join(start_place, k)) for k in ("epoch", *_EPOCH_FIELDS)}
            start["epoch"] = int(start["epoch"] or 0)
        extra = (epoch_steps, start)
    early = _read_early(c, raw.get("early_stopping"), join(place, "early_stopping"), n_params, step, epoch)
    return SavedRun(state, RunProgress(step, epoch, last_loss, last_epoch, history, extra, early), run_key(net))


def _read_early(c: Checker, raw, place: str, n_params: int, step: int, epoch: int) -> EarlyStopping | None:
    """Early stopping's memory of the run (its best epoch, the step it ended at, its validation loss and weights,
    the epochs since, the epoch restored), None when the section has none."""
    if raw is None:
        return None
    c.obj(raw, place)

    def whole(key, top, optional=True):
        value = raw.get(key) if optional else c.required(raw, key, place)
        return None if value is None else c.integer(value, join(place, key), 0, top)

    best_epoch, best_step = whole("best_epoch", epoch), whole("best_step", step)
    loss = _optional_number(c, raw.get("best_validation_loss"), join(place, "best_validation_loss"))
    weights = raw.get("best_weights")
    if weights is not None:
        weights = c.vector(weights, join(place, "best_weights"), n_params,
                           "numbers (the best epoch's weights and biases)")
    restored = whole("restored_epoch", epoch)
    if restored is not None and restored != best_epoch:
        c.fail(join(place, "restored_epoch"), f"expected the best epoch ({best_epoch}): early stopping restores "
                                              f"its weights, found {restored}")
    return EarlyStopping(np.inf if loss is None else loss, best_epoch, best_step, weights,
                         whole("epochs_since_best", epoch, optional=False), restored)


def _optional_number(c: Checker, value, place: str) -> float | None:
    return None if value is None else c.number(value, place)


def _read_epoch_stats(c: Checker, raw, place: str, epoch: int):
    if raw is None:
        return None
    from .training import EpochStats  # (core.training imports core.resume; read here, not at import)
    c.obj(raw, place)
    stats = EpochStats(c.integer(c.required(raw, "epoch", place), join(place, "epoch"), 0, epoch),
                       c.number(c.required(raw, "train_loss", place), join(place, "train_loss")))
    for key in _EPOCH_FIELDS[1:]:
        setattr(stats, key, _optional_number(c, raw.get(key), join(place, key)))
    return stats


def _read_optimizer(c: Checker, raw, place: str, settings, n_params: int) -> dict:
    c.obj(raw, place)
    what = "numbers (one per weight and bias of the network)"
    if settings.optimizer.name == "adam":
        return {"m": c.vector(c.required(raw, "m", place), join(place, "m"), n_params, what),
                "v": _non_negative(c, c.vector(c.required(raw, "v", place), join(place, "v"), n_params, what),
                                   join(place, "v")),
                "t": c.integer(c.required(raw, "t", place), join(place, "t"), 0, MAX_COUNT)}
    velocity = raw.get("velocity")
    momentum = settings.optimizer.momentum
    if (velocity is None) != (momentum == 0):
        expected = f"a list of {n_params} {what}" if momentum else "null (plain SGD keeps no velocity)"
        c.fail(join(place, "velocity"), f"the file's SGD has momentum {momentum:g}: expected {expected}, "
                                        f"found {'null' if velocity is None else 'a velocity'}")
    return {"velocity": None if velocity is None else c.vector(velocity, join(place, "velocity"), n_params, what)}


def _non_negative(c: Checker, v: np.ndarray, place: str, what: str = "a mean of squared gradients") -> np.ndarray:
    bad = np.flatnonzero(v < 0)
    if len(bad):
        c.fail(join(place, int(bad[0])), f"expected a number ≥ 0 ({what}), found {v[bad[0]]!r}")
    return v


def _read_shuffle(c: Checker, raw: dict, place: str, n_train: int, outputs_shape, net, optimizer) -> ResumeState:
    gen_place = join(place, "generator")
    gen = c.obj(c.required(raw, "generator", place), gen_place)
    c.choice(c.required(gen, "bit_generator", gen_place), join(gen_place, "bit_generator"), ("PCG64",),
             "random generator")
    words = {key: _big_word(c, c.required(gen, key, gen_place), join(gen_place, key)) for key in ("state", "inc")}
    rng = {"bit_generator": "PCG64", "state": words,
           "has_uint32": c.integer(gen.get("has_uint32", 0), join(gen_place, "has_uint32"), 0, 1),
           "uinteger": c.integer(gen.get("uinteger", 0), join(gen_place, "uinteger"), 0, 2**32 - 1)}
    order_place = join(place, "order")
    order = c.seq(c.required(raw, "order", place), order_place, f"a list of {n_train} row numbers")
    if len(order) != n_train:
        c.fail(order_place, f"expected {n_train} row numbers (one per training row of the dataset), found {len(order)}")
    seen = np.zeros(n_train, dtype=bool)
    for k, i in enumerate(order):
        c.integer(i, join(order_place, k), 0, n_train - 1)
        if seen[i]:
            c.fail(join(order_place, k), f"row {i} is listed twice (the shuffle lists every training row once)")
        seen[i] = True
    cursor = c.integer(c.required(raw, "cursor", place), join(place, "cursor"), 0, n_train - 1)
    outputs = raw.get("outputs")
    if (outputs is None) != (outputs_shape is None):
        c.fail(join(place, "outputs"), "expected " + ("null (the network is not a classifier)" if outputs_shape is None
               else f"{outputs_shape[0]} rows of {outputs_shape[1]} outputs (a classifier's epoch so far)")
               + f", found {'null' if outputs is None else 'rows'}")
    if outputs is not None:  # the rows of the epoch's batches trained so far; the rest are trained before they count
        trained = c.matrix(outputs, join(place, "outputs"), cursor, outputs_shape[1],
                           "one per training row of this epoch so far (the cursor)", "one per output neuron")
        outputs = np.zeros(outputs_shape)
        outputs[:cursor] = trained
    return ResumeState(net.parameters(), net.training.optimizer.name, optimizer, rng, np.asarray(order, dtype=np.intp),
                       cursor, c.number(c.required(raw, "loss_sum", place), join(place, "loss_sum")),
                       c.number(raw.get("penalty_sum", 0.0), join(place, "penalty_sum")), outputs)


def _big_word(c: Checker, value, place: str) -> int:
    """A 128-bit whole number written as decimal text."""
    if not isinstance(value, str) or not value.isdigit() or len(value) > 39 or int(value) >= _WORD:
        c.fail(place, f"expected a whole number from 0 to 2**128 − 1 written as text in quotes, found "
                      f"{value!r}" if isinstance(value, str) else f"expected text in quotes, found {value!r}")
    return int(value)


def _read_history(c: Checker, raw, place: str, net, step: int, epoch: int) -> History:
    c.obj(raw, place)
    n_params = net.flat.size
    watched_place = join(place, "watched")
    watched = c.seq(c.required(raw, "watched", place), watched_place, "a list of parameter numbers",
                    max_items=n_params)
    for k, i in enumerate(watched):
        c.integer(i, join(watched_place, k), 0, n_params - 1)
    starts = [block.start for block in net.parameter_layout().weight_blocks]
    history = History(n_params, net.n_weights, np.asarray(watched, dtype=np.intp), HISTORY_CAPACITY,
                      weight_starts=starts)
    history.steps = step
    loss_place = join(place, "step_loss")
    loss = c.obj(c.required(raw, "step_loss", place), loss_place)
    older = _read_buffer(c, c.required(loss, "older", loss_place), join(loss_place, "older"),
                         history.step_loss.older.capacity, 1)
    history.step_loss.older.restore(older.x, older.data, older.stride, older.seen)
    recent_place = join(loss_place, "recent")
    recent = c.obj(c.required(loss, "recent", loss_place), recent_place)
    x, values = _read_rows(c, recent, recent_place, history.step_loss.recent, 1)
    appended = c.integer(c.required(recent, "appended", recent_place), join(recent_place, "appended"), 0, step)
    try:
        history.step_loss.restore_recent(x, values, appended)
    except ValueError as exc:
        c.fail(recent_place, f"these rows cannot follow the older ones: {exc}")
    what = "numbers (dL/dθ: one per weight and bias of the network)"
    gradient = c.vector(c.required(raw, "gradient", place), join(place, "gradient"), n_params, what)
    magnitude = _non_negative(c, c.vector(c.required(raw, "gradient_magnitude", place),
                                          join(place, "gradient_magnitude"), n_params, what),
                              join(place, "gradient_magnitude"), "a mean of |dL/dθ|")
    history.restore_gradients(gradient, magnitude)
    for key, buffer in (("epochs", history.epochs), ("trajectories", history.trajectories),
                        ("block_gradient", history.block_gradient)):
        kept = _read_buffer(c, c.required(raw, key, place), join(place, key), buffer.capacity, buffer.width)
        buffer.restore(kept.x, kept.data, kept.stride, kept.seen)
    return history


def _read_rows(c: Checker, raw: dict, place: str, max_rows: int, width: int):
    """(x (k,), values (k, width)) of a kept buffer's rows; a null value is NaN (not measured, or not finite)."""
    x = c.seq(c.required(raw, "x", place), join(place, "x"), "a list of steps", max_items=max_rows)
    x = c.vector(x, join(place, "x"), len(x), "steps")
    values_place = join(place, "values")
    values = c.seq(c.required(raw, "values", place), values_place, "a list of rows")
    if len(values) != len(x):
        c.fail(values_place, f"expected {len(x)} rows (one per step in x), found {len(values)}")
    out = np.full((len(x), width), np.nan)
    for j, row in enumerate(values):
        row_place = join(values_place, j)
        c.seq(row, row_place, f"a row of {width} numbers")
        if len(row) != width:
            c.fail(row_place, f"expected {width} numbers, found {len(row)}")
        for i, v in enumerate(row):
            if v is None:
                continue
            if not is_number(v):
                c.not_a_number(v, join(row_place, i))
            out[j, i] = v
    return x, out


class _Kept:
    def __init__(self, x, data, stride, seen):
        self.x, self.data, self.stride, self.seen = x, data, stride, seen


def _read_buffer(c: Checker, raw, place: str, capacity: int, width: int):
    c.obj(raw, place)
    x, data = _read_rows(c, raw, place, capacity, width)
    stride = c.integer(c.required(raw, "stride", place), join(place, "stride"), 1, MAX_COUNT)
    seen = c.integer(c.required(raw, "seen", place), join(place, "seen"), 0, MAX_COUNT)
    if stride & (stride - 1) or len(x) != -(-seen // stride):
        c.fail(place, f"{len(x)} rows cannot be what is kept of {seen} with every {stride}th kept "
                      "(the stride is a power of 2, and the rows are every stride-th of those seen)")
    return _Kept(x, data, stride, seen)
