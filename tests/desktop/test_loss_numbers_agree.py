"""One loss, the same number on every panel, each saying what it is (the gallery review).

With a regularization penalty on (the weight-decay lesson) the loss training minimizes is
L = data loss + penalty. The canvas and the step-through's bar wrote L = 0.54 while the Loss
panel, its step-0 point and the status bar wrote the data loss 0.49 as "loss"; after training
the Loss panel's epoch mean held the penalty and the status bar's figure did not. Now every
place writes L with its parts, which add up by hand, and the curve begins at that L.
"""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QLabel, QToolBar

import core
from core.notation import format_loss_parts
from desktop import canvas_numbers
from desktop.panels.plotting import epoch_curve
from lesson_support import leave_lesson
from test_loss_of_weight_key import click_loss_of_weight_tab, on_screen_length


def open_lesson(qtbot, window, name: str):
    assert window.files.open_example(str(core.example_path(name)))  # the Lessons menu's action
    leave_lesson(window)  # a guided lesson in progress keeps back what its questions ask (the loss)
    qtbot.waitUntil(lambda: window.training.latest is not None and window.training.latest.evaluation is not None,
                    timeout=15000)
    return window.findChild(QLabel, "status_training"), window.training.ui.loss


def written_parts(net) -> tuple[float, float]:
    """(L, penalty) on all the data at the document's weights, computed here from core."""
    data = net.data_loss(net.dataset.inputs, net.dataset.targets)
    penalty = net.regularization()[0]
    return data + penalty, penalty


def test_weight_decay_step_0_reads_one_loss_with_its_parts_everywhere(qtbot, main_window):
    window = main_window
    status, panel = open_lesson(qtbot, window, "guided_weight_decay")
    loss, penalty = written_parts(window.document.network)
    assert penalty > 0
    written = format_loss_parts(loss, penalty)
    assert written == "0.54 (data loss 0.49 + penalty 0.05)"  # 0.8·1.5 = 1.2; (1.2 − 0.5)² = 0.49; 0.05·(0.64 + 0.36)
    qtbot.waitUntil(lambda: f"loss {written}" in status.text(), timeout=5000)
    assert f"on all the training data: loss {written}" in panel.summary.text()
    x, y = epoch_curve(window.training.latest, "train_loss")
    assert x[0] == 0 and abs(y[0] - loss) < 1e-12  # the curve begins at the L the texts write

    window.canvas.setFocus()
    while window.view_state.stepping is None or window.view_state.stepping.phase != "loss":
        qtbot.keyClick(window.canvas, Qt.Key.Key_F8)  # Next phase, to the Loss phase
        qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    fmt = window.view_state.format
    lines = canvas_numbers.loss_lines(window.view_state)
    assert lines[0] == ("L =", fmt(loss)) == ("L =", "0.54")
    assert lines[1][0] == "= data loss 0.49 + penalty 0.05"
    bar = window.findChild(QToolBar, "step_toolbar").phase_text
    qtbot.waitUntil(lambda: "L = 0.54 (data loss 0.49 + penalty 0.05)" in bar.text(), timeout=5000)


def test_weight_decay_after_training_the_loss_panel_and_status_bar_both_write_l_and_its_parts(qtbot, main_window):
    window = main_window
    status, panel = open_lesson(qtbot, window, "guided_weight_decay")
    controller = window.training
    controller.step(200)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.step == 200
                    and controller.latest.evaluation is not None, timeout=20000)
    snap = controller.latest
    loss, penalty = written_parts(window.document.network)
    qtbot.waitUntil(lambda: f"now, all training data: loss {format_loss_parts(loss, penalty)}" in status.text(),
                    timeout=5000)
    epoch = snap.last_epoch
    assert epoch["penalty"] is not None and epoch["train_loss"] > epoch["penalty"] > 0
    assert f"epoch 200 mean (before step 200's update): loss {format_loss_parts(epoch['train_loss'], epoch['penalty'])}" in panel.summary.text()
    x, y = epoch_curve(snap, "train_loss")
    assert x[-1] == 200 and y[-1] == epoch["train_loss"]  # the plotted point is the L the line under it writes


def test_without_a_penalty_the_loss_reads_as_before(qtbot, main_window):
    status, panel = open_lesson(qtbot, main_window, "xor")
    net = main_window.document.network
    loss = net.data_loss(net.dataset.inputs, net.dataset.targets)
    qtbot.waitUntil(lambda: f"now, all training data: loss {format_loss_parts(loss, None)}" in status.text(), timeout=5000)
    assert "penalty" not in status.text() and "penalty" not in panel.summary.text()


def open_loss_of_weight_tab(qtbot, window, edge):
    """Select the edge and click the Inspector's "L(w): loss vs this weight" tab, as a student does."""
    window.view_state.select_edge(*edge)
    page = click_loss_of_weight_tab(qtbot, window)
    qtbot.wait(50)
    return page


def assert_orange_named(page, words: str) -> None:
    """The key names the orange step in ``words`` when it can be seen (at least 6 px long); else
    it leaves it out and the caption's step line says it lies under ●."""
    key, caption = page.loss_of_weight.key_note.text(), page.curve_caption.text()
    if on_screen_length(page.curve_plot, page.step_line) >= 6:
        assert key.endswith(f"orange: {words}"), key
    else:
        assert "orange" not in key, key
        step_line = caption.splitlines()[2]
        assert step_line.endswith("; the orange step lies under ●: too short to see at this scale"), caption


@pytest.mark.parametrize("name, optimizer_words", [("xor", "trains with SGD with momentum μ = 0.9"),
                                                   ("circles", "trains with Adam")])
def test_the_loss_of_weight_tab_says_whose_loss_it_is_and_which_step_is_drawn(qtbot, main_window, name,
                                                                                  optimizer_words):
    window = main_window
    window.resize(1400, 900)
    status, _ = open_lesson(qtbot, window, name)
    controller = window.training
    controller.step(60)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.step == 60
                    and controller.latest.evaluation is not None, timeout=20000)
    net = window.document.network
    source, target = net.connections[-1]
    page = open_loss_of_weight_tab(qtbot, window, (source, target, 0, 0))
    caption = page.curve_caption.text()
    X, T = net.dataset.inputs, net.dataset.targets
    sample_loss = core.format_number(net.data_loss(X[[0]], T[[0]]), 4)  # what the panel computes: sample 0's loss
    assert window.view_state.sample == 0
    first = caption.splitlines()[0]
    assert "the loss of sample 0 (x = " in first and "not the status bar's loss (the mean over all the training data)" \
        in first
    assert f": L = {sample_loss}, slope" in caption
    all_training = core.Trainer(net.copy()).evaluate().train_loss  # the training rows (not the validation rows)
    assert f"all training data: loss {format_loss_parts(all_training, None)}" in status.text()  # the other number
    assert_orange_named(page, "a plain SGD step, for comparison")
    assert "one SGD step" not in page.loss_of_weight.key_note.text()
    assert optimizer_words in caption


def test_the_loss_of_weight_tab_names_one_sgd_step_for_plain_sgd_and_the_penalty(qtbot, main_window):
    window = main_window
    open_lesson(qtbot, window, "guided_weight_decay")
    page = open_loss_of_weight_tab(qtbot, window, ("x", "y", 0, 0))
    assert_orange_named(page, "one SGD step")
    caption = page.curve_caption.text()
    assert "the loss of the lesson's one sample + the regularization penalty" in caption
    assert "L = 0.54 (data loss 0.49 + penalty 0.05)" in caption  # the number the canvas and the Loss panel write
    assert "not the status bar's loss" not in caption  # one sample is all the data: the same L


def test_after_a_long_run_the_green_squares_stand_apart_or_the_caption_says_which_do_not(qtbot, main_window):
    window = main_window
    window.resize(1400, 900)
    open_lesson(qtbot, window, "xor")
    controller = window.training
    controller.step(500)
    qtbot.waitUntil(lambda: not controller.running and controller.latest.step == 500, timeout=30000)
    source, target = window.document.network.connections[-1]
    page = open_loss_of_weight_tab(qtbot, window, (source, target, 0, 0))
    steps, _ = window.view_state.earlier_weights(source, target, 0, 0)
    assert len(steps) == 8 and steps[0] == 0 and steps[-1] < 500  # spread over the run, not steps 492…499
    view = page.curve_plot.getViewBox()
    w, loss = page.earlier_line.getData()  # the squares, then ● (the weight now)
    points = [view.mapViewToScene(QPointF(x, y)) for x, y in zip(w, loss)]
    gaps = [math.hypot(a.x() - b.x(), a.y() - b.y()) for a, b in zip(points, points[1:])]
    caption = page.curve_caption.text()
    hidden = [int(s) for s, gap in zip(steps, gaps) if gap < 6]
    apart = len(steps) - len(hidden)
    assert apart >= 4, gaps  # most of the path can be told apart
    for step in hidden if "lie under ●" not in caption else []:  # and every square that cannot is named
        named = caption.split("; the squares of steps ")[-1].split(" lie on the next mark")[0]
        assert str(step) in named.split(", "), (step, caption)


def test_in_the_update_phase_the_orange_step_is_the_optimizers_own(qtbot, main_window):
    """Adam's step is not w − lr·dL/dw: in the step-through's Update phase the L(w) tab draws the
    step the phase computed and names the optimizer."""
    window = main_window
    window.resize(1400, 900)
    open_lesson(qtbot, window, "circles")
    source, target = window.document.network.connections[-1]
    page = open_loss_of_weight_tab(qtbot, window, (source, target, 0, 0))
    window.canvas.setFocus()
    while window.view_state.stepping is None or window.view_state.stepping.phase != "update":
        qtbot.keyClick(window.canvas, Qt.Key.Key_F8)  # Next phase, up to Update
        qtbot.waitUntil(lambda: window.view_state.stepping is not None, timeout=10000)
    trace = window.view_state.stepping.trace
    old, new = (float(trace.weights(source, target, which)[0, 0]) for which in ("before", "updated"))
    qtbot.waitUntil(lambda: "Update phase" in page.curve_caption.text(), timeout=5000)
    w, _ = page.loss_of_weight.step_line.getData()
    assert list(w) == [old, new]
    assert new != old - window.document.network.training.optimizer.learning_rate * float(
        trace.weights(source, target, "gradient")[0, 0])  # Adam: not the plain SGD step
    assert f"this step, as the Update phase computed it (Adam, lr = 0.03): w0 = {core.format_number(old, 4)} → " \
           f"{core.format_number(new, 4)}" in page.curve_caption.text()
    assert_orange_named(page, "this step (the Update phase's)")
