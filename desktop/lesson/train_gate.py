"""Training waits while a guided lesson asks about the weights as saved: the controller's refusal.

A question with ``step`` 0 (every forward, loss, gradient and "after one step" question) is about
the network as the file has it. One training step changes every weight and bias, and then the
canvas, the Inspector and the Loss plot show numbers from which the open and later answers follow
(new w = old − lr·dL/dw gives dL/dw back). So while the lesson is in progress (its panel open, not
finished) and such a question is still to be answered at the open step or after it, every training
action is refused: Play (F5), Step (F6), Step epoch, the step-through's applied step (F7/F8 after
Update), whatever button, key or menu started it, since they all start through
``TrainingController._start``, which asks ``refusal`` first. Undo, Reset and editing stay free.

Not refused: a step whose action is "Train N steps" (the lesson asks the student to train), and
every step once the lesson has had the student train (``hiding.has_trained``): the screen shows the
trained network then, not the saved one, and the lesson's questions are about training.
"""

from __future__ import annotations

from .hiding import has_trained


class TrainingGate:
    """The lesson's say over training (``guide``: the ``LessonGuide``); ``controller.refusal`` is ``reason``."""

    def __init__(self, guide, controller):
        self.guide, self.controller = guide, controller
        controller.refusal = self.reason

    def waiting_step(self) -> int | None:
        """The 0-based index of the first step, at the open one or after it, whose question about the
        weights as saved is not answered or revealed yet, while it holds training back; else None."""
        guide = self.guide
        if not guide.in_progress():
            return None
        progress, lesson = guide.progress, guide.lesson
        action = lesson.steps[progress.current].action
        if (action is not None and action.kind == "train") or has_trained(lesson, progress.current,
                                                                          progress.actions_done):
            return None
        for k in range(progress.current, len(lesson.steps)):
            q = lesson.steps[k].question
            if q is not None and q.step == 0 and not progress.question_settled(k):
                return k
        return None

    def reason(self) -> str | None:
        """Why training waits now, in words that end a sentence ("answer step 5 first (it asks about the
        weights as saved)"); None when it may train."""
        k = self.waiting_step()
        return None if k is None else f"answer step {k + 1} first (it asks about the weights as saved)"

    def caption(self) -> str:
        """The words in place of "Press Play or Step to train." (the Loss panel's, through
        ``ViewState.training_waits``) while training waits ("Training waits until step 5 is answered.");
        "" when it may train."""
        k = self.waiting_step()
        return "" if k is None else f"Training waits until step {k + 1} is answered."

    def notice(self) -> str:
        """The Lesson panel's words while training waits ("" when it may train): the caption, and why."""
        caption = self.caption()
        if not caption:
            return ""
        return (f"{caption[:-1]}: it asks about the weights as saved, and a training step would change them. "
                "(Closing the Lesson panel leaves the lesson; then training is free.)")
