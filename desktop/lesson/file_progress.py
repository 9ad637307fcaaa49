"""The student's place travels with the lesson's file, and follows it through Save As.

``LessonGuide`` keeps the place (``Progress``) in the user's settings under the file's key (``lesson_key``).
Besides that:

* **Save** writes the place into the file (its ``lesson_progress`` section, ``core.bpnet_lesson_progress``):
  ``network_to_write`` gives Save a copy of the network with it (the document's network is not changed). A
  teacher who opens the student's file, on another computer or under another name, sees the student's step,
  answers, reveals and the values typed.
* **Open** (``kept_progress``, as the guide starts the lesson): the file's record is used, unless this
  computer's settings go on from it (the student worked on after the last save without saving again: the
  settings remember a digest of the record the file had when last read or written here, ``BASE_GROUP``; when the
  file still has that record, the settings' newer place is used). A file without the section (older files, a
  bundled lesson opened as an untitled copy) opens with the settings' record as before. A section that is not
  valid opens the lesson at step 1 the first time it is met here (the settings remember its digest too, so a
  later Open goes on from this computer's place); the panel says why (``unread_words``), and nothing else of
  the file is lost.
* **Save As** (``follow_path``, the document's path changed): the place is copied to the new file's key, so it
  goes on there (and is in the new file); the old file's record stays the old file's. Not while another file
  is being opened, and the digest is remembered only once a Save has written the file (``record_written``).
"""

from __future__ import annotations

import hashlib
import json
import weakref

from core.bpnet_lesson_progress import MAX_TYPED, LessonProgress, UnreadLessonProgress, lesson_progress_to_dict

from .progress import SETTINGS_GROUP, Progress, forget_progress, lesson_key, load_progress, save_progress

#: guide → the file record it adopted last (each file's record is adopted once: not again at Reset Progress)
_adopted: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: guide → the document's network whose lesson it started last (``follow_path`` carries a place only within it)
_started: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: guide → the place as the file was opened with it or last saved with it (``saved_place``)
_saved: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: settings group: a file key → the digest of the ``lesson_progress`` the file had when last read or written here
#: (inside the places' group: forgetting every place forgets these too)
BASE_GROUP = f"{SETTINGS_GROUP}/file"


def to_record(p: Progress) -> LessonProgress:
    return LessonProgress(p.current, frozenset(p.answered), frozenset(p.revealed), frozenset(p.actions_done),
                          frozenset(p.undone), tuple(p.answers), p.unchecked[:MAX_TYPED])


def from_record(r: LessonProgress, steps: int) -> Progress:
    return Progress(steps, r.current, set(r.answered), set(r.revealed), set(r.actions_done),
                    set(r.train_again - r.actions_done), list(r.answers), r.unchecked)


def digest(record: LessonProgress) -> str:
    """The record as the file writes it, digested (the same record read back gives the same digest)."""
    text = json.dumps(lesson_progress_to_dict(record), sort_keys=True)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _key(document, path) -> str | None:
    lesson = document.network.lesson
    if lesson is None or not lesson.steps:
        return None
    return lesson_key(path, document.network.name, lesson.title)


def adopt_file_record(settings, document) -> str:
    """A file was opened (``document``: its network and path): the settings' place for it becomes the file's
    record, unless the settings go on from that record (see the module docstring). Returns the words saying
    why the file's record could not be used ("" when it could, or there is none)."""
    record = document.network.lesson_progress
    key = _key(document, document.path) if document.path is not None else None
    if key is None or record is None:
        return ""
    if isinstance(record, UnreadLessonProgress):  # forgotten here once per bad section, not at every open
        base = unread_digest(record)
        if settings.value(f"{BASE_GROUP}/{key}") == base:  # met before: this computer's place goes on from it
            return unread_words(record, kept=True)
        forget_progress(settings, key)
        settings.setValue(f"{BASE_GROUP}/{key}", base)
        return unread_words(record)
    if not isinstance(record, LessonProgress):
        return ""
    base = digest(record)
    if settings.value(f"{BASE_GROUP}/{key}") != base:  # saved elsewhere (or never opened here): the file's place
        save_progress(settings, key, from_record(record, len(document.network.lesson.steps)))
        settings.setValue(f"{BASE_GROUP}/{key}", base)
    return ""


def kept_progress(guide) -> tuple[str, Progress]:
    """(the settings key, the place) of the lesson the guide starts (opened, Reset Progress): the file's record
    adopted first when the guide has not adopted it yet (``adopt_file_record``; so not at a Reset Progress, nor
    after a Save wrote another one); when the file's could not be read, the panel says why (its notice, until
    another step opens)."""
    document = guide.document
    lesson = document.network.lesson
    settings = guide.settings()
    record = document.network.lesson_progress
    unread = "" if _adopted.get(guide) is record and record is not None else adopt_file_record(settings, document)
    _adopted[guide] = record
    opened = _started.get(guide) is not document.network  # (not Reset Progress, nor the lesson edited)
    _started[guide] = document.network
    key = lesson_key(document.path, document.network.name, lesson.title)
    guide.panel.show_notice(unread)  # (a run paused by the lesson then puts its words there instead)
    progress = load_progress(settings, key, len(lesson.steps))
    if opened:
        _saved[guide] = file_place(record, progress)
    return key, progress


def file_place(record, progress: Progress) -> LessonProgress:
    """The place the file opened holds, as Save writes a place: its record; a file without one (an older file, a
    bundled lesson opened as an untitled copy) holds the lesson's start (step 1, nothing done); one whose record
    could not be read, the place the lesson opened at (a Save writes a good one, but nothing was done yet)."""
    if isinstance(record, LessonProgress):
        return record
    return to_record(progress if isinstance(record, UnreadLessonProgress) else Progress(progress.steps))


def saved_place(guide) -> LessonProgress | None:
    """The place (as Save writes it) the open file holds: as opened (``file_place``), or as last saved."""
    return _saved.get(guide)


def unread_digest(record: UnreadLessonProgress) -> str:
    """The bad section as found, digested (marked so that it never equals a valid record's ``digest``)."""
    text = json.dumps(record.raw, sort_keys=True, default=str)
    return "unread:" + hashlib.sha1(text.encode("utf-8")).hexdigest()


def unread_words(record: UnreadLessonProgress, kept: bool = False) -> str:
    """Why the file's place is not used: the first time the section is met the lesson starts at step 1; after
    that (``kept``) the place this computer kept since then is used."""
    then = ("the lesson goes on from the place kept on this computer" if kept
            else "so the lesson starts at step 1")
    return (f"The place kept in this file could not be read ({record.problem}), {then}. "
            "Saving the file writes your place in it again.")


def network_to_write(guide, network, path):
    """The network Save writes to ``path``: with a lesson, a copy holding the student's place (the guide's
    progress, when it is about this lesson). The settings remember it as the file's record only once the file
    is written (``record_written``: a Save that fails leaves the file's older record, and its digest, as they were)."""
    lesson = network.lesson
    if lesson is None:
        return network
    progress = guide.progress
    record = to_record(progress) if progress is not None and progress.steps == len(lesson.steps) else None
    saved = network.copy()
    saved.lesson_progress = record
    return saved


def record_written(guide, network, path) -> None:
    """``network`` (as ``network_to_write`` gave it) was written to ``path``: its place is the file's record."""
    lesson, record = network.lesson, network.lesson_progress
    _saved[guide] = record if isinstance(record, LessonProgress) else None
    if lesson is not None and isinstance(record, LessonProgress):
        guide.settings().setValue(f"{BASE_GROUP}/{lesson_key(path, network.name, lesson.title)}", digest(record))


def follow_path(guide) -> None:
    """The document's path (or an untitled network's name) changed, by Save As above all: the place is kept
    under the new key from now on (copied there: the old file keeps its own). Only while the document still
    shows the network whose lesson the guide started: while another file is being opened (the undo history's
    clear says so before the guide starts the new lesson) the old place is not the new file's."""
    if guide.progress is None or guide.key is None or _started.get(guide) is not guide.document.network:
        return
    key = _key(guide.document, guide.document.path)
    if key is not None and key != guide.key:
        guide.key = key
        save_progress(guide.settings(), key, guide.progress)


def install_file_progress(window, guide) -> None:
    """Save writes the student's place into the file (``network_to_write``; ``record_written`` once it is
    written), and Save As takes it along (``follow_path``, after the guide has followed the document's new state)."""
    window.files.before_save.append(lambda network, path: network_to_write(guide, network, path))
    window.files.after_save.append(lambda network, path: record_written(guide, network, path))
    window.document.file_state_changed.connect(lambda: follow_path(guide))
