"""Which weights the traced numbers are at, in words: the one phrase every caption uses (the heatmaps,
the Inspector's chain rule, the Matrix form, the Sum over paths), so that two panels never name the same
weights two ways ("at the current weights" beside "at the weights after step 500").

A finished run leaves its end (``RunEnd``: its step, and the epoch early stopping restored) with the
view state; while the document still holds exactly that run's weights, the words name them: "the weights
after step 500", or after early stopping put an earlier epoch's weights back, "the weights of epoch 33
(restored: after step 297)", not the last step's (477), whose weights are no longer on screen. A file opened
and not changed says "the weights as saved": it may have been trained before it was saved; a file that kept
its run (the ``progress`` section) opens at that run's step, and one that did not says so (``restart_words``).
No Qt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from core.examples import examples_folder


@dataclass(frozen=True)
class RunEnd:
    """What a finished run left in the document: the step it ended at, the weights (k,) it left there,
    and, when early stopping restored an earlier epoch's weights, that epoch and the step they are after."""

    step: int
    parameters: np.ndarray
    restored_epoch: int | None = None
    restored_step: int | None = None

    @classmethod
    def of(cls, snap) -> "RunEnd | None":
        """The end of ``snap``'s run (a finished ``Snapshot``), None for a snapshot that trained no step."""
        if snap is None or not snap.finished or snap.step <= 0:
            return None
        return cls(int(snap.step), snap.parameters, snap.restored_epoch, snap.restored_step)

    def holds(self, flat: np.ndarray) -> bool:
        """Whether ``flat`` (a network's weights) are exactly the weights this run left."""
        return self.parameters.shape == flat.shape and bool(np.array_equal(self.parameters, flat))

    def words(self) -> tuple[str, str]:
        """('the weights after step 500', 'weights after step 500'); after early stopping restored epoch
        33, ('the weights of epoch 33 (restored: after step 297)', 'weights of epoch 33')."""
        if self.restored_epoch is None:
            return f"the weights after step {self.step}", f"weights after step {self.step}"
        after = "" if self.restored_step is None else f": after step {self.restored_step}"
        return (f"the weights of epoch {self.restored_epoch} (restored{after})",
                f"weights of epoch {self.restored_epoch}")


def weights_words(view_state) -> tuple[str, str]:
    """(which weights ``view_state``'s traced numbers use, the same in a caption's few words, "" when they
    say nothing a student needs): a step-through's, "the weights before this step"; a run's, "the weights
    of the running session"; those a finished run left (``view_state.run_end``), ``RunEnd.words``; a saved
    file's unchanged, "the weights as saved"; else "the current weights". (A lesson's student answered
    dL/dw at the weights as saved; after its Step the heatmaps show them at the new weights, and "the
    current weights" did not say that they had changed.)"""
    if view_state.stepping is not None:
        return "the weights before this step", ""
    if view_state.live_parameters is not None:
        return "the weights of the running session", ""
    run = view_state.run_end
    if run is not None and run.holds(view_state.network().flat):
        return run.words()
    if as_saved(view_state):
        return "the weights as saved", "weights as saved"
    return "the current weights", ""


def as_saved(view_state) -> bool:
    """Whether the document's weights are those of the file it was opened from (or last saved to), unchanged."""
    document = view_state.document
    return document.path is not None and not document.dirty


def maybe_trained_file(view_state) -> bool:
    """Whether the document's weights are a file's as saved (``as_saved``) that may have been trained: a file
    that kept no training run (an older one, or saved after an edit) cannot tell, so the Loss caption and the
    status bar say "weights as saved" at step 0, not "before training" (one that kept its run opens at its step). Not a bundled lesson's own file, which is never trained (review
    20 #5: every lesson opened from its file said "weights as saved (the file keeps no step count)", raising a
    doubt with nothing behind it)."""
    return as_saved(view_state) and not _bundled(view_state.document.path)


def _bundled(path) -> bool:
    """Whether ``path`` is one of the bundled lessons' files (``core.examples_folder``)."""
    try:
        folder = os.path.realpath(examples_folder())
    except (ImportError, OSError):
        return False
    return os.path.dirname(os.path.realpath(os.fspath(path))) == folder


def restart_words(network) -> str:
    """What the file did not keep, so what starts again when it is opened: 'the file kept no training run with
    these weights: steps count from 0 again, and the momentum starts from zero' (Adam: 'Adam's moving averages
    start from zero'; plain SGD has no state to lose). A file that kept its run (``Network.progress``) opens at
    that run's step instead and never says this: this is an older file, or one saved after its weights were
    edited, or while training ran (the newest snapshot's weights, not a run's end)."""
    optimizer = network.training.optimizer
    state = ("Adam's moving averages start" if optimizer.name == "adam" else
             "the momentum starts" if optimizer.momentum else "")
    return ("the file kept no training run with these weights: steps count from 0 again"
            + (f", and {state} from zero" if state else ""))
