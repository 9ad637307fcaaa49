"""A guided lesson's learning rate and the window's: the toolbar's rate never silently overrides the lesson's.

The lesson's answers use the learning rate of the network as the file has it (``core.lesson``: a weight after
one step is w − lr · dL/dw with that lr, a weight after k steps trains with it). The toolbar's Learning rate is
the document's (a settings command): a student who typed 0.5 there while exploring saw the step-through's
Update and the training use 0.5, while the lesson judged "w after one step" with 0.1 (teacher review 13 #8).
So, while the lesson is in progress:

* when a step whose numbers depend on the learning rate opens (``uses_learning_rate``: a weight or bias after
  one step or after k steps, a question about the weights after training, "Train N steps", a step-through to
  the Update) and the window's rate differs from the lesson's, the window's is set to the lesson's through the
  one command path (``TrainingController.set_learning_rate``: undoable, Ctrl+Z gives the student's back), and
  the status bar says so;
* while such a step is open and the rates differ (the student changed the toolbar's since, or undid), the
  Lesson panel says so in red (``note``): which rate the lesson's answers use, which the window's Update and
  training use.
"""

from __future__ import annotations

from core import format_number

#: questions whose answer is computed with the learning rate
RATE_KINDS = ("weight_after_step", "bias_after_step", "weight_after_steps")


def uses_learning_rate(step) -> bool:
    """Whether the lesson step's numbers, or what it asks the student to do, depend on the learning rate."""
    q, a = step.question, step.action
    if q is not None and (q.kind in RATE_KINDS or q.step > 0):
        return True
    return a is not None and (a.kind == "train" or (a.kind == "step_through" and a.phase == "update"))


def _rate(network) -> float:
    return float(network.training.optimizer.learning_rate)


def _written(rate: float) -> str:
    return format_number(rate, 6)


class LessonRate:
    """The open step's learning rate against the window's (``guide``: the ``LessonGuide``)."""

    def __init__(self, guide, controller):
        self.guide, self.controller = guide, controller

    def _rates(self) -> tuple[float, float] | None:
        """(the lesson's rate, the window's) while the lesson is in progress at a step that uses it; else None."""
        guide = self.guide
        if not guide.in_progress() or not uses_learning_rate(guide.step()):
            return None
        lesson_net = guide.service.network
        if lesson_net is None:
            return None
        return _rate(lesson_net), _rate(guide.document.network)

    def step_opened(self) -> str:
        """A step opened: the window takes the lesson's rate when the step uses it and the two differ.
        The status bar's words for that ("" when nothing changed)."""
        rates = self._rates()
        if rates is None or rates[0] == rates[1] or self.controller is None:
            return ""
        lesson, window = rates
        self.controller.set_learning_rate(lesson)
        if _rate(self.guide.document.network) != lesson:
            return ""  # the document refused it: the panel's note says the rates differ
        return (f"Learning rate set to this lesson's {_written(lesson)} (it was {_written(window)}): this step's "
                "numbers use it. Ctrl+Z gives yours back.")

    def note(self) -> str:
        """The Lesson panel's red words while the open step uses the rate and the window's differs ("" else)."""
        rates = self._rates()
        if rates is None or rates[0] == rates[1]:
            return ""
        lesson, window = (_written(r) for r in rates)
        return (f"The toolbar's learning rate {window} differs from this lesson's {lesson}: the lesson's answers "
                f"use {lesson}, the Update and training in the window use {window}. Type {lesson} in the "
                "toolbar's Learning rate to check your numbers in the app.")
