"""Early stopping in the window: the Inspector's patience and restore option, the best
validation epoch marked in the Loss panel, and the Loss panel's note saying when and why, and
which epoch's weights the network holds, with their validation loss and their loss on all the training
data, each named (the status bar's figures agree); at 1024×700 the note is at most three lines, whole (it
took four)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

import core
from core.notation import format_loss_parts
from test_training_support import training_window, wait_finished  # noqa: F401 (a fixture)


def test_early_stopping_lesson_marks_the_best_epoch_and_says_why(qtbot, training_window):
    net = core.load_network(core.example_path("early_stopping"))
    window = training_window(net)
    page = window.inspector.network_page
    window.view_state.select(None)
    assert page.patience.value() == 20 and page.restore_best.isChecked()
    page.restore_best.setChecked(False)  # a student unticks the box: one undoable settings edit
    assert window.document.network.training.early_stopping_restore_best is False
    window.document.undo_stack.undo()
    assert window.document.network.training.early_stopping_restore_best is True and page.restore_best.isChecked()

    reference = net.copy()
    trainer = core.Trainer(reference)
    expected = trainer.run(epochs=500)
    assert expected.reason == "early_stopped"

    window.training.play()
    snap = wait_finished(qtbot, window.training, timeout=60000)
    assert snap.state == "early_stopped" and snap.epoch == trainer.epoch
    marker = _loss_panel(window).best_epoch
    assert marker.epoch == trainer.best_epoch and marker.line.isVisible()
    note = _loss_panel(window).summary.forms()[0]  # why, in the panel it concerns (its longest form)
    assert f"epoch {trainer.epoch} is 20 epochs after the lowest validation loss" in note
    assert f"the weights of epoch {trainer.best_epoch} were restored" in note
    shown = _loss_panel(window).summary.text()  # the form that fits: when, the patience and whose weights
    assert f"epoch {trainer.epoch}" in shown and "20" in shown and f"epoch {trainer.best_epoch}" in shown
    assert window.statusBar().currentMessage() == f"Training stopped early at epoch {trainer.epoch}."
    assert window.document.network.flat.tobytes() == reference.flat.tobytes()  # the best weights came back


def _loss_panel(window):
    from desktop.panels.loss import LossPanel

    return window.findChild(LossPanel)


def test_the_best_epoch_label_stays_inside_a_laptops_loss_plot(qtbot, training_window):
    """At 1024×700 the loss plot is narrow: "best validation: epoch E" must not run off its left
    edge (it read "t validation: epoch 56"), and it is written whole on a side where it fits."""
    from PySide6.QtWidgets import QApplication

    net = core.load_network(core.example_path("early_stopping"))
    window = training_window(net)
    window.resize(1024, 700)
    window.apply_default_layout()
    QApplication.instance().processEvents()
    window.training.play()
    wait_finished(qtbot, window.training, timeout=60000)
    QApplication.instance().processEvents()
    marker = _loss_panel(window).best_epoch
    assert marker.line.isVisible()
    view_box = _loss_panel(window).loss_plot.getViewBox()
    box = view_box.sceneBoundingRect()
    for step in (float(marker.line.value()), view_box.viewRange()[0][0]):
        marker.line.setPos(step)  # the line where training put it, then at the plot's left edge
        QApplication.instance().processEvents()
        if not marker.label.isVisible():  # no room for "best: step S (epoch E)" either side: the legend names it
            assert marker.short_words() in _loss_panel(window).legend_entries()  # (not "best: step S": review 24 #9)
            continue
        label = marker.label.sceneBoundingRect()
        assert box.left() - 1 <= label.left() and label.right() <= box.right() + 1, (step, label, box)
        assert f"step {marker.step}" in marker.label.toPlainText()  # the x axis's unit (review 11 #16)


@pytest.mark.parametrize("size", [(1024, 700), (1400, 900)])
def test_the_student_reads_whole_that_training_stopped_early_and_whose_weights_are_shown(qtbot, main_window, size):
    """The teacher's review: the status bar read "Epoch 53 · Step 477 · now, all training data: loss 0.3201"
    and the Loss panel "epoch 53 mean: loss 0.3954" beside epoch 33's restored weights, and the one
    sentence that said so was cut in the status bar ("Training stopped: early stopping: ep…")."""
    from PySide6.QtWidgets import QApplication, QLabel
    from test_status_bar_readable import drawn_lines

    window = main_window
    window.resize(*size)
    assert window.files.open_example(str(core.example_path("early_stopping")))  # the Lessons menu's action
    window.apply_default_layout()
    qtbot.waitUntil(lambda: window.training.latest is not None, timeout=15000)
    reference = core.load_network(core.example_path("early_stopping"))
    trainer = core.Trainer(reference)
    assert trainer.run(epochs=500).reason == "early_stopped" and reference.training.early_stopping_restore_best
    best, last = trainer.best_epoch, trainer.epoch
    shown = trainer.evaluate()  # the restored weights' loss on all the training data, and on the validation data
    loss, accuracy = format_loss_parts(shown.train_loss, None), f"{100 * shown.train_accuracy:.1f} %"
    lowest = format_loss_parts(shown.validation_loss, None)  # the lowest validation loss: the best epoch's weights

    qtbot.keyClick(window, Qt.Key.Key_F5)  # Play
    qtbot.waitUntil(lambda: not window.training.running and window.training.latest.state == "early_stopped",
                    timeout=60000)
    for _ in range(5):
        QApplication.processEvents()
    assert window.document.network.flat.tobytes() == reference.flat.tobytes()  # the best epoch's weights are shown

    status = window.findChild(QLabel, "status_training")
    figures = "".join(text for text, _ in drawn_lines(status))
    assert figures.startswith(f"Epoch {last} · weights of epoch {best}, all training data: loss {loss}, "
                              f"accuracy {accuracy}"), figures
    assert "now, all training data" not in status.text()

    note = _loss_panel(window).summary  # the line under the plots: no epoch-{last} mean beside epoch {best}'s weights
    assert note.isVisible()
    lines = [text for text, _ in drawn_lines(note)]
    written = " ".join(line.strip() for line in lines)
    # short and whole (the review: the whole sentence took four lines of the Loss panel at 1024×700): when it
    # stopped, the patience, whose weights the network holds and their losses, each named by its data (review 19:
    # "epoch 33 restored: loss 0.3201" was the training data's loss, read as the lowest validation loss 0.2836)
    assert f"validation loss {lowest}, " in written, written
    assert f"training loss {loss}" in written or f"all training data loss {loss}" in written, written
    assert written.startswith("Stopped") and f"epoch {last}" in written and f"patience {last - best}" in written
    if size == (1024, 700):
        assert written.startswith(f"Stopped at epoch {last} (patience {last - best}); epoch {best} restored: "
                                  f"validation loss {lowest}, training loss {loss}"), written
    assert last - best == reference.training.early_stopping_patience == 20
    assert len(lines) <= 3, lines
    why = trainer.early_stop_message()
    assert why.endswith(f"the weights of epoch {best} were restored")
    assert note.forms()[0] == f"Stopped early: {why}: all training data loss {loss}, training accuracy {accuracy}."
    for form in note.forms() + [written]:  # every accuracy names its data (review 20: "acc. 95.0 %", whose?)
        assert "acc." not in form and form.count("accuracy") == form.count("training accuracy"), form
    assert note.visibleRegion().boundingRect().height() == note.height()  # not under another widget

    bar = window.statusBar()
    assert bar.shown_message() == bar.currentMessage() == f"Training stopped early at epoch {last}."  # not cut
