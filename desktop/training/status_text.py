"""The training status in the status bar, in words (``status_text``): the run's figures, each saying
what it is. No Qt: the window's ``TrainingUI`` writes it into its label."""

from __future__ import annotations

import numpy as np

from core.notation import format_loss_parts
from desktop.reveal import after_steps
from desktop.weights_words import maybe_trained_file


def status_text(snap, view_state=None) -> str:
    """The run's figures, each saying what it is.

    At the end of a run (``snap.evaluation``: measured on all the data at the weights now):
    'Epoch 3 · Step 120 · now, all training data: loss 0.0123, accuracy 97.5 % · validation:
    loss 0.2, accuracy 95 %'; after early stopping restored epoch 33's weights (``snap.restored_epoch``):
    'Epoch 53 · weights of epoch 33, all training data: loss 0.3201, …'. While running (the last finished epoch, measured on its batches
    as they were trained): 'Epoch 3 · Step 120 · epoch 3 mean loss 0.0150, accuracy 96.9 % ·
    5,400 steps/s'. During a step-through (``view_state``), the loss and the accuracy (the output
    against the target) before the Loss phase are written as ``ViewState.pending_figure`` says:
    'loss ? (appears in the Loss phase)'; the loss now, at the weights after the session's k steps, asks about
    those (``reveal.after_steps(k)``: a lesson's student who answered the loss there has it). With a regularization penalty on, the training loss is L with its
    parts, 'loss 0.54 (data loss 0.49 + penalty 0.05)', and the validation loss (no penalty) reads
    'validation: data loss 0.2'. A file opened (or saved) and not changed, at step 0 of its session: 'Epoch 0 ·
    Step 0 · weights as saved · …': they may have been trained before (not a bundled lesson's own file); a
    file that kept its training run opens at that run's epoch and step ('Epoch 1 · Step 53 · now, …').
    """
    hidden_loss, hidden_accuracy = (None, None) if view_state is None else \
        (view_state.pending_figure("loss"), view_state.pending_figure("accuracy"))

    def figures(loss, accuracy, penalty=None, data_only=False, steps=None) -> str:
        # a loss measured at the weights after ``steps`` steps asks about those, as the Loss panel's caption does
        # (review 20 #6: "loss ? (shows once you answer)" here beside its "loss 0.49" the student had answered)
        held = hidden_loss if steps is None or view_state is None else \
            view_state.pending_figure("loss", after_steps(steps))
        text = f"{'data loss' if data_only else 'loss'} {held or format_loss_parts(loss, penalty)}"
        if accuracy is not None:
            text += f", accuracy {hidden_accuracy or f'{100 * accuracy:.1f} %'}"
        return text

    restored = snap.restored_epoch
    e = snap.evaluation
    # after early stopping restored an epoch's weights: the figures are theirs, and say so (the
    # step count gives way: the Loss panel's note tells the rest)
    parts = [f"Epoch {snap.epoch}"] + ([f"Step {snap.step}"] if restored is None or not e else [])
    if restored is not None and not e:  # not measured (yet) at those weights: no other epoch's figures beside them
        return " · ".join(parts + [f"weights of epoch {restored} (restored)"])
    if e:
        what = "now, all training data" if restored is None else f"weights of epoch {restored}, all training data"
    else:
        e = snap.last_epoch or {}
        what = f"epoch {e.get('epoch', snap.epoch)} mean" if e else ""
    loss = e.get("train_loss") if e else None
    penalty = e.get("penalty") if e else None
    if loss is None and snap.last_loss is not None:
        loss, what, penalty = snap.last_loss, "last batch", None
    if loss is not None and np.isfinite(loss):
        measured_at = snap.step if snap.evaluation and restored is None else None  # (now: after the steps taken)
        parts.append(f"{what}: {figures(loss, e.get('train_accuracy'), penalty, steps=measured_at)}")
    if e.get("validation_loss") is not None:  # the data loss: with a penalty on, it says so
        data_only = e.get("penalty") is not None
        parts.append(f"validation: {figures(e['validation_loss'], e.get('validation_accuracy'), None, data_only)}")
    if snap.step == 0 and view_state is not None and maybe_trained_file(view_state):  # (no run was saved with them)
        parts.insert(2, "weights as saved")  # (the Loss panel's caption says what the file does not keep)
    if snap.steps_per_second > 0 and snap.state == "running":
        parts.append(f"{snap.steps_per_second:,.0f} steps/s")
    return " · ".join(parts)
