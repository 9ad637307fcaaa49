"""The Loss panel's note after early stopping: why training stopped, and which epoch's weights the
network holds now, with their loss.

Early stopping (``core.Trainer``) ends a run P epochs after the lowest validation loss and, when the
settings say so, puts that epoch's weights back (``Snapshot.restored_epoch``). The network on screen
then holds the best epoch's weights, while the run's counters (epoch, step) and the curves' ends are
those of the last epoch trained. The note says so in one sentence (``Trainer.early_stop_message``),
with the loss of the weights shown: the finished snapshot's ``evaluation``, measured on all the
training data at those weights, the status bar's figures.
"""

from __future__ import annotations

from core.notation import format_loss_parts


def early_stop_note(snap, pending=None) -> str:
    """'' unless ``snap`` ended a run by early stopping; else, e.g., 'Stopped early: epoch 53 is 20
    epochs after the lowest validation loss (0.2836, epoch 33); the weights of epoch 33 were restored:
    all training data loss 0.3201, accuracy 88.1 %.' ``pending`` (``ViewState.pending_figure``) writes
    a figure the step-through has not computed yet ('? (computed in Loss)') in its place."""
    if snap is None or snap.state != "early_stopped":
        return ""
    text = f"Stopped early: {snap.message or 'the validation loss stopped improving'}"
    e = snap.evaluation
    if not e or e.get("train_loss") is None:
        return text + "."
    pending = pending or (lambda quantity: None)
    text += f": all training data loss {pending('loss') or format_loss_parts(e['train_loss'], e.get('penalty'))}"
    accuracy = e.get("train_accuracy")
    if accuracy is not None:
        text += f", accuracy {pending('accuracy') or f'{100 * accuracy:.1f} %'}"
    return text + "."
