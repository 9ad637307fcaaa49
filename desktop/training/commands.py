"""Undoable steps the training controls push: a training run, a reset, a re-initialisation,
a learning-rate or batch-size change, a new dataset.

Each ``redo``/``undo`` is a few lines that change the document's network and call
the matching ``document.notify_*``.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QUndoCommand

#: ``QUndoCommand.id`` values: consecutive commands with the same id may merge.
STEP_ID = 0x5453  # single steps merge into one "Training steps"
LEARNING_RATE_ID = 0x544C
BATCH_SIZE_ID = 0x5442


class SetParametersCommand(QUndoCommand):
    """Replace every weight and bias: ``before`` and ``after`` are flat vectors (``net.parameters()``).

    Used for a training run (undo restores the weights from before it), Reset and
    Re-initialise. With ``merge_id`` consecutive commands of that id become one.
    """

    def __init__(self, document, before: np.ndarray, after: np.ndarray, text: str, merge_id: int = -1):
        super().__init__(text)
        self.document = document
        self.before, self.after = before.copy(), after.copy()
        self._id = merge_id

    def id(self) -> int:
        return self._id

    def mergeWith(self, other) -> bool:
        if other.id() != self._id or self._id == -1 or not np.array_equal(other.before, self.after):
            return False
        self.after = other.after.copy()
        return True

    def _apply(self, values: np.ndarray) -> None:
        self.document.network.set_parameters(values)
        self.document.notify_parameters()

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class SetTrainingValueCommand(QUndoCommand):
    """Change the learning rate or the batch size of the document's training settings.

    Consecutive changes of the same value merge (typing into a spin box is one step).
    """

    def __init__(self, document, which: str, value):
        names = {"learning_rate": "Set learning rate", "batch_size": "Set batch size"}
        if which not in names:
            raise ValueError(f"unknown training value {which!r}")
        super().__init__(names[which])
        self.document, self.which = document, which
        self.before, self.after = self._get(), value

    def _get(self):
        t = self.document.network.training
        return t.optimizer.learning_rate if self.which == "learning_rate" else t.batch_size

    def _set(self, value) -> None:
        t = self.document.network.training
        if self.which == "learning_rate":
            t.optimizer.learning_rate = float(value)
        else:
            t.batch_size = int(value)
        self.document.notify_settings()

    def id(self) -> int:
        return LEARNING_RATE_ID if self.which == "learning_rate" else BATCH_SIZE_ID

    def mergeWith(self, other) -> bool:
        if other.id() != self.id():
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)


class SetDatasetCommand(QUndoCommand):
    """Give the network another dataset and validation fraction (``core.Dataset`` objects are replaced, never mutated)."""

    def __init__(self, document, dataset, validation_fraction: float, text: str = "Change dataset"):
        super().__init__(text)
        net = document.network
        self.document = document
        self.before = (net.dataset, net.training.validation_fraction)
        self.after = (dataset, float(validation_fraction))

    def _set(self, state) -> None:
        net = self.document.network
        net.dataset, net.training.validation_fraction = state
        self.document.notify_settings()

    def redo(self) -> None:
        self._set(self.after)

    def undo(self) -> None:
        self._set(self.before)
