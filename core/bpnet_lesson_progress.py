"""The optional ``lesson_progress`` section of a ``.bpnet`` file: where a student is in the file's lesson.

It travels with the file, so a teacher who opens a student's file sees the student's place and answers::

    "lesson_progress": {
      "step": 3,                       the step open, numbered as the panel shows it ("Step 3 of 10")
      "answered": [2],                 steps whose question was answered right
      "revealed": [],                  steps whose answer was revealed (Reveal), not found by the student
      "actions_done": [1, 2],          steps whose action ("Select …", "Train N steps") was seen done
      "train_again": [],               "Train N steps" done once whose training an Undo took back
      "answers": [                     the answers typed and checked, oldest first (at most MAX_ANSWERS)
        {"step": 2, "typed": "1.2", "value": 1.2, "right": true, "answer": 1.2}
      ],
      "unchecked": "0.4"               typed in the answer box at ``step``, not checked yet (not an answer)
    }

Step numbers count from 1 (as the panel and the worksheet number them), each from 1 to the lesson's number of
steps; ``typed`` is the text as typed (at most ``MAX_TYPED`` characters), ``value`` the number read from it,
``right`` the verdict, ``answer`` the engine's value the answer was checked against when it was right (null or
left out for a wrong one); ``unchecked`` is what the answer box held, typed but not checked, when the file was saved
(at most ``MAX_TYPED`` characters; put back in the box on opening, neither checked nor counted; left out when
empty). Only ``step`` is required; lists left out are empty.

``read_lesson_progress`` checks every field (``NetworkFileError`` naming it: ``lesson_progress.answered[0]:
expected a step number from 1 to 10 …``). ``read_network`` does not refuse a file for it: a section that is not
valid becomes an ``UnreadLessonProgress`` (its words, and the section as found, which a save writes back as
it was unless a new record replaces it), so the network, its lesson and its run still open and the lesson
starts at step 1 saying why. In memory (``LessonProgress``) steps are 0-based indices, as the lesson's steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .jsonchecks import Checker, NetworkFileError, first_bad_number, join

#: the answers a file keeps (the newest: a student trying a question 5000 times does not grow the file)
MAX_ANSWERS = 1000
#: the longest typed text kept per answer
MAX_TYPED = 200


@dataclass(frozen=True)
class TypedAnswer:
    """One answer typed at step ``step`` (0-based) and checked: ``typed`` as typed, ``value`` read from it,
    ``right`` the verdict, ``answer`` the engine's value it was right against (None for a wrong answer)."""

    step: int
    typed: str
    value: float
    right: bool
    answer: float | None = None


@dataclass(frozen=True)
class LessonProgress:
    """A student's place in a lesson (0-based step indices)."""

    current: int = 0
    answered: frozenset = frozenset()
    revealed: frozenset = frozenset()
    actions_done: frozenset = frozenset()
    train_again: frozenset = frozenset()
    answers: tuple = field(default=())
    #: typed in the answer box at ``current``, not checked yet ("": nothing)
    unchecked: str = ""


@dataclass(frozen=True)
class UnreadLessonProgress:
    """A ``lesson_progress`` section that is not valid: ``problem`` names the field and what was expected;
    ``raw`` is the section as found (written back unchanged until a new record replaces it)."""

    problem: str
    raw: object


def lesson_progress_to_dict(record: LessonProgress) -> dict:
    """The section for ``record`` (1-based step numbers); the newest ``MAX_ANSWERS`` answers."""

    def numbers(indices) -> list:
        return [int(k) + 1 for k in sorted(indices)]

    answers = []
    for a in record.answers[-MAX_ANSWERS:]:
        entry = {"step": int(a.step) + 1, "typed": str(a.typed)[:MAX_TYPED], "value": float(a.value),
                 "right": bool(a.right)}
        if a.right and a.answer is not None:
            entry["answer"] = float(a.answer)
        answers.append(entry)
    section = {"step": int(record.current) + 1, "answered": numbers(record.answered),
               "revealed": numbers(record.revealed), "actions_done": numbers(record.actions_done),
               "train_again": numbers(record.train_again), "answers": answers}
    if record.unchecked:
        section["unchecked"] = str(record.unchecked)[:MAX_TYPED]
    return section


def section_to_write(value):
    """What a save writes for ``Network.lesson_progress`` (None: nothing)."""
    if isinstance(value, LessonProgress):
        return lesson_progress_to_dict(value)
    if isinstance(value, UnreadLessonProgress) and first_bad_number(value.raw) is None:
        return value.raw  # (a NaN token in it cannot be written: then it goes)
    return None


def read_lesson_progress(file: str, raw, place: str, lesson):
    """The ``LessonProgress`` the section ``raw`` describes for ``lesson`` (None when there is no section or no
    lesson with steps), or an ``UnreadLessonProgress`` saying which field is not valid and why."""
    if raw is None or lesson is None or not lesson.steps:
        return None
    try:
        return _read(Checker(file), raw, place, len(lesson.steps))
    except NetworkFileError as exc:
        return UnreadLessonProgress(f"{exc.place}: {exc.problem}", raw)  # (said about the file open: not its path)


def _read(c: Checker, raw, place: str, steps: int) -> LessonProgress:
    c.obj(raw, place, "an object with the student's place in the lesson ({\"step\": 1, ...})")
    what = f"a step number from 1 to {steps} (the lesson has {steps} steps)"

    def step_number(value, at: str) -> int:
        if type(value) is not int or not 1 <= value <= steps:
            c.fail(at, f"expected {what}, found {value!r}")
        return value - 1

    def indices(key: str) -> frozenset:
        at = join(place, key)
        values = c.seq(raw.get(key, []), at, f"a list of step numbers (1 to {steps})", max_items=steps)
        found = set()
        for k, v in enumerate(values):
            index = step_number(v, join(at, k))
            if index in found:
                c.fail(join(at, k), f"step {v} is listed twice")
            found.add(index)
        return frozenset(found)

    current = step_number(c.required(raw, "step", place), join(place, "step"))
    answered, revealed, done, again = (indices(key) for key in ("answered", "revealed", "actions_done",
                                                                 "train_again"))
    at = join(place, "answers")
    answers = []
    for k, entry in enumerate(c.seq(raw.get("answers", []), at, "a list of answers", max_items=MAX_ANSWERS)):
        e_at = join(at, k)
        c.obj(entry, e_at, "an answer ({\"step\": 2, \"typed\": \"1.2\", \"value\": 1.2, \"right\": true})")
        right = c.boolean(c.required(entry, "right", e_at), join(e_at, "right"))
        answer = entry.get("answer")
        answers.append(TypedAnswer(
            step_number(c.required(entry, "step", e_at), join(e_at, "step")),
            c.string(c.required(entry, "typed", e_at), join(e_at, "typed"), max_length=MAX_TYPED),
            c.number(c.required(entry, "value", e_at), join(e_at, "value")), right,
            None if answer is None or not right else c.number(answer, join(e_at, "answer"))))
    unchecked = c.string(raw.get("unchecked", ""), join(place, "unchecked"), max_length=MAX_TYPED)
    return LessonProgress(current, answered, revealed, done, again - done, tuple(answers), unchecked)
