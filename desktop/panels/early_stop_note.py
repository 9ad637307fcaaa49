"""The Loss panel's note after early stopping: why training stopped, and which epoch's weights the
network holds now, with their loss.

Early stopping (``core.Trainer``) ends a run P epochs after the lowest validation loss and, when the
settings say so, puts that epoch's weights back (``Snapshot.restored_epoch``). The network on screen
then holds the best epoch's weights, while the run's counters (epoch, step) and the curves' ends are
those of the last epoch trained. The note says so in one sentence, with the losses of the weights shown,
each named by its data: the validation loss and the loss (and accuracy) on all the training data, from
the finished snapshot's ``evaluation`` at those weights (the status bar's figures). A bare "loss 0.3201"
beside the dashed line of the lowest validation loss read as that lowest validation loss; it was the
training data's. ``early_stop_forms`` writes the note at several lengths for a ``FittingLabel`` (the
longest is ``Trainer.early_stop_message``'s); every form keeps the epoch it stopped at, the patience
(the epochs since the lowest validation loss), whose weights the network holds and both losses.
"""

from __future__ import annotations

from core.notation import format_loss_parts

from .best_epoch import best_validation

NO_BREAK = "\u00a0"


def early_stop_forms(snap, pending=None) -> list[str]:
    """[] unless ``snap`` ended a run by early stopping; else the note at several lengths, most words
    first: ``early_stop_note``'s sentence, …, 'Stopped early at epoch 32 (patience 20); epoch 12's
    weights restored: validation loss 0.2196, all training data loss 0.1562, training accuracy 95.0 %.',
    'Stopped at epoch 32 (patience 20); epoch 12 restored: validation loss 0.2196, training loss
    0.1562, training accuracy 95.0 %.', 'Stopped at epoch 32 (patience 20); epoch 12 restored: validation loss
    0.2196, training loss 0.1562.' Each loss names its data: the validation loss and the loss (and
    accuracy) on all the training data, both at the weights shown (the finished snapshot's
    ``evaluation``, which the status bar writes too; restored, the validation loss is the lowest, the
    one the dashed line marks); the accuracy, of the training data too, says so ("acc. 95.0 %" beside the
    validation loss read as either's: review 20). ``pending`` as for ``early_stop_note``."""
    long = early_stop_note(snap, pending)
    if not long:
        return []
    best = snap.restored_epoch
    if best is None:
        found = best_validation(snap)
        best = found[0] if found is not None else None
    if best is None:  # no finite validation loss: only the long sentence says what happened
        return [long]
    patience = snap.epoch - best
    restored = snap.restored_epoch is not None
    kept = f"epoch {best}'s weights restored" if restored else f"epoch {snap.epoch}'s weights kept"
    short_kept = f"epoch {best} restored" if restored else f"epoch {snap.epoch} kept"
    validation, train, accuracy = _figures(snap, pending)
    said = ", ".join(f for f in (validation and f"validation loss {validation}",
                                 train and f"all training data loss {train}",
                                 accuracy and f"training accuracy {accuracy}") if f)
    short = ", ".join(f for f in (validation and f"validation loss {validation}", train and f"training loss {train}")
                      if f)
    said, short_said = (f": {said}" if said else ""), (f": {short}" if short else "")
    short_accuracy = f", training accuracy {accuracy}" if accuracy and short else ""
    return [long,
            f"Stopped early at epoch {snap.epoch}, {patience} epochs (the patience) after the lowest validation "
            f"loss; {kept}{said}.",
            f"Stopped early at epoch {snap.epoch} (patience {patience}); {kept}{said}.",
            f"Stopped at epoch {snap.epoch} (patience {patience}); {short_kept}{short_said}{short_accuracy}.",
            f"Stopped at epoch {snap.epoch} (patience {patience}); {short_kept}{short_said}."]


def _figures(snap, pending) -> tuple[str, str, str]:
    """(validation loss, loss on all the training data, training accuracy) at the weights shown, as
    written ('' for a figure not measured; ``pending``'s words for one held back)."""
    e = snap.evaluation or {}
    pending = pending or (lambda quantity: None)
    validation = train = accuracy = ""
    if e.get("validation_loss") is not None:
        validation = pending("loss") or format_loss_parts(e["validation_loss"], None)
    if e.get("train_loss") is not None:
        train = pending("loss") or format_loss_parts(e["train_loss"], e.get("penalty"))
        if e.get("train_accuracy") is not None:
            accuracy = pending("accuracy") or f"{100 * e['train_accuracy']:.1f}{NO_BREAK}%"  # "%" never alone on a line
    return validation, train, accuracy


def early_stop_note(snap, pending=None) -> str:
    """'' unless ``snap`` ended a run by early stopping; else, e.g., 'Stopped early: epoch 32 is 20
    epochs after the lowest validation loss (0.2196, epoch 12); the weights of epoch 12 were restored:
    all training data loss 0.1562, training accuracy 95.0 %.' ``pending`` (``ViewState.pending_figure``) writes
    a figure the step-through has not computed yet ('? (computed in Loss)') in its place."""
    why = stopped_early(snap)
    if why is None:
        return ""
    text = f"Stopped early: {why or 'the validation loss stopped improving'}"
    e = snap.evaluation
    if not e or e.get("train_loss") is None:
        return text + "."
    pending = pending or (lambda quantity: None)
    text += f": all training data loss {pending('loss') or format_loss_parts(e['train_loss'], e.get('penalty'))}"
    accuracy = e.get("train_accuracy")
    if accuracy is not None:
        text += f", training accuracy {pending('accuracy') or f'{100 * accuracy:.1f} %'}"
    return text + "."


def stopped_early(snap) -> str | None:
    """Why early stopping ended the run whose end ``snap``'s weights are (the trainer's words, '' when it gave
    none), None when it did not: the snapshot that ended the run (its ``message``), or one that loaded that end
    again (a reopened file that kept its run, an Undo then Redo back to it: ``Snapshot.early_stop``), so that the
    caption says the same of the same weights."""
    if snap is None:
        return None
    if snap.state == "early_stopped":
        return snap.message or snap.early_stop
    return snap.early_stop or None
