"""`backprop-studio train LESSON --out OUT`: OUT keeps the lesson's start (``core.lesson_start``).

Before, the trained file's lesson had no ``start``: `backprop-studio lesson OUT --answers` (and the window
opening OUT) answered every question from the trained weights (guided_weight_decay's step 9:
0.0804 instead of 0.6 · 0.99¹⁰⁰ = 0.2196).
"""

from __future__ import annotations

import core
from cli_support import run_command
from core.lesson_start import start_network
from desktop.cli import lesson as cli_lesson
from desktop.cli import train as cli_train


def test_a_trained_lesson_file_keeps_the_lessons_answers(tmp_path, capsys):
    out_file = tmp_path / "trained.bpnet"
    status, out, err = run_command(cli_train.main, capsys, "guided_weight_decay", "--steps", 100, "--out", out_file)
    assert status == 0, err
    trained = core.load_network(out_file)
    bundled = core.load_network(core.example_path("guided_weight_decay"))
    assert trained.weights[("x", "y")][0, 1] != bundled.weights[("x", "y")][0, 1]  # it did train
    assert trained.lesson.start is not None
    w1 = start_network(trained).weights[("x", "y")][0, 1]
    assert w1 == bundled.weights[("x", "y")][0, 1]  # the start is the weights as the lesson has them
    status, key_bundled, err = run_command(cli_lesson.main, capsys, "guided_weight_decay", "--answers")
    assert status == 0, err
    status, key_trained, err = run_command(cli_lesson.main, capsys, out_file, "--answers")
    assert status == 0, err
    assert key_trained == key_bundled
    assert f"after 100 steps (after 100 training steps) = {core.format_number(w1 * 0.99 ** 100, 6)}" in key_trained
