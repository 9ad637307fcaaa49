"""early_stopping from File → Examples, trained with F5 until it stops early: the Loss plot's dashed line said
"best: step 24" while its caption said "epoch 12 restored", and the weight trajectories ran on to step ~104 with no
mark at the weights the canvas holds again (teacher review 24 #9). Both plots mark that step with its epoch."""
from __future__ import annotations

from PySide6.QtCore import Qt

from lesson_support import Student


def open_from_examples(window, name: str) -> None:
    examples = window.menus["Examples"]
    examples.aboutToShow.emit()  # (the menu fills itself when it opens)
    next(a for a in examples.actions() if a.objectName() == f"example_{name}").trigger()


def test_the_restored_epoch_is_marked_on_the_loss_and_the_trajectories(main_window, canvas, qtbot):
    w = main_window
    w.resize(1024, 700)
    w.apply_default_layout()
    open_from_examples(w, "early_stopping")
    w.training.wait_for_step_0()
    canvas.key(Qt.Key.Key_F5)  # Play: runs until early stopping ends it
    qtbot.waitUntil(lambda: w.training.latest is not None and w.training.latest.finished
                    and not w.training.running, timeout=60000)
    snap = w.training.latest
    assert snap.restored_epoch is not None and snap.restored_step is not None
    epoch, step = snap.restored_epoch, snap.restored_step
    loss = w.training.ui.loss
    marker = loss.best_epoch
    qtbot.waitUntil(lambda: marker.line.isVisible(), timeout=5000)
    said = marker.label.toPlainText() if marker.label.isVisible() else " ".join(loss.legend_entries())
    assert f"step {step} (epoch {epoch})" in said, said  # the caption's "epoch E restored", on the line too
    assert f"epoch {epoch} restored" in loss.summary.text()
    Student(qtbot, w).click_tab("Weight trajectories")
    panel = w.training.ui.trajectories
    qtbot.waitUntil(lambda: panel.isVisible() and panel.restored.line.isVisible(), timeout=5000)
    assert panel.restored.line.value() == step
    assert panel.restored.label.toPlainText() == f"epoch {epoch} restored"  # (the caption's words)
    assert float(snap.trajectory_steps[-1]) > step  # (the curves run on past it: why the mark is needed)
    w.document.undo_stack.setClean()
