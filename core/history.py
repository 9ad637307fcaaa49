"""Bounded recordings of a training run, cheap enough to take every step.

A ``DecimatingBuffer`` keeps at most ``capacity`` rows of an endless series: it
records every ``stride``-th sample; when full it keeps every other row and
doubles the stride. Memory is fixed at creation, however long training runs,
and the kept rows always span the whole run evenly. A ``RecentBuffer`` keeps the
newest rows in full and thins only the older ones (the loss curve: any recent step
the status bar names is drawn).
"""

from __future__ import annotations

import numpy as np

#: Trajectories of every weight are recorded when a network has at most this many.
WATCH_ALL_LIMIT = 512


class DecimatingBuffer:
    """At most ``capacity`` rows of (x, values[width]); see the module docstring."""

    def __init__(self, capacity: int = 2048, width: int = 1):
        if capacity < 2 or capacity % 2:
            raise ValueError("capacity must be an even number ≥ 2")
        self.capacity, self.width = capacity, width
        self._x = np.zeros(capacity)
        self._data = np.full((capacity, width), np.nan)
        self._count = 0
        self._stride = 1
        self._seen = 0
        #: counts the times kept rows were moved or dropped (thinning, ``clear``): while it stays the
        #: same, the rows kept so far stay as they are and new ones only follow them
        self.revision = 0

    def append(self, x: float, values) -> None:
        """Offer one sample; it is kept when it falls on the current stride."""
        seen = self._seen
        self._seen = seen + 1
        if seen % self._stride:
            return
        if self._count == self.capacity:
            half = self.capacity // 2
            self._x[:half] = self._x[::2]
            self._data[:half] = self._data[::2]
            self._count = half
            self._stride *= 2
            self.revision += 1
            if seen % self._stride:
                return
        self._x[self._count] = x
        self._data[self._count] = values
        self._count += 1

    def extend(self, x, values) -> None:
        """Offer the samples ``x[k]``, ``values[k]`` in order: exactly as many ``append`` calls, but
        only the samples that fall on the stride cost any work (x: n numbers, values: n rows of
        ``width``, or n numbers when ``width`` is 1)."""
        n, k = len(x), 0
        while k < n:
            skip = -self._seen % self._stride  # samples before the next one on the stride
            if k + skip >= n:
                self._seen += n - k
                return
            self._seen += skip
            k += skip
            self.append(x[k], values[k])
            k += 1

    @property
    def x(self) -> np.ndarray:
        """The kept x values (a copy)."""
        return self._x[: self._count].copy()

    @property
    def data(self) -> np.ndarray:
        """The kept rows, shape (kept, width) (a copy)."""
        return self._data[: self._count].copy()

    def views(self) -> tuple[np.ndarray, np.ndarray]:
        """(x, data) as views of the buffer's own arrays, no copy: valid until the next ``append``
        (for a reader that copies them at once, e.g. into another process's memory)."""
        return self._x[: self._count], self._data[: self._count]

    def __len__(self) -> int:
        return self._count

    def clear(self) -> None:
        self._count, self._stride, self._seen = 0, 1, 0
        self.revision += 1

    @property
    def nbytes(self) -> int:
        return self._x.nbytes + self._data.nbytes

    @property
    def stride(self) -> int:
        """Every ``stride``-th sample offered is kept now."""
        return self._stride

    @property
    def seen(self) -> int:
        """How many samples were offered since the buffer was made or cleared."""
        return self._seen

    def restore(self, x, data, stride: int, seen: int) -> None:
        """Hold the rows ``x`` (k,), ``data`` (k, width) kept with ``stride`` after ``seen`` samples (what
        ``x``, ``data``, ``stride`` and ``seen`` read, maybe ``thinned``): appends go on as they would have.
        ValueError when they cannot be such a state (k > capacity, a stride not a power of 2, k ≠ ⌈seen / stride⌉)."""
        x, data = np.asarray(x, dtype=float), np.asarray(data, dtype=float).reshape(len(x), self.width)
        k = len(x)
        if k > self.capacity or stride < 1 or stride & (stride - 1) or k != -(-seen // stride):
            raise ValueError(f"{k} rows kept with stride {stride} after {seen} samples")
        self._x[:k], self._data[:k] = x, data
        self._count, self._stride, self._seen = k, int(stride), int(seen)
        self.revision += 1


def thinned(x, data, stride: int, max_rows: int):
    """(x, data, stride) of a ``DecimatingBuffer``'s rows thinned as it thins them when full (every other row,
    the stride doubled) until at most ``max_rows`` (≥ 1) remain: the rows a smaller buffer would have kept."""
    while len(x) > max_rows:
        x, data, stride = x[::2], data[::2], stride * 2
    return x, data, stride


class RecentBuffer:
    """The newest ``recent`` rows in full, and the older ones thinned: at most ``capacity`` rows.

    A ring holds the last ``recent`` rows as recorded; a row leaving it goes to a
    ``DecimatingBuffer`` of ``capacity − recent`` rows (every stride-th of the older rows,
    spanning the run evenly). So any of the last ``recent`` steps a student can name is kept,
    the whole run is still drawn, and memory is fixed at creation. ``x`` and ``data`` read as
    one series, oldest first.
    """

    def __init__(self, capacity: int = 4096, width: int = 1, recent: int = 2048):
        if not 0 < recent < capacity:
            raise ValueError(f"recent ({recent}) must be between 0 and the capacity ({capacity})")
        self.capacity, self.width, self.recent = capacity, width, recent
        self.older = DecimatingBuffer(capacity - recent, width)
        self._x = np.zeros(recent)
        self._data = np.full((recent, width), np.nan)
        self._start = 0  # the oldest row of the ring
        self._count = 0
        #: rows appended since the buffer was made or cleared
        self.appended = 0
        #: counts the times the buffer was cleared
        self.revision = 0

    def append(self, x: float, values) -> None:
        self.appended += 1
        if self._count == self.recent:  # the oldest recent row leaves for the thinned part
            k = self._start
            self.older.append(self._x[k], self._data[k])
            self._x[k], self._data[k] = x, values
            self._start = (k + 1) % self.recent
            return
        k = (self._start + self._count) % self.recent
        self._x[k], self._data[k] = x, values
        self._count += 1

    def _ring(self, a: np.ndarray) -> np.ndarray:
        order = (self._start + np.arange(self._count)) % self.recent
        return a[order]

    @property
    def recent_count(self) -> int:
        """How many rows the full-resolution part holds now (at most ``recent``)."""
        return self._count

    def newest(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(x, data) of the ``k`` rows appended last (k ≤ ``recent_count``), oldest first (copies):
        the full-resolution part's end. ``x`` then is ``older.x`` followed by ``newest(recent_count)``'s."""
        if not 0 <= k <= self._count:
            raise ValueError(f"the newest {k} rows of {self._count}")
        order = (self._start + self._count - k + np.arange(k)) % self.recent
        return self._x[order], self._data[order]

    @property
    def x(self) -> np.ndarray:
        return np.concatenate([self.older.x, self._ring(self._x)])

    @property
    def data(self) -> np.ndarray:
        return np.concatenate([self.older.data, self._ring(self._data)])

    def __len__(self) -> int:
        return len(self.older) + self._count

    def clear(self) -> None:
        self.older.clear()
        self._start = self._count = self.appended = 0
        self.revision += 1

    def restore_recent(self, x, data, appended: int) -> None:
        """Hold ``x`` (k,), ``data`` (k, width) as the newest rows (k ≤ ``recent``) after ``appended`` rows in all
        (``older`` restored on its own): what ``newest(recent_count)`` and ``appended`` read. ValueError when
        k is more than ``recent``, or fewer while rows went to ``older``."""
        x, data = np.asarray(x, dtype=float), np.asarray(data, dtype=float).reshape(len(x), self.width)
        k = len(x)
        if k > self.recent or appended != k + self.older.seen:
            raise ValueError(f"{k} newest rows of {appended}, {self.older.seen} of them older")
        self._x[:k], self._data[:k] = x, data
        self._start, self._count, self.appended = 0, k, int(appended)
        self.revision += 1

    @property
    def nbytes(self) -> int:
        return self.older.nbytes + self._x.nbytes + self._data.nbytes


EPOCH_COLUMNS = ("train_loss", "validation_loss", "train_accuracy", "validation_accuracy")


class History:
    """What the live views plot, for a network with ``n_params`` parameters.

    * ``step_loss``: batch loss per step (x = step number): the last ``capacity`` steps in
      full, older ones thinned into as many rows again (``RecentBuffer``), so every step of
      the recent run is on the loss curve;
    * ``epochs``: per epoch the columns of ``EPOCH_COLUMNS`` (NaN where not measured);
    * ``trajectories``: the values of the watched parameters per step, from step 0 (the
      starting values, ``record_start``) on; ``watched`` holds their indices into the flat
      parameter vector;
    * ``latest_gradient``: dL/dθ of the latest step (flat). A ``Trainer`` swaps its
      gradient buffer in here after each step: copy it to keep it past the next step;
    * ``gradient_magnitude``: running mean of |dL/dθ| (exponential, factor ``decay``);
    * ``block_gradient``: per step, Σ|dL/dw| over each weight block (a connection's
      matrix) whose first flat index is in ``weight_starts`` (given by the ``Trainer``: one
      ``numpy.add.reduceat`` a step); divided by a block's live weights it is that
      connection's mean |dL/dw| (removed edges have dL/dw = 0).
    """

    def __init__(self, n_params: int, n_weights: int, watched=None, capacity: int = 2048, decay: float = 0.99,
                 weight_starts=None):
        if watched is None:
            watched = np.arange(n_weights) if n_weights <= WATCH_ALL_LIMIT else _spread(n_weights, 64)
        self.watched = np.asarray(watched, dtype=np.intp)
        self._watched_slice = (
            slice(0, len(self.watched))
            if np.array_equal(self.watched, np.arange(len(self.watched)))
            else None
        )
        self.step_loss = RecentBuffer(2 * capacity, 1, recent=capacity)
        self.epochs = DecimatingBuffer(capacity, len(EPOCH_COLUMNS))
        self.trajectories = DecimatingBuffer(capacity, len(self.watched))
        self.latest_gradient = np.zeros(n_params)
        # Σ_k decay^k·|g_(t−k)|; gradient_magnitude scales it by (1 − decay) when read
        self._magnitude_sum = np.zeros(n_params)
        self._scratch = np.zeros(n_params)
        self.decay = decay
        self.steps = 0
        starts = np.asarray([] if weight_starts is None or n_weights == 0 else weight_starts, dtype=np.intp)
        self._weight_starts = starts if len(starts) else None
        self._n_weights = n_weights
        self.block_gradient = DecimatingBuffer(capacity, max(1, len(starts)))

    def record_start(self, theta: np.ndarray) -> None:
        """Record the watched parameters before the first step, at step 0."""
        if len(self.watched) and len(self.trajectories) == 0:
            self.trajectories.append(0, theta[self.watched])

    def record_step(self, step: int, loss: float, theta: np.ndarray, grad: np.ndarray, scratch=None) -> None:
        """Record one step: its loss, the watched parameters after it, and its gradient.

        ``scratch``: an optional spare vector of θ's size that may be overwritten.
        """
        self.steps = step
        self.step_loss.append(step, loss)
        if len(self.watched):
            sl = self._watched_slice
            self.trajectories.append(step, theta[sl] if sl is not None else theta[self.watched])
        if grad is not self.latest_gradient:  # the Trainer hands its buffer over instead
            self.latest_gradient[...] = grad
        total = self._magnitude_sum
        total *= self.decay
        magnitude = np.abs(grad, out=self._scratch if scratch is None else scratch)
        total += magnitude
        if self._weight_starts is not None:
            self.block_gradient.append(step, np.add.reduceat(magnitude[: self._n_weights], self._weight_starts))

    def restore_gradients(self, latest: np.ndarray, magnitude: np.ndarray) -> None:
        """Go on from a kept run's latest dL/dθ (P,) and running mean of |dL/dθ| (P,) (``gradient_magnitude``)."""
        self.latest_gradient[...] = latest
        self._magnitude_sum[...] = np.asarray(magnitude) / (1.0 - self.decay)

    @property
    def gradient_magnitude(self) -> np.ndarray:
        """Running mean of |dL/dθ|: m_t = decay·m_(t−1) + (1 − decay)·|g_t|, from m_0 = 0 (a new array)."""
        return (1.0 - self.decay) * self._magnitude_sum

    def record_epoch(self, epoch: int, train_loss, validation_loss, train_accuracy, validation_accuracy) -> None:
        self.epochs.append(epoch, [train_loss, validation_loss, train_accuracy, validation_accuracy])

    @property
    def nbytes(self) -> int:
        return (
            self.step_loss.nbytes
            + self.epochs.nbytes
            + self.trajectories.nbytes
            + self.block_gradient.nbytes
            + self.latest_gradient.nbytes
            + self._magnitude_sum.nbytes
            + self._scratch.nbytes
        )


def _spread(n: int, k: int) -> np.ndarray:
    """k indices spread evenly over range(n)."""
    return np.unique(np.linspace(0, n - 1, k).round().astype(np.intp))
