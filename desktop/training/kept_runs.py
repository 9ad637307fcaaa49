"""Where the training process's recent runs ended, so that an Undo then Redo of a run shows it again (no Qt).

A run's end goes into the document as its weights and its ``core.ResumeState`` (the optimizer state and data
order, in the undo stack). Its step and epoch counters and histories (``core.resume.RunProgress``) are
megabytes for a long run (2,048 rows of every watched weight's path), too much to send the window with
every Step and to keep in the undo stack for every run; the training process keeps the last
``KEPT_RUNS`` of them here, by the weights they end at and their settings (``run_key``). A ``Load`` whose resume state is one of them (an
Undo or Redo back to a run's end) goes on with that run's counters and histories: the status bar's step,
the loss curve and the weight paths are the run's again. Older ones, or after the process was restarted,
start at step 0 as any new session does.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
from collections import OrderedDict

#: the runs' ends kept (each a deep copy of a trainer's histories)
KEPT_RUNS = 8


def run_key(parameters, settings) -> bytes:
    """The weights (P,) and the training ``settings`` a run ended with, as a short key (a digest): equal weights,
    bit for bit, and equal settings but for the learning rate and batch size (the toolbar changes them during a
    run without ending it). Another loss, optimizer, regularization, validation share or seed starts a new
    run at the same weights: its curve would not be the kept run's."""
    settings = dataclasses.replace(settings, batch_size=0,
                                   optimizer=dataclasses.replace(settings.optimizer, learning_rate=0.0))
    return hashlib.blake2b(parameters.tobytes() + repr(settings).encode(), digest_size=16).digest()


class KeptRuns:
    def __init__(self):
        self._runs: OrderedDict = OrderedDict()  # weights_key -> core.resume.RunProgress

    def keep(self, trainer, extra=None) -> None:
        """A run ended at ``trainer``'s weights: keep its counters and histories (``extra`` beside them)."""
        key = run_key(trainer.net.flat, trainer.net.training)
        self._runs[key] = trainer.progress(extra)
        self._runs.move_to_end(key)
        while len(self._runs) > KEPT_RUNS:
            self._runs.popitem(last=False)

    def resume(self, trainer, state):
        """``trainer.resume(state)``, with the counters and histories of the run that ended at its weights when
        one is kept. Returns that run's ``extra`` (a copy), or None (no run kept there, or ``state`` not taken)."""
        if state is None:
            return None
        progress = self._runs.get(run_key(state.parameters, trainer.net.training))
        if not trainer.resume(state, progress) or progress is None:
            return None
        return copy.deepcopy(progress.extra)
