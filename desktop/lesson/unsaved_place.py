"""The student's place in a lesson as an unsaved change of the file, and the answer typed but not checked kept in it.

Save writes the place into the file (``file_progress``): the step open, the answers checked (right or wrong), the
reveals. A place that differs from the one the file holds (``saved_place``: as opened, or as last saved) is a
change a Save would keep, so it counts as one (``Document.other_changes``): the window's title gets its "*", and
closing the window, New and Open ask to save it, as after an edit. The answers that would otherwise be lost are
those of a file handed to a teacher: this computer's settings keep the place too, and a file opened where the
settings go on from its place (the student worked on and did not save: ``file_progress``) shows the "*" at once.

Not an undo step: an answer checked or revealed is not an edit of the network that Ctrl+Z could take back (the
lesson records it for the teacher, as the student gave it; Undo goes on taking back the network's edits and
training only). So the place is compared with the one saved, beside the undo history's clean state: back at the
saved place (Back, then Next again) nothing is unsaved.

What the student types in the answer box is kept with the place as typed (``Progress.unchecked``) until it is
checked (or revealed, or another step opens): Save writes it, and when the file opens again the panel puts it back
in the box, neither checked nor counted as an answer (review 23b #7).
"""

from __future__ import annotations

from core.bpnet_lesson_progress import MAX_TYPED

from .file_progress import saved_place, to_record


def place_changed(guide) -> bool:
    """Whether the place a Save would write differs from the one the file holds (as opened, or as last saved)."""
    p, lesson = guide.progress, guide.lesson
    if p is None or lesson is None or p.steps != len(lesson.steps):
        return False
    return to_record(p) != saved_place(guide)


def keep_typed(guide, text: str) -> None:
    """The student typed ``text`` in the answer box (not checked): kept with the place."""
    p, lesson = guide.progress, guide.lesson
    if p is not None and lesson is not None and p.steps == len(lesson.steps):
        p.unchecked = text[:MAX_TYPED]
        guide.save_place()


class UnsavedPlace:
    """Tells the ``document`` when the place's being unsaved turns (the title and the prompts follow)."""

    def __init__(self, guide, document):
        self.guide, self.document = guide, document
        self.told = False
        document.other_changes = lambda: place_changed(guide)
        guide.place_kept.connect(self.follow)
        guide.lesson_present.connect(self.follow)  # (Reset Progress: a fresh place, not yet kept)
        document.file_state_changed.connect(self._file_state)
        guide.panel.answer.textEdited.connect(lambda text: keep_typed(guide, text))

    def follow(self, *_args) -> None:
        if place_changed(self.guide) != self.told:
            self.told = not self.told
            self.document.other_changes_turned()

    def _file_state(self) -> None:
        """Saved or opened (or the undo history's clean state turned): what the title shows now."""
        self.told = place_changed(self.guide)


def install_unsaved_place(window, guide) -> UnsavedPlace:
    window.unsaved_place = UnsavedPlace(guide, window.document)
    return window.unsaved_place
