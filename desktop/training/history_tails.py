"""A snapshot's histories sent as what changed since the last snapshot (no Qt here).

A running snapshot carries the training histories (``core.History``: the loss of every
recent step, the epochs, the watched weights' paths, the weight blocks' gradient sums, and
the session's epoch end steps). Between two snapshots ~30 ms apart these only grow by the
few rows recorded meanwhile, yet they are most of a snapshot's bytes (784-64-10: the
weight paths alone are up to 2,048 steps × 64 weights, 1 MB). The training process
therefore sends each series as a ``Tail``: how many leading rows of the window's copy to
drop and the rows to append. A series is sent whole the first time, after the buffer
thinned its rows (``DecimatingBuffer.revision``), was cleared, or belongs to another
trainer (a new ``Load``).

* ``HistoryTails`` (the training process) makes the tails of one snapshot; it assumes the
  window receives every snapshot it sends, in order (one pipe), and is told with
  ``resend`` when one could not be sent (the session does, when an emitter raised).
* ``HistoryCopies`` (the window's receiver thread) keeps the last rows of every series and
  puts the whole arrays back into each snapshot: what ``snapshot.take_snapshot`` would have
  copied, exactly. The arrays it hands out are read-only: the next snapshot's arrays are
  built from them.

Series and the snapshot fields they make (each (x: (n,), data: (n, width))):
``loss_older`` + ``loss_recent`` → ``loss_steps``, ``loss_values`` (``History.step_loss``,
a ``RecentBuffer``: its thinned older part and its full-resolution recent part);
``epochs`` → ``epoch_numbers``, ``epoch_values``; ``trajectories`` → ``trajectory_steps``,
``trajectories``; ``block_gradient`` → ``block_gradient_steps``, ``block_gradient_sums``;
``epoch_steps`` → ``epoch_steps`` (its data's only column).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Tail:
    """How the receiver's copy (x, data) of one series becomes the sender's: keep its rows from
    ``keep_from`` on (None: none of them) and append the rows ``x`` (k,), ``data`` (k, width)."""

    keep_from: int | None
    x: np.ndarray
    data: np.ndarray


class _SeriesTail:
    """What the receiver holds of one series: the buffer it came from, its revision and rows."""

    def __init__(self):
        self.buffer = None
        self.revision = -1
        self.rows = 0  # rows the receiver holds
        self.appended = 0  # a RecentBuffer's ``appended`` when last sent

    def decimating(self, buffer) -> Tail:
        """The tail of a ``DecimatingBuffer``: its rows are only appended to while its revision stays."""
        x, data = buffer.views()
        n = len(x)
        if buffer is self.buffer and buffer.revision == self.revision and n >= self.rows:
            tail = Tail(0, x[self.rows:], data[self.rows:])
        else:
            tail = Tail(None, x, data)
        self.buffer, self.revision, self.rows = buffer, buffer.revision, n
        return tail

    def recent(self, buffer) -> Tail:
        """The tail of a ``RecentBuffer``'s full-resolution part: it holds the last ``recent_count``
        rows appended; the k appended since the last tail push as many of the oldest out as overflow."""
        count, new = buffer.recent_count, buffer.appended - self.appended
        if buffer is self.buffer and buffer.revision == self.revision and 0 <= new <= count:
            tail = Tail(self.rows + new - count, *buffer.newest(new))
        else:
            tail = Tail(None, *buffer.newest(count))
        self.buffer, self.revision, self.rows, self.appended = buffer, buffer.revision, count, buffer.appended
        return tail


class HistoryTails:
    """The sending side: ``take(history, epoch_steps)`` gives one snapshot's ``{series: Tail}``."""

    def __init__(self):
        self._series: dict[str, _SeriesTail] = {}

    def _of(self, name: str) -> _SeriesTail:
        return self._series.setdefault(name, _SeriesTail())

    def take(self, history, epoch_steps) -> dict[str, Tail]:
        """The tails of ``history`` (a ``core.History``) and of ``epoch_steps`` (the session's
        ``DecimatingBuffer`` of the step each epoch ended at). Their arrays may be views of the
        buffers: valid until the next step (the training process pickles them at once)."""
        return {
            "loss_older": self._of("loss_older").decimating(history.step_loss.older),
            "loss_recent": self._of("loss_recent").recent(history.step_loss),
            "epochs": self._of("epochs").decimating(history.epochs),
            "trajectories": self._of("trajectories").decimating(history.trajectories),
            "block_gradient": self._of("block_gradient").decimating(history.block_gradient),
            "epoch_steps": self._of("epoch_steps").decimating(epoch_steps),
        }

    def resend(self) -> None:
        """The last tails did not reach the receiver: send every series whole next time."""
        self._series.clear()


class HistoryCopies:
    """The receiving side: ``complete(snapshot)`` fills its history fields from its tails."""

    def __init__(self):
        self._series: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def _apply(self, name: str, tail: Tail) -> tuple[np.ndarray, np.ndarray]:
        if tail.keep_from is None:
            x, data = tail.x, tail.data
        else:
            old_x, old_data = self._series[name]
            if tail.keep_from == 0 and not len(tail.x):
                return old_x, old_data
            x = np.concatenate([old_x[tail.keep_from:], tail.x])
            data = np.concatenate([old_data[tail.keep_from:], tail.data])
        for a in (x, data):
            a.flags.writeable = False
        self._series[name] = (x, data)
        return x, data

    def complete(self, snap):
        """``snap`` with its histories whole (a snapshot sent with them whole is returned as it is)."""
        tails = getattr(snap, "history_tails", None)
        if tails is None:
            return snap
        snap.history_tails = None
        older = self._apply("loss_older", tails["loss_older"])
        recent = self._apply("loss_recent", tails["loss_recent"])
        snap.loss_steps = np.concatenate([older[0], recent[0]])
        snap.loss_values = np.concatenate([older[1][:, 0], recent[1][:, 0]])
        snap.epoch_numbers, snap.epoch_values = self._apply("epochs", tails["epochs"])
        snap.trajectory_steps, snap.trajectories = self._apply("trajectories", tails["trajectories"])
        snap.block_gradient_steps, snap.block_gradient_sums = self._apply("block_gradient", tails["block_gradient"])
        snap.epoch_steps = self._apply("epoch_steps", tails["epoch_steps"])[1][:, 0]
        return snap
