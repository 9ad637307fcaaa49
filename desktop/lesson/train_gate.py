"""Training waits while a guided lesson asks about weights a training step would change: the controller's refusal.

Two kinds of question hold training back while the lesson is in progress (its panel open, not finished):

* a question with ``step`` 0 (every forward, loss, gradient and "after one step" question) is about the
  network as the file has it. One training step changes every weight and bias, and then the canvas, the
  Inspector and the Loss plot show numbers from which the open and later answers follow (new w =
  old − lr·dL/dw gives dL/dw back). Such a question, at the open step or after it, holds training until
  it is answered or revealed, unless the lesson has had the student train (``hiding.has_trained``): the
  screen shows the trained network then, and the lesson's questions are about training;
* a question with ``step`` k > 0 ("Where is w after these 3 steps?") is about the weights after the
  lesson's own k steps (its "Train N steps" before it add up to k). A step trained outside them puts the
  window at step k + 1 while the words say "these k steps". Such a question holds training, at the open
  step or any step before it, until it is answered or revealed: in between, only the lesson's own
  "Train N steps" trains (up to its N, ``TrainStepLimit``).

Refused: every training action, Play (F5), Step (F6), Step epoch, the step-through's applied step
(F7/F8 after Update), whatever button, key or menu started it, since they all start through
``TrainingController._start``, which asks ``refusal`` first. Undo, Reset and editing stay free.
Not refused: a step whose "Train N steps" is not done yet (the lesson asks the student to train).
"""

from __future__ import annotations

from dataclasses import dataclass

from core.lesson import action_label

from .hiding import has_trained


@dataclass(frozen=True)
class Wait:
    """What training waits for: the 0-based ``question`` step, the number of lesson ``steps`` it asks
    about (0: the weights as saved), and ``train``, the 0-based step before it whose "Train N steps"
    comes first (None: the question is next), with its words ``train_label`` ("Train 3 steps")."""

    question: int
    steps: int
    train: int | None = None
    train_label: str = ""


class TrainingGate:
    """The lesson's say over training (``guide``: the ``LessonGuide``); ``controller.refusal`` is ``reason``."""

    def __init__(self, guide, controller):
        self.guide, self.controller = guide, controller
        controller.refusal = self.reason

    def wait(self) -> Wait | None:
        """What holds training back now (see the module docstring); None when it may train."""
        guide = self.guide
        if not guide.in_progress():
            return None
        progress, lesson = guide.progress, guide.lesson
        current = progress.current
        action = lesson.steps[current].action
        if action is not None and action.kind == "train" and current not in progress.actions_done:
            return None
        trained = has_trained(lesson, current, progress.actions_done)
        train = None  # the first "Train N steps" after the open step still to be done
        for k in range(current, len(lesson.steps)):
            step = lesson.steps[k]
            if (k > current and train is None and step.action is not None and step.action.kind == "train"
                    and k not in progress.actions_done):
                train = k
            q = step.question
            if q is None or progress.question_settled(k):
                continue
            if q.step > 0:
                return Wait(k, q.step, train, "" if train is None else action_label(lesson.steps[train].action))
            if not trained:
                return Wait(k, 0)
        return None

    def waiting_step(self) -> int | None:
        """The 0-based index of the question step training waits for; None when it may train."""
        wait = self.wait()
        return None if wait is None else wait.question

    def reason(self) -> str | None:
        """Why training waits now, in words that end a sentence ("answer step 5 first (it asks about the
        weights as saved)"); the aside in parentheses may be left out where room is short. None when it may
        train."""
        wait = self.wait()
        if wait is None:
            return None
        if wait.train is not None:
            return (f"step {wait.train + 1} trains first (step {wait.question + 1} asks about the weights "
                    f"after the lesson's {wait.steps} steps)")
        return f"answer step {wait.question + 1} first (it asks about {_weights(wait)})"

    def caption(self) -> str:
        """The words in place of "Press Play or Step to train." (the Loss panel's, through
        ``ViewState.training_waits``) while training waits ("Training waits until step 5 is answered.");
        "" when it may train."""
        wait = self.wait()
        if wait is None:
            return ""
        if wait.train is not None:
            return f"Training waits for step {wait.train + 1} ({wait.train_label})."
        return f"Training waits until step {wait.question + 1} is answered."

    def notice(self) -> str:
        """The Lesson panel's words while training waits ("" when it may train): the caption, and why."""
        wait = self.wait()
        if wait is None:
            return ""
        if wait.train is not None:
            why = (f"{self.caption()[:-1]}: step {wait.question + 1} asks about the weights after the lesson's "
                   f"{wait.steps} steps, and a step trained before would add to them.")
        else:
            why = (f"{self.caption()[:-1]}: it asks about {_weights(wait)}, and "
                   + ("a training step would change them." if wait.steps == 0 else "one more step would change them."))
        return why + " (Closing the Lesson panel leaves the lesson; then training is free.)"


def _weights(wait: Wait) -> str:
    """The weights ``wait``'s question asks about, in words."""
    return "the weights as saved" if wait.steps == 0 else f"the weights after the lesson's {wait.steps} steps"
