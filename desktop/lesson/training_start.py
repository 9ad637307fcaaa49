"""The network the lesson's training starts from: the student's, when they changed it before training.

The lesson's answers are about the network as the file has it (``LessonGuide``), and a question about the
weights after the lesson's k training steps (``step`` k > 0, "Where is w after these 3 steps?") trains
k steps from it. The lesson's own "Train N steps" trains the network on the canvas. A weight typed at an
earlier step, about the lesson's starting weights (``edited_weights`` says so there), stays on the canvas: the
lesson's steps then start from it, and the canvas, the trajectories and the Loss plot follow that run,
while the answer accepted was the lesson's start's (teacher review 18 #2: 0.9 typed at guided_weight_decay,
the canvas's w₀ 0.3524 after the 5 steps, the saved 0.347847 "Right").

So the student's network is checked honestly: while the open step is a "Train N steps" of the lesson and
the lesson has not had the student train yet (``LessonGuide.has_trained``), the network the training will start
from is the document's; once the training has started it is kept (the edit gate then holds the weights
until the questions about them are settled). When its weights, biases or layers differ from the lesson's
network, the questions about the weights after training are answered from it
(``AnswerService.set_training_start``), with the lesson's training settings (its learning rate: a rate
differing in the window is said by ``LessonRate``), and the Lesson panel says so (``note``): at the "Train N
steps" ("Your changes go into the training: the lesson's 5 steps start from the network on the canvas, with
w[x→y][0,0] = 0.9 (0.8 at the lesson's start). Step 7 is checked from it …") and at the questions after it. Ctrl+Z before
training puts the lesson's starting weights back, and then the start's answers are used again.
"""

from __future__ import annotations

from core.lesson_edits import NAMED, changed_count, parameter_changes
from core.notation import counted, format_number

from .hiding import has_trained, trains
from .renamed_start import renamed_start
from .start_again import MENU_WORDS, STARTING, start_values, trained_away, trained_words
from .structure_words import structure_changes


class TrainingStart:
    """The network the lesson's training starts from, when it is not the lesson's start (``guide``: the
    ``LessonGuide``)."""

    def __init__(self, guide):
        self.guide = guide
        #: a copy of the document's network the lesson's training starts (started) from, with the lesson's
        #: training settings and dataset, when it differs from the lesson's start; else None
        self.network = None
        #: how the network the lesson's training started from had been trained since the lesson's start ("trained
        #: 100 steps": ``start_again.trained_words``), when it was (``trained_away``); else ""
        self.trained = ""

    def trained_away(self) -> bool:
        """Whether the canvas holds a network trained since the lesson's start that the lesson's steps do not
        account for (``start_again.trained_away``: its numbers are hidden, its values never said)."""
        return trained_away(self.guide)

    def forget(self) -> None:
        """The lesson starts again (opened, Reset Progress, edited): its training starts from the lesson's start."""
        self._set(None)

    def _before_training(self) -> bool:
        """Whether the open step is a "Train N steps" of the lesson in progress and none of the lesson's training
        has started yet."""
        guide = self.guide
        if not guide.in_progress():
            return False
        return trains(guide.step()) and not guide.has_trained()

    def run_starts(self) -> None:
        """A run starts the open step's training (the guide's ``running_changed`` handler, before it records
        the training as begun): at a "Train N steps" of the lesson in progress, it starts from the document's
        network as it is now (see the module docstring). (Taken as the run starts: the weights a run commits
        arrive before its steps are counted.) Not after an earlier step's training: it then goes on from the
        weights that training left."""
        guide = self.guide
        if not guide.in_progress() or not trains(guide.step()) or has_trained(
                guide.lesson, guide.progress.current, guide.progress.actions_done, started=False):
            return
        saved, now = self.guide.service.network, self.guide.document.network
        if saved is None or changed_count(saved, now) == 0:
            self._set(None)
            return
        if self.network is not None and changed_count(self.network, now) == 0:
            return  # (the same network: no new answers to compute)
        start = now.copy()
        start.training, start.dataset = saved.training.copy(), saved.dataset
        self.trained = trained_words(guide) if self.trained_away() else ""
        self._set(start)

    def follow_rename(self, net) -> None:
        """A layer renamed (``renamed_start``): the training's start keeps its numbers under ``net``'s names."""
        if self.network is not None:
            self._set(renamed_start(self.network, net))

    def _set(self, network) -> None:
        if network is None:
            self.trained = ""
        if network is None and self.network is None:
            return
        self.network = network
        self.guide.service.set_training_start(network)

    def note(self) -> str:
        """The Lesson panel's words while the lesson's training starts (started) from the student's network, at
        the "Train N steps" and at the questions about the weights after it ("" otherwise)."""
        guide = self.guide
        before = self._before_training()  # (the network the training will start from: the document's)
        start = guide.document.network if before else self.network
        saved = guide.service.network
        if start is None or saved is None or not guide.in_progress() or changed_count(saved, start) == 0:
            return ""
        step, current = guide.step(), guide.progress.current
        asked = [k + 1 for k, s in enumerate(guide.lesson.steps)
                 if k > current and s.question is not None and s.question.step > 0]
        trained = trained_words(guide) if before and self.trained_away() else (None if before else self.trained)
        if trained:  # its numbers may be later answers: not said (review 23b #4), the way back is (#1)
            return self._trained_note(step, before, asked, trained)
        with_changed, from_changed, back = _changed_words(saved, start)
        lead = "Your changes go into the training"
        if guide.document.undo_stack.count() == 0:  # they came with the file (saved after training): no Ctrl+Z
            lead = "The file's weights (trained or edited after the lesson started) go into the training"
            back = ""
        n = step.action.steps if trains(step) else 0
        lesson_steps = f"the lesson's {n} step{'s' if n != 1 else ''}"
        if not asked and trains(step):  # nothing later is checked: the new weights are compared with earlier answers
            used = [k + 1 for k, s in enumerate(guide.lesson.steps)
                    if k < current and s.question is not None and s.question.kind == "weight_after_step"]
            whose = f"your answers of {_steps(used)} used" if used else "the text works from"
            if before:
                return (f"{lead}: {lesson_steps} start{'s' if n == 1 else ''} from the "
                        f"network on the canvas, {with_changed}, not from the lesson's starting weights {whose}, so the new "
                        f"weights on the canvas will differ from them. {back}".rstrip())
            return (f"{lesson_steps[0].upper()}{lesson_steps[1:]} started from the network on the canvas, "
                    f"{with_changed}, not from the lesson's starting weights {whose}: that is why the new weights on the canvas "
                    "differ from them.")
        if before:
            which = f"Step{'s' if len(asked) > 1 else ''} {_and([str(k) for k in asked])}" if asked else "What follows"
            return (f"{lead}: {lesson_steps} start{'s' if n == 1 else ''} from the "
                    f"network on the canvas, {with_changed}. {which} {'are' if len(asked) > 1 else 'is'} checked "
                    f"from it, not from the lesson's starting weights the text works from. {back}".rstrip())
        if step.question is None or step.question.step == 0:
            return ""
        return (f"The lesson's training started from {from_changed}, not from the lesson's starting weights the text works from: "
                "this question is checked from the network you trained.")


    def _trained_note(self, step, before: bool, asked: list[int], trained: str) -> str:
        """``note``'s words when the network the lesson's training starts (started) from was ``trained`` ("trained
        100 steps") since the lesson's start: its numbers not said, the lesson's starting weights and the way back
        to them (``start_again``) said."""
        values = start_values(self.guide)
        start = f"{STARTING} ({values})" if values else STARTING
        which = (f"step{'s' if len(asked) > 1 else ''} {_and([str(k) for k in asked])} "
                 f"{'are' if len(asked) > 1 else 'is'} checked from it" if asked else "the new weights will follow it")
        if before:
            n = step.action.steps
            return (f"The canvas has the network {trained} after the lesson's start: the lesson's {counted(n, 'step')} "
                    f"would start from it, and {which}, not from {start}, which the text works from. "
                    f"{MENU_WORDS} puts them back on the canvas (Ctrl+Z undoes it).")
        if step.question is None or step.question.step == 0:
            return ""
        return (f"The lesson's training started from the network {trained} after the lesson's start, not from "
                f"{start}, which the text works from: this question is checked from the network you trained. "
                f"{MENU_WORDS} starts the lesson again from them at step 1.")

    def saved_answer_words(self, question, typed: float) -> str:
        """A line for the hint when ``typed``, wrong for the network the lesson's training started from, is the
        right answer to ``question`` for the lesson's starting weights (review 20 #6: 0.347847 "Not yet" with no word why);
        "" when the training started from the lesson's start or ``question`` is about the lesson's starting weights."""
        saved = self.guide.service.network
        if self.network is None or saved is None or question.step == 0:
            return ""
        if self.trained:  # (the weights it started from may be later answers: not said)
            return (f"{format_number(typed, 6)} is the answer from {STARTING}, not from the network you trained (the "
                    "red note above says why).")
        return (f"{format_number(typed, 6)} is the answer from {STARTING}; the lesson's training started from "
                f"{_changed_words(saved, self.network)[1]}, and this question is checked from the network you "
                "trained.")


def _changed_words(saved, start) -> tuple[str, str, str]:
    """(with …, from …, how to undo) the changes from network ``saved`` to ``start`` in words: ("with
    w[x→y][0,0] = 0.9 (0.8 at the lesson's start)", "w[x→y][0,0] = 0.9 (0.8 at …)", "Ctrl+Z puts the starting value
    back."); a layer or
    edge changed: ("without the edge x1 → y0: w[x→y][0,1] is 0 and stays 0", "the network without …", …)."""
    changes = parameter_changes(saved, start, NAMED)
    if changes is None:  # the layers or edges: named (``structure_changes``)
        words = structure_changes(saved, start)
        if not words:
            return "with your layers and connections", "your layers and connections", "Ctrl+Z puts the lesson's network back."
        return _and(words), f"the network {_and(words)}", "Ctrl+Z puts the lesson's network back."
    total = changed_count(saved, start)
    listed = [f"{c.label} = {format_number(c.now, 6)} ({format_number(c.saved, 6)} at the lesson's start)"
              for c in changes]
    if total > len(listed):
        listed.append(f"{total - len(listed)} more")
    return f"with {_and(listed)}", _and(listed), f"Ctrl+Z puts the starting {'value' if total == 1 else 'values'} back."


def _steps(numbers: list[int]) -> str:
    """1-based step ``numbers`` in words: "step 11", "steps 11–12", "steps 3, 5 and 7"."""
    if len(numbers) == 1:
        return f"step {numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"steps {numbers[0]}–{numbers[-1]}"
    return f"steps {_and([str(k) for k in numbers])}"


def _and(parts: list[str]) -> str:
    """``parts`` as a list in words: "a", "a and b", "a, b and c"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
