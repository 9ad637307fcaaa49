"""A lesson's done "Train N steps" stay done only while the document holds their training: the undo history's say.

guided_weight_decay trains 5 steps at step 6 and asks at step 7 "Where is w₀ after these 5 steps?". A
Ctrl+Z at step 7 took the 5 steps back (the saved weights on the canvas) while step 6 stayed ticked: training
was then refused with "answer step 7 first (then train at step 8 …)", and step 8's 95 steps trained from the
saved weights, so step 9's "Right" stood beside a canvas trained 95 steps, not 100 (teacher review 20 #1).

So each done "Train N steps" is remembered with its place in the undo history (``QUndoStack.index`` when it
was ticked, and the command just below that place: the run's last commit). Whatever step is open, once an
Undo (Ctrl+Z, the toolbar's Undo, a click in the Undo History) takes the history below that place, the step
is not done any more and is ``undone``: the gates then send the student back to train it ("train at step 6
first (go Back to it: …)"). A Redo back to that place with the same command below it ticks it again; a
new edit pushed after the Undo discards the command, and the step stays to train again. (The open step's own
count, ``LessonObserver``, un-ticks and ticks it too, through ``LessonGuide._observe``.)
"""

from __future__ import annotations

from shiboken6 import isValid

from core.notation import counted

#: the keys of Redo (``main_window``: the platform's, Ctrl+Shift+Z and Ctrl+Y)
REDO_KEYS = "Ctrl+Shift+Z or Ctrl+Y"


class TrainedSteps:
    """The done "Train N steps" of the open lesson and their places in ``undo_stack`` (``guide``: the
    ``LessonGuide``, told through ``changed`` when a step's tick follows an Undo or Redo)."""

    def __init__(self, undo_stack, changed):
        self.stack, self.changed = undo_stack, changed
        self._places: dict[int, tuple[int, object]] = {}  # 0-based step -> (history index, command below it)
        #: 0-based steps whose training, once done, an Undo took back: to train again
        self.undone: set[int] = set()
        self._counts: dict[int, tuple] = {}  # 0-based step -> its count when done (``kept_count``)
        undo_stack.indexChanged.connect(self._moved)

    def forget(self) -> None:
        """The lesson starts again (opened, reset, edited): nothing it trained is in the history."""
        self._places.clear()
        self.undone.clear()
        self._counts.clear()

    def undone_words(self, current: int, q, verdict: str) -> str:
        """Why question ``q`` of the open step ``current`` is not checked (``verdict``: "Not checked") when it asks
        about the weights after a "Train N steps" before it whose training an Undo took back; "" otherwise."""
        undone = [m for m in sorted(self.undone) if m < current]
        if q.step <= 0 or not undone:
            return ""
        return (f"{verdict}: an Undo took the training of step {undone[0] + 1} back, and this question asks about "
                f"the weights after the lesson's {counted(q.step, 'step')}. Go Back to step {undone[0] + 1} and train "
                "there again" + self.redo_words() + ".")

    def undone_aside(self, current: int, q, settled: bool, waits: bool = False) -> str:
        """What the verdict of question ``q`` of the open step ``current``, ``settled`` (answered or revealed), adds
        when it asks about the weights after a "Train N steps" before it whose training an Undo took back: the
        answer was about those weights, not the ones on the canvas now (teacher review 23 #7: "Right: 0.410975."
        beside w = 0.8 after Ctrl+Z), and the way back; ``waits``: training waits for that step (the Lesson panel
        then says it here only, not in its notice as well: review 23b #5); "" otherwise."""
        undone = [m for m in sorted(self.undone) if m < current]
        if q is None or not settled or q.step <= 0 or not undone:
            return ""
        wait = ", and training waits for it" if waits else ""
        return (f"That answer is about the weights after the lesson's {counted(q.step, 'step')}: an Undo took the "
                f"training of step {undone[0] + 1} back, so the canvas shows the weights before it{wait}. Go Back to "
                f"step {undone[0] + 1} and train there again{self.redo_words()}.")

    def redo_words(self) -> str:
        """ " (or Redo: Ctrl+Shift+Z or Ctrl+Y)" while the undo history can redo (the training an Undo took back); ""
        when it cannot (a lesson opened again with that training undone: its history is new)."""
        return f" (or Redo: {REDO_KEYS})" if self.can_redo() else ""

    def can_redo(self) -> bool:
        """Whether the undo history can redo (the training an Undo took back, while nothing new was done since)."""
        return isValid(self.stack) and self.stack.canRedo()

    def restore_undone(self, steps) -> None:
        """The lesson opened again with these steps' training taken back by an Undo before (``Progress.undone``):
        they stay to train again (no Redo can bring them back: the history is new)."""
        self.undone = set(steps)

    def kept_count(self, k: int):
        """The observer's counts of step ``k`` when it was done (``LessonObserver.kept_count``), while an Undo
        has taken its training back (its steps then count on from the weights the Undo left); else None."""
        return self._counts.get(k) if k in self.undone else None

    def record(self, k: int, counts=None) -> None:
        """Step ``k``'s "Train N steps" was just seen done: its training is the history up to now. (Seen done
        again by its count as a Redo brings its weights back, inside the Redo, before the history's place
        moves: the place it has stays, and ``_moved`` ticks it.)"""
        if k in self.undone and k in self._places:
            return
        index = self.stack.index()
        self._places[k] = (index, self.stack.command(index - 1) if index > 0 else None)
        self._counts[k] = counts
        self.undone.discard(k)

    def _held(self, k: int) -> bool | None:
        """Whether the document still holds step ``k``'s training: the history is at or past its place, with
        the same command below it; None when that command is gone from the history (a new edit after an Undo
        replaced it): the training can only be done again."""
        index, command = self._places[k]
        if index > 0 and (self.stack.count() < index or self.stack.command(index - 1) is not command):
            return None
        return self.stack.index() >= index

    def _moved(self, _index: int) -> None:
        """The undo history's place changed: the steps whose training it left (or took back) are told. A history
        cleared (another file opened, the window closing) leaves the ticks as they are: nothing was undone."""
        if not isValid(self.stack) or self.stack.count() == 0:
            self.forget()
            return
        for k in list(self._places):
            held = self._held(k)
            if held is None:
                del self._places[k]
                held = False
            if held == (k in self.undone):
                (self.undone.discard if held else self.undone.add)(k)
                self.changed(k, held)
