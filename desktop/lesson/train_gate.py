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

**What the words promise.** The caption names the step where training is free again if the student goes
on in order, each question answered in turn (``Wait.until``): the lesson's next "Train N steps"
("Training waits for step 8 (Train 3 steps).") or the last question that holds it ("Training waits until
step 11 is answered."), not the open question, which moved the promise on at every answer (review 17 #4:
"until step 2", then 3, 4 … 11 at guided_chain_rule). The refusal's words (``reason``) make the same
promise and say what to do ("answer steps 8–11 first", "answer step 7 first (then train at step 8; …)",
"train at step 8 first"), with the open question's reason in parentheses. After an Undo took back a done "Train N
steps" before the open step (``TrainedSteps``), training waits for it while a question about the weights after the
lesson's training is unsettled after it (``undone_wait``): "train at step 6 first (go Back to it: an Undo took …)".
"""

from __future__ import annotations

from dataclasses import dataclass

from core.lesson import action_label
from core.notation import counted

from .hiding import first_unsettled, has_trained, trains


@dataclass(frozen=True)
class Wait:
    """What training waits for: the 0-based ``question`` step that holds it now and the number of lesson
    ``steps`` it asks about (0: the weights as saved); ``until``, the 0-based step where training is free
    again if the student goes on in order, answering each question in turn, with ``trains`` when that is a
    "Train N steps" of the lesson (its words ``train_label``), else answering ``until``'s question frees
    it; ``last``: the last question before that which holds training (``question`` itself, or one after it
    when ``alike``: every question that holds training from ``question`` to ``last`` asks about the same
    weights); ``answer_last``, when ``trains``: the last question before ``until`` that holds training on the
    way (the student answers ``question`` to it, then trains at ``until``), None when none comes before
    ``until`` (the question after it waits for that training); ``back``: ``until`` is a "Train N steps" before
    the open step whose training an Undo took back (``undone_wait``): the student goes Back to train it; ``goes_on``:
    then ``question`` is a "Train N steps" after it, which trains on from its weights ("50 more" after the 3)."""

    question: int
    steps: int
    until: int
    trains: bool = False
    train_label: str = ""
    last: int | None = None
    answer_last: int | None = None
    back: bool = False
    goes_on: bool = False


def holding_question(lesson, current: int, settled, actions_done) -> int | None:
    """The 0-based step whose question holds training at step ``current`` (see the module docstring) when
    the questions of the steps in ``settled`` are answered or revealed; None when it may train."""
    if trains(lesson.steps[current]) and current not in actions_done:
        return None
    # (once trained, only the questions about the weights after the lesson's training hold it)
    return first_unsettled(lesson, current, settled, after_training_only=has_trained(lesson, current, actions_done))


def wait_at(lesson, current: int, settled, actions_done) -> Wait | None:
    """What holds training at step ``current`` (``holding_question``), and where the student, going on in
    order, frees it (``Wait.until``); None when it may train."""
    held = holding_question(lesson, current, settled, actions_done)
    if held is None:
        return None
    settled, holding = set(settled), [held]
    for k in range(current, len(lesson.steps)):  # the student goes on: step k opens, its question is answered
        step = lesson.steps[k]
        training = trains(step) and k not in actions_done
        if holding_question(lesson, k, settled, actions_done) is None:
            break
        if step.question is not None and k not in settled:
            settled.add(k)
            after = holding_question(lesson, k, settled, actions_done)
            if after is None:
                training = False  # (answering it frees training)
                break
            holding.append(after)
    steps = lesson.steps[held].question.step
    before = [m for m in holding if m <= k]  # the questions that hold it on the way
    alike = all(lesson.steps[m].question.step == steps for m in before)
    last = max(before, default=held) if alike else held
    answered = [m for m in before if m < k] if training else []
    return Wait(held, steps, k, training, action_label(step.action) if training else "", last,
                max(answered) if answered else None)


def undone_wait(lesson, current: int, settled, undone, actions_done=frozenset()) -> Wait | None:
    """Training waits for the first step in ``undone`` (0-based "Train N steps" whose training, once done, an
    Undo took back, ``TrainedSteps``) before the open step ``current`` while a question after it about the
    weights after the lesson's training is not settled, or a "Train N steps" after it is not done (not in
    ``actions_done``: it trains on from those weights, guided_perceptron's "50 more" after the 3: an Undo after
    step 9 was answered let step 10 train 50 from the saved weights, teacher review 23 #7): the lesson's steps are
    to be trained there again (a step trained anywhere else would leave other weights). None otherwise."""
    for m in sorted(k for k in undone if k < current):
        held = first_unsettled(lesson, m + 1, settled, after_training_only=True)
        more = next((k for k in range(m + 1, len(lesson.steps)) if trains(lesson.steps[k]) and k not in actions_done),
                    None)
        label = action_label(lesson.steps[m].action)
        if held is not None and (more is None or held < more):
            return Wait(held, lesson.steps[held].question.step, m, True, label, held, None, back=True)
        if more is not None:
            return Wait(more, 0, m, True, label, more, None, back=True, goes_on=True)
    return None


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
        settled = {k for k in range(len(lesson.steps)) if progress.question_settled(k)}
        return (undone_wait(lesson, progress.current, settled, guide.trained.undone, progress.actions_done)
                or wait_at(lesson, progress.current, settled, progress.actions_done))

    def waits_back(self) -> bool:
        """Whether training waits for a "Train N steps" whose training an Undo took back (``undone_wait``)."""
        wait = self.wait()
        return wait is not None and wait.back

    def waiting_for(self) -> tuple[int, int] | None:
        """(0-based question step training waits for, 0-based step where it is free again, ``Wait.until``); None
        when it may train. (An Undo of a done "Train N steps" moves ``until`` back to it: the words then change.)"""
        wait = self.wait()
        return None if wait is None else (wait.question, wait.until)

    def reason(self) -> str | None:
        """Why training waits now, in words that end a sentence and say what to do ("answer step 5 first (it
        asks about the weights as saved)", "answer steps 8–11 first (step 8 asks about …)", "answer steps 5–6
        first (then train at step 8; step 5 asks about …)", "train at step 8 first (step 9 asks about …)");
        the aside in parentheses may be left out where room is short. None when it may train."""
        wait = self.wait()
        if wait is None:
            return None
        aside = _held_by(wait, self.guide.progress.current)
        if wait.back:
            return f"train at step {wait.until + 1} first (go Back to it: an Undo took its training back; {aside})"
        if wait.trains and wait.answer_last is None:
            return f"train at step {wait.until + 1} first ({aside})"
        if wait.trains:
            answer = _steps(wait.question, wait.answer_last)
            return f"answer {answer} first (then train at step {wait.until + 1}; {aside})"
        if wait.until == wait.question:
            return f"answer step {wait.question + 1} first (it asks about {_weights(wait)})"
        return f"answer {_steps(wait.question, wait.until)} first ({aside})"

    def caption(self) -> str:
        """The words in place of "Press Play or Step to train." (the Loss panel's, through
        ``ViewState.training_waits``) while training waits ("Training waits until step 11 is answered.",
        "Training waits for step 8 (Train 3 steps)."); "" when it may train."""
        wait = self.wait()
        if wait is None:
            return ""
        if wait.trains:
            return f"Training waits for step {wait.until + 1} ({wait.train_label})."
        return f"Training waits until step {wait.until + 1} is answered."

    def notice(self) -> str:
        """The Lesson panel's words while training waits ("" when it may train): the caption, and why."""
        wait = self.wait()
        if wait is None:
            return ""
        if wait.back:
            held_by, redo = _held_by(wait, self.guide.progress.current), self.guide.trained.redo_words()
            return (f"{self.caption()[:-1]}: an Undo took its training back, and {held_by}. Go Back to step "
                    f"{wait.until + 1} and train there again{redo}. (Closing the Lesson panel leaves the lesson; then "
                    "training is free.)")
        if wait.last is not None and wait.last > wait.question:
            what = f"the questions of steps {wait.question + 1} to {wait.last + 1} ask about {_weights(wait)}"
        elif wait.until == wait.question and not wait.trains:
            what = f"it asks about {_weights(wait)}"
        else:
            what = f"step {wait.question + 1} asks about {_weights(wait)}"
        change = ("a training step would change them" if wait.steps == 0
                  else "a step trained before would add to them" if wait.trains else "one more step would change them")
        return (f"{self.caption()[:-1]}: {what}, and {change}. "
                "(Closing the Lesson panel leaves the lesson; then training is free.)")


def _steps(first: int, last: int) -> str:
    """0-based steps ``first`` to ``last`` in words: "step 7", "steps 5–6"."""
    return f"step {first + 1}" if last == first else f"steps {first + 1}–{last + 1}"


def _held_by(wait: Wait, current: int) -> str:
    """What holds training in ``wait``'s words: "step 9 asks about the weights after the lesson's 3 steps", "step 10
    trains on from its weights" (``Wait.goes_on``: a "Train N steps" after ``Wait.until``'s; "this step" when it is
    the open step ``current``)."""
    if wait.goes_on:
        return f"{'this step' if wait.question == current else f'step {wait.question + 1}'} trains on from its weights"
    return f"step {wait.question + 1} asks about {_weights(wait)}"


def _weights(wait: Wait) -> str:
    """The weights ``wait``'s question asks about, in words."""
    return "the lesson's starting weights" if wait.steps == 0 else f"the weights after the lesson's {counted(wait.steps, 'step')}"
