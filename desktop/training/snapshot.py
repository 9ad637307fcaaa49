"""What the worker hands the GUI: a ``Snapshot`` of copies, and how to take one.

No Qt here. Every array in a snapshot is a copy the worker never writes to again
(fresh for each snapshot, except the output view's ``targets``, one array for the
whole session), so the GUI thread may read it at leisure while training goes on.

The output view (``OutputView``) is computed by the worker too (the GUI thread never
runs the network): for a network with two inputs, the output over a ``GRID``×``GRID``
grid covering the data (``grid``: (GRID, GRID, n_out), row = x2, column = x1, and
``bounds`` = ``core.datasets.plane_bounds``: (x1_min, x1_max, x2_min, x2_max));
otherwise the predictions for the first ``MAX_PREDICTIONS`` samples (``predictions``:
(n, n_out), matching ``targets``); and for a network with one input, also the output as a
curve over that input (``curve``: (CURVE_POINTS, n_out) at the evenly spaced ``curve_x`` from
``line_bounds``), which the panel draws through the samples (x, t).

For the canvas's neuron thumbnails, the same forward pass also gives every hidden and
output neuron's activation over the plane, on every ``THUMBNAIL_STRIDE``-th grid point
(``neurons``: {layer: (THUMBNAIL_GRID, THUMBNAIL_GRID, units)}, row = x2, column = x1),
for networks with at most ``MAX_THUMBNAIL_NEURONS`` such neurons. For a network with one
input, the thumbnails are curves: every such neuron's activation over ``THUMBNAIL_GRID``
evenly spaced x from ``line_bounds`` (``neurons``: {layer: (THUMBNAIL_GRID, units)}).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from core.datasets import axis_bounds, plane_bounds
from core.history import EPOCH_COLUMNS

GRID = 64
MAX_PREDICTIONS = 1000
THUMBNAIL_STRIDE = 2
THUMBNAIL_GRID = GRID // THUMBNAIL_STRIDE
#: a one-input network's output curve y(x) is computed at this many x (101: a smooth line at any panel size)
CURVE_POINTS = 101
#: thumbnails only for networks with at most this many hidden and output neurons
MAX_THUMBNAIL_NEURONS = 64


@dataclass
class OutputView:
    """The network's output for the output-map panel (see the module docstring)."""

    grid: np.ndarray | None = None  # (GRID, GRID, n_out)
    bounds: tuple[float, float, float, float] | None = None
    predictions: np.ndarray | None = None  # (n, n_out)
    targets: np.ndarray | None = None  # (n, n_out)
    neurons: dict | None = None  # {layer: (THUMBNAIL_GRID, THUMBNAIL_GRID, units)} activations a
    #: (or for one input {layer: (THUMBNAIL_GRID, units)}, a over ``line_bounds``'s x)
    curve_x: np.ndarray | None = None  # one input: (CURVE_POINTS,) x over ``line_bounds``
    curve: np.ndarray | None = None  # one input: (CURVE_POINTS, n_out) the output y at each ``curve_x``


@dataclass
class Snapshot:
    """Copies of one moment of a training session.

    ``session`` tells snapshots of different trainers apart; ``state`` is
    "running", or how the run ended: "paused", "completed", "epochs",
    "loss_threshold", "early_stopped", "diverged", "interrupted".
    Histories are the decimated buffers of ``core.History`` (bounded length).
    """

    session: int
    state: str
    step: int
    epoch: int
    parameters: np.ndarray
    #: dL/dθ of the last step (at step 0: of the next), and the running mean of |dL/dθ|; None in a running
    #: snapshot when the window draws neither (``messages.SetGradients``)
    gradient: np.ndarray | None
    gradient_magnitude: np.ndarray | None
    loss_steps: np.ndarray  # (k,) step numbers
    loss_values: np.ndarray  # (k,) batch loss
    epoch_numbers: np.ndarray  # (e,)
    epoch_values: np.ndarray  # (e, len(EPOCH_COLUMNS))
    trajectory_steps: np.ndarray  # (m,)
    trajectories: np.ndarray  # (m, len(watched))
    watched: np.ndarray  # indices into the flat parameters
    last_loss: float | None
    last_epoch: dict | None
    learning_rate: float
    batch_size: int
    steps_per_second: float
    message: str = ""
    output: OutputView | None = None
    #: at the end of a run: loss and accuracy on all training/validation data now (EpochStats fields)
    evaluation: dict | None = None
    #: True while ``evaluation`` (and for a network without neuron maps, ``output``) are still to
    #: come in the ``messages.Evaluated`` message that follows this finished snapshot (a big network)
    evaluation_pending: bool = False
    #: a finished run's key (``core.run_key``, 16 bytes): the process keeps the run's end (optimizer
    #: state, data order, counters) under it; the commit of its weights keeps the key for an Undo and Redo.
    #: None for running snapshots and step 0
    resume: object = None
    #: the document version the session held, and who asked for the run (see ``messages.Tag``)
    version: int = -1
    asker: str = ""
    #: (e,) the step at which each epoch of ``epoch_numbers`` ended (filled in by the worker)
    epoch_steps: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: loss and accuracy on all training/validation data before the session's first step
    #: (EpochStats fields; None for a very large dataset): the loss panel's points at step 0
    start_evaluation: dict | None = None
    #: dataset rows of the mini-batch the next step will use
    next_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.intp))
    #: "Loss is rising — learning rate too high? …" while the newest epoch loss clearly exceeds
    #: its best so far (``core.loss_watch.LossRiseWatch``, filled in by the session), else ""
    loss_warning: str = ""
    #: per step (k,), Σ|dL/dw| of each weight block (k, connections): ``core.History.block_gradient``
    block_gradient_steps: np.ndarray = field(default_factory=lambda: np.zeros(0))
    block_gradient_sums: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    #: the epoch whose weights ``parameters`` are because early stopping restored them
    #: (``core.Trainer.restored_epoch``), else None: the weights of the last step
    restored_epoch: int | None = None
    #: the step those restored weights are after (that epoch's last step), else None
    restored_step: int | None = None
    #: why and when early stopping ended the run whose end these weights are, in the trainer's words ('epoch 32 is
    #: 20 epochs after the lowest validation loss (0.2196, epoch 12); the weights of epoch 12 were restored'), also
    #: when that end is loaded again (a file that kept the run, an Undo back to it); '' when no early stop did
    early_stop: str = ""
    #: on the way from the training process only: the histories as what changed since the previous
    #: snapshot (``history_tails``); the window's receiver fills the history fields from them
    history_tails: dict | None = None

    @property
    def finished(self) -> bool:
        return self.state != "running"

    def epoch_column(self, name: str) -> np.ndarray:
        """One column of ``epoch_values`` by its name in ``EPOCH_COLUMNS``."""
        return self.epoch_values[:, EPOCH_COLUMNS.index(name)]


def take_snapshot(trainer, session: int, state: str, steps_per_second: float,
                  message: str = "", output: OutputView | None = None, copies: bool = True,
                  histories: bool = True, gradients: bool = True) -> Snapshot:
    """Copy what the panels need out of a ``core.Trainer``.

    ``copies=False``: the big arrays (parameters, gradient, the weight paths, the epochs, the block
    gradients) are views of the trainer's own, valid only until its next step: for a sender that
    copies the snapshot at once (the training process pickles it into shared memory before training
    on), so that each array is copied once instead of twice. ``histories=False``: the history fields
    are left empty (the training process sends them as ``history_tails``). ``gradients=False``: no
    ``gradient`` nor ``gradient_magnitude`` (None: a running snapshot for a window that draws neither)."""
    h = trainer.history
    last = trainer.last_epoch
    parameters = trainer.net.parameters() if copies else trainer.net.flat
    gradient = None
    if gradients:
        if trainer.step_count:
            gradient = h.latest_gradient.copy() if copies else h.latest_gradient
        else:
            gradient = _upcoming_gradient(trainer)
    if not histories:
        loss = epochs = trajectories = block = (np.zeros(0), np.zeros(0))
    else:
        loss = (h.step_loss.x, h.step_loss.data[:, 0])  # (new arrays: the buffer's two parts joined)
        buffers = (h.epochs, h.trajectories, h.block_gradient)
        epochs, trajectories, block = ((b.x, b.data) for b in buffers) if copies else (b.views() for b in buffers)
    return Snapshot(
        session=session,
        state=state,
        step=trainer.step_count,
        epoch=trainer.epoch,
        parameters=parameters,
        gradient=gradient,
        gradient_magnitude=h.gradient_magnitude if gradients else None,
        loss_steps=loss[0],
        loss_values=loss[1],
        epoch_numbers=epochs[0],
        epoch_values=epochs[1],
        trajectory_steps=trajectories[0],
        trajectories=trajectories[1],
        watched=h.watched.copy(),
        last_loss=None if trainer.last_loss is None else float(trainer.last_loss),
        last_epoch=None if last is None else dict(vars(last)),
        learning_rate=trainer.learning_rate,
        batch_size=trainer.batch_size,
        steps_per_second=float(steps_per_second),
        message=message,
        output=output,
        next_rows=trainer.next_batch_indices().copy(),
        block_gradient_steps=block[0],
        block_gradient_sums=block[1],
        restored_epoch=trainer.restored_epoch,
        restored_step=None if trainer.restored_epoch is None else trainer.best_step,
        early_stop=trainer.early_stop_message() if trainer.stop_reason == "early_stopped" else "",
    )


class OutputSampler:
    """Computes ``OutputView``s for one trainer (runs in the worker thread).

    The grid inputs (GRID², 2) are built once; each call is one forward pass.
    """

    def __init__(self, trainer):
        self.net = trainer.net
        data = trainer.dataset
        self.two_d = data.inputs.shape[1] == 2
        if self.two_d:
            self.bounds = plane_bounds(data.inputs)
            x1 = np.linspace(self.bounds[0], self.bounds[1], GRID)
            x2 = np.linspace(self.bounds[2], self.bounds[3], GRID)
            g1, g2 = np.meshgrid(x1, x2)  # row = x2, column = x1
            self.grid_inputs = np.c_[g1.ravel(), g2.ravel()]
            net = self.net
            neurons = sum(net.layer(name).units for name in net.order()[1:])
            self.thumbnails = neurons <= MAX_THUMBNAIL_NEURONS
        else:
            n = min(len(data), MAX_PREDICTIONS)
            self.inputs = data.inputs[:n]
            self.targets = data.targets[:n].copy()
            self.line_inputs = None  # one input: the x of the neurons' curves
            self.curve_inputs = None  # one input: the x of the output's curve
            if data.inputs.shape[1] == 1:
                self.curve_inputs = np.linspace(*line_bounds(data.inputs), CURVE_POINTS)[:, None]
            neurons = sum(self.net.layer(name).units for name in self.net.order()[1:])
            if data.inputs.shape[1] == 1 and neurons <= MAX_THUMBNAIL_NEURONS:
                lo, hi = line_bounds(data.inputs)
                self.line_inputs = np.linspace(lo, hi, THUMBNAIL_GRID)[:, None]

    @property
    def feeds_canvas(self) -> bool:
        """True when the views carry the canvas's neuron maps (``OutputView.neurons``)."""
        return (self.two_d and self.thumbnails) or (not self.two_d and self.line_inputs is not None)

    def __call__(self) -> OutputView:
        with np.errstate(all="ignore"):
            if self.two_d and self.thumbnails:
                values = self.net.forward_all(self.grid_inputs)
                s = THUMBNAIL_STRIDE
                neurons = {name: a.reshape(GRID, GRID, -1)[::s, ::s].copy()
                           for name, (z, a) in values.items() if z is not None}
                y = values[self.net.output_layer][1]
                return OutputView(grid=y.reshape(GRID, GRID, -1).copy(), bounds=self.bounds, neurons=neurons)
            if self.two_d:
                y = self.net.forward(self.grid_inputs)
                return OutputView(grid=y.reshape(GRID, GRID, -1).copy(), bounds=self.bounds)
            y = self.net.forward(self.inputs)
            curve_x = curve = None
            if self.curve_inputs is not None:
                curve_x, curve = self.curve_inputs[:, 0], self.net.forward(self.curve_inputs).copy()
            neurons = None
            if self.line_inputs is not None:
                values = self.net.forward_all(self.line_inputs)
                neurons = {name: a.copy() for name, (z, a) in values.items() if z is not None}
        return OutputView(predictions=y.copy(), targets=self.targets, neurons=neurons, curve_x=curve_x, curve=curve)


def line_bounds(inputs: np.ndarray) -> tuple[float, float]:
    """(x_min, x_max) a one-input network's curves cover: ``core.datasets.axis_bounds`` of the first
    column, as ``plane_bounds`` for two inputs (a one-sample lesson: the sample ± max(1, |x|))."""
    return axis_bounds(inputs[:, 0])


def _upcoming_gradient(trainer) -> np.ndarray:
    """Before the first step: the gradient the first step will use (so the heatmaps and the
    inspector show numbers before training), or zeros if it cannot be computed."""
    with np.errstate(all="ignore"):
        loss, grad = trainer.upcoming_gradient()
    return grad if np.isfinite(loss) and np.isfinite(grad).all() else np.zeros_like(grad)
