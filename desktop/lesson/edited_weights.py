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

from core.lesson_edits import NAMED, changed_count, changes_note, parameter_changes

from .start_again import trained_note
from .structure_words import structure_changes



class EditedWeights:
    """The open step's question against the canvas's weights (``guide``: the ``LessonGuide``)."""

    def __init__(self, guide):
        self.guide = guide

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
        if self.guide.start.trained_away():  # trained since the start: its numbers not said (review 23b #4)
            return trained_note(self.guide)
        words = structure_changes(*networks) if changes is None else []
        if words:  # the layers or edges, named (review 20 #6: "your layers and connections" said not which)
            return (f"You changed the network ({'; '.join(words)}); this question is about the network the lesson "
                    "starts from. "
                    "Undo (Ctrl+Z) puts it back.")
        return changes_note(changes, changed_count(*networks))

    def network_now(self):
        """A copy of the document's network when its weights differ from the saved ones, for a check; else None."""
        networks = self._networks()
        return networks[1].copy() if networks is not None and changed_count(*networks) else None
