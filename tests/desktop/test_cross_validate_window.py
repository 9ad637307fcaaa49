"""Training → Cross-validate…: the k trainings run in a process of their own, show each fold and the
mean ± sd (core.k_fold's figures), can be cancelled, and leave the document unchanged."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

import core
from test_training_support import choose_penalty, training_window  # noqa: F401 (a fixture)


def open_dialog(window):
    window.actions_by_name["cross_validate"].trigger()
    return window.cross_validate_dialog


def test_cross_validate_from_the_menu(qtbot, training_window):
    net = core.load_network(core.example_path("xor"))
    window = training_window(net)
    before = window.document.network.flat.copy()
    steps_in_undo = window.document.undo_stack.count()
    dialog = open_dialog(window)
    assert dialog.isVisible() and dialog.k.maximum() == 4  # xor has 4 samples
    dialog.k.setValue(4)
    dialog.epochs.setValue(30)
    with qtbot.waitSignal(dialog.finished_run, timeout=60000) as done:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
        process = dialog.run.process
    result = done.args[0]
    expected = core.k_fold(window.document.network, 4, 30)
    assert [f.validation_loss for f in result.folds] == [f.validation_loss for f in expected.folds]
    assert dialog.table.rowCount() == 4
    assert f"{expected.mean_validation_loss:.4g} ± {expected.std_validation_loss:.4g}" in dialog.summary.text()
    assert len(dialog.plot.listDataItems()) == 8  # each fold: training and held-out curves
    assert (window.document.network.flat == before).all() and window.document.undo_stack.count() == steps_in_undo
    qtbot.waitUntil(lambda: not process.is_alive() and not dialog._closing, timeout=10000)
    dialog.close()


def test_cancel_stops_the_process(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("spiral")))
    dialog = open_dialog(window)
    dialog.k.setValue(10)
    dialog.epochs.setValue(100000)
    dialog.run_button.click()
    process = dialog.run.process
    qtbot.waitUntil(lambda: "epoch" in dialog.status.text(), timeout=60000)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text(), timeout=20000)
    assert dialog.run_button.isEnabled() and not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: not process.is_alive(), timeout=10000)
    assert process.exitcode == 0  # it stopped by itself, between two steps
    dialog.close()


def test_closing_the_window_ends_a_running_cross_validation(qtbot, training_window):
    window = training_window(core.load_network(core.example_path("spiral")))
    dialog = open_dialog(window)
    dialog.epochs.setValue(100000)
    dialog.run_button.click()
    process = dialog.run.process
    qtbot.waitUntil(lambda: "epoch" in dialog.status.text(), timeout=60000)
    window.document.undo_stack.setClean()
    window.close()
    qtbot.waitUntil(lambda: not process.is_alive(), timeout=5000)


def test_with_a_penalty_each_train_loss_is_where_its_curve_ends_with_its_parts(qtbot, training_window):
    """The teacher's review: with L2 on, the "train loss" column held the data loss while the solid
    curves ended at L = data loss + penalty, two numbers for one figure. The student sets L2 in the
    Inspector, runs the cross-validation from the menu and reads each row against its curves: the
    training loss is L where the solid curve ends, written with its parts that add up, and the
    held-out data loss is where the dashed curve ends."""
    from core.notation import format_loss

    window = training_window(core.load_network(core.example_path("xor")))
    choose_penalty(qtbot, window, "l2", "0.1")
    dialog = open_dialog(window)
    dialog.k.setValue(2)
    dialog.epochs.setValue(20)
    with qtbot.waitSignal(dialog.finished_run, timeout=60000):
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(dialog.table.columnCount())]
    assert headers[2:4] == ["train loss L", "held-out data loss"]
    curves = dialog.plot.listDataItems()  # each fold: the solid (training) curve, then the dashed (held-out)
    assert dialog.table.rowCount() == 2 and len(curves) == 4
    for row in range(2):
        train_cell, held_cell = dialog.table.item(row, 2).text(), dialog.table.item(row, 3).text()
        # (each curve's data as given: the log-scale axis draws log10 of it)
        solid_end, dashed_end = (float(curve.yData[-1]) for curve in curves[2 * row: 2 * row + 2])
        total, parts = train_cell.split(" (data loss ")
        data, penalty = parts.rstrip(")").split(" + penalty ")
        assert total == format_loss(solid_end), (train_cell, solid_end)  # the row's L is the curve's last point
        assert abs(float(data) + float(penalty) - float(total)) <= 1.5e-4 * float(total)  # the parts add up
        assert float(penalty) > 0
        assert held_cell == format_loss(dashed_end)
    assert "L (data loss + penalty)" in dialog.summary.text() and "Held-out data loss" in dialog.summary.text()
    dialog.close()


def test_cancel_before_the_first_fold_says_nothing_was_done(qtbot, training_window):
    """Teacher review 19 #5: Run, then Cancel before the first fold ended read "the folds done so far are
    shown" over an empty table and plot."""
    window = training_window(core.load_network(core.example_path("spiral")))
    dialog = open_dialog(window)
    dialog.epochs.setValue(100000)  # the first fold is far from done when Cancel is clicked
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "epoch" in dialog.status.text(), timeout=60000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cancelled" in dialog.status.text(), timeout=20000)
    assert dialog.table.rowCount() == 0
    assert dialog.status.text() == "Cancelled before the first fold finished; nothing was changed."
    dialog.close()


def test_the_training_and_held_out_curves_part_visibly_at_the_end(qtbot, training_window):
    """Teacher review 19 #5: three_classes_softmax, 5 folds of 100 epochs: the plot was scaled to the first
    epochs' loss (1.5), so every fold's solid (training, ~0.001) and dashed (held-out, ~0.01) ends lay within a
    pixel of each other. On the log scale (the box is ticked as the dialog opens) a fold whose held-out loss is
    3 times its training loss or more ends its two curves at least 10 pixels apart."""
    window = training_window(core.load_network(core.example_path("three_classes_softmax")))
    dialog = open_dialog(window)
    dialog.resize(760, 680)
    assert dialog.log_scale.isChecked()
    with qtbot.waitSignal(dialog.finished_run, timeout=120000) as done:
        qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    view = dialog.plot.getViewBox()
    curves = dialog.plot.listDataItems()
    apart = []
    for row, fold in enumerate(done.args[0].folds):
        if fold.validation_loss < 3 * fold.penalized_train_loss:
            continue
        ends = [curve.getData() for curve in curves[2 * row: 2 * row + 2]]  # as drawn (log10 on a log axis)
        solid, dashed = (view.mapViewToScene(QPointF(x[-1], y[-1])).y() for x, y in ends)
        apart.append(abs(solid - dashed))
    assert apart and min(apart) >= 10, apart
    dialog.log_scale.click()  # the student can have the linear axis back
    assert not dialog.plot.getAxis("left").logMode
    dialog.close()
