"""A guided lesson's "Train N steps" trains exactly N steps: the training controller's step limit.

The lesson's answers about the network after k steps train the file's weights exactly k steps
(``core.lesson.network_at_step``: ``Trainer.run(steps=k)``), and the step after a "Train N steps"
asks about the network the student has just trained. So while the open step's action is ``train``
(``steps`` N) and not done yet, and the lesson is in progress (its panel open, not finished), every
run the student starts ends where the N steps since the step opened end
(``TrainingController.step_limit``): Play (F5) and the Lesson panel's Train button train what is left
of N and stop; Step (F6), a step-through's applied step and Step epoch (Shift+F6) count towards N and
never go past it. The runs go through the controller as any other (a ``Run`` of that many steps, with
the document's version), so the GUI thread waits for nothing. Once the step is done, Play runs until
paused again.

A Play still running from an earlier step when such a step opens is paused: it would run past N.
The steps of a run that was going on as the step opened are not the step's (``LessonObserver``):
its N count from the next run the student starts.
"""

from __future__ import annotations


class TrainStepLimit:
    """The open step's "Train N steps" as the controller's step limit (``guide``: the ``LessonGuide``)."""

    def __init__(self, guide, controller):
        self.guide, self.controller = guide, controller
        controller.step_limit = self.steps_left

    def open_action(self):
        """The open step's ``train`` action while it is not done and the lesson is in progress, else None."""
        guide = self.guide
        if not guide.in_progress():
            return None
        action = guide.step().action
        if action is None or action.kind != "train" or guide.progress.current in guide.progress.actions_done:
            return None
        return action

    def steps_left(self) -> int | None:
        """Training steps the open step still asks (N less those trained since it opened); None: no limit."""
        action = self.open_action()
        if action is None:
            return None
        left = (action.steps or 0) - self.guide.observer.steps_trained
        return left if left > 0 else None

    def train(self) -> bool:
        """The Lesson panel's Train button: what is left of the step's N steps (False: training did not start)."""
        return self.steps_left() is not None and self.controller.play()

    def step_opened(self) -> str:
        """A step opened: a Play running from before would run past its N steps, so it is paused.
        The status bar's words for that ("" when nothing was paused)."""
        action = self.open_action()
        c = self.controller
        if action is None or not (c.running and c.played):
            return ""
        c.pause()
        return f"Paused: this step trains {action.steps} steps."

    def done_text(self, action) -> str:
        """The status bar's words when the step's ``train`` action is seen done (short: at 1024 px the
        training figures leave the message about 35 characters)."""
        trained = self.guide.observer.steps_trained
        if trained == action.steps:
            return f"Lesson: stopped at {trained} step{'s' if trained != 1 else ''}."
        return f"Done: {trained} steps trained."
