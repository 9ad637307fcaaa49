"""`backprop-studio trace`: one training step, every number, as text, JSON or an HTML worksheet; no Qt."""

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import numpy as np
import pytest

import core
from cli_support import one_line_error as _one_line_error
from cli_support import run_command
from desktop.cli import trace as cli_trace
from desktop.cli import train as cli_train
from desktop.__main__ import main as entry_main

RELU = core.example_path("relu_tutorial")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run(capsys, *argv):
    return run_command(cli_trace.main, capsys, *argv)


def _json_trace(capsys, *argv):
    status, out, err = _run(capsys, *argv, "--format", "json")
    assert status == 0 and err == "", err
    return json.loads(out)


def _check_structure(doc, net):
    """Exactly the documented keys (more are allowed), with W[j][i] per connection."""
    assert isinstance(doc["inputs"], list) and isinstance(doc["targets"], list)
    assert isinstance(doc["loss"], float)
    for name, layer in doc["layers"].items():
        assert {"z", "a", "delta"} <= set(layer)
        if name == net.input_layer:
            assert layer["z"] is None and layer["delta"] is None
        else:
            assert np.shape(layer["z"]) == np.shape(layer["a"]) == np.shape(layer["delta"])
    assert set(doc["layers"]) >= set(net.order()[1:])
    for part in ("gradients", "updated"):
        assert set(doc[part]) == {"weights", "biases"}
        assert set(doc[part]["weights"]) == {f"{s}->{t}" for s, t in net.connections}
        for s, t in net.connections:
            assert np.shape(doc[part]["weights"][f"{s}->{t}"]) == net.weights[s, t].shape
        for name in net.order()[1:]:
            assert (doc[part]["biases"][name] is None) == (name not in net.biases)
    assert ("penalty" in doc) == (net.training.regularization != "none")


@pytest.mark.parametrize("lesson", ["relu_tutorial", "one_sigmoid_neuron", "xor", "circles", "skip_connection"])
def test_json_updated_equals_train_steps_1_bit_for_bit(tmp_path, capsys, lesson):
    path = core.example_path(lesson)
    doc = _json_trace(capsys, path)
    out_file = tmp_path / "one.bpnet"
    assert cli_train.main([path, "--steps", "1", "--out", str(out_file), "--quiet"]) == 0
    capsys.readouterr()
    trained = core.load_network(out_file)
    _check_structure(doc, trained)
    for s, t in trained.connections:
        assert np.array_equal(np.array(doc["updated"]["weights"][f"{s}->{t}"]), trained.weights[s, t])
    for name in trained.order()[1:]:
        if name in trained.biases:
            assert np.array_equal(np.array(doc["updated"]["biases"][name]), trained.biases[name])
    expected = core.load_network(path)
    assert doc["loss"] == core.Trainer(expected).step()


def test_json_with_regularization_has_the_penalty(tmp_path, capsys):
    with open(core.example_path("xor"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["training"]["regularization"] = {"kind": "l2", "rate": 0.01}
    path = tmp_path / "l2.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    traced = _json_trace(capsys, path)
    net = core.load_network(path)
    _check_structure(traced, net)
    assert traced["penalty"] == pytest.approx(0.01 * 0.5 * float(net.flat[: net.n_weights] @ net.flat[: net.n_weights]))
    assert traced["loss"] == traced["data_loss"] + traced["penalty"]


def test_json_with_input_features_traces_the_feature_columns(tmp_path, capsys):
    net = core.load_network(core.example_path("circles"))
    net.set_input_features(("x1", "x2", "x1^2", "sin(x2)"))
    path = tmp_path / "features.bpnet"
    core.save_network(net, path)
    traced = _json_trace(capsys, path, "--sample", "5")
    _check_structure(traced, net)
    raw = net.dataset.inputs[5]
    assert traced["input_features"] == ["x1", "x2", "x1^2", "sin(x2)"] and traced["inputs"] == [raw.tolist()]
    assert traced["layers"]["x"]["a"] == [[raw[0], raw[1], raw[0] * raw[0], float(np.sin(raw[1]))]]
    out_file = tmp_path / "one.bpnet"
    assert cli_train.main([str(path), "--steps", "1", "--out", str(out_file), "--quiet"]) == 0
    capsys.readouterr()
    batch = _json_trace(capsys, path)
    trained = core.load_network(out_file)
    for s, t in trained.connections:
        assert np.array_equal(np.array(batch["updated"]["weights"][f"{s}->{t}"]), trained.weights[s, t])


def test_sample_equals_the_hand_computation_on_the_relu_tutorial(capsys):
    doc = _json_trace(capsys, RELU, "--sample", 0)
    assert doc["kind"] == "sample" and doc["rows"] == [0]
    assert doc["inputs"] == [[1.0, 2.0]] and doc["targets"] == [[0.5]]
    h, y = doc["layers"]["h"], doc["layers"]["y"]
    assert h["z"] == h["a"]
    np.testing.assert_allclose(h["a"], [[0.7, 1.0]], rtol=0, atol=1e-15)
    assert y["a"][0][0] == pytest.approx(0.61, abs=1e-15)
    assert doc["loss"] == pytest.approx(0.5 * 0.11**2, abs=1e-15)
    assert y["delta"][0][0] == pytest.approx(0.61 - 0.5, abs=1e-15)  # half_mse: δ_out = y − t
    np.testing.assert_allclose(h["delta"], [[0.3 * 0.11, 0.4 * 0.11]], rtol=0, atol=1e-15)
    g = doc["gradients"]["weights"]
    np.testing.assert_allclose(g["h->y"], [[0.7 * 0.11, 1.0 * 0.11]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(g["x->h"], [[0.033 * 1, 0.033 * 2], [0.044 * 1, 0.044 * 2]], rtol=0, atol=1e-15)
    assert doc["gradients"]["biases"] == {"h": None, "y": None}
    w = doc["updated"]["weights"]
    np.testing.assert_allclose(w["h->y"], [[0.3 - 0.01 * 0.077, 0.4 - 0.01 * 0.11]], rtol=0, atol=1e-15)
    np.testing.assert_allclose(w["x->h"], [[0.49967, 0.09934], [0.59956, 0.19912]], rtol=0, atol=1e-15)


def test_sample_picks_that_dataset_row(capsys):
    path = core.example_path("xor")
    net = core.load_network(path)
    doc = _json_trace(capsys, path, "--sample", 2)
    assert doc["inputs"] == net.dataset.inputs[[2]].tolist() and doc["targets"] == net.dataset.targets[[2]].tolist()
    trace = core.trace_step(net, sample=2)
    assert doc["loss"] == trace.loss
    assert doc == json.loads(trace.to_json())


def test_text_is_the_default(capsys):
    status, out, err = _run(capsys, RELU)
    assert status == 0 and err == ""
    for part in ("Forward pass", "0.61", "Loss", "Backward pass", "Gradients", "0.7 × 0.11", "Update", "0.29923"):
        assert part in out, part


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        if tag != "meta":
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(tag)


def test_html_worksheet_to_a_file(tmp_path, capsys):
    out_file = tmp_path / "worksheet.html"
    status, out, err = _run(capsys, RELU, "--format", "html", "--out", out_file)
    assert (status, out, err) == (0, "", "")
    page = out_file.read_text(encoding="utf-8")
    parser = _Parser()
    parser.feed(page)
    parser.close()
    assert parser.problems == [] and parser.stack == []
    assert "<script" not in page.lower() and "size: A4" in page
    for number in ("0.500000", "0.100000", "0.600000", "0.200000", "0.300000", "0.400000",  # every weight, ≥ 4 digits
                   "0.610000", "0.110000", "0.0770000", "0.299230", "0.398900", "0.499670"):
        assert number in page, number
    assert not re.search(r"(?<![\w.])-0(?:\.0*)?(?![\d.])", page)
    assert [p.name for p in tmp_path.iterdir()] == ["worksheet.html"]  # no temporary file left


def test_out_replaces_an_existing_file(tmp_path, capsys):
    out_file = tmp_path / "t.json"
    out_file.write_text("old", encoding="utf-8")
    status, _, _ = _run(capsys, RELU, "--format", "json", "--out", out_file)
    assert status == 0 and json.loads(out_file.read_text(encoding="utf-8"))["loss"] > 0


@pytest.mark.parametrize("argv,fragments", [
    ([], ["required"]),
    ([RELU, "--sample", "1"], ["sample 1 is out of range", "valid samples are 0 to 0"]),
    ([RELU, "--sample", "-1"], ["out of range", "0 to 0"]),
    ([RELU, "--sample", "first"], ["--sample", "whole number", "'first'"]),
    ([RELU, "--format", "pdf"], ["--format", "invalid choice: 'pdf'"]),
    ([RELU, "--fast"], ["unrecognized arguments: --fast"]),
])
def test_bad_arguments_exit_2_with_one_line(capsys, argv, fragments):
    status, out, err = _run(capsys, *argv)
    assert status == 2 and out == ""
    _one_line_error(err, *fragments)


def test_missing_file_exits_2(tmp_path, capsys):
    status, out, err = _run(capsys, tmp_path / "absent.bpnet")
    assert status == 2 and out == ""
    _one_line_error(err, "absent.bpnet", "does not exist")


def test_file_without_dataset_exits_2(tmp_path, capsys):
    with open(RELU, encoding="utf-8") as f:
        doc = json.load(f)
    doc.pop("dataset")
    path = tmp_path / "nodata.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    for argv in ([path], [path, "--sample", "0"]):
        status, _, err = _run(capsys, *argv)
        assert status == 2
        _one_line_error(err, str(path), "no dataset")


@pytest.mark.parametrize("target", ["directory", os.devnull])
def test_out_that_is_not_a_regular_file_exits_2(tmp_path, capsys, target):
    out = tmp_path if target == "directory" else target
    status, stdout, err = _run(capsys, RELU, "--out", out)
    assert status == 2 and stdout == ""
    _one_line_error(err, str(out), "not a regular file")
    if target == "directory":
        assert list(tmp_path.iterdir()) == []


def test_unwritable_out_exits_1(tmp_path, capsys):
    status, _, err = _run(capsys, RELU, "--out", tmp_path / "missing folder" / "t.txt")
    assert status == 1
    _one_line_error(err, "cannot write here")


def test_dispatched_from_the_entry_point(capsys):
    assert entry_main(["trace", RELU, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["layers"]["y"]["a"][0][0] == pytest.approx(0.61, abs=1e-15)
    assert entry_main(["trace", RELU, "--sample", "5"]) == 2
    _one_line_error(capsys.readouterr().err, "sample 5 is out of range")


def test_help(capsys):
    status, out, _ = _run(capsys, "--help")
    assert status == 0 and "--sample" in out and "--format" in out and "--out" in out


def test_the_installed_command_imports_no_qt(tmp_path):
    code = (
        "import sys\n"
        "from desktop.__main__ import main\n"
        f"status = main(['trace', {RELU!r}, '--format', 'html', '--out', {str(tmp_path / 'w.html')!r}])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(status, qt)\n"
    )
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "0 []"
    assert (tmp_path / "w.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
