"""Which CSV files a network file may make the program read, and what an error may show (issue 14, point 5).

Rule: a ``.bpnet`` file reads a CSV only from its own folder or a folder below it (symbolic
links resolved); a CSV the student picks with ``core.load_csv`` (the Dataset panel's Load
CSV… button) may be anywhere, and saving writes its rows when it is outside the new file's
folder. Errors name the file, line and column, never a cell's or the header's content.
"""

from __future__ import annotations

import json
import os

import pytest

import core

SECRET = "alice:17:secret,bob:3:secret\n"


def _network_doc(csv_path, inputs=("a", "b"), targets=("t",)):
    with open(core.example_path("xor"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["dataset"] = {"csv": csv_path, "inputs": list(inputs), "targets": list(targets)}
    return doc


def _write(folder, doc, name="net.bpnet"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.fixture
def outside(tmp_path):
    """A CSV (with content nobody should see in a message) outside the lesson folder."""
    path = tmp_path / "private" / "data.csv"
    path.parent.mkdir()
    path.write_text(SECRET + "1,2\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("how", ["absolute", "dotdot"])
def test_a_csv_outside_the_network_files_folder_is_refused(tmp_path, outside, how):
    spec = str(outside) if how == "absolute" else "../private/data.csv"
    path = _write(tmp_path / "lesson", _network_doc(spec))
    with pytest.raises(core.NetworkFileError) as caught:
        core.load_network(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: dataset.csv: ") and "outside the folder" in message
    assert "alice" not in message and "secret" not in message


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="symbolic links")
def test_a_symlink_in_the_folder_to_a_file_outside_is_refused(tmp_path, outside):
    lesson = tmp_path / "lesson"
    lesson.mkdir()
    (lesson / "data.csv").symlink_to(outside)
    with pytest.raises(core.NetworkFileError, match="outside the folder"):
        core.load_network(_write(lesson, _network_doc("data.csv")))


def test_a_csv_in_the_folder_or_below_is_read(tmp_path):
    lesson = tmp_path / "lesson"
    (lesson / "data").mkdir(parents=True)
    rows = "a,b,t\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n"
    (lesson / "data" / "xor.csv").write_text(rows, encoding="utf-8")
    (lesson / "xor.csv").write_text(rows, encoding="utf-8")
    for spec in ("xor.csv", "data/xor.csv", "data/../xor.csv", str(lesson / "xor.csv")):
        net = core.load_network(_write(lesson, _network_doc(spec)))
        assert len(net.dataset) == 4


def test_errors_never_show_the_csvs_content(tmp_path):
    lesson = tmp_path / "lesson"
    lesson.mkdir()
    (lesson / "data.csv").write_text(SECRET + "1,2\n", encoding="utf-8")
    with pytest.raises(core.NetworkFileError) as caught:  # columns that do not exist
        core.load_network(_write(lesson, _network_doc("data.csv", ["x1"], ["y"])))
    assert "no column 'x1'" in str(caught.value) and "alice" not in str(caught.value)
    (lesson / "data.csv").write_text("a,b,t\n1,2,3\nalice:17:secret,2,3\n", encoding="utf-8")
    with pytest.raises(core.NetworkFileError) as caught:  # a cell that is not a number
        core.load_network(_write(lesson, _network_doc("data.csv")))
    message = str(caught.value)
    assert "line 3, column 'a'" in message and "text that is not a number" in message and "alice" not in message


def test_a_csv_the_student_picks_may_be_anywhere_and_is_saved_as_rows(tmp_path, outside):
    outside.write_text("a,b,t\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n", encoding="utf-8")
    net = core.load_network(core.example_path("xor"))
    net.dataset = core.load_csv(outside, ["a", "b"], ["t"])  # what the Dataset panel does
    saved = tmp_path / "lesson" / "mine.bpnet"
    saved.parent.mkdir()
    core.save_network(net, saved)
    doc = json.loads(saved.read_text(encoding="utf-8"))
    assert "csv" not in doc["dataset"] and doc["dataset"]["targets"] == [[0], [1], [1], [0]]
    back = core.load_network(saved)  # what the program writes, it reads back
    assert back.dataset.inputs.tobytes() == net.dataset.inputs.tobytes()
