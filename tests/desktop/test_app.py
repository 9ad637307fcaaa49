"""The application entry: --screenshot, the default lesson, the error hook, and the "done when"
scenario: a new user builds XOR from an empty canvas, sets a weight, saves, quits, reopens,
and undoes back to the start."""

from __future__ import annotations

import argparse
import sys

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage

import core
from desktop import errors
from desktop.__main__ import build_parser
from desktop.app import create_main_window, parse_size, run_app


def args_for(*argv) -> argparse.Namespace:
    return build_parser().parse_args(list(argv))


def test_screenshot_option_writes_a_png_of_the_requested_size(qtbot, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own; put it back after
    out = tmp_path / "shot.png"
    assert run_app(args_for("--screenshot", str(out), "--size", "1000x700")) == 0
    image = QImage(str(out))
    assert not image.isNull()
    assert image.height() == 700 and image.width() >= 1000
    # not a blank image: the canvas drew something coloured (an edge in the sign palette)
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 20


def test_screenshot_of_a_bad_file_fails_with_a_message(qtbot, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    bad = tmp_path / "bad.bpnet"
    bad.write_text("{not json")
    assert run_app(args_for(str(bad), "--screenshot", str(tmp_path / "x.png"))) == 2
    assert "bad.bpnet" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_size_is_checked():
    assert parse_size("1400x900") == (1400, 900)
    for text in ("big", "10x10", "1400*900"):
        with pytest.raises(ValueError):
            parse_size(text)


def test_the_default_window_opens_on_the_xor_lesson(main_window):
    net = main_window.document.network
    assert "XOR" in net.name and net.problems() == []
    assert main_window.document.path is None and not main_window.document.dirty
    assert set(main_window.menus) >= {"File", "Edit", "View", "Training"}


def test_unexpected_errors_become_a_dialog_not_a_traceback(qtbot, dialogs, monkeypatch, capsys):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install(interactive=True)
    try:
        raise RuntimeError("the flux capacitor is empty")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    (kind, title, text), = dialogs.calls
    assert kind == "warning" and "flux capacitor" in text and "Traceback" not in text
    sys.excepthook(RuntimeError, RuntimeError("the flux capacitor is empty"), None)  # a repeat (from paint?)
    assert len(dialogs.calls) == 1  # logged, not shown again
    assert "Traceback" in capsys.readouterr().err  # kept for a bug report, out of the student's sight


def test_a_missing_file_on_the_command_line_falls_back_to_the_lesson(qtbot, dialogs, tmp_path):
    window = create_main_window(str(tmp_path / "nope.bpnet"), restore_layout=False)
    try:
        assert dialogs.of("critical") and "nope.bpnet" in dialogs.of("critical")[0][2]
        assert "XOR" in window.document.network.name
    finally:
        window.close()


def test_build_xor_set_a_weight_save_quit_reopen_and_undo_to_the_start(main_window, canvas, qtbot, dialogs,
                                                                       tmp_path, state_of):
    from test_editor import type_keys, build_xor_by_mouse

    window = main_window
    build_xor_by_mouse(window, canvas, qtbot)
    start = state_of(core.Network("Untitled"))
    # the keyboard too: select the hidden layer, nudge it down with an arrow key
    canvas.click(canvas.centre("h1") + QPointF(0, canvas.scene.layer_items["h1"].card_rect().bottom() - 3))
    canvas.key(Qt.Key.Key_Down)
    canvas.double_click(canvas.edge_label("x", "h1", 1, 0))
    editor = canvas.view.editor
    editor.selectAll()
    type_keys(qtbot, editor, "-2.5\n")
    net = window.document.network
    assert net.weights["x", "h1"][1, 0] == -2.5
    built = state_of(net)

    path = tmp_path / "xor-mine.bpnet"
    dialogs.answer("save_file", str(path))
    window.actions_by_name["save"].trigger()
    assert path.exists() and not window.document.dirty
    assert window.document.network.name == "xor-mine"  # a network not named yet takes its file's name
    built["name"] = ("xor-mine", built["name"][1])

    # undo back to the start, then redo to the saved network
    undo, redo = window.actions_by_name["undo"], window.actions_by_name["redo"]
    steps = window.document.undo_stack.count()
    assert steps == 8  # 3 layers, 2 connections, 1 move, 1 weight, and Save's naming it after its file
    for _ in range(steps):
        undo.trigger()
    assert state_of(window.document.network) == start
    assert window.document.dirty
    for _ in range(steps):
        redo.trigger()
    assert state_of(window.document.network) == built and not window.document.dirty
    assert window.close()  # quit: nothing unsaved, so no question
    assert dialogs.of("question") == []

    reopened = create_main_window(str(path), restore_layout=False)
    try:
        assert state_of(reopened.document.network) == built
        assert reopened.windowTitle().startswith("xor-mine.bpnet")
    finally:
        reopened.close()


def test_panels_get_a_view_toggle_and_the_dock_layout_is_remembered(qtbot, dialogs):
    from PySide6.QtWidgets import QDockWidget, QLabel

    first = create_main_window(restore_layout=False)
    dock = QDockWidget("Extra panel")
    dock.setWidget(QLabel("extra"))
    first.add_panel(dock, Qt.DockWidgetArea.BottomDockWidgetArea)
    assert dock.objectName() == "ExtrapanelDock"
    assert dock.toggleViewAction() in first.menus["View"].actions()
    first.show()
    first.history_dock.hide()
    assert first.close()  # saves the layout

    second = create_main_window(restore_layout=True)
    try:
        second.show()
        assert second.history_dock.isHidden()
        assert not second.inspector_dock.isHidden()
    finally:
        second.history_dock.show()
        second.close()


def test_each_group_of_tabbed_docks_shows_one_tab_bar(main_window, qtbot, tmp_path):
    """Qt leaves a second, stale tab bar for the second tabbed group (Output map | Dataset);
    the window hides it, at any size."""
    from PySide6.QtWidgets import QTabBar

    from desktop.app import take_screenshot

    groups = {("Inspector", "Undo History"), ("Output map", "Dataset"),
              ("Gradient heatmaps", "Matrix form", "Sum over paths")}
    for size, extra in (((1400, 900), set()), ((1024, 700), {("Loss", "Weight trajectories")})):
        take_screenshot(main_window, str(tmp_path / "window.png"), size)
        qtbot.wait(10)
        bars = [tuple(b.tabText(i) for i in range(b.count())) for b in main_window.findChildren(QTabBar)
                if b.isVisible() and b.count()]
        assert sorted(bars) == sorted(groups | extra), (size, bars)


def test_a_short_window_puts_the_trajectories_behind_the_loss_panel(main_window, qtbot, tmp_path):
    from desktop.app import take_screenshot

    docks = main_window.training.ui.docks
    loss, trajectories = docks["loss_panel"], docks["trajectories_panel"]
    take_screenshot(main_window, str(tmp_path / "tall.png"), (1400, 900))
    assert trajectories not in main_window.tabifiedDockWidgets(loss)
    assert loss.height() > trajectories.height()  # the loss panel gets more of the column
    take_screenshot(main_window, str(tmp_path / "short.png"), (1024, 700))
    qtbot.wait(10)
    assert trajectories in main_window.tabifiedDockWidgets(loss)
    assert not loss.visibleRegion().isEmpty() and trajectories.visibleRegion().isEmpty()  # the loss panel shows


def test_a_screenshot_without_training_shows_the_panels_at_step_0(qtbot, tmp_path, main_window):
    """--screenshot of a network as opened waits for the session's step 0 (a moment after opening
    the panels show the loss before training), instead of capturing empty plots."""
    from desktop.app import take_screenshot

    window = main_window
    window.document.replace_network(core.load_network(core.example_path("perceptron")), None)
    assert window.training.latest is None  # the session has not answered yet
    assert window.training.wait_for_step_0()
    snap = window.training.latest
    assert snap is not None and snap.state == "ready"
    assert window.training.ui.loss.summary.text().startswith("Step 0, before training, on all the training data")
    assert take_screenshot(window, str(tmp_path / "shot.png"), (1000, 700))
    # a network that cannot train is captured at once, as it is
    window.document.replace_network(core.Network("empty"), None)
    assert not window.training.wait_for_step_0()


def test_a_screenshot_is_taken_once_the_plots_have_settled(qtbot, tmp_path, monkeypatch):
    """``--screenshot`` paints the window once its panels hold step 0, and takes the picture only when
    painting has stopped: on the circles lesson the output map's width follows its axes' labels, which
    take their widths when painted, over several turns of the event loop. A picture taken earlier shows
    a narrower map than the window shows a moment later."""
    from desktop.app import dispose, take_screenshot
    from desktop.main_window import MainWindow
    from desktop.training.worker import TRANSPORT_ENV

    monkeypatch.setenv(TRANSPORT_ENV, "thread")  # as --screenshot makes the window
    window = MainWindow(restore_layout=False, network=core.load_network(core.example_path("circles")))
    try:
        shot = tmp_path / "circles.png"
        assert take_screenshot(window, str(shot), (1400, 900))
        qtbot.wait(100)
        later = window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        assert QImage(str(shot)).convertToFormat(QImage.Format.Format_RGB32) == later
    finally:
        dispose(window)
