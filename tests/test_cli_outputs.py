"""`--out` never destroys what the student has (issue 24, point 1): an output path that is a file
the command reads (the network, its CSV; however the path is written: another spelling, a
symbolic or hard link) is refused, and `export`/`trace` never replace a network or CSV file with
another kind of file unless --force. Lessons are found by name in any case (point 7)."""

from __future__ import annotations

import os
import shutil

import pytest

import core
from cli_support import one_line_error, run_command
from desktop.cli import export as cli_export
from desktop.cli import trace as cli_trace
from desktop.cli import train as cli_train


@pytest.fixture
def lesson_copy(tmp_path, monkeypatch):
    """A copy of the exam_csv lesson's folder (network + CSV) as the current folder."""
    folder = os.path.dirname(core.example_path("exam_csv"))
    for name in ("exam_csv.bpnet", "exam_results.csv"):
        shutil.copy(os.path.join(folder, name), tmp_path / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _unchanged(folder, before):
    assert _contents(folder) == before


def _contents(folder):
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("command,argv", [
    (cli_export.main, ["exam_csv.bpnet", "--to", "numpy", "--out", "exam_csv.bpnet"]),
    (cli_export.main, ["exam_csv.bpnet", "--to", "numpy", "--out", "./sub/../exam_csv.bpnet", "--force"]),
    (cli_trace.main, ["exam_csv.bpnet", "--format", "html", "--out", "exam_csv.bpnet", "--force"]),
    (cli_train.main, ["exam_csv.bpnet", "--steps", "10", "--out", "exam_results.csv"]),
    (cli_train.main, ["exam_csv.bpnet", "--steps", "10", "--out", "exam_results.csv", "--force"]),
    (cli_trace.main, ["exam_csv.bpnet", "--format", "json", "--out", "EXAM-LINK.csv", "--force"]),
    (cli_export.main, ["exam_csv.bpnet", "--to", "pytorch", "--out", "hard-link-to-the-network"]),
])
def test_an_output_that_is_a_file_the_command_reads_is_refused(lesson_copy, capsys, command, argv):
    os.mkdir("sub")
    os.symlink("exam_results.csv", "EXAM-LINK.csv")
    os.link("exam_csv.bpnet", "hard-link-to-the-network")
    before = _contents(lesson_copy)
    status, out, err = run_command(command, capsys, *argv)
    assert status == 2 and out == ""
    one_line_error(err, "--out", "choose another file name", "nothing was written")
    assert ("the network file this command reads" in err) != ("the dataset (CSV) file" in err)
    _unchanged(lesson_copy, before)
    assert core.load_network("exam_csv.bpnet").dataset.class_names == ["fail", "pass"]


def test_training_the_lesson_in_place_is_refused_but_its_copy_trains(lesson_copy, capsys):
    status, _, err = run_command(cli_train.main, capsys, "exam_csv.bpnet", "--steps", 10, "--out", "exam_csv.bpnet")
    one_line_error(err, "is the network file this command reads")
    assert status == 2
    status, _, err = run_command(cli_train.main, capsys, "exam_csv.bpnet", "--steps", 10, "--out", "trained.bpnet")
    assert status == 0, err


@pytest.mark.parametrize("command,argv,kind", [
    (cli_export.main, ["--to", "numpy"], "a NumPy script"),
    (cli_trace.main, ["--format", "html"], "an HTML worksheet"),
    (cli_trace.main, [], "a text trace"),
])
@pytest.mark.parametrize("victim", ["other.bpnet", "other.CSV", "network-without-ending"])
def test_export_and_trace_never_replace_a_network_or_csv_without_force(tmp_path, capsys, command, argv, kind, victim):
    target = tmp_path / victim
    if victim.lower().endswith(".csv"):
        target.write_text("a,b\n1,2\n", encoding="utf-8")
    else:
        shutil.copy(core.example_path("spiral"), target)
    before = target.read_bytes()
    status, _, err = run_command(command, capsys, "xor", *argv, "--out", target)
    assert status == 2
    one_line_error(err, f"writing {kind} would replace it", "--force", "nothing was written")
    assert target.read_bytes() == before
    status, _, err = run_command(command, capsys, "xor", *argv, "--out", target, "--force")
    assert status == 0, err
    assert target.read_bytes() != before


def test_train_replaces_a_network_file_but_not_a_csv_without_force(tmp_path, capsys):
    old_network, csv = tmp_path / "old.bpnet", tmp_path / "data.csv"
    shutil.copy(core.example_path("spiral"), old_network)
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    assert run_command(cli_train.main, capsys, "xor", "--steps", 5, "--out", old_network)[0] == 0
    assert core.load_network(old_network).name == core.load_network(core.example_path("xor")).name
    status, _, err = run_command(cli_train.main, capsys, "xor", "--steps", 5, "--out", csv)
    assert status == 2 and csv.read_text(encoding="utf-8") == "a,b\n1,2\n"
    one_line_error(err, "is a CSV data file; writing a network file would replace it")


@pytest.mark.parametrize("name,lesson", [("Spiral", "spiral"), ("XOR.bpnet", "xor"), ("CIRCLES", "circles")])
def test_lessons_are_found_by_name_in_any_case(tmp_path, capsys, name, lesson):
    out_file = tmp_path / "t.txt"
    status, _, err = run_command(cli_trace.main, capsys, name, "--out", out_file)
    assert status == 0, err
    assert out_file.read_text(encoding="utf-8") == core.trace_step(core.load_network(core.example_path(lesson))).to_text()


def test_an_unknown_name_suggests_the_closest_lesson_and_lists_them(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = run_command(cli_train.main, capsys, "spirl", "--steps", 5, "--out", "o.bpnet")
    assert status == 2
    line = one_line_error(err, "spirl", "the file does not exist", "did you mean 'spiral'?", "the lessons are")
    for example in core.list_examples():
        assert example.name in line
    assert not (tmp_path / "o.bpnet").exists()
