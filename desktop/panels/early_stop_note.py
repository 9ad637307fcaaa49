"""The Loss panel's note after early stopping: why training stopped, and which epoch's weights the
network holds now, with their loss.

Early stopping (``core.Trainer``) ends a run P epochs after the lowest validation loss and, when the
settings say so, puts that epoch's weights back (``Snapshot.restored_epoch``). The network on screen
then holds the best epoch's weights, while the run's counters (epoch, step) and the curves' ends are
those of the last epoch trained. The note says so in one sentence, with the loss of the weights shown:
the finished snapshot's ``evaluation``, measured on all the training data at those weights, the status
bar's figures. ``early_stop_forms`` writes it at several lengths for a ``FittingLabel`` (the longest
is ``Trainer.early_stop_message``'s; at 1024×700 it took four lines of the Loss panel); every form keeps
the epoch it stopped at, the patience (the epochs since the lowest validation loss) and whose weights
the network holds, with their loss.
"""

from __future__ import annotations

from core.notation import format_loss_parts

from .best_epoch import best_validation

NO_BREAK = "\u00a0"


def early_stop_forms(snap, pending=None) -> list[str]:
    """[] unless ``snap`` ended a run by early stopping; else the note at several lengths, most words
    first: ``early_stop_note``'s sentence, …, 'Stopped early at epoch 53 (patience 20); epoch 33's
    weights restored: loss 0.3201, accuracy 88.1 %.', 'Stopped at epoch 53 (patience 20); epoch 33
    restored: loss 0.3201, acc. 88.1 %.', 'Stopped at epoch 53 (patience 20); epoch 33 restored: loss
    0.3201.' (the loss and accuracy on all the training data at the weights shown, which the status
    bar writes too; ``pending`` as for ``early_stop_note``)."""
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
    e = snap.evaluation or {}
    figures = []
    if e.get("train_loss") is not None:
        pending = pending or (lambda quantity: None)
        figures.append(f"loss {pending('loss') or format_loss_parts(e['train_loss'], e.get('penalty'))}")
        accuracy = e.get("train_accuracy")
        if accuracy is not None:
            percent = f"{100 * accuracy:.1f}{NO_BREAK}%"  # "%" never alone on a line
            figures.append(f"accuracy {pending('accuracy') or percent}")
    said = f": {', '.join(figures)}" if figures else ""
    return [long,
            f"Stopped early at epoch {snap.epoch}, {patience} epochs (the patience) after the lowest validation "
            f"loss; {kept}{said}.",
            f"Stopped early at epoch {snap.epoch} (patience {patience}); {kept}{said}.",
            f"Stopped at epoch {snap.epoch} (patience {patience}); {short_kept}{said.replace('accuracy', 'acc.')}.",
            f"Stopped at epoch {snap.epoch} (patience {patience}); {short_kept}{': ' + figures[0] if figures else ''}."]


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
