"""The top-level command line as a careless user meets it (issue 24, point 7): a mistake is one
line, an unknown command says which commands there are, --help lists them, --screenshot's
errors say why, a semicolon CSV gets a hint, a small --size prints no Qt noise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import core
import core.datasets
from cli_support import one_line_error
from desktop.__main__ import main as entry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""), QT_QPA_PLATFORM="offscreen")


def _program(tmp_path, *argv):
    """(status, stdout, stderr) of ``python -m desktop ARGV`` in a fresh process, in ``tmp_path``."""
    done = subprocess.run([sys.executable, "-m", "desktop", *argv], cwd=tmp_path, env=ENV,
                          capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("argv,fragments", [
    (["fly", "xor"], ["unknown command 'fly'", "commands: train, trace, export"]),
    (["trian", "xor", "--steps", "3"], ["unknown command 'trian'", "did you mean 'train'?"]),
    (["--bogus"], ["unrecognized arguments: --bogus", "--help"]),
    (["xor", "extra"], ["unrecognized arguments: extra"]),
    (["--screenshot", "a.png", "--size", "10x10"], ["--size", "from 200 to 10000"]),
    (["--screenshot", "a.png", "--size", "big"], ["--size", "1400x900"]),
])
def test_a_top_level_mistake_is_one_line(tmp_path, capsys, monkeypatch, argv, fragments):
    monkeypatch.chdir(tmp_path)
    assert entry(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    one_line_error(captured.err, *fragments)


def test_help_names_every_command(capsys):
    with pytest.raises(SystemExit) as caught:
        entry(["--help"])
    assert caught.value.code == 0
    text = capsys.readouterr().out
    for command in ("train", "trace", "export"):
        assert f"\n  {command} " in text


@pytest.mark.parametrize("make_target,reason", [
    (lambda tmp: tmp / "no-such-folder" / "x.png", "No such file or directory"),
    (lambda tmp: tmp / "a-file.txt" / "x.png", "Not a directory"),
])
def test_a_screenshot_that_cannot_be_written_says_why(tmp_path, make_target, reason):
    (tmp_path / "a-file.txt").write_text("not a folder", encoding="utf-8")
    target = make_target(tmp_path)
    status, out, err = _program(tmp_path, "xor", "--screenshot", str(target), "--size", "400x300")
    assert status == 1, err
    one_line_error(err, f"could not write {target}: {reason}")


def test_an_unreadable_file_for_a_screenshot_has_the_error_prefix(tmp_path):
    (tmp_path / "bad.bpnet").write_text("{", encoding="utf-8")
    status, _, err = _program(tmp_path, "bad.bpnet", "--screenshot", "x.png")
    assert status == 2
    one_line_error(err, "bad.bpnet", "not valid JSON")


def test_a_small_window_prints_no_qt_noise(tmp_path):
    status, out, err = _program(tmp_path, "Spiral", "--screenshot", "small.png", "--size", "200x200")
    assert status == 0 and err == "", err
    assert out.strip() == "wrote small.png" and (tmp_path / "small.png").stat().st_size > 1000


def test_a_semicolon_separated_csv_gets_a_hint(tmp_path, capsys):
    (tmp_path / "exam_results.csv").write_text("hours_studied;hours_slept;result\n1;7;fail\n9;8;pass\n",
                                               encoding="utf-8")
    with pytest.raises(core.CSVError) as caught:
        core.load_csv(tmp_path / "exam_results.csv", ["hours_studied", "hours_slept"], ["result"])
    assert "no column 'hours_studied'" in str(caught.value)
    assert "separated by semicolons, not commas" in str(caught.value)
    with pytest.raises(core.CSVError) as caught:
        core.datasets.csv_header(tmp_path / "exam_results.csv")
    assert "separated by semicolons" in str(caught.value)
