"""`backprop-studio export FILE --to numpy|pytorch|onnx --out PATH`: exit 0 and one summary line,
exit 2 (1 for an unwritable PATH) and one error line, atomic writes, no Qt; and the issue's
acceptance check: the exported NumPy script's train(N) equals `backprop-studio train FILE --steps N`."""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys

import numpy as np
import pytest

import core
from cli_support import one_line_error, run_command
from core.export import FORMATS
from desktop.cli import export as cli_export
from desktop.cli import train as cli_train

XOR = core.example_path("xor")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSONS = [e.name for e in core.list_examples()]


def _run(capsys, *argv):
    return run_command(cli_export.main, capsys, *argv)


def _one_error_line(err, status, expected_status, *fragments):
    assert status == expected_status, err
    one_line_error(err, *fragments)


@pytest.mark.parametrize("lesson", LESSONS)
def test_numpy_script_trains_like_the_train_command(lesson, tmp_path, capsys):
    """The acceptance figure: after train(1000) the script's weights equal what
    `backprop-studio train FILE --steps 1000` saves, to 1e-12 relative (per array); when early
    stopping ends the run sooner, the script stops at the same step and says the same why."""
    path = core.example_path(lesson)
    script_file, trained_file = tmp_path / "net.py", tmp_path / "trained.bpnet"
    status, out, err = _run(capsys, path, "--to", "numpy", "--out", script_file)
    assert status == 0, err
    assert cli_train.main([path, "--steps", "1000", "--out", str(trained_file)]) == 0
    summary = capsys.readouterr().out.splitlines()[0]  # "trained FILE: S steps, E epochs (why)"
    steps, why = re.fullmatch(r"trained .*: (\d+) steps, \d+ epochs \((.*)\)", summary).groups()
    script = runpy.run_path(str(script_file), run_name="exported")
    losses, script_why = script["train"](1000)
    assert (len(losses), script_why) == (int(steps), why)
    if lesson == "early_stopping":  # the lesson is there to stop early
        assert why.startswith("early stopping: epoch ") and int(steps) < 1000
    trained = core.load_network(trained_file)
    for (s, t), W in trained.weights.items():
        got = script["weights"][f"{s}->{t}"]
        assert np.abs(got - W).max() <= 1e-12 * max(np.abs(W).max(), 1e-300), (s, t)
    for name, b in trained.biases.items():
        assert np.abs(script["biases"][name] - b).max() <= 1e-12 * max(np.abs(b).max(), 1e-300), name


@pytest.mark.parametrize("fmt, suffix", [("numpy", ".py"), ("pytorch", ".py"), ("onnx", ".onnx")])
def test_every_format_exits_0_with_one_summary_line(fmt, suffix, tmp_path, capsys):
    if fmt == "onnx":
        pytest.importorskip("onnx", reason="the onnx package (the export extra) is not installed")
    out_file = tmp_path / f"xor{suffix}"
    status, out, err = _run(capsys, XOR, "--to", fmt, "--out", out_file)
    assert status == 0 and err == ""
    size = out_file.stat().st_size
    assert out.splitlines() == [f"exported {XOR} to {out_file}: "
                                f"{FORMATS[fmt].label}, 3 layers, 9 parameters, {size:,} bytes"]
    assert os.listdir(tmp_path) == [out_file.name]  # no temporary file left beside it
    if suffix == ".py":
        compile(out_file.read_text(encoding="utf-8"), str(out_file), "exec")


def test_unreadable_file_exits_2(tmp_path, capsys):
    status, out, err = _run(capsys, tmp_path / "missing.bpnet", "--to", "numpy", "--out", tmp_path / "o.py")
    _one_error_line(err, status, 2, "missing.bpnet", "does not exist")
    assert out == "" and not (tmp_path / "o.py").exists()


def test_network_that_cannot_be_exported_exits_2_and_keeps_the_old_file(tmp_path, capsys):
    doc = json.loads(open(XOR, encoding="utf-8").read())
    names = {"x": "a", "h": "a->b", "y": "c"}
    # "a" -> "b->c" and "a->b" -> "c" would both be called "a->b->c"
    doc["layers"] = [dict(l, name=names[l["name"]]) for l in doc["layers"]]
    doc["layers"].insert(2, {"name": "b->c", "units": 1, "activation": "tanh", "bias": [0.0], "position": [0, 0]})
    doc["connections"] = [
        {"from": "a", "to": "a->b", "weights": [[0.5, -0.3], [0.8, 0.2]]},
        {"from": "a->b", "to": "c", "weights": [[1.0, -1.0]]},
        {"from": "a", "to": "b->c", "weights": [[0.1, 0.2]]},
        {"from": "b->c", "to": "c", "weights": [[0.3]]},
    ]
    bad = tmp_path / "arrows.bpnet"
    bad.write_text(json.dumps(doc), encoding="utf-8")
    out_file = tmp_path / "old.py"
    out_file.write_text("# the old export\n", encoding="utf-8")
    status, out, err = _run(capsys, bad, "--to", "numpy", "--out", out_file)
    _one_error_line(err, status, 2, "arrows.bpnet", "'a->b->c'")
    assert out_file.read_text(encoding="utf-8") == "# the old export\n"
    assert sorted(os.listdir(tmp_path)) == ["arrows.bpnet", "old.py"]


def test_onnx_without_the_onnx_package_exits_2_saying_how_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "onnx", None)
    status, _, err = _run(capsys, XOR, "--to", "onnx", "--out", tmp_path / "xor.onnx")
    _one_error_line(err, status, 2, 'pip install onnx')
    assert not (tmp_path / "xor.onnx").exists()


@pytest.mark.parametrize("argv, fragment", [
    ([XOR, "--to", "keras", "--out", "x.py"], "invalid choice: 'keras'"),
    ([XOR, "--out", "x.py"], "--to"),
    ([XOR, "--to", "numpy"], "--out"),
    (["--to", "numpy", "--out", "x.py"], "FILE"),
])
def test_argument_errors_exit_2(argv, fragment, capsys):
    status, _, err = _run(capsys, *argv)
    _one_error_line(err, status, 2, fragment, "see 'backprop-studio export --help'")


def test_folder_as_out_exits_2_and_unwritable_out_exits_1(tmp_path, capsys):
    status, _, err = _run(capsys, XOR, "--to", "numpy", "--out", tmp_path)
    _one_error_line(err, status, 2, "not a regular file")
    status, _, err = _run(capsys, XOR, "--to", "numpy", "--out", tmp_path / "no folder" / "x.py")
    _one_error_line(err, status, 1, "cannot write here", "nothing was written")


def test_help_names_the_formats(capsys):
    status, out, _ = _run(capsys, "--help")
    assert status == 0 and "numpy" in out and "pytorch" in out and "onnx" in out and "--out" in out


def test_entry_point_dispatches_export_without_loading_qt_or_torch(tmp_path):
    """`backprop-studio export …` in a fresh interpreter: desktop.__main__ hands it to cli_export,
    which loads neither Qt nor the tools it writes code for."""
    out_file = tmp_path / "xor.py"
    probe = (
        "import sys\n"
        "from desktop.__main__ import main\n"
        f"code = main(['export', {XOR!r}, '--to', 'pytorch', '--out', {str(out_file)!r}])\n"
        "heavy = ('PySide6', 'shiboken6', 'pyqtgraph', 'torch', 'onnx')\n"
        "print(code, sorted({name.split('.')[0] for name in sys.modules} & set(heavy)))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([ROOT, os.environ.get("PYTHONPATH", "")])}
    result = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "0 []"
    assert "class Net(nn.Module)" in out_file.read_text(encoding="utf-8")
