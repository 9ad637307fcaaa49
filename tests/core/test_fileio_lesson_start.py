"""The lesson's ``start`` in .bpnet (``core.bpnet_lesson_start``): the network a lesson's text is written for,
kept when the file's network was trained since; its questions and worksheet come from it (teacher review 23 #2, #3).
"""

from __future__ import annotations

import json

import pytest
from bpnet_docs import valid_doc, write
from test_fileio_lesson import LESSON

import core
from core.lesson import Answers, answer, network_at_step
from core.lesson_start import start_network, with_start
from core.lesson_worksheet import worksheet_dict, worksheet_text


def answers_of(sheet: dict) -> list:
    return [s["question"] and s["question"]["answer"] for s in sheet["steps"]]


def test_a_lesson_saved_after_training_opens_with_the_questions_of_its_start(tmp_path):
    written = core.load_network(core.example_path("guided_weight_decay"))
    trained = network_at_step(written, 105)  # the lesson's 5 and 100 steps
    path = tmp_path / "anna.bpnet"
    core.save_network(with_start(trained, written), path)
    opened = core.load_network(path)
    assert opened.weights["x", "y"].tolist() == trained.weights["x", "y"].tolist()  # the file's network: trained
    step9 = written.lesson.steps[8].question  # w₁ after 100 steps: 0.6 · 0.99¹⁰⁰, from the lesson's 0.6
    assert Answers(start_network(opened)).answer(step9) == answer(step9, written)
    assert answers_of(worksheet_dict(opened, answers=True)) == answers_of(worksheet_dict(written, answers=True))
    assert worksheet_text(opened) == worksheet_text(written)  # the network table too: w = 0.8, 0.6
    again = tmp_path / "again.bpnet"  # saved again as opened: the start stays
    core.save_network(opened, again)
    assert json.loads(again.read_text())["lesson"]["start"] == json.loads(path.read_text())["lesson"]["start"]


def test_a_lesson_whose_network_is_its_start_writes_none_and_an_old_file_starts_from_its_network(tmp_path):
    written = core.load_network(core.example_path("guided_perceptron"))
    path = tmp_path / "untouched.bpnet"
    core.save_network(with_start(written, written.copy()), path)
    assert "start" not in json.loads(path.read_text())["lesson"]
    trained = network_at_step(written, 3)
    old = tmp_path / "old.bpnet"  # as Backprop Studio wrote it before: the trained network, no start
    core.save_network(trained, old)
    opened = core.load_network(old)
    assert opened.lesson.start is None
    assert start_network(opened).weights["x", "y"].tolist() == trained.weights["x", "y"].tolist()


def test_the_start_round_trips_with_biases_a_removed_edge_and_a_renamed_layer(tmp_path):
    doc = valid_doc()
    doc["lesson"] = json.loads(json.dumps(LESSON))
    net = core.load_network(write(tmp_path, doc))
    start = net.copy()
    net.set_weight("x", "h", 0, 0, 9.0)
    net.set_bias("h", 1, 7.0)
    net.training.optimizer.learning_rate = 0.5
    net.rename_layer("h", "hidden")  # the lesson and its start follow
    start.rename_layer("h", "hidden")
    path = tmp_path / "out.bpnet"
    core.save_network(with_start(net, start), path)
    opened = core.load_network(path)
    first = start_network(opened)
    assert first.weights["x", "hidden"].tolist() == start.weights["x", "hidden"].tolist()
    assert first.biases["hidden"].tolist() == start.biases["hidden"].tolist()
    assert first.training == start.training and opened.training.optimizer.learning_rate == 0.5
    assert first.weights["hidden", "y"][0, 1] == 0.0  # the removed edge stays 0
    renamed = core.Network.copy(opened)
    renamed.rename_layer("hidden", "h2")
    assert start_network(renamed).weights["x", "h2"].tolist() == start.weights["x", "hidden"].tolist()


def _start_doc(tmp_path) -> dict:
    written = core.load_network(core.example_path("guided_perceptron"))
    path = tmp_path / "saved.bpnet"
    core.save_network(with_start(network_at_step(written, 3), written), path)
    return json.loads(path.read_text())


@pytest.mark.parametrize("change, place, words", [
    (lambda s: s.update(connections=[]), "lesson.start.connections", "has no start weights"),
    (lambda s: s["connections"][0].update(weights=[[1, 2]]), "lesson.start.connections[0].weights[0]",
     "expected 1 number"),
    (lambda s: s["connections"][0].update(weights=[["0.8"]]), "lesson.start.connections[0].weights[0][0]",
     "expected a number"),
    (lambda s: s["connections"][0].update(to="z"), "lesson.start.connections[0]", "no connection 'x' → 'z'"),
    (lambda s: s["connections"].append(dict(s["connections"][0])), "lesson.start.connections[1]", "listed twice"),
    (lambda s: s.update(biases={"x": [0]}), "lesson.start.biases.x", "no layer 'x' with a bias"),
    (lambda s: s.pop("training"), "lesson.start.training", "missing"),
    (lambda s: s["training"]["optimizer"].update(learning_rate=-1), "lesson.start.training.optimizer.learning_rate",
     ""),
    (lambda s: s.clear() or s.update(weights=1), "lesson.start.connections", "missing"),
])
def test_a_broken_start_gets_an_error_naming_the_place(tmp_path, change, place, words):
    doc = _start_doc(tmp_path)
    change(doc["lesson"]["start"])
    with pytest.raises(core.NetworkFileError) as info:
        core.load_network(write(tmp_path, doc, "broken.bpnet"))
    assert info.value.place == place, info.value
    assert words in info.value.problem
