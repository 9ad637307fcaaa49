"""A reader that closes stdout early (``backprop-studio trace xor | head -1``) ends a command
quietly: no traceback, status 1 (what the Python documentation recommends for EPIPE), and an
``--out`` file that is whole. Driven through a real pipe whose reading end is closed before
the command writes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import core

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def run_with_closed_stdout(tmp_path, *argv) -> tuple[int, str]:
    """(exit status, stderr) of ``backprop-studio ARGV`` whose stdout pipe has no reader."""
    child = subprocess.Popen([sys.executable, "-m", "desktop", *argv], cwd=tmp_path, env=ENV,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    child.stdout.close()  # the only reading end: every write of the command meets EPIPE
    try:
        err = child.stderr.read().decode("utf-8", "replace")
        status = child.wait(timeout=120)
    finally:
        child.kill()
        child.stderr.close()
    return status, err


@pytest.mark.parametrize("argv", [
    ("trace", "xor"),
    ("trace", "spiral", "--format", "html"),
    ("lesson", "guided_perceptron", "--format", "text"),
])
def test_a_printing_command_ends_quietly_when_stdout_is_closed(tmp_path, argv):
    status, err = run_with_closed_stdout(tmp_path, *argv)
    assert status == 1
    assert err == ""  # no traceback, no "Exception ignored" at exit


def test_train_keeps_a_whole_out_file_when_stdout_is_closed(tmp_path):
    out = tmp_path / "trained.bpnet"
    status, err = run_with_closed_stdout(tmp_path, "train", "xor", "--steps", "200", "--out", str(out))
    assert (status, err) == (1, "")
    trained = core.load_network(str(out))  # complete: saved before the summary was printed
    untrained = core.load_network(core.examples.find_lesson("xor"))
    assert not (trained.flat == untrained.flat).all()
    assert [p.name for p in tmp_path.iterdir()] == ["trained.bpnet"]  # no temporary file left


def test_export_keeps_a_whole_script_when_stdout_is_closed(tmp_path):
    out = tmp_path / "xor.py"
    status, err = run_with_closed_stdout(tmp_path, "export", "xor", "--to", "numpy", "--out", str(out))
    assert (status, err) == (1, "")
    compile(out.read_text(encoding="utf-8"), str(out), "exec")
    assert [p.name for p in tmp_path.iterdir()] == ["xor.py"]
