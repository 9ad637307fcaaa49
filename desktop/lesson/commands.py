"""The one edit of a lesson: ``SetLesson`` replaces ``network.lesson`` (undoable, through ``Document.perform``).

The new lesson is checked against the network with the file reader's rules
(``core.bpnet_lesson.lesson_to_dict``), so a lesson the editor accepts can be saved and opened
again; a refused one (a layer the network does not have, a step count out of range) changes
nothing and the reason names the place ("lesson.steps[2].question.layer: …").
"""

from __future__ import annotations

from core.bpnet_lesson import lesson_to_dict
from core.jsonchecks import Checker
from core.lesson import Lesson
from desktop.commands import Command


class SetLesson(Command):
    """Replace the network's lesson with ``lesson`` (None: no lesson)."""

    pauses_training = False

    def __init__(self, doc, text: str, lesson: Lesson | None):
        super().__init__(doc, text)
        self.new = lesson
        self.old = None

    def edit(self, net) -> None:
        if self.new is not None:
            lesson_to_dict(Checker("the lesson"), self.new, net)
        net.lesson = self.new

    def remember(self, net) -> None:
        self.old = net.lesson

    def revert(self, net) -> None:
        net.lesson = self.old

    def notify(self, doc) -> None:
        doc.lesson_changed.emit()
