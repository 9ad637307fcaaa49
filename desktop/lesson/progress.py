"""Where a student is in a guided lesson, and how that is kept between sessions.

``Progress`` (plain Python) is the student's state in one lesson: the current step, the
steps whose question was answered right, those whose answer was revealed (recorded, so a
teacher can tell), the steps whose action was done, and the "Train N steps" whose training an
Undo took back (``TrainedSteps.undone``: to train again, also after the lesson is opened again), the answers
typed and checked (``answers``: ``core.bpnet_lesson_progress.TypedAnswer``, oldest first) and what the answer box
holds, typed and not checked yet (``unchecked``). It is kept in the user's
settings (``save_progress``/``load_progress``) under a key naming the lesson file (``lesson_key``): the file's
absolute path, or for a bundled lesson opened as an untitled copy its network name and lesson title; and Save
writes it into the ``.bpnet`` file too (its ``lesson_progress`` section, ``desktop.lesson.file_progress``), which
is what opening that file uses.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from core.bpnet_lesson_progress import MAX_ANSWERS, MAX_TYPED, TypedAnswer

SETTINGS_GROUP = "lesson_progress"


@dataclass
class Progress:
    """The student's state in a lesson of ``steps`` steps (indices are 0-based)."""

    steps: int
    current: int = 0
    answered: set = field(default_factory=set)
    revealed: set = field(default_factory=set)
    actions_done: set = field(default_factory=set)
    #: "Train N steps" done once, whose training an Undo took back: the student is sent back to train them again
    undone: set = field(default_factory=set)
    #: the answers typed and checked (``TypedAnswer``), oldest first
    answers: list = field(default_factory=list)
    #: typed in the answer box at ``current`` and not checked yet ("": nothing; not an answer, not counted)
    unchecked: str = ""

    def question_settled(self, k: int) -> bool:
        """The question of step k was answered right or revealed."""
        return k in self.answered or k in self.revealed

    def to_json(self) -> str:
        return json.dumps({"current": self.current, "answered": sorted(self.answered),
                           "revealed": sorted(self.revealed), "actions_done": sorted(self.actions_done),
                           "undone": sorted(self.undone), "answers": [
                               [a.step, a.typed, a.value, a.right, a.answer] for a in self.answers[-MAX_ANSWERS:]],
                           "unchecked": self.unchecked})

    @classmethod
    def from_json(cls, text, steps: int) -> "Progress":
        """The progress saved as ``text``; a fresh one when it is missing or unreadable (a settings
        file edited by hand, a lesson that has fewer steps now): indices outside the lesson are dropped."""
        fresh = cls(steps)
        try:
            raw = json.loads(text) if isinstance(text, str) else None
        except ValueError:
            return fresh
        if not isinstance(raw, dict):
            return fresh

        def indices(key):
            values = raw.get(key, [])
            return {v for v in values if isinstance(v, int) and 0 <= v < steps} if isinstance(values, list) else set()

        current = raw.get("current", 0)
        current = current if isinstance(current, int) and 0 <= current < steps else 0
        done = indices("actions_done")
        unchecked = raw.get("unchecked", "")
        return cls(steps, current, indices("answered"), indices("revealed"), done, indices("undone") - done,
                   _answers(raw.get("answers"), steps), unchecked[:MAX_TYPED] if isinstance(unchecked, str) else "")


def _answers(raw, steps: int) -> list:
    """The typed answers kept as ``[step, typed, value, right, answer]`` lists; any other entry is dropped."""
    def number(x):
        return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)

    kept = []
    for entry in raw if isinstance(raw, list) else []:
        if not (isinstance(entry, list) and len(entry) == 5):
            continue
        k, typed, value, right, answer = entry
        if (isinstance(k, int) and 0 <= k < steps and isinstance(typed, str) and number(value)
                and isinstance(right, bool)):
            kept.append(TypedAnswer(k, typed, float(value), right, float(answer) if right and number(answer) else None))
    return kept


def lesson_key(path: Path | None, network_name: str, title: str) -> str:
    """The settings key of a lesson: a digest of its file's absolute path, or of its network name and
    title when it has no file (a bundled lesson opened as a copy). A digest: settings keys may not hold '/'."""
    ident = f"file:{Path(path).resolve()}" if path else f"untitled:{network_name}\n{title}"
    return hashlib.sha1(ident.encode("utf-8")).hexdigest()


def load_progress(settings, key: str, steps: int) -> Progress:
    return Progress.from_json(settings.value(f"{SETTINGS_GROUP}/{key}"), steps)


def save_progress(settings, key: str, progress: Progress) -> None:
    settings.setValue(f"{SETTINGS_GROUP}/{key}", progress.to_json())


def forget_progress(settings, key: str) -> None:
    settings.remove(f"{SETTINGS_GROUP}/{key}")
