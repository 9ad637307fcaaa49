"""A network file whose CSV dataset is missing (review 21, finding 4): its layers and trained weights
are not lost. ``load_network`` (the command line) refuses it in words that say what to do;
``load_network_without_missing_csv`` (the window) opens it without its data and says the same."""

from __future__ import annotations

import json

import numpy as np
import pytest

import core

XOR = "a,b,label\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"


def saved_with_csv(folder):
    """xor trained one step on ``xor.csv`` beside it, saved as ``mine.bpnet`` (the CSV's path only)."""
    csv = folder / "xor.csv"
    csv.write_text(XOR, encoding="utf-8")
    net = core.load_network(core.example_path("xor"))
    net.dataset = core.load_csv(str(csv), ["a", "b"], ["label"])
    net.weights["x", "h"][0, 0] = -5.30255959  # a trained weight, not the file's own
    path = folder / "mine.bpnet"
    core.save_network(net, str(path))
    assert '"csv": "xor.csv"' in path.read_text(encoding="utf-8")
    return net, path


def test_a_missing_csv_is_refused_by_the_command_line_with_what_to_do(tmp_path):
    _, path = saved_with_csv(tmp_path)
    (tmp_path / "xor.csv").unlink()
    with pytest.raises(core.NetworkFileError) as caught:
        core.load_network(str(path))
    message = str(caught.value)
    assert caught.value.place == "dataset.csv"
    assert "xor.csv was not found beside mine.bpnet: put it back there" in message
    assert "Load CSV… again" in message


def test_a_missing_csv_opens_the_network_without_its_data(tmp_path):
    net, path = saved_with_csv(tmp_path)
    (tmp_path / "xor.csv").rename(tmp_path / "moved.csv")
    opened, note = core.load_network_without_missing_csv(str(path))
    assert note == ("xor.csv was not found beside mine.bpnet: Load CSV… again, "
                    "or put it back there (Save keeps naming it)")
    assert opened.dataset is None
    assert [layer.name for layer in opened.layers] == [layer.name for layer in net.layers]
    np.testing.assert_array_equal(opened.parameters(), net.parameters())
    assert opened.training == net.training


def test_a_saved_run_whose_csv_is_missing_opens_without_the_run(tmp_path):
    net, path = saved_with_csv(tmp_path)
    trainer = core.Trainer(net)
    trainer.train_steps(3)
    net.progress = core.SavedRun.of(trainer)
    core.save_network(net, str(path))
    assert '"progress"' in path.read_text(encoding="utf-8")
    (tmp_path / "xor.csv").unlink()
    opened, note = core.load_network_without_missing_csv(str(path))
    assert note and opened.dataset is None and opened.progress is None
    np.testing.assert_array_equal(opened.parameters(), net.parameters())


def test_a_file_whose_csv_is_there_opens_with_it_and_no_note(tmp_path):
    net, path = saved_with_csv(tmp_path)
    opened, note = core.load_network_without_missing_csv(str(path))
    assert note is None and len(opened.dataset) == 4


def test_a_csv_that_is_there_but_malformed_is_still_refused_with_its_line(tmp_path):
    _, path = saved_with_csv(tmp_path)
    (tmp_path / "xor.csv").write_text("a,b,label\n0,zero,0\n", encoding="utf-8")
    with pytest.raises(core.NetworkFileError, match="xor.csv, line 2, column 'b'"):
        core.load_network_without_missing_csv(str(path))


def saved_with_run(folder, steps=3):
    """``mine.bpnet`` trained ``steps`` steps on ``xor.csv`` beside it, saved with its run."""
    net, path = saved_with_csv(folder)
    trainer = core.Trainer(net)
    trainer.train_steps(steps)
    net.progress = core.SavedRun.of(trainer)
    core.save_network(net, str(path))
    return net, path


def test_saving_a_file_opened_without_its_csv_keeps_its_dataset_and_run(tmp_path):
    """Review 22, finding 2: Save wrote no "dataset" and no "progress": with the CSV back, the file had neither."""
    net, path = saved_with_run(tmp_path)
    (tmp_path / "xor.csv").rename(tmp_path / "moved.csv")
    opened, note = core.load_network_without_missing_csv(str(path))
    assert note.endswith("(Save keeps naming it, and its training run while the weights stay)")
    opened.move_layer("h", (300.0, 40.0))  # moved on the canvas: not what the run describes
    core.save_network(opened, str(path))
    (tmp_path / "moved.csv").rename(tmp_path / "xor.csv")
    back = core.load_network(str(path))
    assert back.dataset is not None and len(back.dataset) == 4
    assert back.progress is not None and back.progress.progress.step_count == 3
    np.testing.assert_array_equal(back.parameters(), net.parameters())


def test_an_edited_weight_keeps_the_dataset_link_but_not_the_run(tmp_path):
    _, path = saved_with_run(tmp_path)
    (tmp_path / "xor.csv").unlink()
    opened, _ = core.load_network_without_missing_csv(str(path))
    opened.weights["x", "h"][0, 0] = 1.5  # the run's weights are not these any more
    core.save_network(opened, str(path))
    (tmp_path / "xor.csv").write_text(XOR, encoding="utf-8")
    back = core.load_network(str(path))
    assert back.dataset is not None and back.progress is None
    assert back.weights["x", "h"][0, 0] == 1.5


def test_another_dataset_replaces_the_missing_csv_and_its_run(tmp_path):
    _, path = saved_with_run(tmp_path)
    (tmp_path / "xor.csv").unlink()
    opened, _ = core.load_network_without_missing_csv(str(path))
    opened.dataset = core.generate("xor", samples=8, noise=0.0, seed=1)
    core.save_network(opened, str(path))
    back = core.load_network(str(path))
    assert back.dataset.source["generator"] == "xor" and back.progress is None


def teacher_lesson_on_csv(folder):
    """guided_perceptron with its rows in ``data.csv`` beside ``teacher.bpnet`` (the CSV's path only)."""
    doc = json.loads(open(core.example_path("guided_perceptron"), encoding="utf-8").read())
    rows = zip(doc["dataset"]["inputs"], doc["dataset"]["targets"])
    (folder / "data.csv").write_text("a,t\n" + "".join(f"{x[0]},{t[0]}\n" for x, t in rows), encoding="utf-8")
    doc["dataset"] = {"csv": "data.csv", "inputs": ["a"], "targets": ["t"]}
    (folder / "teacher.bpnet").write_text(json.dumps(doc), encoding="utf-8")
    return folder / "teacher.bpnet"


def test_a_lesson_whose_csv_is_missing_opens_with_its_lesson_and_saves_it_back(tmp_path):
    """Review 22, finding 11 said the CSV first, but refused the whole lesson; code review 22: a lesson whose CSV
    was moved opens as a plain network does, its lesson whole (the questions that need the data wait for it), and
    Save writes the lesson and the CSV's name back."""
    path = teacher_lesson_on_csv(tmp_path)
    whole = core.load_network_without_missing_csv(str(path))[0].lesson
    (tmp_path / "data.csv").unlink()
    opened, note = core.load_network_without_missing_csv(str(path))
    assert note.startswith("data.csv was not found beside teacher.bpnet: Load CSV… again")
    assert opened.dataset is None and opened.lesson == whole
    assert any(q.sample is not None or q.step > 0 for q in (s.question for s in whole.steps) if q is not None)
    core.save_network(opened, str(tmp_path / "kept.bpnet"))
    written = json.loads((tmp_path / "kept.bpnet").read_text(encoding="utf-8"))
    assert written["dataset"]["csv"] == "data.csv"
    (tmp_path / "elsewhere").mkdir()
    teacher_lesson_on_csv(tmp_path / "elsewhere")  # the CSV put back beside the saved file: the lesson as it was
    (tmp_path / "elsewhere" / "data.csv").rename(tmp_path / "data.csv")
    assert core.load_network(str(tmp_path / "kept.bpnet")).lesson == whole


def test_a_lesson_file_with_another_problem_says_its_missing_csv_first(tmp_path):
    path = teacher_lesson_on_csv(tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["lesson"]["steps"][0]["question"] = {"kind": "a", "layer": "nowhere", "unit": 0}
    path.write_text(json.dumps(doc), encoding="utf-8")
    (tmp_path / "data.csv").unlink()
    with pytest.raises(core.NetworkFileError) as caught:
        core.load_network_without_missing_csv(str(path))
    assert caught.value.problem.startswith("data.csv was not found beside teacher.bpnet: put it back there")
    assert "nowhere" in caught.value.problem
