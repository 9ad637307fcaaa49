"""The ``lesson_progress`` section of .bpnet (a student's place in the file's lesson): round trip, an old file
without it, and a section that is not valid: the file still opens, the problem names the field, nothing is lost."""

from __future__ import annotations

import copy
import json

import pytest

import core
from core.bpnet_lesson_progress import MAX_ANSWERS, LessonProgress, TypedAnswer, UnreadLessonProgress

PLACE = {"step": 4, "answered": [2], "revealed": [3], "actions_done": [4], "train_again": [8],
         "answers": [{"step": 2, "typed": "2.4", "value": 2.4, "right": False},
                     {"step": 2, "typed": "1.2", "value": 1.2, "right": True, "answer": 1.2}]}


def lesson_doc(place=None) -> dict:
    doc = json.loads(core.network_to_json(core.load_network(core.example_path("guided_perceptron"))))
    if place is not None:
        doc["lesson_progress"] = place
    return doc


def read(doc) -> core.Network:
    return core.network_from_json(json.dumps(doc), "anna.bpnet")


def test_the_place_round_trips_with_step_numbers_from_1():
    net = read(lesson_doc(PLACE))
    assert net.lesson_progress == LessonProgress(
        3, frozenset({1}), frozenset({2}), frozenset({3}), frozenset({7}),
        (TypedAnswer(1, "2.4", 2.4, False, None), TypedAnswer(1, "1.2", 1.2, True, 1.2)))
    assert json.loads(core.network_to_json(net))["lesson_progress"] == PLACE
    assert json.loads(core.network_to_json(net.copy()))["lesson_progress"] == PLACE  # (a copy keeps it)


def test_a_file_without_it_opens_as_before_and_writes_none():
    net = read(lesson_doc())
    assert net.lesson_progress is None
    assert "lesson_progress" not in json.loads(core.network_to_json(net))


def test_the_file_keeps_the_newest_answers_only():
    answers = tuple(TypedAnswer(1, str(k), float(k), False) for k in range(MAX_ANSWERS + 5))
    net = read(lesson_doc())
    net.lesson_progress = LessonProgress(1, answers=answers)
    written = json.loads(core.network_to_json(net))["lesson_progress"]["answers"]
    assert len(written) == MAX_ANSWERS and written[0]["typed"] == "5"


@pytest.mark.parametrize("change, place, expected", [
    (lambda p: p.update(step=0), "lesson_progress.step", "expected a step number from 1 to 10"),
    (lambda p: p.update(step=11), "lesson_progress.step", "(the lesson has 10 steps), found 11"),
    (lambda p: p.pop("step"), "lesson_progress.step", "this field is missing"),
    (lambda p: p.update(answered="2"), "lesson_progress.answered", "expected a list of step numbers"),
    (lambda p: p.update(answered=[2, 2]), "lesson_progress.answered[1]", "step 2 is listed twice"),
    (lambda p: p.update(revealed=[1.5]), "lesson_progress.revealed[0]", "expected a step number"),
    (lambda p: p["answers"][1].update(right="yes"), "lesson_progress.answers[1].right", ""),
    (lambda p: p["answers"][0].pop("typed"), "lesson_progress.answers[0].typed", "this field is missing"),
    (lambda p: p["answers"][0].update(value="2.4"), "lesson_progress.answers[0].value", ""),
    (lambda p: p["answers"][1].update(step=12), "lesson_progress.answers[1].step", "from 1 to 10"),
])
def test_a_section_not_valid_names_its_field_and_the_file_still_opens(change, place, expected):
    bad = copy.deepcopy(PLACE)
    change(bad)
    net = read(lesson_doc(bad))
    assert isinstance(net.lesson_progress, UnreadLessonProgress)
    problem = net.lesson_progress.problem
    assert problem.startswith(f"{place}: ") and expected in problem, problem
    good = read(lesson_doc())
    assert net.flat.tolist() == good.flat.tolist() and net.lesson == good.lesson  # nothing else is lost
    assert json.loads(core.network_to_json(net))["lesson_progress"] == bad  # written back as it was


def test_a_file_without_a_lesson_ignores_it():
    doc = json.loads(core.network_to_json(core.load_network(core.example_path("xor"))))
    doc["lesson_progress"] = PLACE
    net = read(doc)
    assert net.lesson is None and net.lesson_progress is None


def test_a_number_typed_and_not_checked_round_trips_and_is_checked_on_reading():
    """``unchecked``: what the answer box held when the file was saved (review 23b #7); written only when there is
    some; text of at most 200 characters, else the section is not read and says which field."""
    net = read(lesson_doc({**PLACE, "unchecked": "0.4"}))
    assert net.lesson_progress.unchecked == "0.4" and net.lesson_progress.answers[-1].typed == "1.2"
    assert json.loads(core.network_to_json(net))["lesson_progress"] == {**PLACE, "unchecked": "0.4"}
    for bad, words in ((0.4, "expected text in quotes"), ("9" * 201, "expected at most 200 characters")):
        record = read(lesson_doc({**PLACE, "unchecked": bad})).lesson_progress
        assert isinstance(record, UnreadLessonProgress) and record.problem.startswith("lesson_progress.unchecked: ")
        assert words in record.problem
