"""The undo step of a single training Step (F6, or the press after a step-through's Update).

A student who pressed F6 once too often expects Ctrl+Z to take back that one press (teacher review 15,
#5: five presses at guided_weight_decay's "Train 5 steps" were one undo entry, "Training step", and one
Ctrl+Z took all five back). So each Step is its own undo step, as long as the Steps in a row on the undo
stack hold at most ``SEPARATE_STEPS_BYTES``: each entry keeps the weights before and after it, two vectors
of P float64 (a one-weight lesson: ~2 kB an entry with its objects, so ~8,000 presses; 784-64-10, P = 50,890:
~0.8 MB, so 20 presses). Past that, the next Step joins the newest entry, which then counts its steps
("Training: 981 steps"), so that 1,000 presses of a big network do not fill memory: the undo stack holds
the separate entries (at most ``SEPARATE_STEPS_BYTES``) and one merged one (two vectors). After an Undo or
Redo the status bar says how many steps it took back or brought back ("Undid 5 training steps").
"""

from __future__ import annotations

import numpy as np

from desktop.commands import SetParameters

#: bytes the undo entries of single Steps in a row may hold before the next Step joins the newest entry
SEPARATE_STEPS_BYTES = 16 * 2**20
#: an entry's cost beside its two parameter vectors, about (its Python and Qt objects, its resume key)
ENTRY_OVERHEAD = 2048


def steps_text(steps: int) -> str:
    """The entry's name in Edit → Undo and the Undo History: 'Training step', 'Training: 5 steps'."""
    return "Training step" if steps == 1 else f"Training: {steps} steps"


class TrainingSteps(SetParameters):
    """``steps`` consecutive training Steps' weights into the document (one Step when made; merged ones add up).

    ``in_row``: the bytes held by the separate Step entries in a row up to this one (``SEPARATE_STEPS_BYTES``).
    """

    def __init__(self, doc, new: np.ndarray, resume=None):
        super().__init__(doc, steps_text(1), new, pauses_training=False, merge_key="training steps", resume=resume,
                         steps=1)
        self.in_row = self.entry_bytes()

    def entry_bytes(self) -> int:
        """What this entry holds: the weights before and after it, and ``ENTRY_OVERHEAD``."""
        return 2 * self.new.nbytes + ENTRY_OVERHEAD

    def mergeWith(self, other) -> bool:
        """``other`` (the next Step, continuing from this one's weights) becomes part of this entry only when
        the Steps in a row would otherwise hold more than ``SEPARATE_STEPS_BYTES``; else it is an entry of its own."""
        if type(other) is not type(self) or not np.array_equal(other.old, self.new):
            return False
        if self.in_row + other.entry_bytes() <= SEPARATE_STEPS_BYTES:
            other.in_row = self.in_row + other.entry_bytes()
            return False
        self.absorb(other)
        self.steps += other.steps
        self.setText(steps_text(self.steps))
        return True
