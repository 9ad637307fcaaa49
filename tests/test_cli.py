"""`backprop-studio train`: trains a file headless, writes the result, one-line errors, no Qt."""

import io
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import core
from cli_support import one_line_error as _one_line_error
from cli_support import run_command
from desktop.cli import train as cli_train

XOR = core.example_path("xor")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(capsys, *argv):
    return run_command(cli_train.main, capsys, *argv)


def test_trains_and_writes_the_trained_network(tmp_path, capsys):
    out_file = tmp_path / "trained.bpnet"
    status, out, err = _run(capsys, XOR, "--steps", 500, "--out", out_file)
    assert status == 0, err
    original, trained = core.load_network(XOR), core.load_network(out_file)
    assert trained.connections == original.connections and trained.training == original.training
    expected = core.load_network(XOR)
    core.Trainer(expected).run(steps=500)  # the same run in-process: same seed, same result
    assert trained.flat.tobytes() == expected.flat.tobytes()
    X, T = original.dataset.inputs, original.dataset.targets
    assert trained.data_loss(X, T) < original.data_loss(X, T)
    assert "trained" in out and "500 steps, 500 epochs (completed)" in out
    before, after = (float(v) for v in out.split("training loss")[1].split("\n")[0].split("->"))
    assert before == pytest.approx(original.data_loss(X, T), rel=1e-5)
    assert after == pytest.approx(trained.data_loss(X, T), rel=1e-5)
    assert "training accuracy" in out and "saved" in out
    assert err == ""  # no progress bar when stderr is not a terminal


def test_with_a_penalty_the_training_loss_is_data_loss_plus_penalty_and_says_so(tmp_path, capsys):
    lesson = core.example_path("guided_weight_decay")  # 0.49 + 0.1·½·(0.8² + 0.6²) = 0.54 before training
    status, out, err = _run(capsys, lesson, "--steps", 20, "--out", tmp_path / "trained.bpnet")
    assert status == 0, err
    before, after = (float(v) for v in out.split("training loss")[1].split("\n")[0].split("->"))
    penalty_before, penalty_after = (float(v) for v in out.split("of which penalty")[1].split("\n")[0].split("->"))
    assert before == pytest.approx(0.54) and penalty_before == pytest.approx(0.05)
    trained = core.load_network(tmp_path / "trained.bpnet")
    data = trained.data_loss(trained.dataset.inputs, trained.dataset.targets)
    assert penalty_after == pytest.approx(trained.regularization()[0], rel=1e-5)
    assert after == pytest.approx(data + trained.regularization()[0], rel=1e-5)


def test_epochs_and_validation_summary(tmp_path, capsys):
    out_file = tmp_path / "circles.bpnet"
    status, out, _ = _run(capsys, core.example_path("circles"), "--epochs", 3, "--out", out_file)
    assert status == 0
    steps_per_epoch = -(-160 // 16)  # 200 samples, 20 % held out, batch 16
    assert f"{3 * steps_per_epoch} steps, 3 epochs" in out
    assert "validation loss" in out and "validation accuracy" in out
    # the generator spec is kept in the output file, not the points
    assert json.loads(out_file.read_text())["dataset"]["generator"] == "circles"


def test_quiet_prints_nothing(tmp_path, capsys):
    status, out, err = _run(capsys, XOR, "--steps", 5, "--out", tmp_path / "q.bpnet", "--quiet")
    assert (status, out, err) == (0, "", "")
    assert (tmp_path / "q.bpnet").exists()


def test_csv_lesson_output_elsewhere_keeps_a_working_csv_path(tmp_path, capsys):
    out_file = tmp_path / "exam.bpnet"
    status, _, err = _run(capsys, core.example_path("exam_csv"), "--steps", 20, "--out", out_file)
    assert status == 0, err
    assert core.load_network(out_file).dataset.class_names == ["fail", "pass"]


def test_progress_bar_on_a_terminal(tmp_path, capsys, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    status = cli_train.main([XOR, "--steps", "300", "--out", str(tmp_path / "p.bpnet")])
    assert status == 0
    drawn = terminal.getvalue()
    assert "\r" in drawn and "100.0% [" in drawn and "step 300/300" in drawn
    assert drawn.endswith("\r") and "\n" not in drawn  # the bar is erased, never scrolls


@pytest.mark.parametrize("argv,fragments", [
    ([], ["required"]),
    ([XOR, "--out", "x.bpnet"], ["one of the arguments --steps --epochs is required"]),
    ([XOR, "--steps", "5"], ["--out"]),
    ([XOR, "--steps", "5", "--epochs", "2", "--out", "x.bpnet"], ["not allowed with"]),
    ([XOR, "--steps", "0", "--out", "x.bpnet"], ["--steps", "from 1 to"]),
    ([XOR, "--steps", "many", "--out", "x.bpnet"], ["whole number", "'many'"]),
    ([XOR, "--steps", "5", "--out", "x.bpnet", "--fast"], ["unrecognized arguments: --fast"]),
])
def test_bad_arguments_exit_2_with_one_line(capsys, argv, fragments):
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    _one_line_error(err, *fragments)


def test_help(capsys):
    status, out, _ = _run(capsys, "--help")
    assert status == 0 and "--steps" in out and "--epochs" in out and "--out" in out


def _write(tmp_path, doc, name="in.bpnet"):
    path = tmp_path / name
    path.write_text(json.dumps(doc) if isinstance(doc, dict) else doc, encoding="utf-8")
    return path


def _xor_doc():
    with open(XOR, encoding="utf-8") as f:
        return json.load(f)


def test_bad_file_exits_2_naming_file_and_place(tmp_path, capsys):
    doc = _xor_doc()
    doc["connections"][1]["weights"][0].pop()
    path = _write(tmp_path, doc)
    status, out, err = _run(capsys, path, "--steps", 5, "--out", tmp_path / "o.bpnet")
    assert status == 2 and out == ""
    _one_line_error(err, str(path), "connections[1].weights[0]", "expected 2 numbers")
    assert not (tmp_path / "o.bpnet").exists()


@pytest.mark.parametrize("change,fragment", [
    (lambda d: d.pop("dataset"), "no dataset to train on"),
    (lambda d: d["dataset"].update(inputs=[[0], [1], [0], [1]]), "the input layer 'x' has 2 units but the dataset has 1 input column"),
])
def test_untrainable_file_exits_2(tmp_path, capsys, change, fragment):
    doc = _xor_doc()
    change(doc)
    path = _write(tmp_path, doc)
    status, _, err = _run(capsys, path, "--steps", 5, "--out", tmp_path / "o.bpnet")
    assert status == 2
    _one_line_error(err, str(path), fragment)


def test_missing_and_truncated_files_exit_2(tmp_path, capsys):
    status, _, err = _run(capsys, tmp_path / "absent.bpnet", "--steps", 5, "--out", tmp_path / "o.bpnet")
    assert status == 2
    _one_line_error(err, "absent.bpnet", "does not exist")
    text = open(XOR, encoding="utf-8").read()
    path = _write(tmp_path, text[: len(text) // 2], "cut.bpnet")
    status, _, err = _run(capsys, path, "--steps", 5, "--out", tmp_path / "o.bpnet")
    assert status == 2
    _one_line_error(err, "cut.bpnet", "not valid JSON")


def test_divergence_exits_1_and_writes_nothing(tmp_path, capsys):
    doc = _xor_doc()
    doc["training"]["loss"] = "mse"
    doc["layers"][2]["activation"] = "identity"
    doc["training"]["optimizer"]["learning_rate"] = 1e200
    path = _write(tmp_path, doc)
    out_file = tmp_path / "o.bpnet"
    out_file.write_text("previous result", encoding="utf-8")
    status, out, err = _run(capsys, path, "--steps", 100, "--out", out_file)
    assert status == 1 and out == ""
    _one_line_error(err, "Training stopped", "Nothing was written to")
    assert out_file.read_text(encoding="utf-8") == "previous result"


def test_unwritable_output_exits_1(tmp_path, capsys):
    status, _, err = _run(capsys, XOR, "--steps", 5, "--out", tmp_path / "missing folder" / "o.bpnet")
    assert status == 1
    _one_line_error(err, "cannot save here")


def test_the_installed_command_imports_no_qt(tmp_path):
    """Through the real entry point (desktop.__main__ dispatch), in a fresh interpreter."""
    out_file = tmp_path / "o.bpnet"
    code = (
        "import sys\n"
        "from desktop.__main__ import main\n"
        f"status = main(['train', {XOR!r}, '--steps', '50', '--out', {str(out_file)!r}, '--quiet'])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(status, qt)\n"
    )
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 []"
    assert np.isfinite(core.load_network(out_file).flat).all()


def test_a_diverged_run_says_where_it_stopped_not_that_weights_were_kept(tmp_path, capsys):
    """Review 22: "The weights after step 2 were kept" beside "Nothing was written": kept where?"""
    doc = _xor_doc()
    doc["training"]["loss"] = "mse"
    for layer in doc["layers"][1:]:
        layer["activation"] = "identity"
    doc["training"]["optimizer"]["learning_rate"] = 1e6
    status, _, err = _run(capsys, _write(tmp_path, doc), "--steps", 100, "--out", tmp_path / "o.bpnet")
    assert status == 1 and not (tmp_path / "o.bpnet").exists()
    line = _one_line_error(err, "step 3 would make the loss ∞ (it was not taken)",
                           "The run stopped after step 2, the last whose loss is finite.", "Nothing was written to")
    assert "kept" not in line
