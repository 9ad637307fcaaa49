"""The ``lesson`` section of .bpnet: round trip, clear errors naming the JSON path, fuzzing."""

from __future__ import annotations

import copy
import json
import random

import pytest
from bpnet_docs import valid_doc, write

import core
from core.lesson import Answers, LessonError, Tolerance

LESSON = {
    "version": 1,
    "title": "Every kind at once",
    "steps": [
        {"text": "Read *this* first."},
        {"text": "Step through.", "action": {"kind": "step_through", "phase": "backward", "layer": "h"}},
        {"text": "Set a weight.", "action": {"kind": "set_weight", "source": "x", "target": "h", "j": 1, "i": 2,
                                              "value": 0.5}},
        {"text": "Set a bias.", "action": {"kind": "set_bias", "layer": "h", "unit": 0, "value": -0.25}},
        {"text": "Train.", "action": {"kind": "train", "steps": 10}},
        {"text": "Select.", "action": {"kind": "select_edge", "source": "h", "target": "y", "j": 0, "i": 1}},
        {"text": "Select a layer.", "action": {"kind": "select_layer", "layer": "y"}},
        {"text": "a", "question": {"kind": "a", "layer": "x", "unit": 2, "sample": 1}},
        {"text": "z", "question": {"kind": "z", "layer": "h", "unit": 1, "sample": 0, "step": 2}},
        {"text": "δ", "question": {"kind": "delta", "layer": "y", "unit": 0, "sample": 3}},
        {"text": "dL/dw", "question": {"kind": "dL/dw", "source": "x", "target": "y", "j": 0, "i": 1,
                                      "tolerance": {"absolute": 0.001}}},
        {"text": "dL/db", "question": {"kind": "dL/db", "layer": "h", "unit": 1, "tolerance": 0.01}},
        {"text": "loss", "question": {"kind": "loss", "step": 1, "tolerance": {"significant_digits": 4}}},
        {"text": "y", "question": {"kind": "output", "sample": 2}},
        {"text": "w'", "question": {"kind": "weight_after_step", "source": "x", "target": "h", "j": 0, "i": 0}},
        {"text": "b'", "question": {"kind": "bias_after_step", "layer": "h", "unit": 0, "sample": 0}},
        {"text": "w after", "question": {"kind": "weight_after_steps", "source": "h", "target": "y", "j": 0, "i": 0,
                                        "step": 5},
         "action": {"kind": "train", "steps": 5}},
    ],
}


def lesson_doc() -> dict:
    doc = valid_doc()
    doc["lesson"] = copy.deepcopy(LESSON)
    return doc


def test_a_file_without_a_lesson_opens_as_today(tmp_path):
    net = core.load_network(write(tmp_path, valid_doc()))
    assert net.lesson is None
    core.save_network(net, tmp_path / "again.bpnet")
    assert "lesson" not in json.loads((tmp_path / "again.bpnet").read_text(encoding="utf-8"))


def test_the_lesson_round_trips(tmp_path):
    net = core.load_network(write(tmp_path, lesson_doc()))
    lesson = net.lesson
    assert lesson.title == "Every kind at once" and len(lesson.steps) == len(LESSON["steps"])
    assert lesson.steps[2].action.value == 0.5
    assert lesson.steps[10].question.tolerance == Tolerance(absolute=0.001)
    assert lesson.steps[11].question.tolerance == Tolerance(absolute=0.01)
    assert lesson.steps[12].question.tolerance == Tolerance(significant_digits=4)
    assert lesson.steps[13].question.unit == 0  # output's unit defaults to 0
    core.save_network(net, tmp_path / "again.bpnet")
    again = core.load_network(tmp_path / "again.bpnet")
    assert again.lesson == lesson
    assert net.copy().lesson == lesson
    # saved once more, the text is identical
    core.save_network(again, tmp_path / "third.bpnet")
    assert (tmp_path / "third.bpnet").read_text() == (tmp_path / "again.bpnet").read_text()


def test_every_question_of_the_round_trip_lesson_has_an_answer(tmp_path):
    net = core.load_network(write(tmp_path, lesson_doc()))
    answers = Answers(net)
    for k, question in net.lesson.questions():
        assert isinstance(answers.answer(question), float), k


@pytest.mark.parametrize("change, place, words", [
    (lambda l: l.update(version=2), "lesson.version", "newer Backprop Studio"),
    (lambda l: l.update(version="1"), "lesson.version", "expected 1"),
    (lambda l: l.pop("steps"), "lesson.steps", "missing"),
    (lambda l: l.update(steps={}), "lesson.steps", "list of lesson steps"),
    (lambda l: l["steps"][2].update(text=5), "lesson.steps[2].text", "text in quotes"),
    (lambda l: l["steps"][7]["question"].update(kind="gradient"), "lesson.steps[7].question.kind",
     "unknown question kind 'gradient'"),
    (lambda l: l["steps"][7]["question"].update(layer="q"), "lesson.steps[7].question.layer", "no layer called 'q'"),
    (lambda l: l["steps"][7]["question"].update(unit=3), "lesson.steps[7].question.unit", "from 0 to 2"),
    (lambda l: l["steps"][7]["question"].update(sample=4), "lesson.steps[7].question.sample", "from 0 to 3"),
    (lambda l: l["steps"][8]["question"].update(layer="x"), "lesson.steps[8].question.layer", "input layer"),
    (lambda l: l["steps"][8]["question"].update(step=-1), "lesson.steps[8].question.step", "from 0 to"),
    (lambda l: l["steps"][10]["question"].update(i=3), "lesson.steps[10].question.i", "from 0 to 2"),
    (lambda l: l["steps"][10]["question"].update(source="y", target="x"), "lesson.steps[10].question",
     "no connection 'y' → 'x'"),
    (lambda l: l["steps"][10]["question"].pop("j"), "lesson.steps[10].question.j", "missing"),
    (lambda l: l["steps"][11]["question"].update(layer="y"), "lesson.steps[11].question.layer", "has no bias"),
    (lambda l: l["steps"][11]["question"].update(tolerance=0), "lesson.steps[11].question.tolerance", "(0, ∞)"),
    (lambda l: l["steps"][11]["question"].update(tolerance="3"), "lesson.steps[11].question.tolerance",
     "significant_digits"),
    (lambda l: l["steps"][12]["question"].update(tolerance={"significant_digits": 0}),
     "lesson.steps[12].question.tolerance.significant_digits", "from 1 to 15"),
    (lambda l: l["steps"][16]["question"].update(sample=0), "lesson.steps[16].question.sample", "names no sample"),
    (lambda l: l["steps"][1]["action"].update(phase="sideways"), "lesson.steps[1].action.phase",
     "unknown step-through phase"),
    (lambda l: l["steps"][2]["action"].pop("value"), "lesson.steps[2].action.value", "missing"),
    (lambda l: l["steps"][2]["action"].update(source="h", target="y", j=0, i=1), "lesson.steps[2].action",
     "is removed"),
    (lambda l: l["steps"][4]["action"].update(steps=0), "lesson.steps[4].action.steps", "from 1 to"),
    (lambda l: l["steps"][6]["action"].update(kind="dance"), "lesson.steps[6].action.kind", "unknown action kind"),
])
def test_a_broken_lesson_gets_an_error_naming_the_place(tmp_path, change, place, words):
    doc = lesson_doc()
    change(doc["lesson"])
    with pytest.raises(core.NetworkFileError) as info:
        core.load_network(write(tmp_path, doc))
    assert info.value.place == place
    assert words in info.value.problem


def test_a_question_needs_the_dataset(tmp_path):
    doc = lesson_doc()
    del doc["dataset"]
    with pytest.raises(core.NetworkFileError) as info:
        core.load_network(write(tmp_path, doc))
    assert info.value.place == "lesson.steps[7].question"
    assert "needs the network's dataset" in info.value.problem


def test_saving_refuses_a_lesson_that_names_a_removed_layer(tmp_path):
    net = core.load_network(write(tmp_path, lesson_doc()))
    net.disconnect("x", "y")
    target = tmp_path / "saved.bpnet"
    with pytest.raises(core.NetworkFileError) as info:
        core.save_network(net, target)
    assert info.value.place == "lesson.steps[10].question"
    assert info.value.problem.startswith("step 11 of the lesson no longer fits the network: there is no connection")
    assert "Undo the change" in info.value.problem
    assert not target.exists()


def test_unknown_keys_in_a_lesson_are_ignored(tmp_path):
    doc = lesson_doc()
    doc["lesson"]["steps"][0]["future"] = {"anything": [1, 2]}
    doc["lesson"]["colour"] = "blue"
    assert core.load_network(write(tmp_path, doc)).lesson.steps[0].text == "Read *this* first."


POOL = [None, True, False, 0, 1, -1, 2, 3, 0.5, -3.5, 1e308, 2**64, 100_001, "", "x", "h", "y", "a", "z",
        "delta", "dL/dw", "loss", "output", "train", "step_through", "backward", "sideways", [], {}, [1],
        {"kind": "a"}, {"kind": "train", "steps": 1}, {"significant_digits": 2}, "NaN"]


def _containers(doc, acc):
    items = doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    for key, value in items:
        acc.append((doc, key))
        _containers(value, acc)
    return acc


def test_fuzzed_lessons_load_or_raise_network_file_error_and_answer_or_raise_lesson_error(tmp_path):
    rng = random.Random(20261206)
    path = tmp_path / "fuzz.bpnet"
    outcomes = {"loaded": 0, "rejected": 0}
    for case in range(400):
        doc = lesson_doc()
        for _ in range(rng.randint(1, 3)):
            container, key = rng.choice(_containers(doc["lesson"], [(doc, "lesson")]))
            roll = rng.random()
            if roll < 0.6:
                container[key] = copy.deepcopy(rng.choice(POOL))
            elif roll < 0.8:
                del container[key]
            elif isinstance(container, dict):
                container[rng.choice(["kind", "layer", "unit", "sample", "step", "tolerance", "j", "value"])] = \
                    copy.deepcopy(rng.choice(POOL))
        text = json.dumps(doc)
        path.write_text(text, encoding="utf-8")
        try:
            net = core.load_network(path)
        except core.NetworkFileError:
            outcomes["rejected"] += 1
            continue
        except Exception as exc:  # pragma: no cover - the failure this test looks for
            pytest.fail(f"case {case}: {type(exc).__name__}: {exc}\n{json.dumps(doc['lesson'])[:3000]}")
        outcomes["loaded"] += 1
        if net.lesson is None:
            continue
        answers = Answers(net)
        for _, question in net.lesson.questions():
            try:
                answers.answer(question)
            except LessonError:
                pass
        core.save_network(net, tmp_path / "fuzz-saved.bpnet")
        assert core.load_network(tmp_path / "fuzz-saved.bpnet").lesson == net.lesson
    assert outcomes["loaded"] > 50 and outcomes["rejected"] > 200, outcomes
