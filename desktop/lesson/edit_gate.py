"""The weights stay as the lesson trained them while a question about them is open: the document's edit refusal.

guided_perceptron step 9 asks "Where is w after these 3 steps?" about the weights the lesson's "Train 3 steps"
left on the canvas (held there as "?"). A weight typed on the canvas then went in unseen (the label kept its
"?"), the training session started again from it ("Epoch 0 · Step 0", a compared "run 1" over an empty Loss
plot) while the lesson still ticked "stopped at exactly 3" and asked about "these 3 steps", and the Lesson
panel said nothing (teacher review 17 #2). The question's weights are the trained ones, and only the lesson's
own training may move them, as ``desktop.lesson.train_gate`` holds training back. So, while the lesson is in
progress, has had the student train (``LessonGuide.has_trained``) and a question about the weights after the
lesson's k training steps (``step`` k > 0) is still to be answered or revealed at the open step or after it,
an edit of a weight or bias value is refused:

* a weight or bias typed on the canvas or in the Inspector (``SetWeight``, ``SetBias``), and Reset or
  Re-initialise (a ``SetParameters`` other than a training run's own commit);
* ``Document.perform`` asks ``reason(command)`` first and says "Not done: answer step 9 first (it asks about
  the weights after the lesson's 3 steps)" where the edit was tried (the status bar; the canvas's editor
  closes, so the held edge goes on showing "?" and never the refused number; those words go when another step
  opens); at a "Train N steps" before the question, "Not done: step 9 asks
  about the weights after the lesson's 100 steps: only the lesson's training changes them until then";
* the Lesson panel says in red what was typed and why it was not taken (``note``: "Not changed: you typed 0.9
  for w[x→y][0,0]. This question is about the weights after the lesson's 3 steps: they stay as trained until
  you answer it (or Reveal). …"), until another step opens or the question is settled.

The network the lesson trains is held the same way (review 18 #1: "+ Hidden layer" at guided_perceptron step 9
left two output layers and restarted the run; an unticked "Edge present" or a learning rate typed at the "Train
N steps" trained another network than the one the answer is computed from): every structure edit but a rename
(a layer added or deleted, its units, activation or bias, an edge or connection removed or restored: "Not done:
Add layer h1. This question is about the weights after the lesson's 3 steps: the network stays as trained …"),
and, while a "Train N steps" before the question is still to train, a training setting or the dataset changed
to a value other than the lesson's ("Not done: step 7 asks about the weights after the lesson's 5 steps: the
lesson trains them on this network with these settings"; the lesson's own rate, ``LessonRate``, is taken).

After an Undo took back a done "Train N steps" before the open step (``TrainedSteps``), the refusal sends the
student there: "Not done: train at step 6 first (go Back to it: an Undo took its training back; …)".

Not refused: the lesson's training, Undo and Redo, a rename, moving layers, and the settings once the
lesson's training the question asks about is done. Once the question is answered or revealed (or the Lesson
panel closed) the network is free to edit again.
"""

from __future__ import annotations

from dataclasses import asdict

from core.notation import counted, format_number, neuron_label, weight_label
from desktop.commands import RenameLayer, SetBias, SetParameters, SetSettings, SetWeight, StructureCommand

from .hiding import first_unsettled, trains
from .structure_words import edit_words

#: the Lesson panel's last words, how to get out of the lesson and what is then free
LEAVE = "(Closing the Lesson panel leaves the lesson; then the network and its settings are free to edit.)"


class EditGate:
    """The lesson's say over edits of the trained weights (``guide``: the ``LessonGuide``);
    ``document.edit_refusal`` is ``reason``."""

    def __init__(self, guide, document):
        self.guide = guide
        document.edit_refusal = self.reason
        #: (open step, question held, the Lesson panel's words, whether a "Train N steps" was still to train
        #: before that question) of the last edit refused
        self._refused: tuple[int, int, str, bool] | None = None
        #: the status bar's words of the last edit refused ("Not done: …"), which go when another step opens
        self.said: str | None = None

    def holding(self):
        """(0-based step, question) of the first question from the open step on that asks about the weights
        after the lesson's training and is not settled, while the lesson is in progress and has had the student
        train or opens a "Train N steps" (a weight typed there went into the training unsaid: review 18 #2);
        None when the weights are free to edit."""
        guide = self.guide
        if not guide.in_progress():
            return None
        progress, lesson = guide.progress, guide.lesson
        current = progress.current
        # (a "Train N steps" starts from the canvas's weights)
        if not (trains(lesson.steps[current]) or guide.has_trained()):
            return None
        k = first_unsettled(lesson, current, progress.answered | progress.revealed, after_training_only=True)
        return None if k is None else (k, lesson.steps[k].question)

    def reason(self, command) -> str | None:
        """Why ``command`` may not change the document now (see the module docstring), in words that end a
        sentence after "Not done: "; None when it may."""
        if not _edits_the_network(command) or getattr(command, "to_the_start", False):
            return None  # (the lesson's starting weights put back: ``start_again``, always allowed)
        held = self.holding()
        if held is None:
            return None
        k, q = held
        current = self.guide.progress.current
        if isinstance(command, SetSettings) and not (self._training_ahead(k) and _moves_settings_away(
                command, self.guide.service.network)):
            return None
        what = _tried(command, self.guide.document.network)
        after = f"the weights after the lesson's {counted(q.step, 'step')}"
        stay = "they stay as trained" if _sets_values(command) else "the network stays as trained"
        undone = [m for m in sorted(self.guide.trained.undone) if m < current]
        if undone:  # an Undo took the lesson's training back: it is to be trained again first
            why = (f"train at step {undone[0] + 1} first (go Back to it: an Undo took its training back; step {k + 1} "
                   f"asks about {after})")
            asks = (f"Step {k + 1} asks about {after}, and an Undo took the training of step {undone[0] + 1} back: "
                    f"go Back to it and train there again{self.guide.trained.redo_words()}.")
        elif k == current:
            asks, why = (f"This question is about {after}: {stay} until you answer it (or Reveal).",
                         f"answer step {k + 1} first (it asks about {after})")
        else:  # a "Train N steps" comes first: the student cannot answer step k yet
            how = ("only the lesson's training changes them until then" if _sets_values(command) else
                   "the lesson trains them on this network with these settings")
            asks = why = f"step {k + 1} asks about {after}: {how}"
            asks = f"{asks[0].upper()}{asks[1:]}."
        self._refused = (current, k, f"{what} {asks} {LEAVE}", self._training_ahead(k))
        self.said = f"Not done: {why}"
        self.guide.panel.show_edit_note(self.note())
        return why

    def _training_ahead(self, k: int) -> bool:
        """Whether a "Train N steps" of the lesson from the open step up to step ``k`` (0-based) is still to
        train (not done): the training settings then decide the weights step ``k`` asks about."""
        progress, steps = self.guide.progress, self.guide.lesson.steps
        return any(trains(steps[m]) and m not in progress.actions_done for m in range(progress.current, k))

    def note(self) -> str:
        """The Lesson panel's words about the last edit refused, while they hold: at the step where it was
        tried, while the same question holds the weights and, for an edit refused before the lesson's "Train N
        steps", until that training is done (after it the words read as if the training had been refused:
        review 20 #6); "" otherwise. When they go, so do the status bar's ("Not done: answer step 9 first …")."""
        if self._refused is None:
            return ""
        held = self.holding()
        current = self.guide.progress.current if self.guide.progress is not None else None
        if held is None or (current, held[0]) != self._refused[:2] or (
                self._refused[3] and not self._training_ahead(held[0])):
            self._refused = None
            self.drop_said()
            return ""
        return self._refused[2]

    def drop_said(self) -> None:
        """The status bar's words of the last edit refused go (unless another message replaced them)."""
        if self.said:
            self.guide.status_over.emit(self.said)
            self.said = None


def _sets_values(command) -> bool:
    """Whether ``command`` sets weight or bias values: a typed weight or bias, Reset, Re-initialise (not a
    training run's own commit, which does not pause training)."""
    if isinstance(command, (SetWeight, SetBias)):
        return True
    return isinstance(command, SetParameters) and command.pauses_training


def _edits_the_network(command) -> bool:
    """Whether ``command`` may change what the lesson's training trains or what it left: the values
    (``_sets_values``), the layers, units, activations, biases, edges or connections (a ``StructureCommand``;
    not a rename, which the lesson follows), or the training settings or the dataset (``SetSettings``)."""
    if _sets_values(command) or isinstance(command, SetSettings):
        return True
    return isinstance(command, StructureCommand) and not isinstance(command, RenameLayer)


def _flat(settings, dataset) -> dict:
    """The training settings as one flat dict (the optimizer's fields by their own names) with the dataset."""
    values = asdict(settings)
    values.update(values.pop("optimizer"))
    return {**values, "dataset": id(dataset)}


def _moves_settings_away(command, lesson_network) -> bool:
    """Whether ``command`` (a ``SetSettings``) changes a training setting or the dataset to a value other
    than the lesson's (``lesson_network``'s, as the file has it): taking the lesson's rate back is free."""
    old, new = _flat(*command.old), _flat(*command.new)
    ours = _flat(lesson_network.training, lesson_network.dataset) if lesson_network is not None else {}
    return any(new[key] != old[key] and (key == "dataset" or new[key] != ours.get(key)) for key in new)


def _tried(command, network) -> str:
    """What the student tried, in words: "Not changed: you typed 0.9 for w[x→y][0,0].", "Not done: Reset weights.",
    "Not done: Remove edge x0 → y0 (the weight w[x→y][0,0]).", the edge's weight as the lesson writes it."""
    if isinstance(command, SetWeight):
        source, target, j, i = command.key
        return f"Not changed: you typed {format_number(command.new, 6)} for {weight_label(source, target, j, i)}."
    if isinstance(command, SetBias):
        layer, j = command.key
        return f"Not changed: you typed {format_number(command.new, 6)} for b_{neuron_label(layer, j)}."
    weight = edit_words(command, network) if isinstance(command, StructureCommand) else ""
    return f"Not done: {command.text()}{f' ({weight})' if weight else ''}."
