"""The weights on the canvas, changed by the student, against the saved weights the open question is about.

The lesson's answers are about the network as the file has it (``LessonGuide``); the canvas, the heatmaps
and the status bar follow the document. A student who types a new weight on the canvas while a question
about the weights as saved is open sees every panel change but the lesson (teacher review 15 #2). So,
while the lesson is in progress at a step whose question is about the weights as saved (``step`` 0) and the
lesson has not had the student train (``LessonGuide.has_trained``: then the screen shows the trained network by
design):

* the Lesson panel says what changed and what the question is about (``note``: "You changed w[x→y][0,0]
  to 0.5; this question is about the saved w = 0.8. Ctrl+Z puts it back."), answered or not, since Reveal's
  value then stands beside panels that show another one;
* a check sends a copy of the network on the canvas with the typed value (``network_now``), so a value
  right for it is told so (``core.lesson_edits.fits_the_canvas``).

Whatever step is open, ``canvas_edited`` tells whether the canvas's weights are no longer the saved ones the
lesson's answers are about: the canvas then writes no answered δ under a neuron (``ViewState.answers_current``),
since the δ it would compute there is the edited network's, not the number the student answered (teacher
review 16 #4: δ −0.06769 under h0 with w[h→y][0,0] typed as 0.9, the answer −0.04549).
"""

from __future__ import annotations

import numpy as np

from core.lesson import LessonError, lesson_run
from core.lesson_edits import NAMED, changed_count, changes_note, parameter_changes, step_applied_note
from core.notation import neuron_label, weight_label

from .answered_words import ONE_STEP_KINDS
from .start_again import trained_note
from .structure_words import structure_changes

#: the training steps from the saved weights that ``EditedWeights.steps_applied`` recognises on the canvas
MOST_STEPS = 3


class EditedWeights:
    """The open step's question against the canvas's weights (``guide``: the ``LessonGuide``)."""

    def __init__(self, guide):
        self.guide = guide
        #: (the saved network, its weights after 1 … ``MOST_STEPS`` steps of the lesson's run, (P,) each)
        self._trained: tuple[object, list[np.ndarray]] | None = None

    def _networks(self):
        """(saved, now): the network the open step's question is about and the document's, while it asks
        about the weights as saved (see the module docstring); None otherwise."""
        guide = self.guide
        if not guide.in_progress():
            return None
        q = guide.step().question
        saved = guide.service.network
        if q is None or q.step != 0 or saved is None:
            return None
        if guide.has_trained():
            return None
        return saved, guide.document.network

    def canvas_edited(self) -> bool:
        """Whether the document's weights or biases (or its layers) differ from the saved network the lesson's
        answers are about (False when no lesson network is known)."""
        saved = self.guide.service.network
        return saved is not None and changed_count(saved, self.guide.document.network) != 0

    def note(self) -> str:
        """The Lesson panel's words ("" when the canvas has the saved weights): the first ``NAMED`` changes
        named, the rest counted (a big network trained since differs everywhere)."""
        networks = self._networks()
        if networks is None:
            return ""
        changes = parameter_changes(*networks, most=NAMED)
        steps = self.steps_applied(*networks)
        if steps:  # trained (F6, F8 to Apply), not edited: said so, one Ctrl+Z a step (review 24 #1)
            return self._trained_words(steps)
        if self.guide.start.trained_away():  # trained since the start: its numbers not said (review 23b #4)
            return trained_note(self.guide)
        words = structure_changes(*networks) if changes is None else []
        if words:  # the layers or edges, named (review 20 #6: "your layers and connections" said not which)
            return (f"You changed the network ({'; '.join(words)}); this question is about the network the lesson "
                    "starts from. "
                    "Undo (Ctrl+Z) puts it back.")
        return changes_note(changes, changed_count(*networks))

    def steps_applied(self, saved, now) -> int:
        """k (1 … ``MOST_STEPS``) when ``now``'s weights and biases are the ``saved`` ones after k steps of the
        lesson's run (``core.lesson.lesson_run``: what F6 or F8 to Apply does from them), else 0."""
        if changed_count(saved, now) is None:
            return 0
        if self._trained is None or self._trained[0] is not saved:
            flats = []
            try:
                trainer = lesson_run(saved)
                for _ in range(MOST_STEPS):
                    trainer.run(steps=1)
                    flats.append(trainer.net.flat.copy())
            except (LessonError, ValueError):
                pass
            self._trained = saved, flats
        for k, flat in enumerate(self._trained[1], start=1):
            if flat.shape == now.flat.shape and np.allclose(flat, now.flat, rtol=1e-9, atol=1e-12):
                return k
        return 0

    def confirms(self) -> bool:
        """Whether ``note`` confirms what the student was meant to do (one training step applied after
        answering the question about it) rather than warns."""
        networks = self._networks()
        q = self.guide.step().question if networks is not None else None
        return (q is not None and q.kind in ONE_STEP_KINDS and self.guide.progress.question_settled(self.guide.progress.current)
                and self.steps_applied(*networks) == 1)

    def _trained_words(self, steps: int) -> str:
        guide = self.guide
        q = guide.step().question
        about = q.kind in ONE_STEP_KINDS
        label, value = "", None
        if about:
            now = guide.document.network
            if q.kind == "bias_after_step":
                label, value = f"b_{neuron_label(q.layer, q.unit)}", float(now.biases[q.layer][q.unit])
            else:
                label = weight_label(q.source, q.target, q.j, q.i)
                value = float(now.weights[(q.source, q.target)][q.j, q.i])
        return step_applied_note(steps, about, guide.progress.question_settled(guide.progress.current), label, value)

    def network_now(self):
        """A copy of the document's network when its weights differ from the saved ones, for a check; else None."""
        networks = self._networks()
        return networks[1].copy() if networks is not None and changed_count(*networks) else None
