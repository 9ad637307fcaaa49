"""Lesson → Start Again from the Lesson's Starting Weights: the way back to the network the lesson's text works from.

A lesson's questions are about its starting weights (``core.lesson_start``; ``LessonGuide.service.network``). A
student's file saved after the lesson's training keeps them apart from its network, and when it is worked again
from step 1 (Lesson → Reset Progress) the canvas still holds the trained network: its "Train 5 steps" then trained
on from the trained weights, and step 7 said "Not yet" to the 0.3478 the lesson's text works out (teacher review
23b #1). So:

* ``RestoreStart`` is one document command (``Document.perform``, one step of the undo history): the start's
  weights W (target units, source units), biases b and training settings back in the document's network, and no
  training run behind them (``ResetRun``: the file's run described the trained weights). Ctrl+Z brings the
  trained weights, their run and settings back.
* ``start_again(window)`` (the Lesson menu's entry): the start's weights back; while the lesson has not had the
  student train by the open step, the place and the answers stay (they are about the start); past the lesson's
  training the lesson starts again at step 1 too (its trained steps are no longer on the canvas).
* ``ask_reset(window)`` (Lesson → Reset Progress): when the canvas differs from the start, asks whether to put the
  start's weights back too (Yes: ``start_again``'s command as well; No: the canvas as it is; Cancel: nothing).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

import core
from core.lesson_edits import changed_count, parameter_changes
from core.notation import counted, format_number, listed
from desktop.reset_run import ResetRun

#: the Lesson menu's entry, as the notes name it
MENU_WORDS = "Lesson → Start Again from the Lesson's Starting Weights"
#: the one name of the network a lesson's text works from, wherever the app writes it
STARTING = "the lesson's starting weights"


class RestoreStart(ResetRun):
    """Every weight and bias of the document's network set to the lesson's ``start`` network's (the same layers),
    its training settings to the start's, and the file's training run dropped; undo brings all of them back. The
    lesson's edit gate lets it through (``to_the_start``): it is the network the lesson's training is written for."""

    to_the_start = True

    def __init__(self, doc, start):
        super().__init__(doc, start.parameters())
        self.setText("Start again from the lesson's starting weights")
        self.new_training, self.old_training = start.training.copy(), None

    def remember(self, net) -> None:
        super().remember(net)
        self.old_training = net.training.copy()

    def edit(self, net) -> None:
        super().edit(net)
        net.training = self.new_training.copy()

    def revert(self, net) -> None:
        super().revert(net)
        net.training = self.old_training.copy()

    def notify(self, doc) -> None:
        doc.notify_parameters()
        doc.notify_settings()

    def history_words(self) -> str | None:
        return "putting back the lesson's starting weights"


def differs(guide) -> bool | None:
    """Whether the document's weights, biases or training settings differ from the lesson's start (None: no
    lesson, or the layers differ, so the start's numbers cannot be put back one by one)."""
    start = guide.service.network
    if guide.lesson is None or start is None:
        return None
    count = changed_count(start, guide.document.network)
    if count is None:
        return None
    return count != 0 or start.training != guide.document.network.training


def trained_away(guide) -> bool:
    """Whether the canvas holds a network trained since the lesson's start that the lesson's own steps do not
    account for: it differs from the start, and the file kept the start apart from its network (it was saved
    after training: teacher review 23b #4) or this window trained it (a training run's step count above 0), as
    after Lesson → Reset Progress answered "No". Its numbers may then be later questions' answers (the weights
    after 100 steps on the canvas at step 2): the lesson hides them as it does once it had the student train."""
    if not differs(guide):
        return False
    latest = None if guide.controller is None else guide.controller.latest
    return guide.lesson.start is not None or (latest is not None and latest.step > 0)


def trained_words(guide) -> str:
    """How the canvas's network came to differ from the start, without its numbers: "trained 100 steps" (the file's
    run, or this window's), or "trained or edited" when no run tells."""
    net = guide.document.network
    steps = net.progress.progress.step_count if core.keeps_run(net) else None
    latest = None if guide.controller is None else guide.controller.latest
    if steps is None and latest is not None and latest.step > 0:
        steps = latest.step
    return f"trained {counted(steps, 'step')}" if steps else "trained or edited"


def trained_note(guide) -> str:
    """The Lesson panel's red words at a question about the lesson's start while the canvas holds a network trained
    since (``trained_away``): how it came (not its numbers, which may be later answers), which weights the question
    is about, and the way back to them."""
    values = start_values(guide)
    settled = guide.progress.answered | guide.progress.revealed
    later = any(s.question is not None and s.question.step > 0 and k not in settled
                for k, s in enumerate(guide.lesson.steps) if k > guide.progress.current)
    hidden = " (what later steps ask about it shows as ? until then)" if later else ""
    return (f"The canvas has the network {trained_words(guide)} after the lesson's start{hidden}. This question is "
            f"about {STARTING}{f', {values}' if values else ''}. {MENU_WORDS} puts them back on the canvas.")


def start_values(guide, most: int = 3) -> str:
    """The start's values of the parameters the canvas has otherwise ("w[x→y][0,0] = 0.8 and w[x→y][0,1] = 0.6"),
    the first ``most`` named and the rest counted; "" when none differs."""
    start, now = guide.service.network, guide.document.network
    changes = parameter_changes(start, now, most) or []
    total = changed_count(start, now) or 0
    parts = [f"{c.label} = {format_number(c.saved, 6)}" for c in changes]
    if total > len(parts):
        parts.append(f"{total - len(parts)} more")
    return listed(parts)


def put_back(window) -> str | None:
    """Perform ``RestoreStart`` on the window's document; None when done, else why not (in words)."""
    guide, document = window.lesson_guide, window.document
    reason = document.perform(RestoreStart(document, guide.service.network))
    return None if reason is None else str(reason)


def start_again(window) -> None:
    """Lesson → Start Again from the Lesson's Starting Weights (see the module docstring); the status bar says
    what was done."""
    guide = window.lesson_guide
    if guide.lesson is None or guide.progress is None:
        window.show_message("This network has no guided lesson.")
        return
    state = differs(guide)
    if state is None:
        window.show_message("Not done: the network's layers or connections differ from the lesson's start; "
                            "Ctrl+Z takes the edits back one at a time.")
        return
    restart = guide.has_trained()  # the lesson's training is behind the open step: it starts again at step 1
    if not state:
        if restart:
            guide.reset_progress()
        window.show_message("The canvas has the lesson's starting weights already"
                            + (": lesson progress reset, back to step 1." if restart else "."))
        return
    if restart:
        guide.reset_progress()
    reason = put_back(window)
    if reason is not None:
        window.show_message(f"Not done: {reason}")
        return
    if restart:
        window.show_message(f"Lesson progress reset: back to step 1, with {STARTING} on the canvas (Ctrl+Z puts "
                            "the other weights back).")
    else:
        window.show_message(f"{STARTING[0].upper()}{STARTING[1:]} are back on the canvas (Ctrl+Z puts the other "
                            "weights back).")

def ask_reset(window) -> None:
    """Lesson → Reset Progress: back to step 1; when the canvas differs from the lesson's start, the student is
    asked whether the start's weights go back on the canvas too (``QMessageBox.question``: Yes, No, Cancel)."""
    guide = window.lesson_guide
    if differs(guide):
        values = start_values(guide)
        answer = QMessageBox.question(
            window, "Reset lesson progress",
            "Start the lesson again from step 1?\n\nThe canvas has other weights or settings than the lesson's "
            f"start{f' ({values})' if values else ''}, the numbers its text works from.\n\n"
            f"Yes: put {STARTING} back on the canvas too (one step: Ctrl+Z takes it back).\n"
            "No: keep the canvas as it is (the lesson's training then starts from it).",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Yes)
        if answer == QMessageBox.StandardButton.Cancel:
            return
        if answer == QMessageBox.StandardButton.Yes:
            guide.reset_progress()
            reason = put_back(window)
            window.show_message("Lesson progress reset: back to step 1, "
                                + (f"with {STARTING} on the canvas (Ctrl+Z puts the other weights back)."
                                   if reason is None else f"but the weights stay: {reason}"))
            return
    guide.reset_progress()
