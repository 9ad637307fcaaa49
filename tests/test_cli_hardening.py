"""The command line as a careless user meets it (issue 14): runs that get worse, outputs that
are not files, Ctrl+C at once, negative counts, --version, lessons by name."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import tomllib

import pytest

import core
from cli_support import one_line_error as _one_line_error
from cli_support import run_command
import desktop
from desktop.cli import trace as cli_trace
from desktop.cli import train as cli_train
from desktop.__main__ import main as entry

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def _run(capsys, *argv, command=cli_train.main):
    return run_command(command, capsys, *argv)


def _lesson_with_learning_rate(tmp_path, name, learning_rate):
    with open(core.example_path(name), encoding="utf-8") as f:
        doc = json.load(f)
    doc["training"]["optimizer"]["learning_rate"] = learning_rate
    path = tmp_path / f"{name}-lr.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


# ------------------------------------------------------- 1. runs that get worse
@pytest.mark.parametrize("lesson,steps", [("spiral", 3000), ("sine_regression", 2000), ("relu_2_2_1", 200)])
def test_a_run_that_ends_worse_than_it_started_fails_and_keeps_the_old_file(tmp_path, capsys, lesson, steps):
    path = _lesson_with_learning_rate(tmp_path, lesson, 1e6 if lesson != "relu_2_2_1" else 100.0)
    out_file = tmp_path / "existing.bpnet"
    out_file.write_text("the good network", encoding="utf-8")
    status, out, err = _run(capsys, path, "--steps", steps, "--out", out_file)
    assert status == 1 and out == ""
    line = _one_line_error(err, "made the loss worse", "--allow-worse", "learning rate", "Nothing was written")
    before, after = (float(v) for v in line.split("went from ")[1].split(". ")[0].split(" to "))
    assert after > before  # both numbers are shown, and they are the real ones:
    assert "e+" not in line.split("went from ")[1], line  # the rates as the window writes them ("1e6", not "1e+06")
    net = core.load_network(path)
    trainer = core.Trainer(net)
    assert before == pytest.approx(trainer.evaluate().train_loss, rel=1e-5)
    assert out_file.read_text(encoding="utf-8") == "the good network"


def test_continuing_a_good_run_is_not_refused(tmp_path, capsys):
    """Issue 24.3: the exam_csv lesson trained 300 steps, then 300 more from the saved file at the
    lesson's own learning rate, wobbled by 0.3 % near its minimum when the second run started a new
    optimizer: that is saved, not refused. Since the file keeps its run, the second goes on with it (and
    the loss goes on falling)."""
    first, second = tmp_path / "a.bpnet", tmp_path / "b.bpnet"
    assert _run(capsys, "exam_csv", "--steps", 300, "--out", first)[0] == 0
    status, out, err = _run(capsys, first, "--steps", 300, "--out", second)
    assert status == 0, err
    before, after = (float(v) for v in out.split("training loss")[1].split("\n")[0].split("->"))
    assert after < 1.1 * before and second.exists()
    assert "going on with its run from step 300" in out


def test_allow_worse_saves_the_worse_run(tmp_path, capsys):
    path = _lesson_with_learning_rate(tmp_path, "relu_2_2_1", 100.0)
    out_file = tmp_path / "worse.bpnet"
    status, out, err = _run(capsys, path, "--steps", 200, "--out", out_file, "--allow-worse")
    assert status == 0, err
    before, after = (float(v) for v in out.split("training loss")[1].split("\n")[0].split("->"))
    assert after > before
    assert core.load_network(out_file).flat.tolist() != core.load_network(path).flat.tolist()


def test_a_run_that_improves_is_saved_without_the_flag(tmp_path, capsys):
    status, out, err = _run(capsys, "xor", "--steps", 300, "--out", tmp_path / "ok.bpnet")
    assert status == 0, err
    assert (tmp_path / "ok.bpnet").is_file()


# ------------------------------------------------ 2. outputs that are not files
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("command,extra", [(cli_train.main, ["--steps", "5"]), (cli_trace.main, [])])
def test_out_that_is_a_fifo_or_a_folder_is_refused_before_any_work(tmp_path, capsys, command, extra):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for target, kind in ((fifo, "a named pipe (FIFO)"), (tmp_path, "a folder")):
        status, out, err = _run(capsys, core.example_path("xor"), *extra, "--out", target, command=command)
        assert status == 2 and out == ""
        _one_line_error(err, str(target), kind, "not a regular file", "--out")
    assert not [p for p in tmp_path.iterdir() if p.name != "pipe"]  # nothing written anywhere
    assert core.safefiles.not_regular(fifo) == "a named pipe (FIFO)"


@pytest.mark.parametrize("command,extra", [(cli_train.main, ["--steps", "5"]), (cli_trace.main, [])])
def test_an_empty_out_names_the_problem(capsys, command, extra):
    status, _, err = _run(capsys, core.example_path("xor"), *extra, "--out", "", command=command)
    assert status == 2
    _one_line_error(err, "--out", "expected a file name")


# ------------------------------------------------------------- 6. small ones
def _interrupt(*_args, **_kwargs):
    raise KeyboardInterrupt


@pytest.mark.parametrize("where", ["core.load_network", "core.Trainer.evaluate", "core.save_network"])
def test_ctrl_c_at_any_moment_of_train_is_one_line_and_status_130(tmp_path, capsys, monkeypatch, where):
    module, _, attr = where.rpartition(".")
    owner = core if module == "core" else core.Trainer
    monkeypatch.setattr(owner, attr, _interrupt)
    status, out, err = _run(capsys, "train", core.example_path("xor"), "--steps", 5, "--out", tmp_path / "o.bpnet",
                            command=entry)
    assert status == 130
    assert "interrupted" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "o.bpnet").exists()


def test_ctrl_c_while_the_modules_load_is_one_line(capsys, monkeypatch):
    """The first fraction of a second is spent importing NumPy and core: Ctrl+C there too."""

    class Interrupting:
        def find_spec(self, name, path=None, target=None):
            if name == "desktop.cli.train":
                raise KeyboardInterrupt
            return None

    monkeypatch.delitem(sys.modules, "desktop.cli.train")
    monkeypatch.setattr(sys, "meta_path", [Interrupting(), *sys.meta_path])
    status, _, err = _run(capsys, "train", "xor", "--steps", 5, "--out", "o.bpnet", command=entry)
    assert status == 130 and "Traceback" not in err and "interrupted" in err


def _start_train(tmp_path, out_file, ignore_sigint=False):
    """``backprop-studio train spiral`` (a billion steps) in a new process started as a terminal
    starts it (SIGINT at its default, whatever this test process inherited: a test run launched
    as a background job has SIGINT ignored, and Python passes that on); returns the process once
    its entry point runs."""
    code = ("import sys\n"
            "from desktop.__main__ import main\n"
            "sys.stderr.write('started\\n'); sys.stderr.flush()\n"
            f"sys.exit(main(['train', 'spiral', '--steps', '1000000000', '--out', {str(out_file)!r}]))\n")
    disposition = "SIG_IGN" if ignore_sigint else "SIG_DFL"
    terminal = ("import os, signal, sys\n"
                f"signal.signal(signal.SIGINT, signal.{disposition})\n"
                "os.execv(sys.executable, [sys.executable, '-c', sys.argv[1]])\n")
    child = subprocess.Popen([sys.executable, "-c", terminal, code], env=ENV, cwd=tmp_path,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stderr.readline() == "started\n"
    _wait_until_sigterm_is_caught(child.pid)
    return child


def _wait_until_sigterm_is_caught(pid: int) -> None:
    """Wait until the operating system shows a handler on SIGTERM in process ``pid`` (Linux:
    /proc/PID/status, SigCgt): the command has taken over its signals, a few bytecodes after
    "started" (on a busy machine a signal sent in between would meet Python's defaults)."""
    status = f"/proc/{pid}/status"
    if not os.path.exists(status):
        return
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with open(status, encoding="ascii") as f:
            caught = next(int(line.split()[1], 16) for line in f if line.startswith("SigCgt:"))
        if caught & (1 << (signal.SIGTERM - 1)):
            return
        time.sleep(0.001)
    raise AssertionError("the command never installed its SIGTERM handler")


@pytest.mark.skipif(sys.platform == "win32", reason="signals to a child process are POSIX")
@pytest.mark.parametrize("signum,status,word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_ctrl_c_early_in_a_real_process_prints_no_traceback(tmp_path, signum, status, word):
    """From the moment the entry point runs (Python's own start-up is out of its hands): while
    NumPy and core load, while the trainer starts (issue 20: 4 of 470 Ctrl+C pressed 0.18-0.21 s
    after start were lost), and while training; always the one line, status 130 (143 for SIGTERM),
    nothing written."""
    out_file = tmp_path / "o.bpnet"
    delays = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.6) if signum == signal.SIGINT else (0.0, 0.1, 0.2, 0.6)
    for delay in delays:
        child = _start_train(tmp_path, out_file)
        time.sleep(delay)
        child.send_signal(signum)
        out, err = child.communicate(timeout=60)
        assert "Traceback" not in err, (delay, err)
        assert child.returncode == status, (delay, child.returncode, err)
        assert err.strip().startswith(f"backprop-studio: error: {word}"), (delay, err)
        assert "nothing was written" in err
        assert len(err.strip().splitlines()) == 1 and not out_file.exists()
        assert os.listdir(tmp_path) == []  # no temporary file either


SWALLOWED = """
import gc, os, signal, sys
from desktop.cli import interrupts

class Finalised:
    def __del__(self):  # a SIGTERM arriving here: its Interrupted cannot leave a __del__
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(10_000_000):
            pass

interrupts.install()
interrupts.running()
Finalised()
gc.collect()
try:
    interrupts.check()
except interrupts.Interrupted as exc:
    sys.exit(exc.status)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="signals to a child process are POSIX")
def test_a_signal_whose_exception_python_swallows_prints_no_traceback_and_still_ends_the_command():
    """A SIGTERM that came while importlib ran a module lock's callback (CI, a train signalled 0.2 s after
    its start) printed "Exception ignored in: <function _get_module_lock.<locals>.cb …>" and a traceback
    before the one line. The same with a ``__del__``: nothing printed, and ``check()`` still ends it."""
    done = subprocess.run([sys.executable, "-c", SWALLOWED], cwd=ROOT, env=ENV, capture_output=True, text=True,
                          timeout=60)
    assert done.stderr == "" and done.returncode == 143, (done.returncode, done.stderr)


@pytest.mark.skipif(sys.platform == "win32", reason="signals to a child process are POSIX")
def test_a_train_started_with_ctrl_c_ignored_keeps_ignoring_it(tmp_path):
    """A background job of a non-interactive shell (or nohup) starts with SIGINT ignored so that
    Ctrl+C at the terminal does not kill it: train keeps that, and SIGTERM still ends it."""
    child = _start_train(tmp_path, tmp_path / "o.bpnet", ignore_sigint=True)
    time.sleep(0.3)
    child.send_signal(signal.SIGINT)
    with pytest.raises(subprocess.TimeoutExpired):
        child.wait(timeout=1.0)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 143 and err.strip().startswith("backprop-studio: error: terminated")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM to oneself is POSIX")
def test_a_signal_during_the_save_lets_it_finish_and_says_so(tmp_path, capsys, monkeypatch):
    """SIGTERM (or Ctrl+C) while OUT is being written: the save completes (OUT is whole), status
    143, and the line says the file was saved instead of claiming nothing was written."""
    real_save = core.save_network
    handler_before = signal.getsignal(signal.SIGTERM)

    def save_then_get_sigterm(net, path):
        os.kill(os.getpid(), signal.SIGTERM)  # arrives inside the save
        real_save(net, path)

    monkeypatch.setattr(core, "save_network", save_then_get_sigterm)
    out_file = tmp_path / "o.bpnet"
    status, _, err = _run(capsys, "train", "xor", "--steps", 5, "--out", out_file, command=entry)
    assert status == 143
    _one_line_error(err, "terminated", f"had been saved to {out_file} (complete)")
    assert core.load_network(out_file).name == core.load_network(core.example_path("xor")).name
    assert signal.getsignal(signal.SIGTERM) == handler_before  # the handlers are restored


@pytest.mark.parametrize("argv,fragment", [
    (["--screenshot", "x.png", "--train-steps", "-5"], "--train-steps"),
    (["--screenshot", "x.png", "--train-steps", "lots"], "whole number"),
])
def test_bad_window_arguments_exit_2(capsys, argv, fragment):
    assert entry(argv) == 2
    _one_line_error(capsys.readouterr().err, fragment)


def test_version_is_the_package_version(capsys):
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        version = tomllib.load(f)["project"]["version"]
    assert desktop.__version__ == version
    with pytest.raises(SystemExit) as caught:
        entry(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"backprop-studio {version}"


def test_a_bundled_lesson_by_name_is_trained_and_traced(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("xor", "xor.bpnet"):
        status, out, err = _run(capsys, "train", name, "--steps", 50, "--out", "mine.bpnet", "--quiet", command=entry)
        assert status == 0, err
    assert core.load_network("mine.bpnet").connections == core.load_network(core.example_path("xor")).connections
    status, out, err = _run(capsys, "trace", "spiral", command=entry)
    assert status == 0 and "δ" in out, err


def test_a_file_of_that_name_wins_over_the_lesson(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "xor").write_text("{ not json", encoding="utf-8")
    status, _, err = _run(capsys, "train", "xor", "--steps", 5, "--out", "o.bpnet", command=entry)
    assert status == 2
    _one_line_error(err, "xor", "not valid JSON")


def test_an_unknown_name_still_says_the_file_does_not_exist(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = _run(capsys, "train", "no_such_lesson", "--steps", 5, "--out", "o.bpnet", command=entry)
    assert status == 2
    _one_line_error(err, "no_such_lesson", "does not exist")


# ------------------------------------------- 5. a CSV named by someone else's file
def test_a_network_file_naming_a_system_file_as_csv_is_refused_without_echo(tmp_path, capsys):
    secret = tmp_path / "private" / "marks.csv"
    secret.parent.mkdir()
    secret.write_text("alice:17,bob:3\n1,2\n", encoding="utf-8")
    folder = tmp_path / "lesson"
    folder.mkdir()
    with open(core.example_path("xor"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["dataset"] = {"csv": str(secret), "inputs": ["x1", "x2"], "targets": ["y"]}
    path = folder / "net.bpnet"
    path.write_text(json.dumps(doc), encoding="utf-8")
    status, out, err = _run(capsys, path, "--steps", 5, "--out", tmp_path / "o.bpnet")
    assert status == 2 and out == ""
    _one_line_error(err, "dataset.csv", "outside the folder of this network file")
    assert "alice" not in err and "bob" not in err
