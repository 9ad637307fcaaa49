"""Where the training process's recent runs ended, so that an Undo then Redo of a run goes on with it (no Qt).

A run's next steps depend on more than its weights: the optimizer's state and the data order
(``core.ResumeState``: Adam's m and v for 784-64-10 are 0.8 MB), and what the window shows of it depends on
its step and epoch counters and histories (``core.resume.RunProgress``: megabytes for a long run). Neither
travels to the window: sent with every Step's answer they made that answer twice as big and the Step reach
the canvas several ms later, and kept in the undo stack they cost the window megabytes for every run.

The training process keeps its most recent runs' ends here, as many as fit in ``KEPT_BYTES`` (and always
the newest: 784-64-10's are 3.9 MB each, so 16 of them; a lesson's 0.2–0.3 MB, so some 200, one per F6
press, each its own undo step), each under a short key (``core.run_key``: a
digest of the weights, structure, run settings and data the run ended with, the same rule a file's run is
kept by). The finished snapshot carries only the key;
the document keeps it with the weights (``SetParameters``' resume, one undo step), and a ``Load`` sends it
back. A ``Load`` at a kept run's end (an Undo or Redo back to it) goes on with that run's optimizer state,
data order, counters and histories: the status bar's step, the loss curve and the weight paths are the
run's again, and 10 steps, Undo, Redo, 10 steps equal 20 straight. An older run's end, or one from before the
process was restarted, is not kept: training goes on from its weights as a new run, and the session says so.
"""

from __future__ import annotations

import copy
import dataclasses
from collections import OrderedDict

import numpy as np

from core.resume import resume_saved, run_key

#: the bytes of arrays the kept runs' ends may hold (each a deep copy of a trainer's histories and its optimizer state)
KEPT_BYTES = 64 * 2**20

#: what the session says when a Load names a run's end it no longer keeps
NOT_KEPT = ("Training goes on as a new run from step 0: the run that left these weights is no longer kept "
            f"(the training process keeps its most recent runs, {KEPT_BYTES // 2**20} MB of them, until it restarts).")


@dataclasses.dataclass
class _KeptRun:
    state: object  # core.ResumeState
    progress: object  # core.resume.RunProgress
    nbytes: int  # what its arrays hold


def array_bytes(obj, seen: set | None = None) -> int:
    """The bytes of the NumPy arrays ``obj`` holds, through its attributes, dicts, lists and tuples (each
    object counted once)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return 0
    seen.add(id(obj))
    if isinstance(obj, np.ndarray):
        return obj.nbytes
    if isinstance(obj, dict):
        return sum(array_bytes(v, seen) for v in obj.values())
    if isinstance(obj, (list, tuple)):
        return sum(array_bytes(v, seen) for v in obj)
    fields = getattr(obj, "__dict__", None)
    if fields is not None:
        return array_bytes(fields, seen)
    return sum(array_bytes(getattr(obj, name), seen) for name in getattr(type(obj), "__slots__", ())
               if hasattr(obj, name))


class KeptRuns:
    def __init__(self):
        self._runs: OrderedDict[bytes, _KeptRun] = OrderedDict()

    def key(self, trainer) -> bytes:
        """The key under which ``keep`` keeps the run that ends at ``trainer``'s weights now."""
        return run_key(trainer.net, trainer.dataset)

    def keep(self, key: bytes, trainer, extra=None) -> None:
        """A run ended at ``trainer``'s weights (``key``): keep its optimizer state, counters and histories
        (``extra`` beside them); the oldest are forgotten while they all hold more than ``KEPT_BYTES``."""
        state, progress = trainer.resume_state(), trainer.progress(extra)
        self._runs.pop(key, None)
        self._runs[key] = _KeptRun(state, progress, array_bytes((state, progress)))
        while len(self._runs) > 1 and sum(run.nbytes for run in self._runs.values()) > KEPT_BYTES:
            self._runs.popitem(last=False)

    def __len__(self) -> int:
        return len(self._runs)

    def end_of(self, key: bytes | None):
        """(``core.ResumeState``, ``core.RunProgress``) of the run kept under ``key`` (copies), or None."""
        kept = self._runs.get(key) if key is not None else None
        return None if kept is None else copy.deepcopy((kept.state, kept.progress))

    def resume(self, trainer, key: bytes | None):
        """Go on with the run kept under ``key`` when ``trainer`` holds its end (its weights and settings).

        Without ``key``, or a ``key`` of other weights, the run the network's file kept (``Network.progress``) when
        ``trainer`` holds its end. Returns (the run's ``extra``, a copy, or None; a message, or ""). The message says
        that ``key`` names these very weights but the run is no longer kept (older than the ones ``KEPT_BYTES`` holds, or from before
        the process restarted): the trainer starts afresh. Other weights (an edit since) start afresh quietly."""
        if key is None or key != self.key(trainer):
            return self._file_run(trainer), ""
        kept = self._runs.get(key)
        if kept is None:
            return None, NOT_KEPT
        if not trainer.resume(kept.state, kept.progress):
            return None, ""
        self._runs.move_to_end(key)
        return copy.deepcopy(kept.progress.extra), ""

    @staticmethod
    def _file_run(trainer):
        """At the end of the run its network's file kept (``core.resume_saved``): that run's ``extra``, else None."""
        if not resume_saved(trainer):
            return None
        return trainer.net.progress.extra_or_default(trainer)
