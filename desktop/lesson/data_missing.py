"""A lesson opened without its data: the steps that need it say the CSV first.

A lesson file whose dataset is a CSV beside it opens without that data when the CSV was moved or deleted
(``core.load_network_without_missing_csv``): its text, the student's place and what they did are all there, and
the Dataset panel and the status bar say "data.csv was not found beside teacher.bpnet: Load CSV… again, or put
it back there (Save keeps naming it)" (``Document.dataset_note``). The lesson's steps that need the data (a
question answered from a training step, ``core.lesson.needs_data``; a "Train N steps" or a step-through) say that
first too, in the Lesson panel (``note``), for a Check or Reveal (``refusal``: "Not checked: data.csv was not
found …") and for a training key the window refuses (F5, F6, F8), in the same words, never "the network has no
dataset to train on".

Once the data is back (Load CSV…, a generator), the answers are about the lesson's network as it was opened with
that data (``data_changed``): the questions are checked again, and a row a question names that the new data has
not is said by the engine ("sample 5 is out of range: …").
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from core.lesson import needs_data

#: the actions that run the network on its data
NEEDS_DATA_ACTIONS = ("train", "step_through")


def step_needs_data(step) -> bool:
    """Whether lesson ``step`` needs the network's dataset: its question (``core.lesson.needs_data``) or its action."""
    return (step.question is not None and needs_data(step.question)) or (
        step.action is not None and step.action.kind in NEEDS_DATA_ACTIONS)


class DataMissing(QObject):
    """The open step against a network opened without its data (``guide``: the ``LessonGuide``, its parent: the
    document's signal reaches it only while the guide lives)."""

    def __init__(self, guide):
        super().__init__(guide)
        self.guide = guide
        guide.document.settings_changed.connect(self.data_changed)

    def words(self) -> str:
        """Why the data is not here, and what to do ("data.csv was not found beside teacher.bpnet: Load CSV… again,
        or put it back there"); "" while the network has data or was not opened without it."""
        doc = self.guide.document
        note = doc.dataset_note
        if doc.network.dataset is not None or not note:
            return ""
        return note.split(" (Save keeps", 1)[0]

    def _open_step_needs_it(self) -> bool:
        guide = self.guide
        return guide.progress is not None and guide.lesson is not None and step_needs_data(guide.step())

    def note(self) -> str:
        """The Lesson panel's words at a step that needs the missing data ("" otherwise)."""
        words = self.words()
        if not words or not self.guide.in_progress() or not self._open_step_needs_it():
            return ""
        return f"{words}. This step needs that data: its numbers come from a training step."

    def refusal(self, verdict: str) -> str:
        """``verdict`` ("Not checked", "Not done") and why, for the open step while its data is missing; "" otherwise."""
        words = self.words()
        if not words or not self._open_step_needs_it():
            return ""
        return f"{verdict}: {words}. This step needs that data."

    def data_changed(self) -> None:
        """Data again on a lesson network opened without it: the answers are about the network as opened, with it."""
        guide, doc = self.guide, self.guide.document
        opened = guide.service.network
        if opened is None or opened.dataset is not None or doc.network.dataset is None or not doc.dataset_note:
            return
        with_data = opened.copy()
        with_data.dataset = doc.network.dataset
        guide.service.set_network(with_data)
        guide.start.forget()
