"""The Loss panel's line of figures fits in three lines at 1024×700, whole, with a penalty on.

A teacher's review: after training the weight-decay lesson at 1024×700 the line under the loss
plots, "last batch loss with its penalty 0.005436 (step 500, before its update) · epoch 500 mean:
loss 0.005436 (data loss 0.0001181 + penalty 0.0053174)", took 7 lines beside the Log scale box and
the Runs button. The controls now sit beside the legend, the line has the panel's width, and in a
narrow panel it writes a shorter form of the same figures (never without the ring's, review 13:
``test_loss_ring_named``); in a wide one the whole form.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter

import core
from core.notation import format_loss, format_loss_parts
from desktop.panels.loss_now import RING
from lesson_support import leave_lesson
from test_training_support import choose_penalty
from text_probe import _RecordingDevice

MAX_LINES = 3


def drawn_lines(label) -> list[str]:
    """The lines the label paints, top to bottom (the texts painted at one height joined)."""
    device = _RecordingDevice(label.width(), label.height())
    painter = QPainter(device)
    label.render(painter, QRectF(0, 0, label.width(), label.height()).topLeft().toPoint(),
                 QRect(0, 0, label.width(), label.height()))
    painter.end()
    rows: dict[int, list[tuple[float, str]]] = {}
    for text, box in device.engine.boxes:
        if text.strip():
            rows.setdefault(round(box.top()), []).append((box.left(), text))
    return ["".join(t for _, t in sorted(parts)).strip() for _, parts in sorted(rows.items())]


def open_at(qtbot, window, size: tuple[int, int], lesson: str) -> None:
    """The window at ``size`` with the docks as a new window of that size has them, the lesson open."""
    window.resize(*size)
    qtbot.wait(20)
    window.apply_default_layout()
    assert window.files.open_example(str(core.example_path(lesson)))  # the Lessons menu's action
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)


def train(qtbot, window, steps: int) -> None:
    controller = window.training
    controller.step(steps)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.step == steps
                    and controller.latest.finished, timeout=30000)


def read_summary(qtbot, window, max_lines: int = MAX_LINES) -> tuple[str, list[str]]:
    label = window.training.ui.loss.summary
    qtbot.waitUntil(lambda: label.text().startswith(("last batch", RING)), timeout=5000)
    qtbot.waitUntil(lambda: len(drawn_lines(label)) <= max_lines, timeout=5000)  # the window lays out its height
    return label.text(), drawn_lines(label)


def assert_whole(text: str, lines: list[str]) -> None:
    assert " ".join(lines) == text, (lines, text)  # every word drawn, nothing cut or elided
    assert "…" not in text


def test_weight_decay_figures_fit_in_three_lines_at_1024(qtbot, main_window):
    """(Five in a guided lesson's ~200 px column, which gives the canvas its room at 1024×700, while the plot
    keeps its height.)"""
    window = main_window
    open_at(qtbot, window, (1024, 700), "guided_weight_decay")
    leave_lesson(window)  # a guided lesson in progress keeps back the loss its questions ask
    panel = window.training.ui.loss
    assert panel.width() < 300  # the narrow dock the review saw
    train(qtbot, window, 100)
    snap = window.training.latest
    epoch = snap.last_epoch
    most = MAX_LINES + 2 if panel.width() < 230 else MAX_LINES
    text, lines = read_summary(qtbot, window, most)
    assert len(lines) <= most, (panel.width(), lines)
    assert panel.plots.height() >= 100, panel.plots.height()
    assert_whole(text, lines)
    # the same facts, each named: L on all the data now (the ring, review 13), the epoch's mean L with its parts
    assert f"{RING} now, all data: {format_loss(snap.evaluation['train_loss'])} · " in text, text
    assert f"epoch 100 mean (before step 100's update): loss {format_loss_parts(epoch['train_loss'], epoch['penalty'])}" in text
    assert "data loss" in text and "penalty" in text


def test_regularization_with_l2_and_accuracy_fits_in_three_lines_at_1024(qtbot, main_window):
    """The regularization lesson, L2 chosen in the Inspector as its text asks: the accuracy too."""
    window = main_window
    open_at(qtbot, window, (1024, 700), "regularization")
    choose_penalty(qtbot, window, "l2", "0.01")
    train(qtbot, window, 60)
    epoch = window.training.latest.last_epoch
    text, lines = read_summary(qtbot, window)
    assert len(lines) <= MAX_LINES, lines
    assert_whole(text, lines)
    assert f"mean: loss {format_loss_parts(epoch['train_loss'], epoch['penalty'])}, accuracy " in text


def test_a_wide_panel_writes_the_whole_form(qtbot, main_window):
    """At 1400×900 the step of the last batch and when it was measured are written out."""
    window = main_window
    open_at(qtbot, window, (1400, 900), "guided_weight_decay")
    leave_lesson(window)  # (training waits while the lesson asks about the weights as saved)
    train(qtbot, window, 20)
    text, lines = read_summary(qtbot, window)
    assert "(step 20, before its update)" in text
    assert_whole(text, lines)
