"""Whether the open step's "Train N steps" has begun: the one rule every part of the lesson asks.

The numbers held back (``hiding.lesson_hidden``), the edit refusal (``edit_gate``), the note about a typed
weight (``edited_weights``), the network the training starts from (``training_start``) and the panel's
words about where the training started (``TrainingStart.note``) all ask the same question: has the lesson had the
student train by the open step (``hiding.has_trained``)? For the open step itself that is "has its training
begun", and it begins the moment its first run starts (``controller.running_changed(True)``), not at the
first step counted: a run's end commits its weights to the document before its steps are counted, and the
hold must be on before they reach any panel (teacher review 20 #0: the Inspector's weight box drew step 7's
answer for a frame). It stays begun until an Undo takes the weights back where the run started them (or
further: the undo history back before the run's place, whatever the weights, as when a weight typed before the
step is undone too), and a step counted as trained (``LessonObserver.steps_trained``, a Redo to trained
weights) is begun too.

The start is recorded where a run starts while the training has not begun (``run_starts``, from the guide's
``running_changed`` handler), never inside a query: asking changes nothing.
"""

from __future__ import annotations

import numpy as np
from shiboken6 import isValid

from .hiding import trains


class TrainingBegun:
    """The open step's training, begun or not (``guide``: the ``LessonGuide``; ``controller``: the training
    controller, None in a window without one)."""

    def __init__(self, guide, controller):
        self.guide, self.controller = guide, controller
        #: the weights and biases (flat, (P,)) the open step's training started from, and the undo history's
        #: index then (its run's commit goes after it); None before it
        self._from: tuple[np.ndarray, int] | None = None

    def forget(self) -> None:
        """Another step opened (or the lesson started again): its training has not begun."""
        self._from = None

    def run_starts(self) -> None:
        """A run starts at a "Train N steps" whose training had not begun (``begun(running=False)``): where it
        starts from is kept."""
        guide = self.guide
        if guide.progress is not None and trains(guide.step()):
            self._from = guide.document.network.flat.copy(), guide.document.undo_stack.index()

    def begun(self, running: bool = True) -> bool:
        """Whether the open step's training has begun (see the module docstring); ``running`` False: leaving
        a run going on out (asked as a run starts, before its start is recorded)."""
        guide = self.guide
        if guide.observer.steps_trained > 0:
            return True
        if self.controller is None or guide.progress is None or not trains(guide.step()) or self._from is None:
            return False
        if running and self.controller.running:
            return True
        (start, index), now, stack = self._from, guide.document.network.flat, guide.document.undo_stack
        if not isValid(stack):  # (the window closing: its undo history went first)
            return False
        return stack.index() > index and (start.shape != now.shape or not np.array_equal(start, now))
